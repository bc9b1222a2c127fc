//! C-library number formatting (`printf` conversions) and parsing
//! (`strtoll`, `strtod`), which FluffOS uses directly for sprintf, sscanf
//! and template strings. Reimplemented so output matches glibc exactly.

/// The sign prefix flag of `%d`/`%f`: `'+'`, `' '` or none.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SignFlag {
    None,
    Space,
    Plus,
}

fn sign_prefix(negative: bool, flag: SignFlag) -> &'static str {
    match (negative, flag) {
        (true, _) => "-",
        (false, SignFlag::Plus) => "+",
        (false, SignFlag::Space) => " ",
        (false, SignFlag::None) => "",
    }
}

fn zero_extend(digits: String, precision: Option<usize>) -> String {
    match precision {
        Some(p) if p > digits.len() => format!("{}{}", "0".repeat(p - digits.len()), digits),
        _ => digits,
    }
}

/// `%lld` with an optional precision (minimum number of digits).
pub fn format_decimal(v: i64, flag: SignFlag, precision: Option<usize>) -> String {
    let digits = zero_extend(v.unsigned_abs().to_string(), precision);
    format!("{}{}", sign_prefix(v < 0, flag), digits)
}

/// `%llo`, `%llx`, `%llX`: the value as an unsigned 64-bit number; sign
/// flags do not apply to unsigned conversions.
pub fn format_unsigned(v: i64, radix: char, precision: Option<usize>) -> String {
    let u = v as u64;
    let digits = match radix {
        'o' => format!("{:o}", u),
        'x' => format!("{:x}", u),
        _ => format!("{:X}", u),
    };
    zero_extend(digits, precision)
}

fn non_finite(v: f64, flag: SignFlag, upper: bool) -> Option<String> {
    let text = if v.is_nan() {
        "nan"
    } else if v.is_infinite() {
        "inf"
    } else {
        return None;
    };
    let text = if upper {
        text.to_uppercase()
    } else {
        text.to_string()
    };
    Some(format!(
        "{}{}",
        sign_prefix(v.is_sign_negative(), flag),
        text
    ))
}

/// `%.Nf`.
pub fn format_fixed(v: f64, flag: SignFlag, precision: usize) -> String {
    if let Some(s) = non_finite(v, flag, false) {
        return s;
    }
    format!(
        "{}{:.*}",
        sign_prefix(v.is_sign_negative(), flag),
        precision,
        v.abs()
    )
}

/// Mantissa digits and decimal exponent of `v` in `%.Ne` form.
fn exp_parts(v: f64, precision: usize) -> (String, i32) {
    let text = format!("{:.*e}", precision, v.abs());
    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
    (mantissa.to_string(), exp.parse().unwrap_or(0))
}

/// `%.Ne` / `%.NE`.
pub fn format_exp(v: f64, flag: SignFlag, precision: usize, upper: bool) -> String {
    if let Some(s) = non_finite(v, flag, upper) {
        return s;
    }
    let (mantissa, exp) = exp_parts(v, precision);
    let e = if upper { 'E' } else { 'e' };
    let sign = if exp < 0 { '-' } else { '+' };
    format!(
        "{}{}{}{}{:02}",
        sign_prefix(v.is_sign_negative(), flag),
        mantissa,
        e,
        sign,
        exp.abs()
    )
}

