//! sscanf(), following FluffOS `inter_sscanf` step by step.
//!
//! The compiler turns `sscanf(str, fmt, lv1, ..., lvN)` into a call of
//! `__sscanf(str, fmt, N)`, which returns `({ count, v1, ..., vN })`;
//! the compiler assigns each v_i that is not undefined to its lvalue.
//!
//! Conversions: `%d` (decimal, C strtoll: leading blanks and a sign are
//! accepted), `%x` (hex, optional 0x), `%f` (C strtod), `%s`, `%(regexp)`
//! (FluffOS regex dialect, must match at the current position), `%%`,
//! and `%*...` to match without assigning. `%s` takes the shortest text
//! up to what follows it: a literal (up to the next `%`), a number, a
//! regexp, or a `%`. Text left after the whole format goes into the next
//! variable, if there is one. The count includes skipped conversions.

use super::cfmt::{strtod, strtoll};
use super::regexp::compile;
use crate::args;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::interp::Vm;
use ferrum_vm::value::Value;

/// The variables being filled, in order.
struct Slots {
    values: Vec<Value>,
    next: usize,
}

impl Slots {
    fn left(&self) -> usize {
        self.values.len() - self.next
    }

    fn assign(&mut self, v: Value) {
        if self.next < self.values.len() {
            self.values[self.next] = v;
            self.next += 1;
        }
    }
}

/// Byte at `i`, or 0 past the end (C strings).
fn at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

fn text(s: &str, from: usize, to: usize) -> Value {
    Value::from(s.get(from..to).unwrap_or(""))
}

