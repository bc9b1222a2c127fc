//! External process and file-watch options (140-149).

use super::*;

pub const EXTERNAL_COMMAND: i64 = 140;
pub const EXTERNAL_ARGS: i64 = 141;
pub const EXTERNAL_ENV: i64 = 142;
pub const EXTERNAL_WATCH_PATH: i64 = 143;
pub const EXTERNAL_WORKING_DIR: i64 = 144;
pub const EXTERNAL_USER: i64 = 145;
pub const EXTERNAL_GROUP: i64 = 146;
pub const EXTERNAL_TIMEOUT: i64 = 147;
pub const EXTERNAL_BUFFER_SIZE: i64 = 148;
pub const EXTERNAL_ASYNC: i64 = 149;

fn buffer_size() -> Value {
    Value::Int(65536)
}

fn env(v: &Value) -> Result<(), String> {
    let Value::Mapping(m) = v else { return Err("must be a mapping".into()) };
    for (k, val) in m.borrow().iter() {
        match (k, val) {
            (Value::Str(name), Value::Str(_) | Value::Int(_)) if !name.is_empty() && !name.contains('=') => {}
            _ => return Err("must map variable names to strings".into()),
        }
    }
    Ok(())
}

fn buffer_bytes(v: &Value) -> Result<(), String> {
    in_range(v, 256, 64 << 20)
}

pub(super) const OPTIONS: &[OptionSpec] = &[
    OptionSpec { number: EXTERNAL_COMMAND, name: "EXTERNAL_COMMAND", kinds: &[Kind::String], default: zero, validate: Some(non_empty_string), store: Store::Replace },
    OptionSpec { number: EXTERNAL_ARGS, name: "EXTERNAL_ARGS", kinds: &[Kind::Array], default: zero, validate: Some(strings_only), store: Store::Replace },
    OptionSpec { number: EXTERNAL_ENV, name: "EXTERNAL_ENV", kinds: &[Kind::Mapping], default: zero, validate: Some(env), store: Store::Replace },
    OptionSpec { number: EXTERNAL_WATCH_PATH, name: "EXTERNAL_WATCH_PATH", kinds: &[Kind::String], default: zero, validate: Some(non_empty_string), store: Store::Replace },
    OptionSpec { number: EXTERNAL_WORKING_DIR, name: "EXTERNAL_WORKING_DIR", kinds: &[Kind::String], default: zero, validate: Some(non_empty_string), store: Store::Replace },
    OptionSpec { number: EXTERNAL_USER, name: "EXTERNAL_USER", kinds: &[Kind::String], default: zero, validate: Some(non_empty_string), store: Store::Replace },
    OptionSpec { number: EXTERNAL_GROUP, name: "EXTERNAL_GROUP", kinds: &[Kind::String], default: zero, validate: Some(non_empty_string), store: Store::Replace },
    OptionSpec { number: EXTERNAL_TIMEOUT, name: "EXTERNAL_TIMEOUT", kinds: &[Kind::Int], default: zero, validate: Some(non_negative), store: Store::Replace },
    OptionSpec { number: EXTERNAL_BUFFER_SIZE, name: "EXTERNAL_BUFFER_SIZE", kinds: &[Kind::Int], default: buffer_size, validate: Some(buffer_bytes), store: Store::Replace },
    OptionSpec { number: EXTERNAL_ASYNC, name: "EXTERNAL_ASYNC", kinds: &[Kind::Int], default: one, validate: Some(boolean), store: Store::Replace },
];
