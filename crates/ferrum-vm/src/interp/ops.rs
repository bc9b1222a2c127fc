//! Operators on values: the slow paths behind the dispatch loop's inline
//! integer cases, and indexing/ranges. Pure functions of their operands.

use crate::error::{LpcError, VmResult};
use crate::value::{Array, Buffer, LStr, Mapping, Value};
use std::cmp::Ordering;

fn bad_types(op: &str, a: &Value, b: &Value) -> LpcError {
    LpcError::new(format!(
        "Bad type argument to {}. Had {} and {}.",
        op,
        a.type_name(),
        b.type_name()
    ))
}

/// How a float reads when joined to a string.
pub fn float_to_string(f: f64) -> String {
    format!("{:.6}", f)
}

/// The text of a value joined to a string with `+`.
pub fn concat_text(v: &Value) -> Option<std::borrow::Cow<'_, str>> {
    match v {
        Value::Str(s) => Some(std::borrow::Cow::Borrowed(s.as_str())),
        Value::Int(i) => Some(std::borrow::Cow::Owned(i.to_string())),
        Value::Undefined => Some(std::borrow::Cow::Borrowed("0")),
        Value::Float(f) => Some(std::borrow::Cow::Owned(float_to_string(*f))),
        Value::Object(o) if o.is_destructed() => Some(std::borrow::Cow::Borrowed("0")),
        _ => None,
    }
}

pub fn add(a: Value, b: Value) -> VmResult<Value> {
    use Value::*;
    Ok(match (a, b) {
        (Int(x), Int(y)) => Int(x.wrapping_add(y)),
        (Undefined, Int(y)) | (Int(y), Undefined) => Int(y),
        (Undefined, Undefined) => Int(0),
        (Float(x), Float(y)) => Float(x + y),
        (Float(x), Int(y)) | (Int(y), Float(x)) => Float(x + y as f64),
        (Float(x), Undefined) | (Undefined, Float(x)) => Float(x),
        // buffer + string / int array appends the converted bytes.
        (Buffer(x), y @ (Str(_) | Array(_))) => {
            let mut v = x.to_vec();
            v.extend(buffer_bytes_of(&y).unwrap_or_else(|| Ok(Vec::new()))?);
            Value::buffer(v)
        }
        (Str(mut s), b) => match concat_text(&b) {
            Some(t) => {
                s.push_str(&t);
                Str(s)
            }
            None => return Err(bad_types("+", &Str(s), &b)),
        },
        (a, Str(s)) => match concat_text(&a) {
            Some(t) => {
                let mut out = String::with_capacity(t.len() + s.byte_len());
                out.push_str(&t);
                out.push_str(&s);
                Str(LStr::from(out))
            }
            None => return Err(bad_types("+", &a, &Str(s))),
        },
        (Array(x), Array(y)) => {
            let mut v = x.to_vec();
            v.extend(y.borrow().iter().cloned());
            Value::array(v)
        }
        (Mapping(x), Mapping(y)) => {
            let m = x.copy();
            {
                let mut t = m.borrow_mut();
                for (k, v) in y.borrow().iter() {
                    t.insert(k.clone(), v.clone());
                }
            }
            Mapping(m)
        }
        (Buffer(x), Buffer(y)) => {
            let mut v = x.to_vec();
            v.extend_from_slice(&y.borrow());
            Value::buffer(v)
        }
        (a, b) => return Err(bad_types("+", &a, &b)),
    })
}

/// An array's elements with destructed objects read as 0, as FluffOS's
/// set operations see them (so `arr - ({ 0 })` drops dead objects).
fn live_elements(a: &Array) -> Vec<Value> {
    a.borrow().iter().map(|v| v.clone().live()).collect()
}

/// `a -= b` / `a - b` on arrays: the elements of a not in b.
pub fn array_subtract(a: &Array, b: &Array) -> Array {
    let b = live_elements(b);
    let a = live_elements(a);
    if b.len() > 8 {
        let set: std::collections::HashSet<&Value> = b.iter().collect();
        Array::new(a.into_iter().filter(|x| !set.contains(x)).collect())
    } else {
        Array::new(a.into_iter().filter(|x| !b.iter().any(|y| y == x)).collect())
    }
}

