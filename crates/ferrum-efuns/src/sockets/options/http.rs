//! HTTP client and server options (100-109).

use super::*;

pub const SO_HTTP_HEADERS: i64 = 100;
pub const SO_HTTP_METHOD: i64 = 101;
pub const SO_HTTP_URL: i64 = 102;
pub const SO_HTTP_BODY: i64 = 103;
pub const SO_HTTP_TIMEOUT: i64 = 104;
pub const SO_HTTP_USER_AGENT: i64 = 105;
pub const SO_HTTP_FOLLOW_REDIRECTS: i64 = 106;
pub const SO_HTTP_MAX_REDIRECTS: i64 = 107;
pub const SO_HTTP_CONNECT_TIMEOUT: i64 = 108;
pub const SO_HTTP_READ_TIMEOUT: i64 = 109;

fn get() -> Value {
    Value::from("GET")
}

fn thirty_seconds() -> Value {
    Value::Int(30000)
}

fn five() -> Value {
    Value::Int(5)
}

fn method(v: &Value) -> Result<(), String> {
    const METHODS: &[&str] = &["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"];
    match v.as_str() {
        Some(m) if METHODS.contains(&m.to_ascii_uppercase().as_str()) => Ok(()),
        _ => Err(format!("must be one of {}", METHODS.join(", "))),
    }
}

fn url(v: &Value) -> Result<(), String> {
    match v.as_str() {
        Some(u) if u.starts_with("http://") || u.starts_with("https://") || u.starts_with('/') => Ok(()),
        _ => Err("must be an http:// or https:// URL (or a path for REST clients)".into()),
    }
}

fn timeout(v: &Value) -> Result<(), String> {
    in_range(v, 1000, 300000)
}

fn max_redirects(v: &Value) -> Result<(), String> {
    in_range(v, 0, 20)
}

fn headers(v: &Value) -> Result<(), String> {
    match v {
        Value::Mapping(m) => {
            for (k, val) in m.borrow().iter() {
                if !matches!(k, Value::Str(_)) {
                    return Err("header names must be strings".into());
                }
                if !matches!(val, Value::Str(_) | Value::Int(_) | Value::Array(_)) {
                    return Err("header values must be strings".into());
                }
            }
            Ok(())
        }
        _ => Err("must be a mapping".into()),
    }
}

pub(super) const OPTIONS: &[OptionSpec] = &[
    OptionSpec { number: SO_HTTP_HEADERS, name: "SO_HTTP_HEADERS", kinds: &[Kind::Mapping], default: zero, validate: Some(headers), store: Store::Replace },
    OptionSpec { number: SO_HTTP_METHOD, name: "SO_HTTP_METHOD", kinds: &[Kind::String], default: get, validate: Some(method), store: Store::Replace },
    OptionSpec { number: SO_HTTP_URL, name: "SO_HTTP_URL", kinds: &[Kind::String], default: zero, validate: Some(url), store: Store::Replace },
    OptionSpec { number: SO_HTTP_BODY, name: "SO_HTTP_BODY", kinds: &[Kind::String, Kind::Buffer, Kind::Mapping, Kind::Array], default: zero, validate: None, store: Store::Replace },
    OptionSpec { number: SO_HTTP_TIMEOUT, name: "SO_HTTP_TIMEOUT", kinds: &[Kind::Int], default: thirty_seconds, validate: Some(timeout), store: Store::Replace },
    OptionSpec { number: SO_HTTP_USER_AGENT, name: "SO_HTTP_USER_AGENT", kinds: &[Kind::String], default: zero, validate: None, store: Store::Replace },
    OptionSpec { number: SO_HTTP_FOLLOW_REDIRECTS, name: "SO_HTTP_FOLLOW_REDIRECTS", kinds: &[Kind::Int], default: zero, validate: Some(boolean), store: Store::Replace },
    OptionSpec { number: SO_HTTP_MAX_REDIRECTS, name: "SO_HTTP_MAX_REDIRECTS", kinds: &[Kind::Int], default: five, validate: Some(max_redirects), store: Store::Replace },
    OptionSpec { number: SO_HTTP_CONNECT_TIMEOUT, name: "SO_HTTP_CONNECT_TIMEOUT", kinds: &[Kind::Int], default: thirty_seconds, validate: Some(timeout), store: Store::Replace },
    OptionSpec { number: SO_HTTP_READ_TIMEOUT, name: "SO_HTTP_READ_TIMEOUT", kinds: &[Kind::Int], default: thirty_seconds, validate: Some(timeout), store: Store::Replace },
];