/// The regexp of a `%(...)` starting after the `(` at `start`: its text
/// and the index of the closing parenthesis.
fn regexp_span(fmt: &str, start: usize, second: bool) -> VmResult<(&str, usize)> {
    let f = fmt.as_bytes();
    let mut depth = 1;
    let mut i = start;
    loop {
        match at(f, i) {
            b'\\' if at(f, i + 1) != 0 => i += 2,
            b'\\' | 0 => {
                let sep = if second { " " } else { "" };
                return Err(LpcError::new(format!(
                    "Bad regexp format{}: '%{}' in sscanf format string",
                    sep,
                    &fmt[start..]
                )));
            }
            b'(' => {
                depth += 1;
                i += 1;
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok((&fmt[start..i], i));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
}

/// Runs the scan; returns FluffOS's count and the assigned values.
pub fn scan(input: &str, fmt: &str, nvars: usize) -> VmResult<(i64, Vec<Value>)> {
    let s = input.as_bytes();
    let f = fmt.as_bytes();
    let mut slots = Slots {
        values: vec![Value::Undefined; nvars],
        next: 0,
    };
    let mut ip = 0usize;
    let mut fp = 0usize;
    let mut count: i64 = 0;
    'conversions: loop {
        // Literal text and %% up to the next conversion.
        while at(f, fp) != 0 {
            if at(f, fp) == b'%' {
                fp += 1;
                if at(f, fp) == b'%' {
                    if at(s, ip) != b'%' {
                        return Ok((count, slots.values));
                    }
                    ip += 1;
                    fp += 1;
                    continue;
                }
                if at(f, fp) == 0 {
                    return Err(LpcError::new("Format string cannot end in '%' in sscanf()"));
                }
                break;
            }
            if at(f, fp) != at(s, ip) {
                return Ok((count, slots.values));
            }
            fp += 1;
            ip += 1;
        }
        if at(f, fp) == 0 {
            if ip < s.len() && slots.left() > 0 {
                count += 1;
                slots.assign(text(input, ip, s.len()));
            }
            return Ok((count, slots.values));
        }
        let skip = at(f, fp) == b'*';
        if skip {
            fp += 1;
        } else if slots.left() < 1 {
            return Err(LpcError::new("Too few arguments to sscanf()"));
        }
        let conv = at(f, fp);
        fp += 1;
        match conv {
            b'd' | b'x' => {
                let Some((n, used)) = strtoll(&s[ip..], if conv == b'x' { 16 } else { 10 }) else {
                    return Ok((count, slots.values));
                };
                ip += used;
                if !skip {
                    slots.assign(Value::Int(n));
                }
                count += 1;
                continue 'conversions;
            }
            b'f' => {
                let Some((x, used)) = strtod(&s[ip..]) else {
                    return Ok((count, slots.values));
                };
                ip += used;
                if !skip {
                    slots.assign(Value::Float(x));
                }
                count += 1;
                continue 'conversions;
            }
            b'(' => {
                let (pattern, close) = regexp_span(fmt, fp, false)?;
                let re = compile(pattern)?;
                let rest = input.get(ip..).unwrap_or("");
                match re.find(rest) {
                    Some(m) if m.start() == 0 => {
                        if !skip {
                            slots.assign(Value::from(m.as_str()));
                        }
                        ip += m.end();
                    }
                    _ => return Ok((count, slots.values)),
                }
                fp = close + 1;
                count += 1;
                continue 'conversions;
            }
            b's' => {}
            other => {
                return Err(LpcError::new(format!(
                    "Bad type : '%{}' in sscanf() format string",
                    other as char
                )))
            }
        }

        // %s: how far it reaches depends on what follows it.
        if at(f, fp) == 0 {
            count += 1;
            if !skip {
                slots.assign(text(input, ip, s.len()));
            }
            return Ok((count, slots.values));
        }
        if at(f, fp) == b'%' {
            fp += 1;
            let skip2 = at(f, fp) == b'*';
            if skip2 {
                fp += 1;
            }
            if slots.left() < (!skip) as usize + (!skip2) as usize && at(f, fp) != b'%' {
                return Err(LpcError::new("Too few arguments to sscanf()."));
            }
            count += 1;
            let next = at(f, fp);
            fp += 1;
            let mut end = ip;
            match next {
                b's' => {
                    return Err(LpcError::new(
                        "Illegal to have 2 adjacent %s's in format string in sscanf()",
                    ))
                }
                b'x' => loop {
                    while end < s.len() && s[end] != b'0' {
                        end += 1;
                    }
                    if end >= s.len() {
                        break;
                    }
                    if matches!(at(s, end + 1), b'x' | b'X') && at(s, end + 2).is_ascii_hexdigit() {
                        break;
                    }
                    end = (end + 2).min(s.len());
                },
                b'd' => {
                    while end < s.len() && !s[end].is_ascii_digit() {
                        end += 1;
                    }
                }
                b'f' => {
                    while end < s.len()
                        && !s[end].is_ascii_digit()
                        && (s[end] != b'.' || !at(s, end + 1).is_ascii_digit())
                    {
                        end += 1;
                    }
                }
                b'%' => {
                    while end < s.len() && s[end] != b'%' {
                        end += 1;
                    }
                    count -= 1;
                }
                b'(' => {
                    let (pattern, close) = regexp_span(fmt, fp, true)?;
                    let re = compile(pattern)?;
                    let rest = input.get(ip..).unwrap_or("");
                    match re.find(rest) {
                        None => {
                            if !skip {
                                slots.assign(Value::from(rest));
                            }
                            return Ok((count, slots.values));
                        }
                        Some(m) => {
                            if !skip {
                                slots.assign(Value::from(&rest[..m.start()]));
                            }
                            if !skip2 {
                                slots.assign(Value::from(m.as_str()));
                            }
                            ip += m.end();
                        }
                    }
                    fp = close + 1;
                    count += 1;
                    continue 'conversions;
                }
                0 => return Err(LpcError::new("Format string can't end in '%'.")),
                other => {
                    return Err(LpcError::new(format!(
                        "Bad type : '%{}' in sscanf() format string",
                        other as char
                    )))
                }
            }
            if !skip {
                slots.assign(text(input, ip, end));
            }
            ip = end;
            if ip >= s.len() {
                return Ok((count, slots.values));
            }
            match next {
                b'x' | b'd' => {
                    let (n, used) =
                        strtoll(&s[ip..], if next == b'x' { 16 } else { 10 }).unwrap_or((0, 0));
                    ip += used;
                    if !skip2 {
                        slots.assign(Value::Int(n));
                    }
                }
                b'f' => {
                    let (x, used) = strtod(&s[ip..]).unwrap_or((0.0, 0));
                    ip += used;
                    if !skip2 {
                        slots.assign(Value::Float(x));
                    }
                }
                _ => ip += 1,
            }
            count += 1;
            continue 'conversions;
        }

        // %s followed by a literal: the literal runs to the next % (or the
        // end of the format) and %s takes the text before its first match.
        let lit_start = fp;
        let lit_end = f[fp..]
            .iter()
            .position(|b| *b == b'%')
            .map_or(f.len(), |i| fp + i);
        let literal = &f[lit_start..lit_end];
        match s[ip..].windows(literal.len()).position(|w| w == literal) {
            Some(found) => {
                if !skip {
                    slots.assign(text(input, ip, ip + found));
                }
                ip += found + literal.len();
                fp = lit_end;
                count += 1;
            }
            None => return Ok((count, slots.values)),
        }
    }
}

/// `mixed *__sscanf(string str, string fmt, int nvars)`: the count, then
/// one value per variable (undefined when not assigned).
pub fn sscanf(_vm: &mut Vm, a: &mut [Value]) -> VmResult<Value> {
    let input = args::lstr(a, 0)?;
    let fmt = args::lstr(a, 1)?;
    let nvars = args::int(a, 2)?.clamp(0, 255) as usize;
    let (count, values) = scan(&input, &fmt, nvars)?;
    let mut out = Vec::with_capacity(nvars + 1);
    out.push(Value::Int(count));
    out.extend(values);
    Ok(Value::array(out))
}