pub fn sub(a: Value, b: Value) -> VmResult<Value> {
    use Value::*;
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(Int(x.wrapping_sub(y)));
    }
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        return Ok(Float(x - y));
    }
    Ok(match (&a, &b) {
        (Array(x), Array(y)) => Array(array_subtract(x, y)),
        (Mapping(m), _) => {
            // mapping - key / mapping - ({ keys }): a copy without them.
            let out = m.copy();
            match &b {
                Array(keys) => {
                    for k in keys.borrow().iter() {
                        out.remove(k);
                    }
                }
                k => {
                    out.remove(k);
                }
            }
            Mapping(out)
        }
        _ => return Err(bad_types("-", &a, &b)),
    })
}

pub fn mul(a: Value, b: Value) -> VmResult<Value> {
    use Value::*;
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(Int(x.wrapping_mul(y)));
    }
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        return Ok(Float(x * y));
    }
    Err(bad_types("*", &a, &b))
}

pub fn div(a: Value, b: Value) -> VmResult<Value> {
    use Value::*;
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        if y == 0 {
            return Err(LpcError::new("Division by zero"));
        }
        return Ok(Int(x.wrapping_div(y)));
    }
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        if y == 0.0 {
            let msg = if matches!(b, Float(_)) && a.as_int().is_some() { "Division by 0.0" } else { "Division by zero" };
            return Err(LpcError::new(msg));
        }
        return Ok(Float(x / y));
    }
    Err(bad_types("/", &a, &b))
}

pub fn modulo(a: Value, b: Value) -> VmResult<Value> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        if y == 0 {
            return Err(LpcError::new("Modulus by zero."));
        }
        return Ok(Value::Int(x.wrapping_rem(y)));
    }
    Err(bad_types("%", &a, &b))
}

pub fn bit_and(a: Value, b: Value) -> VmResult<Value> {
    use Value::*;
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(Int(x & y));
    }
    match (&a, &b) {
        (Array(x), Array(y)) => {
            // Intersection keeps a's order and drops duplicates.
            let ys = live_elements(y);
            let mut seen: Vec<Value> = Vec::new();
            for v in live_elements(x) {
                if ys.iter().any(|w| *w == v) && !seen.iter().any(|s| *s == v) {
                    seen.push(v);
                }
            }
            Ok(Value::array(seen))
        }
        (Mapping(m), Array(keys)) => {
            let out = crate::value::Mapping::new();
            for k in keys.borrow().iter() {
                if let Some(v) = m.get(k) {
                    out.insert(k.clone(), v);
                }
            }
            Ok(Mapping(out))
        }
        (Mapping(m), Mapping(n)) => {
            let out = crate::value::Mapping::new();
            for (k, v) in m.borrow().iter() {
                if n.contains_key(k) {
                    out.insert(k.clone(), v.clone());
                }
            }
            Ok(Mapping(out))
        }
        _ => Err(bad_types("&", &a, &b)),
    }
}

pub fn bit_or(a: Value, b: Value) -> VmResult<Value> {
    use Value::*;
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(Int(x | y));
    }
    match (&a, &b) {
        (Array(x), Array(y)) => {
            // Union: a's elements, then b's elements not already present.
            let mut out: Vec<Value> = Vec::new();
            for v in x.borrow().iter().chain(y.borrow().iter()) {
                if !out.iter().any(|w| w == v) {
                    out.push(v.clone());
                }
            }
            Ok(Value::array(out))
        }
        _ => Err(bad_types("|", &a, &b)),
    }
}

pub fn bit_xor(a: Value, b: Value) -> VmResult<Value> {
    use Value::*;
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(Int(x ^ y));
    }
    match (&a, &b) {
        (Array(x), Array(y)) => {
            let xs = x.borrow();
            let ys = y.borrow();
            let mut out: Vec<Value> = xs.iter().filter(|v| !ys.iter().any(|w| w == *v)).cloned().collect();
            out.extend(ys.iter().filter(|v| !xs.iter().any(|w| w == *v)).cloned());
            Ok(Value::array(out))
        }
        _ => Err(bad_types("^", &a, &b)),
    }
}

