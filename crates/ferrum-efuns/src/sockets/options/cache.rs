//! Response cache options (200-209).

use super::*;

pub const SO_CACHE_ENABLE: i64 = 200;
pub const SO_CACHE_TTL: i64 = 201;
pub const SO_CACHE_MAX_SIZE: i64 = 202;
pub const SO_CACHE_KEY_PATTERN: i64 = 203;
pub const SO_CACHE_HEADERS: i64 = 204;
pub const SO_CACHE_METHODS: i64 = 205;
pub const SO_CACHE_EXCLUDE_PATTERNS: i64 = 206;
pub const SO_CACHE_THREAD_POOL_SIZE: i64 = 207;
pub const SO_CACHE_INVALIDATE_PATTERN: i64 = 208;
pub const SO_CACHE_STATISTICS: i64 = 209;

fn ttl_default() -> Value {
    Value::Int(300)
}

fn ttl(v: &Value) -> Result<(), String> {
    in_range(v, 1, 86400)
}

fn max_size_default() -> Value {
    Value::Int(64 << 20)
}

fn methods_default() -> Value {
    Value::array(vec![Value::from("GET"), Value::from("HEAD")])
}

fn key_pattern_default() -> Value {
    Value::from("{method}:{path}?{query}")
}

fn thread_pool(v: &Value) -> Result<(), String> {
    in_range(v, 1, 64)
}

fn statistics_default() -> Value {
    let m = ferrum_vm::Mapping::new();
    for k in ["hits", "misses", "entries", "bytes", "evictions"] {
        m.insert(Value::from(k), Value::Int(0));
    }
    Value::Mapping(m)
}

pub(super) const OPTIONS: &[OptionSpec] = &[
    OptionSpec { number: SO_CACHE_ENABLE, name: "SO_CACHE_ENABLE", kinds: &[Kind::Int], default: zero, validate: Some(boolean), store: Store::Replace },
    OptionSpec { number: SO_CACHE_TTL, name: "SO_CACHE_TTL", kinds: &[Kind::Int], default: ttl_default, validate: Some(ttl), store: Store::Replace },
    OptionSpec { number: SO_CACHE_MAX_SIZE, name: "SO_CACHE_MAX_SIZE", kinds: &[Kind::Int], default: max_size_default, validate: Some(positive), store: Store::Replace },
    OptionSpec { number: SO_CACHE_KEY_PATTERN, name: "SO_CACHE_KEY_PATTERN", kinds: &[Kind::String], default: key_pattern_default, validate: Some(non_empty_string), store: Store::Replace },
    OptionSpec { number: SO_CACHE_HEADERS, name: "SO_CACHE_HEADERS", kinds: &[Kind::Array], default: zero, validate: Some(strings_only), store: Store::Replace },
    OptionSpec { number: SO_CACHE_METHODS, name: "SO_CACHE_METHODS", kinds: &[Kind::Array], default: methods_default, validate: Some(strings_only), store: Store::Replace },
    OptionSpec { number: SO_CACHE_EXCLUDE_PATTERNS, name: "SO_CACHE_EXCLUDE_PATTERNS", kinds: &[Kind::Array], default: zero, validate: Some(strings_only), store: Store::Replace },
    OptionSpec { number: SO_CACHE_THREAD_POOL_SIZE, name: "SO_CACHE_THREAD_POOL_SIZE", kinds: &[Kind::Int], default: one, validate: Some(thread_pool), store: Store::Replace },
    OptionSpec { number: SO_CACHE_INVALIDATE_PATTERN, name: "SO_CACHE_INVALIDATE_PATTERN", kinds: &[Kind::String], default: zero, validate: Some(non_empty_string), store: Store::Action },
    OptionSpec { number: SO_CACHE_STATISTICS, name: "SO_CACHE_STATISTICS", kinds: &[Kind::Mapping], default: statistics_default, validate: None, store: Store::ReadOnly },
];
