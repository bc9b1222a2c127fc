//! The socket option manager.
//!
//! Each mode family declares its options in its own module as a table of
//! `OptionSpec`s (number, name, accepted types, default, validator, how a
//! set is stored); `REGISTRY` lists the families. The core here only looks
//! options up, validates, stores per socket and answers defaults, so a new
//! mode plugs in by adding a table.

mod apache;
mod cache;
mod external;
mod http;
mod mqtt;
mod rest;
mod tls;
mod websocket;

pub use apache::*;
pub use cache::*;
pub use external::*;
pub use http::*;
pub use mqtt::*;
pub use rest::*;
pub use tls::*;
pub use websocket::*;

use ferrum_vm::Value;
use std::collections::BTreeMap;

/// Which value kinds an option takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Int,
    Float,
    String,
    Mapping,
    Array,
    Buffer,
    /// A function name or pointer.
    Callable,
}

impl Kind {
    fn matches(self, v: &Value) -> bool {
        match self {
            Kind::Int => matches!(v, Value::Int(_)),
            Kind::Float => matches!(v, Value::Float(_) | Value::Int(_)),
            Kind::String => matches!(v, Value::Str(_)),
            Kind::Mapping => matches!(v, Value::Mapping(_)),
            Kind::Array => matches!(v, Value::Array(_)),
            Kind::Buffer => matches!(v, Value::Buffer(_)),
            Kind::Callable => matches!(v, Value::Str(_) | Value::Function(_)),
        }
    }
}

/// What setting an option does to the stored value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    /// The new value replaces the old one.
    Replace,
    /// The value is appended to an array of all values set (REST_ADD_ROUTE).
    Append,
    /// Nothing is stored: the value triggers an action
    /// (SO_CACHE_INVALIDATE_PATTERN).
    Action,
    /// The option cannot be set, only read (SO_CACHE_STATISTICS).
    ReadOnly,
}

pub type Validator = fn(&Value) -> Result<(), String>;

pub struct OptionSpec {
    pub number: i64,
    pub name: &'static str,
    pub kinds: &'static [Kind],
    /// The value `socket_get_option` answers when none was set.
    pub default: fn() -> Value,
    pub validate: Option<Validator>,
    pub store: Store,
}

/// Every mode family's options.
pub const REGISTRY: &[&[OptionSpec]] = &[
    tls::OPTIONS,
    http::OPTIONS,
    rest::OPTIONS,
    websocket::OPTIONS,
    mqtt::OPTIONS,
    external::OPTIONS,
    cache::OPTIONS,
    apache::OPTIONS,
];

pub fn find(number: i64) -> Option<&'static OptionSpec> {
    REGISTRY.iter().flat_map(|t| t.iter()).find(|s| s.number == number)
}

/// Every option, by number (for docs and tests).
pub fn all() -> Vec<&'static OptionSpec> {
    let mut v: Vec<_> = REGISTRY.iter().flat_map(|t| t.iter()).collect();
    v.sort_by_key(|s| s.number);
    v
}

// ----- shared defaults and validators -----

pub fn zero() -> Value {
    Value::Int(0)
}

pub fn one() -> Value {
    Value::Int(1)
}

pub fn boolean(v: &Value) -> Result<(), String> {
    match v.as_int() {
        Some(0) | Some(1) => Ok(()),
        _ => Err("must be 0 or 1".into()),
    }
}

pub fn non_negative(v: &Value) -> Result<(), String> {
    match v.as_int() {
        Some(n) if n >= 0 => Ok(()),
        _ => Err("must not be negative".into()),
    }
}

pub fn positive(v: &Value) -> Result<(), String> {
    match v.as_int() {
        Some(n) if n > 0 => Ok(()),
        _ => Err("must be positive".into()),
    }
}

pub fn non_empty_string(v: &Value) -> Result<(), String> {
    match v.as_str() {
        Some(s) if !s.is_empty() => Ok(()),
        _ => Err("must be a non-empty string".into()),
    }
}

pub fn strings_only(v: &Value) -> Result<(), String> {
    match v {
        Value::Array(a) if a.borrow().iter().all(|x| matches!(x, Value::Str(_))) => Ok(()),
        Value::Array(_) => Err("must be an array of strings".into()),
        _ => Ok(()),
    }
}

/// Checks an int against an inclusive range.
pub fn in_range(v: &Value, lo: i64, hi: i64) -> Result<(), String> {
    match v.as_int() {
        Some(n) if (lo..=hi).contains(&n) => Ok(()),
        _ => Err(format!("must be between {} and {}", lo, hi)),
    }
}

/// One socket's option values.
#[derive(Default, Clone)]
pub struct OptionValues {
    values: BTreeMap<i64, Value>,
}

/// Why a set was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum SetError {
    UnknownOption,
    /// Wrong type or failed validation: `socket_set_option` answers 0.
    Invalid(String),
}

impl OptionValues {
    /// Validates and stores a value. Actions are returned for the caller
    /// to carry out.
    pub fn set(&mut self, number: i64, value: Value) -> Result<Option<Value>, SetError> {
        let spec = find(number).ok_or(SetError::UnknownOption)?;
        if spec.store == Store::ReadOnly {
            return Err(SetError::Invalid(format!("{} is read-only", spec.name)));
        }
        if !spec.kinds.iter().any(|k| k.matches(&value)) {
            return Err(SetError::Invalid(format!("{}: wrong type {}", spec.name, value.type_name())));
        }
        if let Some(check) = spec.validate {
            check(&value).map_err(|e| SetError::Invalid(format!("{}: {}", spec.name, e)))?;
        }
        match spec.store {
            Store::Replace => {
                self.values.insert(number, value);
                Ok(None)
            }
            Store::Append => {
                // A new array each time, so a clone of these values (kept
                // to undo a set that fails a later check) does not change.
                let mut items = match self.values.get(&number) {
                    Some(Value::Array(a)) => a.to_vec(),
                    _ => Vec::new(),
                };
                items.push(value);
                self.values.insert(number, Value::array(items));
                Ok(None)
            }
            Store::Action => Ok(Some(value)),
            Store::ReadOnly => unreachable!(),
        }
    }

    /// The value set, else the option's default. None for an unknown
    /// option.
    pub fn get(&self, number: i64) -> Option<Value> {
        let spec = find(number)?;
        Some(self.values.get(&number).cloned().unwrap_or_else(spec.default))
    }

    /// The value set (no default).
    pub fn explicit(&self, number: i64) -> Option<&Value> {
        self.values.get(&number)
    }

    pub fn int(&self, number: i64) -> i64 {
        self.get(number).and_then(|v| v.as_int()).unwrap_or(0)
    }

    pub fn string(&self, number: i64) -> Option<String> {
        match self.get(number)? {
            Value::Str(s) if !s.is_empty() => Some(s.to_string()),
            _ => None,
        }
    }

    pub fn clear(&mut self) {
        self.values.clear();
    }
}

#[cfg(test)]
mod tests;
