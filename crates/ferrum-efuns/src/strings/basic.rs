//! The simple string efuns: length, case, comparison, search, trimming,
//! display width, sprintf/printf and template-string coercion.

use super::cfmt::{format_general, SignFlag};
use super::describe::describe_vm;
use super::sprintf::format;
use super::width::str_width;
use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::interp::Vm;
use ferrum_vm::value::{LStr, Value};

/// `int strlen(string)`: the length in characters.
pub fn strlen(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    Ok(Value::from(args::lstr(a, 0)?.char_len()))
}

/// `int strwidth(string)`: the display width (wide characters count 2).
pub fn strwidth(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    Ok(Value::from(str_width(args::string(a, 0)?)))
}

/// `string capitalize(string)`: an ASCII lower-case first letter is
/// upper-cased; anything else is returned unchanged.
/// `repeat_string(s, n)`: `s` n times ("" for n <= 0).
pub fn repeat_string(vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let s = args::string(a, 0)?;
    let mut n = args::int(a, 1)?.max(0) as usize;
    // Too many repeats are clamped to what fits the maximum string length,
    // as FluffOS does.
    if s.len().saturating_mul(n) > vm.limits.max_string_length {
        n = vm.limits.max_string_length / s.len();
    }
    Ok(Value::from(s.repeat(n)))
}

pub fn capitalize(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let s = args::lstr(a, 0)?;
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_lowercase() => {
            let mut out = s.to_string();
            out[..1].make_ascii_uppercase();
            Ok(Value::from(out))
        }
        _ => Ok(Value::Str(s)),
    }
}

fn map_ascii(a: &[Value], wanted: fn(&u8) -> bool, convert: fn(&str) -> String) -> VmResult<Value> {
    let s = args::lstr(a, 0)?;
    if s.as_bytes().iter().any(wanted) {
        Ok(Value::from(convert(&s)))
    } else {
        Ok(Value::Str(s))
    }
}

/// `string lower_case(string)`: ASCII letters only, as FluffOS.
pub fn lower_case(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    map_ascii(a, u8::is_ascii_uppercase, str::to_ascii_lowercase)
}

/// `string upper_case(string)`: ASCII letters only, as FluffOS.
pub fn upper_case(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    map_ascii(a, u8::is_ascii_lowercase, str::to_ascii_uppercase)
}

/// `int strcmp(string, string)`: byte-wise comparison, -1, 0 or 1.
pub fn strcmp(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let ord = args::string(a, 0)?
        .as_bytes()
        .cmp(args::string(a, 1)?.as_bytes());
    Ok(Value::Int(ord as i64))
}

/// `int strsrch(string, string | int, void | int)`: the character index
/// of the first (or, with a non-zero third argument, last) occurrence, or
/// -1. Searching for the character 0 finds the end of the string. A match
/// must cover whole characters: "\n" is not found inside "\r\n".
pub fn strsrch(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let big = args::lstr(a, 0)?;
    let reverse = args::opt(a, 2).is_true();
    let needle = match &a[1] {
        Value::Str(s) => s.to_string(),
        v => match v.as_int().map(u32::try_from) {
            Some(Ok(0)) => return Ok(Value::from(big.char_len())),
            Some(Ok(c)) => match char::from_u32(c) {
                Some(c) => c.to_string(),
                None => return Ok(Value::Int(-1)),
            },
            _ => return Ok(Value::Int(-1)),
        },
    };
    if needle.is_empty() || needle.len() > big.len() {
        return Ok(Value::Int(-1));
    }
    let found = if reverse {
        rfind_whole(&big, &needle)
    } else {
        find_whole(&big, &needle)
    };
    Ok(Value::Int(found.map_or(-1, |i| i as i64)))
}

/// The character index of the first match of `needle` that starts and
/// ends on character boundaries.
fn find_whole(big: &LStr, needle: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = big[from..].find(needle).map(|at| at + from) {
        if let Some(i) = whole_match(big, at, needle.len()) {
            return Some(i);
        }
        from = at + big[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// As `find_whole`, for the last such match.
fn rfind_whole(big: &LStr, needle: &str) -> Option<usize> {
    let mut limit = big.len();
    while let Some(at) = big[..limit].rfind(needle) {
        if let Some(i) = whole_match(big, at, needle.len()) {
            return Some(i);
        }
        // Retry with every match that starts before this one.
        limit = at + needle.len() - 1;
        while !big.is_char_boundary(limit) {
            limit -= 1;
        }
    }
    None
}

fn whole_match(big: &LStr, at: usize, len: usize) -> Option<usize> {
    let start = big.char_index_at(at)?;
    big.char_index_at(at + len).map(|_| start)
}

/// Which ends trim() works on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ends {
    Both,
    Left,
    Right,
}

fn trim_common(a: &[Value], ends: Ends) -> VmResult<Value> {
    let s = args::lstr(a, 0)?;
    let set: Vec<char> = match args::opt(a, 1) {
        Value::Str(chars) => chars.chars().collect(),
        _ => Vec::new(),
    };
    // Without a character set: C isspace() in the "C" locale.
    let strip = |c: char| {
        if set.is_empty() {
            matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r')
        } else {
            set.contains(&c)
        }
    };
    let mut out: &str = &s;
    if ends != Ends::Right {
        out = out.trim_start_matches(strip);
    }
    if ends != Ends::Left {
        out = out.trim_end_matches(strip);
    }
    if out.len() == s.len() {
        return Ok(Value::Str(s));
    }
    Ok(Value::from(out))
}

/// `string trim(string, void | string)`
pub fn trim(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    trim_common(a, Ends::Both)
}

/// `string ltrim(string, void | string)`
pub fn ltrim(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    trim_common(a, Ends::Left)
}

/// `string rtrim(string, void | string)`
pub fn rtrim(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    trim_common(a, Ends::Right)
}

/// `string sprintf(string, mixed ...)`
pub fn sprintf(vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let fmt = args::lstr(a, 0)?;
    Ok(Value::from(format(vm, &fmt, &a[1..])?))
}

/// `void printf(string, mixed ...)`: sprintf, then write() the result.
pub fn printf(vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let fmt = args::lstr(a, 0)?;
    let text = format(vm, &fmt, &a[1..])?;
    crate::interactive::write_text(vm, &text)?;
    Ok(Value::Undefined)
}

/// `string __template_part(mixed)`: how a `${...}` of a template string
/// reads: strings as they are, ints in decimal, floats as C `%g`,
/// anything else as `%O`.
pub fn template_part(vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    Ok(match args::opt(a, 0) {
        Value::Str(s) => Value::Str(s.clone()),
        Value::Int(i) => Value::from(i.to_string()),
        Value::Undefined => Value::from("0"),
        Value::Float(f) => Value::from(format_general(*f, SignFlag::None, 6, false)),
        other => {
            let other = other.clone();
            Value::Str(LStr::from(describe_vm(vm, &other)?))
        }
    })
}