pub fn shl(a: Value, b: Value) -> VmResult<Value> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        // The count is masked to its low 6 bits, as FluffOS does.
        return Ok(Value::Int(x.wrapping_shl((y & 63) as u32)));
    }
    Err(bad_types("<<", &a, &b))
}

pub fn shr(a: Value, b: Value) -> VmResult<Value> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(Value::Int(x >> (y & 63)));
    }
    Err(bad_types(">>", &a, &b))
}

pub fn neg(a: Value) -> VmResult<Value> {
    match a {
        Value::Int(x) => Ok(Value::Int(x.wrapping_neg())),
        Value::Undefined => Ok(Value::Int(0)),
        Value::Float(x) => Ok(Value::Float(-x)),
        _ => Err(LpcError::new("Bad argument to unary minus")),
    }
}

pub fn compl(a: Value) -> VmResult<Value> {
    match a.as_int() {
        Some(x) => Ok(Value::Int(!x)),
        None => Err(LpcError::new("Bad argument to ~")),
    }
}

/// Ordering for `<`, `<=`, `>`, `>=`: numbers with numbers, strings with
/// strings.
pub fn compare(a: &Value, b: &Value, op: &str) -> VmResult<Ordering> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(x.cmp(&y));
    }
    if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
        return Ok(x.partial_cmp(&y).unwrap_or(Ordering::Equal));
    }
    if let (Value::Str(x), Value::Str(y)) = (a, b) {
        return Ok(x.as_str().cmp(y.as_str()));
    }
    Err(bad_types(op, a, b))
}

pub fn inc(a: Value, delta: i64) -> VmResult<Value> {
    match a {
        Value::Int(x) => Ok(Value::Int(x.wrapping_add(delta))),
        Value::Undefined => Ok(Value::Int(delta)),
        Value::Float(x) => Ok(Value::Float(x + delta as f64)),
        _ => Err(LpcError::new(if delta > 0 {
            "++ of non-numeric argument"
        } else {
            "-- of non-numeric argument"
        })),
    }
}

// ----- indexing -----

fn index_int(i: &Value) -> VmResult<i64> {
    i.as_int().ok_or_else(|| LpcError::new("Illegal type of index"))
}

/// Resolves an index that may count from the end into `0..len`.
fn resolve(i: i64, len: usize, from_end: bool) -> Option<usize> {
    let i = if from_end { len as i64 - i } else { i };
    if i < 0 || i >= len as i64 {
        None
    } else {
        Some(i as usize)
    }
}

/// The element a compound assignment or `++`/`--` is about to store to:
/// an array index out of range is worded as the store words it (FluffOS).
pub fn index_for_store(c: &Value, i: &Value, from_end: bool) -> VmResult<Value> {
    if let (Value::Array(a), Some(n)) = (c, i.as_int()) {
        return match resolve(n, a.len(), from_end) {
            Some(k) => Ok(a.borrow()[k].clone().live()),
            None => Err(LpcError::new("Array index out of bounds")),
        };
    }
    index(c, i, from_end)
}

/// `c[i]` (not from the end), with the common cases — an array by a
/// non-negative int, a mapping by any key — first.
#[inline]
pub fn index_read(c: &Value, i: &Value) -> VmResult<Value> {
    match (c, i) {
        (Value::Array(a), Value::Int(n)) if *n >= 0 => match a.borrow().get(*n as usize) {
            Some(v) => Ok(v.clone().live()),
            None => Err(LpcError::new("Array index out of bounds.")),
        },
        (Value::Mapping(m), k) => Ok(m.get(k).map(Value::live).unwrap_or(Value::Undefined)),
        _ => index(c, i, false),
    }
}