fn strip_fraction_zeros(s: &str) -> String {
    if !s.contains('.') {
        return s.to_string();
    }
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `%.Ng` / `%.NG`: the shorter of `%e` and `%f` with N significant
/// digits, trailing zeros removed.
pub fn format_general(v: f64, flag: SignFlag, precision: usize, upper: bool) -> String {
    if let Some(s) = non_finite(v, flag, upper) {
        return s;
    }
    let p = precision.max(1);
    let (_, x) = exp_parts(v, p - 1);
    let sign = sign_prefix(v.is_sign_negative(), flag);
    if (x as i64) < p as i64 && x >= -4 {
        let fixed = format!("{:.*}", (p as i64 - 1 - x as i64) as usize, v.abs());
        format!("{}{}", sign, strip_fraction_zeros(&fixed))
    } else {
        let (mantissa, exp) = exp_parts(v, p - 1);
        let e = if upper { 'E' } else { 'e' };
        let esign = if exp < 0 { '-' } else { '+' };
        format!(
            "{}{}{}{}{:02}",
            sign,
            strip_fraction_zeros(&mantissa),
            e,
            esign,
            exp.abs()
        )
    }
}

/// C `isspace` in the "C" locale.
pub fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `strtoll(s, &end, base)` for base 10 or 16: the value (saturated on
/// overflow) and the number of bytes consumed, or None when no digits
/// were found (strtoll then consumes nothing).
pub fn strtoll(s: &[u8], base: u32) -> Option<(i64, usize)> {
    let mut i = 0;
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    let mut negative = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        negative = s[i] == b'-';
        i += 1;
    }
    if base == 16
        && s.get(i) == Some(&b'0')
        && matches!(s.get(i + 1), Some(b'x') | Some(b'X'))
        && s.get(i + 2).is_some_and(|b| b.is_ascii_hexdigit())
    {
        i += 2;
    }
    let start = i;
    let mut magnitude: u128 = 0;
    while i < s.len() {
        let d = match (s[i] as char).to_digit(base) {
            Some(d) => d,
            None => break,
        };
        magnitude = (magnitude * base as u128 + d as u128).min(u64::MAX as u128 + 1);
        i += 1;
    }
    if i == start {
        return None;
    }
    let value = if negative {
        if magnitude > i64::MAX as u128 + 1 {
            i64::MIN
        } else {
            (magnitude as i128).wrapping_neg() as i64
        }
    } else if magnitude > i64::MAX as u128 {
        i64::MAX
    } else {
        magnitude as i64
    };
    Some((value, i))
}

fn parse_hex_float(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    let mut mantissa = 0f64;
    let mut scale = 0i32;
    let mut digits = 0;
    while i < s.len() && s[i].is_ascii_hexdigit() {
        mantissa = mantissa * 16.0 + (s[i] as char).to_digit(16)? as f64;
        i += 1;
        digits += 1;
    }
    if s.get(i) == Some(&b'.') {
        i += 1;
        while i < s.len() && s[i].is_ascii_hexdigit() {
            mantissa = mantissa * 16.0 + (s[i] as char).to_digit(16)? as f64;
            scale -= 4;
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    if matches!(s.get(i), Some(b'p') | Some(b'P')) {
        let mut j = i + 1;
        let negative = s.get(j) == Some(&b'-');
        if matches!(s.get(j), Some(b'+') | Some(b'-')) {
            j += 1;
        }
        if s.get(j).is_some_and(u8::is_ascii_digit) {
            let mut e: i32 = 0;
            while j < s.len() && s[j].is_ascii_digit() {
                e = e
                    .saturating_mul(10)
                    .saturating_add((s[j] - b'0') as i32)
                    .min(100_000);
                j += 1;
            }
            scale = scale.saturating_add(if negative { -e } else { e });
            i = j;
        }
    }
    Some((mantissa * 2f64.powi(scale), i))
}

/// `strtod(s, &end)`: decimal (with exponent), hexadecimal, `inf`,
/// `infinity` and `nan`, after optional whitespace and sign.
pub fn strtod(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    let mut negative = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        negative = s[i] == b'-';
        i += 1;
    }
    let apply = |v: f64| if negative { -v } else { v };
    let rest = &s[i..];
    let lower: Vec<u8> = rest.iter().take(8).map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"infinity") {
        return Some((apply(f64::INFINITY), i + 8));
    }
    if lower.starts_with(b"inf") {
        return Some((apply(f64::INFINITY), i + 3));
    }
    if lower.starts_with(b"nan") {
        let mut n = 3;
        if rest.get(3) == Some(&b'(') {
            if let Some(close) = rest[4..].iter().position(|b| *b == b')') {
                if rest[4..4 + close]
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'_')
                {
                    n = 4 + close + 1;
                }
            }
        }
        return Some((apply(f64::NAN), i + n));
    }
    if rest.len() > 1 && rest[0] == b'0' && (rest[1] == b'x' || rest[1] == b'X') {
        if let Some((v, n)) = parse_hex_float(&rest[2..]) {
            return Some((apply(v), i + 2 + n));
        }
    }
    let start = i;
    let mut digits = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if s.get(i) == Some(&b'.') {
        i += 1;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    if matches!(s.get(i), Some(b'e') | Some(b'E')) {
        let mut j = i + 1;
        if matches!(s.get(j), Some(b'+') | Some(b'-')) {
            j += 1;
        }
        if s.get(j).is_some_and(u8::is_ascii_digit) {
            while j < s.len() && s[j].is_ascii_digit() {
                j += 1;
            }
            i = j;
        }
    }
    let text = std::str::from_utf8(&s[start..i]).ok()?;
    let text = text.strip_suffix('.').unwrap_or(text);
    let text = if text.starts_with('.') {
        format!("0{}", text)
    } else {
        text.to_string()
    };
    let v: f64 = text.parse().ok()?;
    Some((apply(v), i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_conversions_match_printf() {
        assert_eq!(format_decimal(-345, SignFlag::None, None), "-345");
        assert_eq!(format_decimal(5, SignFlag::Plus, None), "+5");
        assert_eq!(format_decimal(5, SignFlag::Space, None), " 5");
        assert_eq!(format_decimal(-7, SignFlag::None, Some(3)), "-007");
        assert_eq!(
            format_decimal(i64::MIN, SignFlag::None, None),
            "-9223372036854775808"
        );
        assert_eq!(format_unsigned(73, 'o', None), "111");
        assert_eq!(format_unsigned(169, 'X', Some(4)), "00A9");
        assert_eq!(format_unsigned(-1, 'x', None), "ffffffffffffffff");
    }

    #[test]
    fn float_conversions_match_printf() {
        assert_eq!(format_fixed(1.234, SignFlag::None, 6), "1.234000");
        assert_eq!(format_fixed(-0.0, SignFlag::None, 2), "-0.00");
        assert_eq!(format_fixed(2.5, SignFlag::Plus, 0), "+2");
        assert_eq!(format_fixed(f64::INFINITY, SignFlag::None, 6), "inf");
        assert_eq!(format_exp(1234.5678, SignFlag::None, 2, false), "1.23e+03");
        assert_eq!(format_exp(0.000123, SignFlag::None, 1, true), "1.2E-04");
        assert_eq!(format_general(2.75, SignFlag::None, 6, false), "2.75");
        assert_eq!(format_general(100000.0, SignFlag::None, 6, false), "100000");
        assert_eq!(format_general(1000000.0, SignFlag::None, 6, false), "1e+06");
        assert_eq!(format_general(0.0001, SignFlag::None, 6, false), "0.0001");
        assert_eq!(
            format_general(0.00001234, SignFlag::None, 6, false),
            "1.234e-05"
        );
        assert_eq!(format_general(0.0, SignFlag::None, 6, false), "0");
        assert_eq!(format_general(-2.5, SignFlag::None, 6, false), "-2.5");
    }

    #[test]
    fn strtoll_parses_like_c() {
        assert_eq!(strtoll(b"  -19322x", 10), Some((-19322, 8)));
        assert_eq!(strtoll(b"+29375282", 10), Some((29375282, 9)));
        assert_eq!(strtoll(b"0x1293jsf", 16), Some((0x1293, 6)));
        assert_eq!(strtoll(b"FFFF", 16), Some((65535, 4)));
        assert_eq!(strtoll(b"0xg", 16), Some((0, 1)));
        assert_eq!(strtoll(b"abc", 10), None);
        assert_eq!(strtoll(b"-", 10), None);
        assert_eq!(strtoll(b"99999999999999999999", 10), Some((i64::MAX, 20)));
        assert_eq!(strtoll(b"-99999999999999999999", 10), Some((i64::MIN, 21)));
    }

    #[test]
    fn strtod_parses_like_c() {
        assert_eq!(strtod(b"1.5abc"), Some((1.5, 3)));
        assert_eq!(strtod(b" -2e3x"), Some((-2000.0, 5)));
        assert_eq!(strtod(b"3e"), Some((3.0, 1)));
        assert_eq!(strtod(b".5"), Some((0.5, 2)));
        assert_eq!(strtod(b"5."), Some((5.0, 2)));
        assert_eq!(strtod(b"0x1.8p1"), Some((3.0, 7)));
        assert_eq!(strtod(b"INF"), Some((f64::INFINITY, 3)));
        assert!(strtod(b"nan").unwrap().0.is_nan());
        assert_eq!(strtod(b"."), None);
        assert_eq!(strtod(b"x"), None);
    }
}
