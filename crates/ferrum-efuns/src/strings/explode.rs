//! explode(), explode_reversible(), implode() and replace_string().

use crate::args;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::interp::Vm;
use ferrum_vm::value::graphemes::chars_of;
use ferrum_vm::value::Value;

/// How explode() treats delimiters at the ends, from the config's
/// "sane explode string" and "reversible explode string" (set at boot).
#[derive(Default)]
pub struct ExplodeConfig {
    pub sane: bool,
    pub reversible: bool,
}

/// Which explode rules apply.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ExplodeMode {
    /// Every leading delimiter is dropped, and the empty piece after a
    /// final delimiter.
    Classic,
    /// At most one leading delimiter is dropped (FluffOS's
    /// SANE_EXPLODE_STRING), and the empty piece after a final delimiter.
    Sane,
    /// Every piece is kept, so implode gives `s` back.
    Reversible,
}

/// Splits `s` at `del` as FluffOS does. Trailing delimiters are taken off
/// the end first, so runs of a multi-character delimiter line up with the
/// end of the string (`explode("ab---", "--")` is `({ "ab-" })`).
pub fn explode_str(s: &str, del: &str, mode: ExplodeMode, max_items: usize) -> Vec<Value> {
    if s.is_empty() {
        return Vec::new();
    }
    if del.is_empty() {
        // One piece per character (grapheme cluster).
        return chars_of(s).take(max_items).map(Value::from).collect();
    }
    let reversible = mode == ExplodeMode::Reversible;
    let mut body = s;
    match mode {
        ExplodeMode::Classic => {
            while let Some(rest) = body.strip_prefix(del) {
                if rest.is_empty() {
                    return Vec::new();
                }
                body = rest;
            }
        }
        ExplodeMode::Sane => {
            if let Some(rest) = body.strip_prefix(del) {
                if rest.is_empty() {
                    return Vec::new();
                }
                body = rest;
            }
        }
        ExplodeMode::Reversible => {}
    }
    let mut trailing = 0usize;
    while let Some(rest) = body.strip_suffix(del) {
        body = rest;
        trailing += 1;
    }
    let mut pieces: Vec<Value> = if body.is_empty() && !reversible {
        Vec::new()
    } else {
        body.split(del).map(Value::from).collect()
    };
    let empties = if reversible {
        trailing
    } else {
        trailing.saturating_sub(1)
    };
    pieces.extend(vec![Value::from(""); empties]);
    pieces.truncate(max_items);
    pieces
}

fn explode_common(vm: &mut Vm, a: &[Value], mode: ExplodeMode) -> VmResult<Value> {
    let s = args::string(a, 0)?;
    let del = args::string(a, 1)?;
    Ok(Value::array(explode_str(s, del, mode, vm.limits.max_array_size)))
}

/// `string *explode(string, string)`
pub fn explode(vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let mode = match vm.ext_opt::<ExplodeConfig>() {
        Some(c) if c.reversible => ExplodeMode::Reversible,
        Some(c) if c.sane => ExplodeMode::Sane,
        _ => ExplodeMode::Classic,
    };
    explode_common(vm, a, mode)
}

/// `string *explode_reversible(string, string)`
pub fn explode_reversible(vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    explode_common(vm, a, ExplodeMode::Reversible)
}

/// `mixed implode(mixed *, string | function, void | mixed)`: joins the
/// string elements with a separator (others are skipped), or folds the
/// array with a function, starting from the third argument if given.
pub fn implode(vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let items = args::array(a, 0)?.to_vec();
    match &a[1] {
        Value::Str(sep) => {
            if a.len() > 2 {
                return Err(LpcError::new(
                    "Third argument to implode() is illegal with implode(array, string)",
                ));
            }
            let strings: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            let joined = strings.join(sep.as_str());
            if joined.len() > vm.limits.max_string_length {
                return Err(LpcError::new("implode: result string too long"));
            }
            Ok(Value::from(joined))
        }
        Value::Function(f) => {
            let f = f.clone();
            let mut iter = items.into_iter();
            let mut acc = if a.len() > 2 {
                a[2].clone()
            } else {
                match iter.next() {
                    Some(first) => first,
                    None => return Ok(Value::Int(0)),
                }
            };
            for item in iter {
                acc = vm.call_function(&f, vec![acc, item])?;
            }
            Ok(acc)
        }
        other => Err(LpcError::new(format!(
            "Bad argument 2 to implode(): {}",
            other.type_name()
        ))),
    }
}

/// `string replace_string(string, string, string, void | int, void | int)`
///
/// With a fourth argument `max`, only the first `max` occurrences are
/// replaced (0: all); with `first, last`, occurrences first..last
/// (counting from 1; first < 1 means from the start, last 0 means to the
/// end, first > last changes nothing). Occurrences are counted left to
/// right without overlap. A result too long for a string gives 0.
pub fn replace_string(vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    if a.len() > 5 {
        return Err(LpcError::new("Too many args to replace_string."));
    }
    let max_len = vm.limits.max_string_length;
    let (mut first, mut last) = (0i64, 0i64);
    if a.len() >= 4 {
        first = args::int(a, 3)?;
        if a.len() == 4 {
            last = first;
            first = 0;
        } else {
            last = args::int(a, 4)?;
        }
    }
    if last == 0 {
        last = max_len as i64;
    }
    let src = args::lstr(a, 0)?;
    let pattern = args::string(a, 1)?;
    if first > last || pattern.is_empty() {
        return Ok(Value::Str(src));
    }
    let replacement = args::string(a, 2)?;
    let mut out = String::with_capacity(src.len());
    let mut copied = 0;
    let mut count = 0i64;
    for (at, _) in src.match_indices(pattern) {
        count += 1;
        if count >= first && count <= last {
            out.push_str(&src[copied..at]);
            out.push_str(replacement);
            copied = at + pattern.len();
            if out.len() >= max_len {
                return Ok(Value::Int(0));
            }
        }
        if count >= last {
            break;
        }
    }
    out.push_str(&src[copied..]);
    if out.len() >= max_len {
        return Ok(Value::Int(0));
    }
    Ok(Value::from(out))
}

#[cfg(test)]
mod mode_tests {
    use super::*;

    fn split(s: &str, del: &str, mode: ExplodeMode) -> Vec<String> {
        explode_str(s, del, mode, 1000).iter().map(|v| v.as_str().unwrap_or("").to_string()).collect()
    }

    #[test]
    fn sane_mode_drops_at_most_one_leading_delimiter() {
        assert_eq!(split("     this is", " ", ExplodeMode::Sane), ["", "", "", "", "this", "is"]);
        assert_eq!(split("     this is", " ", ExplodeMode::Classic), ["this", "is"]);
        assert_eq!(split("..x.y..z..", ".", ExplodeMode::Sane), ["", "x", "y", "", "z", ""]);
        assert_eq!(split("..x.y..z..", ".", ExplodeMode::Classic), ["x", "y", "", "z", ""]);
        assert_eq!(split("..x.y..z..", ".", ExplodeMode::Reversible), ["", "", "x", "y", "", "z", "", ""]);
        assert_eq!(split("      this  is  a  test  ", "  ", ExplodeMode::Sane), ["", "", "this", "is", "a", "test"]);
        assert!(split(".", ".", ExplodeMode::Sane).is_empty());
    }
}
