//! Helpers for reading efun arguments.
//!
//! The interpreter has already checked each argument against the efun's
//! signature, so these only convert; they still fail cleanly (instead of
//! panicking) if a signature and its implementation disagree.

use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::{Array, Buffer, FunctionPtr, LStr, Mapping, Value};
use ferrum_vm::ObjectRef;
use std::rc::Rc;

fn bad(i: usize, want: &str, got: &Value) -> LpcError {
    LpcError::new(format!("Bad argument {}: expected {}, got {}", i + 1, want, got.type_name()))
}

const UNDEF: &Value = &Value::Undefined;

/// Argument `i`, or undefined when it was not given.
pub fn opt(args: &[Value], i: usize) -> &Value {
    args.get(i).unwrap_or(UNDEF)
}

pub fn int(args: &[Value], i: usize) -> VmResult<i64> {
    let v = opt(args, i);
    v.as_int().ok_or_else(|| bad(i, "int", v))
}

/// An int argument that may be left out (defaulting to `default`).
pub fn int_or(args: &[Value], i: usize, default: i64) -> i64 {
    match args.get(i) {
        Some(Value::Int(n)) => *n,
        _ => default,
    }
}

pub fn float(args: &[Value], i: usize) -> VmResult<f64> {
    let v = opt(args, i);
    v.as_number().ok_or_else(|| bad(i, "float", v))
}

pub fn lstr(args: &[Value], i: usize) -> VmResult<LStr> {
    match opt(args, i) {
        Value::Str(s) => Ok(s.clone()),
        v => Err(bad(i, "string", v)),
    }
}

pub fn string(args: &[Value], i: usize) -> VmResult<&str> {
    match opt(args, i) {
        Value::Str(s) => Ok(s.as_str()),
        v => Err(bad(i, "string", v)),
    }
}

pub fn array(args: &[Value], i: usize) -> VmResult<Array> {
    match opt(args, i) {
        Value::Array(a) => Ok(a.clone()),
        v => Err(bad(i, "array", v)),
    }
}

pub fn mapping(args: &[Value], i: usize) -> VmResult<Mapping> {
    match opt(args, i) {
        Value::Mapping(m) => Ok(m.clone()),
        v => Err(bad(i, "mapping", v)),
    }
}

pub fn buffer(args: &[Value], i: usize) -> VmResult<Buffer> {
    match opt(args, i) {
        Value::Buffer(b) => Ok(b.clone()),
        v => Err(bad(i, "buffer", v)),
    }
}

pub fn object(args: &[Value], i: usize) -> VmResult<ObjectRef> {
    match opt(args, i) {
        Value::Object(o) if !o.is_destructed() => Ok(o.clone()),
        v => Err(bad(i, "object", v)),
    }
}

pub fn function(args: &[Value], i: usize) -> VmResult<Rc<FunctionPtr>> {
    match opt(args, i) {
        Value::Function(f) => Ok(f.clone()),
        v => Err(bad(i, "function", v)),
    }
}

/// Moves argument `i` out (leaving undefined), to avoid a clone.
pub fn take(args: &mut [Value], i: usize) -> Value {
    args.get_mut(i).map(std::mem::take).unwrap_or(Value::Undefined)
}
