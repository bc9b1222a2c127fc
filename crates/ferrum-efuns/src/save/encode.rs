//! Writing values in save_object()/save_variable() syntax.
//!
//! ints in decimal; floats as C's "%f"; strings quoted, with `"` and `\`
//! and carriage returns escaped by a backslash and newlines written as a
//! bare carriage return (so a value always fits on one line); arrays
//! `({a,b,})`, classes `(/a,b,/)`, mappings `([k:v,])` — every element is
//! followed by its separator. Objects, functions and buffers write
//! nothing at all (they restore as 0).

use crate::strings::cfmt::{format_fixed, SignFlag};
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::Value;

/// FluffOS's MAX_SAVE_SVALUE_DEPTH: how deeply arrays, classes and
/// mappings may nest (this also stops cyclic structures).
pub const MAX_DEPTH: usize = 100;

/// The saved text of a value, or the error FluffOS raises for structures
/// nested too deeply.
pub fn try_save_value(v: &Value) -> VmResult<String> {
    let mut out = String::new();
    write_value(v, &mut out, 0)?;
    Ok(out)
}

fn too_deep() -> LpcError {
    LpcError::new(format!(
        "Mappings and/or arrays nested too deep ({}) for save_object",
        MAX_DEPTH
    ))
}

fn write_value(v: &Value, out: &mut String, depth: usize) -> VmResult<()> {
    match v {
        Value::Undefined => out.push('0'),
        Value::Int(n) => out.push_str(&n.to_string()),
        Value::Float(f) => out.push_str(&format_fixed(*f, SignFlag::None, 6)),
        Value::Str(s) => write_string(s.as_str(), out),
        Value::Array(a) => {
            let items = a.to_vec();
            write_items(&items, "({", "})", out, depth)?;
        }
        Value::Class(c) => {
            let items = c.fields.borrow().clone();
            write_items(&items, "(/", "/)", out, depth)?;
        }
        Value::Mapping(m) => {
            if depth + 1 > MAX_DEPTH {
                return Err(too_deep());
            }
            out.push_str("([");
            for (k, val) in m.pairs() {
                write_value(&k, out, depth + 1)?;
                out.push(':');
                write_value(&val, out, depth + 1)?;
                out.push(',');
            }
            out.push_str("])");
        }
        // A destructed object is 0; a live one, like a function or a
        // buffer, has no saved form.
        Value::Object(o) if o.is_destructed() => out.push('0'),
        Value::Object(_) | Value::Function(_) | Value::Buffer(_) => {}
        // A promise cannot be saved: it saves as 0.
        Value::Promise(_) => out.push('0'),
        Value::Ref(r) => {
            let inner = r.borrow().clone();
            write_value(&inner, out, depth)?;
        }
    }
    Ok(())
}

fn write_items(
    items: &[Value],
    open: &str,
    close: &str,
    out: &mut String,
    depth: usize,
) -> VmResult<()> {
    if depth + 1 > MAX_DEPTH {
        return Err(too_deep());
    }
    out.push_str(open);
    for item in items {
        write_value(item, out, depth + 1)?;
        out.push(',');
    }
    out.push_str(close);
    Ok(())
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' | '\r' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push('\r'),
            c => out.push(c),
        }
    }
    out.push('"');
}