pub fn index(c: &Value, i: &Value, from_end: bool) -> VmResult<Value> {
    match c {
        Value::Array(a) => {
            let a = a.borrow();
            let n = i.as_int().ok_or_else(|| LpcError::new("Array indexes must be integers."))?;
            if n < 0 && !from_end {
                return Err(LpcError::new("Array index must be positive or zero."));
            }
            match resolve(n, a.len(), from_end) {
                Some(k) => Ok(a[k].clone().live()),
                None => Err(LpcError::new("Array index out of bounds.")),
            }
        }
        Value::Mapping(m) if !from_end => Ok(m.get(i).map(Value::live).unwrap_or(Value::Undefined)),
        Value::Str(s) => {
            let n = i.as_int().ok_or_else(|| LpcError::new("String indexes must be integers."))?;
            let len = s.char_len();
            // s[strlen(s)] and s[<0] read as 0, as in FluffOS.
            let pos = if from_end { len as i64 - n } else { n };
            if pos == len as i64 {
                return Ok(Value::Int(0));
            }
            match resolve(n, len, from_end).map(|k| s.char_at(k).unwrap_or(0)) {
                // A character wider than one codepoint has no int value.
                Some(-1) if from_end => Err(LpcError::new("String rindex only work for single codepoint character.")),
                Some(-1) => Err(LpcError::new("String index only work for single codepoint character.")),
                Some(c) => Ok(Value::Int(c)),
                None if from_end => Err(LpcError::new("String rindex out of bounds.")),
                None => Err(LpcError::new("String index out of bounds.")),
            }
        }
        Value::Buffer(b) => {
            let b = b.borrow();
            let n = index_int(i)?;
            match resolve(n, b.len(), from_end) {
                Some(k) => Ok(Value::Int(b[k] as i64)),
                None => Err(LpcError::new("Buffer index out of bounds.")),
            }
        }
        Value::Class(ci) => {
            let n = index_int(i)?;
            let f = ci.fields.borrow();
            match resolve(n, f.len(), from_end) {
                Some(k) => Ok(f[k].clone()),
                None => Err(LpcError::new("Class index out of bounds.")),
            }
        }
        v if v.is_zero() => Err(LpcError::new("Value being indexed is zero.")),
        Value::Mapping(_) => Err(LpcError::new("Illegal index from end of mapping.")),
        other => Err(LpcError::new(format!("Cannot index value of type '{}'.", other.type_name()))),
    }
}

/// The `[from..to]` bounds (inclusive, clamped) as a half-open range.
/// The inclusive `[from..to]` ends of a range, resolved against `len`
/// (counting from the end where the flags say so), before any clamping.
fn range_ends(len: usize, from: &Value, to: &Value, flags: u8) -> VmResult<(i64, i64)> {
    use crate::program::range_flags::*;
    let f = index_int(from)?;
    let f = if flags & FROM_END != 0 { len as i64 - f } else { f };
    let t = if flags & OPEN_END != 0 {
        len as i64 - 1
    } else {
        let t = index_int(to)?;
        if flags & TO_END != 0 {
            len as i64 - t
        } else {
            t
        }
    };
    Ok((f, t))
}

/// The `[from..to]` bounds (inclusive, clamped) as a half-open range.
fn range_bounds(len: usize, from: &Value, to: &Value, flags: u8) -> VmResult<(usize, usize)> {
    let (f, t) = range_ends(len, from, to, flags)?;
    let f = f.max(0);
    let t = t.min(len as i64 - 1);
    if f > t {
        return Ok((0, 0));
    }
    Ok((f as usize, t as usize + 1))
}

pub fn range(c: &Value, from: &Value, to: &Value, flags: u8) -> VmResult<Value> {
    match c {
        Value::Array(a) => {
            let a = a.borrow();
            let (x, y) = range_bounds(a.len(), from, to, flags)?;
            Ok(Value::array(a[x..y].to_vec()))
        }
        Value::Str(s) => {
            let (x, y) = range_bounds(s.char_len(), from, to, flags)?;
            Ok(Value::Str(s.substr(x, y)))
        }
        Value::Buffer(b) => {
            let b = b.borrow();
            let (x, y) = range_bounds(b.len(), from, to, flags)?;
            Ok(Value::buffer(b[x..y].to_vec()))
        }
        v if v.is_zero() => Err(LpcError::new("Value being indexed is zero.")),
        other => Err(LpcError::new(format!("Cannot index type '{}' using [ .. ] operator.", other.type_name()))),
    }
}

