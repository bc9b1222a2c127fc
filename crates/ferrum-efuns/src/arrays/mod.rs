//! Array efuns (FluffOS core and contrib): allocate, member_array,
//! sort_array, filter, map, unique_array, sizeof, copy, element_of,
//! shuffle.

pub mod callback;
pub mod map_filter;
pub mod sort;
pub mod stack;
#[cfg(test)]
mod tests;
#[cfg(test)]
pub mod testutil;

use crate::args;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::{Array, ClassInstance, Mapping, Value};
use ferrum_vm::{efun, Vm};

pub const EFUNS: &[EfunSpec] = &[
    efun!("mixed *allocate(int, void | mixed)", allocate),
    efun!(
        "int member_array(mixed, string | mixed *, void | int, void | int)",
        member_array
    ),
    efun!(
        "mixed *sort_array(mixed *, int | string | function, ...)",
        sort::sort_array
    ),
    efun!(
        "mixed filter(string | mixed * | mapping, string | function, ...)",
        map_filter::filter
    ),
    efun!(
        "mixed *filter_array(mixed *, string | function, ...)",
        map_filter::filter_array
    ),
    efun!(
        "mixed map(string | mapping | mixed *, string | function, ...)",
        map_filter::map
    ),
    efun!(
        "mixed *map_array(mixed *, string | function, ...)",
        map_filter::map_array
    ),
    efun!(
        "mixed *unique_array(mixed *, string | function, void | mixed)",
        unique_array
    ),
    efun!("int sizeof(mixed)", sizeof),
    efun!("mixed copy(mixed)", copy),
    efun!("mixed element_of(mixed *)", element_of),
    efun!("mixed *shuffle(mixed *)", shuffle),
];

/// `mixed *allocate(int size, void | mixed fill)`: a fill function is
/// called with each index; any other fill value is stored in every slot
/// (shared, as an array or mapping fill is in FluffOS).
pub fn allocate(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let n = args::int(args, 0)?;
    if n < 0 || n as u64 > vm.limits.max_array_size as u64 {
        return Err(LpcError::new("Illegal array size."));
    }
    let n = n as usize;
    crate::stats::mudlib_stats::count_array(vm, n);
    match args.get(1) {
        Some(Value::Function(fp)) => {
            let fp = fp.clone();
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                out.push(vm.call_function(&fp, vec![Value::Int(i as i64)])?);
            }
            Ok(Value::array(out))
        }
        Some(fill) => Ok(Value::array(vec![fill.clone(); n])),
        None => Ok(Value::array(vec![Value::Int(0); n])),
    }
}

/// FluffOS's `sameval`: equal only when of the same type, numbers by value,
/// strings by content, everything else by identity.
pub fn same_value(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Int(_) | Undefined, Int(_) | Undefined) => a.as_int() == b.as_int(),
        (Float(x), Float(y)) => x == y,
        (Str(x), Str(y)) => x == y,
        (Object(x), Object(y)) => ferrum_vm::ObjectRef::ptr_eq(x, y),
        (Array(x), Array(y)) => ferrum_vm::Array::ptr_eq(x, y),
        (Mapping(x), Mapping(y)) => ferrum_vm::Mapping::ptr_eq(x, y),
        (Buffer(x), Buffer(y)) => ferrum_vm::Buffer::ptr_eq(x, y),
        (Function(x), Function(y)) => std::rc::Rc::ptr_eq(x, y),
        (Class(x), Class(y)) => std::rc::Rc::ptr_eq(x, y),
        _ => false,
    }
}

const MEMBER_PREFIX: i64 = 1;
const MEMBER_REVERSE: i64 = 2;
const MEMBER_PREDICATE: i64 = 4;

/// `int member_array(mixed item, string | mixed * where, void | int start,
/// void | int flags)`. Flags: 1 matches strings by prefix, 2 searches from
/// the end, 4 treats a function `item` as a predicate.
pub fn member_array(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let start = args::int(args, 2)?;
    let flags = args::int(args, 3)?;
    if start < 0 {
        return Err(LpcError::new("Bad Argument 3 to member_array()"));
    }
    let start = start as usize;
    match &args[1] {
        Value::Str(s) => {
            if flags & MEMBER_REVERSE != 0 {
                return Err(LpcError::new(
                    "member_array: can not search backwards in strings",
                ));
            }
            let needle = match &args[0] {
                Value::Int(n) => *n,
                Value::Undefined => 0,
                other => {
                    return Err(ferrum_vm::lpc_error!(
                        "Bad argument 1 to member_array()\nExpected: int Got: {}.",
                        other.type_name()
                    ))
                }
            };
            let len = s.char_len();
            if start > len {
                return Err(LpcError::new(
                    "Index to start search from in member_array() is > string length.",
                ));
            }
            // strchr() finds the terminator when asked for 0.
            if needle == 0 {
                return Ok(Value::Int(len as i64));
            }
            // Indexes are characters (grapheme clusters), as for s[i].
            Ok(Value::Int(s.find_char(needle, start).map_or(-1, |i| i as i64)))
        }
        Value::Array(arr) => {
            let items = arr.to_vec();
            let size = items.len();
            let needle = args[0].clone();
            let predicate = match (&needle, flags & MEMBER_PREDICATE != 0) {
                (Value::Function(fp), true) => Some(fp.clone()),
                _ => None,
            };
            for i in start..size {
                let idx = if flags & MEMBER_REVERSE != 0 {
                    size - i - 1
                } else {
                    i
                };
                let item = &items[idx];
                let hit = match &predicate {
                    Some(fp) => vm.call_function(fp, vec![item.clone()])?.is_true(),
                    None => member_matches(&needle, item, flags & MEMBER_PREFIX != 0),
                };
                if hit {
                    return Ok(Value::Int(idx as i64));
                }
            }
            Ok(Value::Int(-1))
        }
        other => Err(ferrum_vm::lpc_error!(
            "Bad argument 2 to member_array()\nExpected: string | array Got: {}.",
            other.type_name()
        )),
    }
}

