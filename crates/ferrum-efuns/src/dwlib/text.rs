//! dwlib's text helpers.

use crate::args;
use crate::strings::explode::replace_string;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{bail, Value, Vm};

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'A' | 'E' | 'I' | 'O' | 'U')
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// The article for `word` (leading spaces already gone): "an" before a
/// vowel, with two exceptions: "us..." takes "a" when a vowel follows
/// ("a user", "an usher") and "hour..." takes "an".
fn article(word: &str) -> &'static str {
    let an = if starts_with_ci(word, "us") {
        !word[2..].chars().next().is_some_and(is_vowel)
    } else if starts_with_ci(word, "hour") {
        true
    } else {
        word.chars().next().is_some_and(is_vowel)
    };
    if an {
        "an"
    } else {
        "a"
    }
}

/// `string add_a(string s)`: `s` with "a " or "an " in front (leading
/// spaces dropped); unchanged when it already starts with one.
pub fn add_a(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let s = args::string(args, 0)?;
    let word = s.trim_start_matches(' ');
    if word.is_empty() {
        return Ok(Value::from("a "));
    }
    if starts_with_ci(word, "a ") || starts_with_ci(word, "an ") {
        return Ok(args[0].clone());
    }
    let out = format!("{} {}", article(word), word);
    if out.len() > vm.limits.max_string_length {
        bail!("add_a() exceeded max string length.");
    }
    Ok(Value::from(out))
}

/// `int vowel(int c)`: 1 when `c` is one of aeiou or AEIOU.
pub fn vowel(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let c = args::int(args, 0)?;
    let v = u32::try_from(c).ok().and_then(char::from_u32).is_some_and(is_vowel);
    Ok(Value::Int(v as i64))
}

/// `string replace(string s, string from, string to)` is replace_string();
/// `replace(s, ({ from1, to1, from2, to2, ... }))` applies each pair in
/// turn (pairs that are not two strings are skipped).
pub fn replace(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let given = args.iter().filter(|v| !v.is_undefined()).count();
    match (&args[1], given) {
        (Value::Str(_), 3) => replace_string(vm, &mut args[..3]),
        (Value::Array(pairs), 2) => {
            let pairs = pairs.to_vec();
            if pairs.len() % 2 != 0 {
                bail!("Wrong array size for replace.");
            }
            let mut s = args[0].clone();
            for pair in pairs.chunks(2) {
                if let (Value::Str(_), Value::Str(_)) = (&pair[0], &pair[1]) {
                    let mut call = [s, pair[0].clone(), pair[1].clone()];
                    s = replace_string(vm, &mut call)?;
                }
            }
            Ok(s)
        }
        _ => Err(LpcError::new("Bad arguments for replace.")),
    }
}

/// Escapes `s` for HTML (`quote`: also '"') or MXP (`mxp`: newlines
/// become MXP line breaks).
fn escape(vm: &Vm, s: &str, quote: bool, mxp: bool) -> VmResult<Value> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quote => out.push_str("&quot;"),
            '\n' if mxp => out.push_str("\x1b[4z<BR>"),
            c => out.push(c),
        }
    }
    if out.len() > vm.limits.max_string_length {
        bail!("String too long.");
    }
    Ok(Value::from(out))
}

/// `string replace_html(string s)`: & < > and " as HTML entities.
pub fn replace_html(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let s = args::string(args, 0)?.to_string();
    escape(vm, &s, true, false)
}

/// `string replace_mxp(string s)`: & < > as entities, newlines as MXP
/// `<BR>` tags (secure-line mode).
pub fn replace_mxp(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let s = args::string(args, 0)?.to_string();
    escape(vm, &s, false, true)
}

/// `string replace_dollars(string s, string *pairs)`: where `s` has a '$'
/// that starts one of the patterns (pairs[0], pairs[2], ...), the first
/// such pattern is replaced by the string after it.
pub fn replace_dollars(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let s = args::string(args, 0)?.to_string();
    let pairs = args::array(args, 1)?.to_vec();
    if pairs.len() % 2 != 0 {
        bail!("wrong array length for replace_dollars()");
    }
    let mut strings = Vec::with_capacity(pairs.len());
    for v in &pairs {
        match v {
            Value::Str(p) => strings.push(p.to_string()),
            _ => bail!("replace array should only contain strings"),
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match strings.chunks(2).find(|p| !p[0].is_empty() && rest.starts_with(p[0].as_str())) {
            Some(p) => {
                out.push_str(&p[1]);
                rest = &rest[p[0].len()..];
            }
            None => {
                out.push('$');
                rest = &rest[1..];
            }
        }
        if out.len() > vm.limits.max_string_length {
            bail!("string too long");
        }
    }
    out.push_str(rest);
    if out.len() > vm.limits.max_string_length {
        bail!("string too long");
    }
    Ok(Value::from(out))
}