/// `slot[key] = value`, in place. A string in `slot` is replaced by the
/// edited string (strings are values, not references).
pub fn set_index(slot: &mut Value, key: Value, value: Value, from_end: bool) -> VmResult<()> {
    match slot {
        Value::Array(a) => {
            let mut a = a.borrow_mut();
            let n = index_int(&key)?;
            match resolve(n, a.len(), from_end) {
                Some(k) => {
                    a[k] = value;
                    Ok(())
                }
                None => Err(LpcError::new("Array index out of bounds")),
            }
        }
        Value::Mapping(m) if !from_end => {
            m.insert(key, value);
            Ok(())
        }
        Value::Buffer(b) => {
            let mut b = b.borrow_mut();
            let n = index_int(&key)?;
            let byte = buffer_byte(&value)?;
            match resolve(n, b.len(), from_end) {
                Some(k) => {
                    b[k] = byte;
                    Ok(())
                }
                None => Err(LpcError::new("Buffer index out of bounds.")),
            }
        }
        Value::Str(s) => {
            let k = string_char_slot(s, index_int(&key)?, from_end)?;
            let c = string_char_value(&value)?;
            *slot = Value::Str(s.with_char_replaced(k, c));
            Ok(())
        }
        Value::Class(ci) => {
            let n = index_int(&key)?;
            let mut f = ci.fields.borrow_mut();
            match resolve(n, f.len(), from_end) {
                Some(k) => {
                    f[k] = value;
                    Ok(())
                }
                None => Err(LpcError::new("Class index out of bounds.")),
            }
        }
        v if v.is_zero() => Err(LpcError::new("Value being indexed is zero.")),
        // FluffOS words store errors without the read's trailing period.
        other => Err(LpcError::new(format!("Cannot index value of type '{}'.", other.type_name()))),
    }
}

/// The character `s[n]` (or `s[<n]`) names as an assignment target: it
/// must exist and be a single codepoint wide enough to replace.
pub fn string_char_slot(s: &LStr, n: i64, from_end: bool) -> VmResult<usize> {
    let k = resolve(n, s.char_len(), from_end)
        .ok_or_else(|| LpcError::new("Index out of bounds in string index lvalue."))?;
    if s.char_at(k) == Some(-1) {
        return Err(LpcError::new("Indexed character is multi-codepoint."));
    }
    Ok(k)
}

/// A value stored into a string character: a codepoint other than 0.
pub fn string_char_value(value: &Value) -> VmResult<char> {
    let c = value.as_int().ok_or_else(|| LpcError::new("Illegal rhs to byte lvalue"))?;
    if c == 0 {
        return Err(LpcError::new("Strings cannot contain 0 byte."));
    }
    u32::try_from(c)
        .ok()
        .and_then(char::from_u32)
        .ok_or_else(|| LpcError::new("Strings cannot contain invalid utf8 codepoint."))
}

/// A value stored into a buffer element: an int in 0..255.
pub fn buffer_byte(value: &Value) -> VmResult<u8> {
    match value.as_int() {
        Some(n) if (0..=255).contains(&n) => Ok(n as u8),
        Some(_) => Err(LpcError::new("Buffer byte value out of range: must be 0..255.")),
        None => Err(LpcError::new("Non-numeric value assigned to buffer element.")),
    }
}

/// The bytes a buffer, a string (its UTF-8) or an array of ints 0..255
/// converts to, as FluffOS promotes them into buffers; None for other types.
pub fn buffer_bytes_of(value: &Value) -> Option<VmResult<Vec<u8>>> {
    match value {
        Value::Buffer(b) => Some(Ok(b.to_vec())),
        Value::Str(s) => Some(Ok(s.as_bytes().to_vec())),
        Value::Array(a) => Some(
            a.borrow()
                .iter()
                .map(|v| match v {
                    Value::Int(n) if (0..=255).contains(n) => Ok(*n as u8),
                    _ => Err(LpcError::new("Illegal array item in buffer conversion: must be ints 0..255.")),
                })
                .collect(),
        ),
        _ => None,
    }
}