fn member_matches(needle: &Value, item: &Value, prefix: bool) -> bool {
    match (needle, item) {
        (Value::Str(n), Value::Str(s)) if prefix => s.as_bytes().starts_with(n.as_bytes()),
        // A destructed object in the array reads as 0.
        (Value::Int(0) | Value::Undefined, Value::Object(o)) => o.is_destructed(),
        (_, Value::Object(o)) if o.is_destructed() => false,
        _ => same_value(needle, item),
    }
}

/// `int sizeof(mixed)`: elements, pairs, characters or bytes; 0 otherwise.
pub fn sizeof(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let n = match &args[0] {
        Value::Array(a) => a.len(),
        Value::Mapping(m) => m.len(),
        Value::Str(s) => s.char_len(),
        Value::Buffer(b) => b.len(),
        Value::Class(c) => c.fields.borrow().len(),
        _ => 0,
    };
    Ok(Value::Int(n as i64))
}

/// How deep `copy()` follows nested arrays, mappings and classes
/// (FluffOS's MAX_SAVE_SVALUE_DEPTH).
const MAX_COPY_DEPTH: usize = 100;

/// `mixed copy(mixed)`: a deep copy of arrays, mappings and classes; other
/// values (buffers, objects, functions) are shared.
pub fn copy(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    deep_copy(&args[0], 0)
}

pub fn deep_copy(v: &Value, depth: usize) -> VmResult<Value> {
    let nested = || {
        if depth + 1 > MAX_COPY_DEPTH {
            Err(ferrum_vm::lpc_error!(
                "Mappings, arrays and/or classes nested too deep ({}) for copy()",
                MAX_COPY_DEPTH
            ))
        } else {
            Ok(())
        }
    };
    match v {
        Value::Array(a) => {
            nested()?;
            let items = a.to_vec();
            let mut out = Vec::with_capacity(items.len());
            for item in &items {
                out.push(deep_copy(item, depth + 1)?);
            }
            Ok(Value::Array(Array::new(out)))
        }
        Value::Mapping(m) => {
            nested()?;
            let out = Mapping::with_capacity(m.len());
            for (k, val) in m.pairs() {
                out.insert(k, deep_copy(&val, depth + 1)?);
            }
            Ok(Value::Mapping(out))
        }
        Value::Class(c) => {
            nested()?;
            let fields = c.fields.borrow().clone();
            let mut out = Vec::with_capacity(fields.len());
            for f in &fields {
                out.push(deep_copy(f, depth + 1)?);
            }
            Ok(Value::Class(ClassInstance::new(c.def.clone(), out)))
        }
        other => Ok(other.clone()),
    }
}

/// `mixed element_of(mixed *)`: a random element.
pub fn element_of(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let arr = args::array(args, 0)?;
    if arr.is_empty() {
        return Err(LpcError::new("Can't take element from empty array."));
    }
    let i = crate::math::random_below(vm, arr.len() as i64) as usize;
    Ok(arr.get(i).unwrap_or_default())
}

/// `mixed *shuffle(mixed *)`: shuffles the array in place and returns it.
pub fn shuffle(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let arr = args::array(args, 0)?;
    let n = arr.len();
    for i in 1..n {
        let j = crate::math::random_below(vm, i as i64 + 1) as usize;
        if i != j {
            arr.borrow_mut().swap(i, j);
        }
    }
    Ok(Value::Array(arr))
}

/// `mixed *unique_array(mixed *arr, string | function key, void | mixed
/// skip)`: groups the elements by key, in order of first appearance. A
/// function key is called with each element; a function name is called in
/// each element that is an object (other elements have no key). Elements
/// whose key is missing or equals `skip` (0 by default) are left out.
pub fn unique_array(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let arr = args::array(args, 0)?;
    if arr.is_empty() {
        return Ok(Value::Array(arr));
    }
    let skip = args.get(2).cloned().unwrap_or(Value::Int(0));
    let items = arr.to_vec();
    let mut groups: Vec<(Value, Vec<Value>)> = Vec::new();
    for item in items {
        let key = match &args[1] {
            Value::Function(fp) => Some(vm.call_function(fp, vec![item.clone()])?),
            Value::Str(name) => match &item {
                Value::Object(ob) if !ob.is_destructed() => {
                    let prev = vm.this_object();
                    vm.apply_with_prev(ob, name, Vec::new(), prev)?
                }
                _ => None,
            },
            _ => None,
        };
        let key = match key {
            Some(k) if !same_value(&k, &skip) => k,
            _ => continue,
        };
        match groups.iter_mut().find(|(k, _)| same_value(k, &key)) {
            Some((_, members)) => members.push(item),
            None => groups.push((key, vec![item])),
        }
    }
    Ok(Value::array(
        groups
            .into_iter()
            .map(|(_, members)| Value::array(members))
            .collect(),
    ))
}
