//! FluffOS's save format (src/vm/internal/base/object.cc save_svalue /
//! restore_svalue, src/packages/core/save.cc): save_object(),
//! restore_object(), save_variable(), restore_variable(), and contrib's
//! restore_from_string().
//!
//! The same text is what MUD-mode sockets send, so `save_value` and
//! `restore_value` are public for the socket package.

mod decode;
mod encode;
mod object;

#[cfg(test)]
mod tests;

use crate::args;
use decode::Malformed;
use ferrum_vm::efun;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{Value, Vm};

pub use encode::{try_save_value, MAX_DEPTH};
pub use object::{header_name, save_lines};

pub const EFUNS: &[EfunSpec] = &[
    efun!(
        "mixed save_object(string | int | void, void | int)",
        object::save_object
    ),
    efun!(
        "int restore_object(string, void | int)",
        object::restore_object
    ),
    efun!(
        "void restore_from_string(string, void | int)",
        object::restore_from_string
    ),
    efun!("string save_variable(mixed)", save_variable),
    efun!("mixed restore_variable(string)", restore_variable),
];

/// A value in save_variable() syntax. Parts nested more than `MAX_DEPTH`
/// deep (or cyclic) cannot be saved; `try_save_value` reports them as
/// FluffOS does, this writes them as nothing (they restore as 0).
pub fn save_value(v: &Value) -> String {
    try_save_value(v).unwrap_or_else(|_| encode_shallow(v, 0))
}

/// `save_value` that stops descending at the depth limit.
fn encode_shallow(v: &Value, depth: usize) -> String {
    let nested = |items: Vec<Value>, open: &str, close: &str| {
        if depth + 1 > MAX_DEPTH {
            return String::new();
        }
        let inner: String = items
            .iter()
            .map(|i| encode_shallow(i, depth + 1) + ",")
            .collect();
        format!("{}{}{}", open, inner, close)
    };
    match v {
        Value::Array(a) => nested(a.to_vec(), "({", "})"),
        Value::Class(c) => nested(c.fields.borrow().clone(), "(/", "/)"),
        Value::Mapping(m) => {
            if depth + 1 > MAX_DEPTH {
                return String::new();
            }
            let inner: String = m
                .pairs()
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{}:{},",
                        encode_shallow(k, depth + 1),
                        encode_shallow(v, depth + 1)
                    )
                })
                .collect();
            format!("([{}])", inner)
        }
        other => try_save_value(other).unwrap_or_default(),
    }
}

/// Reads a value in save_variable() syntax, with restore_variable()'s
/// errors. (A malformed class reads as 0, as in FluffOS.)
pub fn restore_value(text: &str) -> VmResult<Value> {
    match decode::parse_value(text.as_bytes()) {
        Ok(v) => Ok(v),
        Err(Malformed::Class) => Ok(Value::Int(0)),
        Err(Malformed::Utf8) => Err(LpcError::new("restore_object(): string is not valid utf8.")),
        Err(kind) => Err(LpcError::new(format!(
            "restore_object(): Illegal {} format.",
            kind.word()
        ))),
    }
}

/// `save_variable(value)`: the value as save_object() writes it.
fn save_variable(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::from(try_save_value(args::opt(args, 0))?))
}

/// `restore_variable(text)`: the value save_variable() wrote.
fn restore_variable(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    restore_value(args::string(args, 0)?)
}
