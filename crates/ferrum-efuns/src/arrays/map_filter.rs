//! `map()` and `filter()` over arrays, strings and mappings (with their
//! aliases `map_array`, `map_mapping`, `filter_array`, `filter_mapping`).

use super::callback::{is_number_zero, Callback};
use ferrum_vm::error::VmResult;
use ferrum_vm::value::{LStr, Mapping, Value};
use ferrum_vm::Vm;

/// `mixed map(string | mapping | mixed *, string | function, ...)`
pub fn map(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    map_named(vm, args, "map")
}

/// `mixed filter(string | mixed * | mapping, string | function, ...)`
pub fn filter(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    filter_named(vm, args, "filter")
}

pub fn map_named(vm: &mut Vm, args: &mut [Value], efun: &str) -> VmResult<Value> {
    match &args[0] {
        Value::Mapping(m) => {
            // FluffOS reads the callback before looking at the mapping, so
            // a bad callback object fails even for an empty mapping.
            let m = m.clone();
            let cb = Callback::from_args(vm, args, 1, efun)?;
            map_mapping(vm, &m, &cb)
        }
        Value::Array(a) => {
            let items = a.to_vec();
            if items.is_empty() {
                return Ok(Value::array(Vec::new()));
            }
            let cb = Callback::from_args(vm, args, 1, efun)?;
            let mut out = vec![Value::Int(0); items.len()];
            for (slot, item) in out.iter_mut().zip(items) {
                match cb.call(vm, vec![item])? {
                    Some(v) => *slot = v,
                    // A missing named function stops the walk; the rest stay 0.
                    None => break,
                }
            }
            Ok(Value::array(out))
        }
        Value::Str(s) => {
            let s = s.clone();
            if s.is_empty() {
                return Ok(Value::Str(s));
            }
            let cb = Callback::from_args(vm, args, 1, efun)?;
            map_string(vm, &s, &cb)
        }
        other => Err(ferrum_vm::lpc_error!(
            "Bad argument 1 to {}()\nExpected: string | mapping | array Got: {}.",
            efun,
            other.type_name()
        )),
    }
}

/// Each character (as its code point) goes through the callback; a
/// non-zero int result replaces it, anything else leaves it unchanged.
fn map_string(vm: &mut Vm, s: &LStr, cb: &Callback) -> VmResult<Value> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.byte_len());
    let mut stopped_at = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        match cb.call(vm, vec![Value::Int(c as i64)])? {
            Some(Value::Int(n)) if n != 0 => {
                out.push(u32::try_from(n).ok().and_then(char::from_u32).unwrap_or(c));
            }
            Some(_) => out.push(c),
            None => {
                stopped_at = i;
                break;
            }
        }
    }
    out.extend(&chars[stopped_at..]);
    Ok(Value::from(out))
}

/// A copy of the mapping whose values are the callback's results for each
/// (key, value) pair.
fn map_mapping(vm: &mut Vm, m: &Mapping, cb: &Callback) -> VmResult<Value> {
    let result = m.copy();
    for (k, v) in m.pairs() {
        match cb.call(vm, vec![k.clone(), v])? {
            Some(nv) => result.insert(k, nv),
            None => break,
        }
    }
    Ok(Value::Mapping(result))
}

pub fn filter_named(vm: &mut Vm, args: &mut [Value], efun: &str) -> VmResult<Value> {
    match &args[0] {
        Value::Mapping(m) => {
            let m = m.clone();
            let cb = Callback::from_args(vm, args, 1, efun)?;
            let result = Mapping::new();
            for (k, v) in m.pairs() {
                let r = cb.call(vm, vec![k.clone(), v.clone()])?;
                if r.is_none() {
                    break;
                }
                if !is_number_zero(&r) {
                    result.insert(k, v);
                }
            }
            Ok(Value::Mapping(result))
        }
        Value::Array(a) => {
            let items = a.to_vec();
            if items.is_empty() {
                return Ok(Value::array(Vec::new()));
            }
            let cb = Callback::from_args(vm, args, 1, efun)?;
            let mut out = Vec::new();
            for item in items {
                if !is_number_zero(&cb.call(vm, vec![item.clone()])?) {
                    out.push(item);
                }
            }
            Ok(Value::array(out))
        }
        Value::Str(s) => {
            let s = s.clone();
            if s.is_empty() {
                return Ok(Value::Str(s));
            }
            let cb = Callback::from_args(vm, args, 1, efun)?;
            let mut out = String::new();
            for c in s.chars() {
                if !is_number_zero(&cb.call(vm, vec![Value::Int(c as i64)])?) {
                    out.push(c);
                }
            }
            Ok(Value::from(out))
        }
        other => Err(ferrum_vm::lpc_error!(
            "Bad argument 1 to {}()\nExpected: string | array | mapping Got: {}.",
            efun,
            other.type_name()
        )),
    }
}

pub fn map_array(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    map_named(vm, args, "map_array")
}

pub fn map_mapping_efun(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    map_named(vm, args, "map_mapping")
}

pub fn filter_array(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    filter_named(vm, args, "filter_array")
}

pub fn filter_mapping(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    filter_named(vm, args, "filter_mapping")
}