/// The value a range store into `container` really stores: a string or
/// int array assigned into a buffer range becomes a buffer first, so the
/// assignment's own value is that buffer (as in FluffOS).
pub fn range_rhs_for(container: &Value, v: Value) -> VmResult<Value> {
    let is_buffer = match container {
        Value::Buffer(_) => true,
        Value::Ref(r) => matches!(&*r.borrow(), Value::Buffer(_)),
        _ => false,
    };
    if !is_buffer || matches!(v, Value::Buffer(_)) {
        return Ok(v);
    }
    match buffer_bytes_of(&v) {
        Some(bytes) => Ok(Value::buffer(bytes?)),
        None => Ok(v),
    }
}

/// `slot[from..to] = value`: replaces the range with the value's elements.
/// `rebind`: the slot is a variable, so an array whose size changes is
/// replaced by a new one there; a temporary container is changed in place.
pub fn set_range(slot: &mut Value, from: &Value, to: &Value, flags: u8, value: &Value, rebind: bool) -> VmResult<()> {
    fn bounds(len: usize, from: &Value, to: &Value, flags: u8) -> VmResult<(usize, usize)> {
        let (f, t) = range_ends(len, from, to, flags)?;
        if f < 0 || f > len as i64 {
            return Err(LpcError::new("Range start out of bounds in range assignment."));
        }
        // The end must lie inside the container too (FluffOS refuses, rather
        // than clamps, an end past it); ending before the start replaces
        // nothing (an insertion).
        if t >= len as i64 || t < f - 1 {
            return Err(LpcError::new("Range end out of bounds in range assignment."));
        }
        let end = t + 1;
        Ok((f as usize, end as usize))
    }
    match slot {
        Value::Array(a) => {
            let items = match value {
                Value::Array(v) => v.to_vec(),
                _ => return Err(LpcError::new("Range assignment of a non-array to an array.")),
            };
            let len = a.len();
            let (x, y) = bounds(len, from, to, flags)?;
            if !rebind || items.len() == y - x {
                a.borrow_mut().splice(x..y, items);
            } else {
                // A size change builds a new array for this variable only;
                // other holders keep the old one (FluffOS).
                let mut v = a.to_vec();
                v.splice(x..y, items);
                *slot = Value::array(v);
            }
            Ok(())
        }
        Value::Str(s) => {
            let text = match value {
                Value::Str(t) => t.clone(),
                _ => return Err(LpcError::new("Range assignment of a non-string to a string.")),
            };
            // Unlike arrays, a string range must lie inside the string.
            let len = s.char_len();
            let (f, t) = range_ends(len, from, to, flags)?;
            if f < 0 || f >= len as i64 || t >= len as i64 || t < f - 1 {
                return Err(LpcError::new("Range out of bounds in string range lvalue."));
            }
            let (x, y) = (f as usize, (t + 1) as usize);
            let a = s.byte_offset(x);
            let b = s.byte_offset(y);
            let mut out = String::with_capacity(s.byte_len() + text.byte_len());
            out.push_str(&s[..a]);
            out.push_str(&text);
            out.push_str(&s[b..]);
            *slot = Value::Str(LStr::from(out));
            Ok(())
        }
        Value::Buffer(b) => {
            let bytes = match buffer_bytes_of(value) {
                Some(bytes) => bytes?,
                None => return Err(LpcError::new("Range assignment of a non-buffer to a buffer.")),
            };
            let len = b.len();
            let (x, y) = bounds(len, from, to, flags)?;
            b.borrow_mut().splice(x..y, bytes);
            Ok(())
        }
        v if v.is_zero() => Err(LpcError::new("Value being indexed is zero.")),
        other => Err(LpcError::new(format!("Illegal lvalue: cannot range-assign {}.", other.type_name()))),
    }
}

/// Makes an array of `n` zeros (`allocate`).
pub fn zeros(n: usize) -> Array {
    Array::new(vec![Value::Int(0); n])
}

pub fn new_mapping() -> Mapping {
    Mapping::new()
}

pub fn new_buffer(n: usize) -> Buffer {
    Buffer::new(vec![0; n])
}
