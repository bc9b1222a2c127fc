//! JSON efuns, as FluffOS's json package (nlohmann::json) behaves:
//! `string json_stringify(mixed, void | int indent)` and
//! `mixed json_parse(string)`, also available under the names
//! `json_encode` / `json_decode`.
//!
//! Encoding: ints are numbers, floats use the shortest text that reads
//! back as the same float (NaN and infinities become null), strings are
//! escaped (non-ASCII is written as is), arrays are arrays, mappings are
//! objects with their keys sorted. Mapping entries whose key is not a
//! string are left out; objects, functions, buffers, classes are null. A
//! structure that contains itself is an error. With an indent >= 0 the
//! output is pretty-printed with that many spaces per level.
//!
//! Decoding: true/false are 1/0, null is 0, numbers without fraction or
//! exponent that fit in an int are ints and other numbers floats, objects
//! are mappings (a repeated key keeps its last value), and `\u` escapes
//! (with surrogate pairs) give any character. As in FluffOS a string stops
//! at an escaped NUL. Invalid JSON is an error naming the position.

use crate::args;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::{Mapping, Value};
use ferrum_vm::{efun, Vm};

pub const EFUNS: &[EfunSpec] = &[
    efun!("string json_stringify(mixed, void | int)", json_stringify),
    efun!("mixed json_parse(string)", json_parse),
    efun!("string json_encode(mixed, void | int)", json_encode),
    efun!("mixed json_decode(string)", json_decode),
];

pub fn json_stringify(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    stringify(args, "json_stringify")
}

pub fn json_encode(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    stringify(args, "json_encode")
}

pub fn json_parse(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    parse_text(args::string(args, 0)?, "json_parse")
}

pub fn json_decode(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    parse_text(args::string(args, 0)?, "json_decode")
}

/// JSON text for a value (compact), as json_encode writes it.
pub fn encode(v: &Value) -> VmResult<String> {
    match stringify(std::slice::from_ref(v), "json_encode")? {
        Value::Str(s) => Ok(s.to_string()),
        _ => Ok(String::new()),
    }
}

/// The value of JSON text, as json_decode reads it.
pub fn decode(text: &str) -> VmResult<Value> {
    parse_text(text, "json_decode")
}

fn stringify(args: &[Value], efun: &str) -> VmResult<Value> {
    let indent = match args.get(1) {
        Some(Value::Int(n)) if *n >= 0 => Some(*n as usize),
        _ => None,
    };
    let mut w = Writer {
        out: String::new(),
        indent,
        open: Vec::new(),
        efun,
    };
    w.value(&args[0], 0)?;
    Ok(Value::from(w.out))
}

// ----- encoding -----

struct Writer<'a> {
    out: String,
    indent: Option<usize>,
    /// Identities of the arrays and mappings being written (cycle check).
    open: Vec<usize>,
    efun: &'a str,
}

impl Writer<'_> {
    fn newline(&mut self, level: usize) {
        if let Some(n) = self.indent {
            self.out.push('\n');
            self.out.push_str(&" ".repeat(n * level));
        }
    }

    fn enter(&mut self, v: &Value) -> VmResult<()> {
        let addr = v.ref_addr().unwrap_or(0);
        if self.open.contains(&addr) {
            return Err(ferrum_vm::lpc_error!(
                "{}(): cannot encode a structure that contains itself",
                self.efun
            ));
        }
        self.open.push(addr);
        Ok(())
    }

    fn value(&mut self, v: &Value, level: usize) -> VmResult<()> {
        match v {
            Value::Int(i) => self.out.push_str(&i.to_string()),
            Value::Undefined => self.out.push('0'),
            Value::Float(f) => self.out.push_str(&format_float(*f)),
            Value::Str(s) => write_string(&mut self.out, s),
            Value::Array(a) => {
                let items = a.to_vec();
                if items.is_empty() {
                    self.out.push_str("[]");
                    return Ok(());
                }
                self.enter(v)?;
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.newline(level + 1);
                    self.value(item, level + 1)?;
                }
                self.newline(level);
                self.out.push(']');
                self.open.pop();
            }
            Value::Mapping(m) => {
                let mut pairs: Vec<(String, Value)> = m
                    .pairs()
                    .into_iter()
                    .filter_map(|(k, val)| k.as_str().map(|s| (s.to_string(), val)))
                    .collect();
                if pairs.is_empty() {
                    self.out.push_str("{}");
                    return Ok(());
                }
                pairs.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
                self.enter(v)?;
                self.out.push('{');
                for (i, (k, val)) in pairs.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.newline(level + 1);
                    write_string(&mut self.out, k);
                    self.out
                        .push_str(if self.indent.is_some() { ": " } else { ":" });
                    self.value(val, level + 1)?;
                }
                self.newline(level);
                self.out.push('}');
                self.open.pop();
            }
            Value::Ref(r) => {
                let inner = r.borrow().clone();
                self.value(&inner, level)?;
            }
            _ => self.out.push_str("null"),
        }
        Ok(())
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// nlohmann::json's float text: the shortest round-trip digits, written
/// plainly for decimal exponents -4 < n <= 15 (always with a '.'), else
/// in scientific notation with a signed exponent of at least two digits.
pub fn format_float(x: f64) -> String {
    if !x.is_finite() {
        return "null".to_string();
    }
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    let x = x.abs();
    if x == 0.0 {
        out.push_str("0.0");
        return out;
    }
    let sci = format!("{:e}", x);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i64;
    let n = exp.parse::<i64>().unwrap_or(0) + 1;
    if k <= n && n <= 15 {
        out.push_str(&digits);
        out.push_str(&"0".repeat((n - k) as usize));
        out.push_str(".0");
    } else if 0 < n && n <= 15 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -4 < n && n <= 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat((-n) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = n - 1;
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", e.abs()));
    }
    out
}

// ----- decoding -----

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 512;

struct Parser<'a> {
    text: &'a [u8],
    pos: usize,
    efun: &'a str,
}

fn parse_text(text: &str, efun: &str) -> VmResult<Value> {
    let mut p = Parser {
        text: text.as_bytes(),
        pos: 0,
        efun,
    };
    p.skip_ws();
    let v = p.value(0)?;
    p.skip_ws();
    if p.pos < p.text.len() {
        return Err(p.error("unexpected text after the value"));
    }
    Ok(v)
}

impl Parser<'_> {
    fn error(&self, what: &str) -> LpcError {
        let before = &self.text[..self.pos.min(self.text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        ferrum_vm::lpc_error!(
            "{}(): JSON parse error: {} at line {}, column {}",
            self.efun,
            what,
            line,
            column
        )
    }

    fn skip_ws(&mut self) {
        while matches!(self.text.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn literal(&mut self, word: &str, v: Value) -> VmResult<Value> {
        if self.text[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(self.error("invalid literal"))
        }
    }

    fn value(&mut self, depth: usize) -> VmResult<Value> {
        if depth > MAX_DEPTH {
            return Err(self.error("nesting too deep"));
        }
        match self.peek() {
            None => Err(self.error("unexpected end of input")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => Ok(Value::from(self.string()?)),
            Some(b't') => self.literal("true", Value::Int(1)),
            Some(b'f') => self.literal("false", Value::Int(0)),
            Some(b'n') => self.literal("null", Value::Int(0)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
        }
    }

    fn array(&mut self, depth: usize) -> VmResult<Value> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::array(items));
                }
                None => return Err(self.error("unexpected end of input; expected ',' or ']'")),
                Some(_) => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> VmResult<Value> {
        self.pos += 1;
        let m = Mapping::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Mapping(m));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string object key"));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':'"));
            }
            self.pos += 1;
            self.skip_ws();
            let v = self.value(depth + 1)?;
            m.insert(Value::from(key), v);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Mapping(m));
                }
                None => return Err(self.error("unexpected end of input; expected ',' or '}'")),
                Some(_) => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn hex4(&mut self) -> VmResult<u32> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error("incomplete \\u escape"))?;
        let s = std::str::from_utf8(digits).map_err(|_| self.error("invalid \\u escape"))?;
        if !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.error("invalid \\u escape"));
        }
        self.pos += 4;
        Ok(u32::from_str_radix(s, 16).unwrap_or(0))
    }

    /// A string starting at the opening quote.
    fn string(&mut self) -> VmResult<String> {
        self.pos += 1;
        let mut out = String::new();
        let mut truncated = false;
        let push = |out: &mut String, c: char, truncated: &mut bool| {
            if c == '\0' {
                *truncated = true;
            }
            if !*truncated {
                out.push(c);
            }
        };
        loop {
            let start = self.pos;
            // Copy a run of plain characters at once.
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            if !truncated {
                // The input is a valid UTF-8 string cut at ASCII bytes.
                out.push_str(std::str::from_utf8(&self.text[start..self.pos]).unwrap_or(""));
            }
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode_escape()?;
                            push(&mut out, c, &mut truncated);
                            continue;
                        }
                        _ => return Err(self.error("invalid escape")),
                    };
                    self.pos += 1;
                    push(&mut out, c, &mut truncated);
                }
                Some(_) => return Err(self.error("control character in string")),
            }
        }
    }

    /// After "\u": one escape, or a surrogate pair of two.
    fn unicode_escape(&mut self) -> VmResult<char> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) {
            if !self.text[self.pos..].starts_with(b"\\u") {
                return Err(self.error("high surrogate without its low surrogate"));
            }
            self.pos += 2;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.error("invalid low surrogate"));
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else if (0xDC00..0xE000).contains(&hi) {
            return Err(self.error("low surrogate without a high surrogate"));
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))
    }

    fn number(&mut self) -> VmResult<Value> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let s = p.pos;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos - s
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(self.error("invalid number")),
        }
        let mut integral = true;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            integral = false;
            if digits(self) == 0 {
                return Err(self.error("invalid number; expected a digit after '.'"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            integral = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("invalid number; expected a digit in the exponent"));
            }
        }
        let text = std::str::from_utf8(&self.text[start..self.pos]).unwrap_or("0");
        if integral {
            if let Ok(i) = text.parse::<i64>() {
                return Ok(Value::Int(i));
            }
        }
        let f: f64 = text.parse().map_err(|_| self.error("invalid number"))?;
        if !f.is_finite() {
            return Err(self.error("number overflow"));
        }
        Ok(Value::Float(f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arrays::testutil::*;

    fn enc(vm: &mut Vm, v: Value) -> String {
        call(vm, "json_encode", vec![v])
            .as_str()
            .unwrap()
            .to_string()
    }

    fn dec(vm: &mut Vm, s: &str) -> Value {
        call(vm, "json_decode", vec![Value::from(s)])
    }

    #[test]
    fn encodes_scalars_and_strings() {
        let mut vm = vm();
        assert_eq!(enc(&mut vm, Value::Int(-42)), "-42");
        assert_eq!(enc(&mut vm, Value::Undefined), "0");
        assert_eq!(enc(&mut vm, Value::Float(1.0)), "1.0");
        assert_eq!(enc(&mut vm, Value::Float(0.1)), "0.1");
        assert_eq!(enc(&mut vm, Value::Float(-0.0)), "-0.0");
        assert_eq!(enc(&mut vm, Value::Float(1e20)), "1e+20");
        assert_eq!(enc(&mut vm, Value::Float(1.5e-7)), "1.5e-07");
        assert_eq!(enc(&mut vm, Value::Float(0.001)), "0.001");
        assert_eq!(
            enc(&mut vm, Value::Float(123456789012345.6)),
            "123456789012345.6"
        );
        assert_eq!(enc(&mut vm, Value::Float(f64::NAN)), "null");
        assert_eq!(
            enc(&mut vm, Value::from("a\"b\\c\n\t\u{1}é😀/")),
            "\"a\\\"b\\\\c\\n\\t\\u0001é😀/\""
        );
        assert_eq!(enc(&mut vm, Value::buffer(vec![1])), "null");
        let ob = object(&mut vm, "/t/json");
        assert_eq!(enc(&mut vm, Value::Object(ob)), "null");
    }

    #[test]
    fn floats_round_trip() {
        let mut vm = vm();
        for f in [
            0.1,
            1.0 / 3.0,
            2.5e-300,
            1.7976931348623157e308,
            5e-324,
            123.456,
            -9.75e15,
            1e16,
        ] {
            let text = enc(&mut vm, Value::Float(f));
            match dec(&mut vm, &text) {
                Value::Float(g) => assert_eq!(f.to_bits(), g.to_bits(), "{}", text),
                other => panic!("{} decoded as {:?}", text, other),
            }
        }
    }

    #[test]
    fn encodes_containers() {
        let mut vm = vm();
        let m = Mapping::new();
        m.insert(
            Value::from("b"),
            Value::array(vec![Value::Int(1), Value::from("x")]),
        );
        m.insert(Value::from("a"), Value::Mapping(Mapping::new()));
        m.insert(Value::Int(7), Value::Int(8));
        assert_eq!(
            enc(&mut vm, Value::Mapping(m.clone())),
            "{\"a\":{},\"b\":[1,\"x\"]}"
        );
        assert_eq!(enc(&mut vm, Value::array(vec![])), "[]");
        let pretty = call(
            &mut vm,
            "json_stringify",
            vec![Value::Mapping(m), Value::Int(2)],
        );
        assert_eq!(
            pretty.as_str(),
            Some("{\n  \"a\": {},\n  \"b\": [\n    1,\n    \"x\"\n  ]\n}")
        );
        let compact = call(
            &mut vm,
            "json_stringify",
            vec![ints(&[1, 2]), Value::Int(-1)],
        );
        assert_eq!(compact.as_str(), Some("[1,2]"));
    }

    #[test]
    fn self_containing_structures_are_an_error() {
        let mut vm = vm();
        let a = ferrum_vm::Array::new(vec![Value::Int(1)]);
        a.borrow_mut().push(Value::Array(a.clone()));
        let err = call_err(&mut vm, "json_encode", vec![Value::Array(a.clone())]);
        assert!(err.contains("contains itself"), "{}", err);
        a.borrow_mut().clear();
        // Sharing without a cycle is fine.
        let shared = ints(&[1]);
        let twice = Value::array(vec![shared.clone(), shared]);
        assert_eq!(enc(&mut vm, twice), "[[1],[1]]");
    }

    #[test]
    fn decodes_values() {
        let mut vm = vm();
        assert_eq!(dec(&mut vm, "true").as_int(), Some(1));
        assert_eq!(dec(&mut vm, " false ").as_int(), Some(0));
        assert_eq!(dec(&mut vm, "null").as_int(), Some(0));
        assert_eq!(dec(&mut vm, "-12").as_int(), Some(-12));
        assert_eq!(dec(&mut vm, "9223372036854775807").as_int(), Some(i64::MAX));
        assert!(matches!(
            dec(&mut vm, "9223372036854775808"),
            Value::Float(_)
        ));
        assert!(matches!(dec(&mut vm, "1.0"), Value::Float(f) if f == 1.0));
        assert!(matches!(dec(&mut vm, "1e2"), Value::Float(f) if f == 100.0));
        assert_eq!(
            dec(&mut vm, "\"\\u00e9\\ud83d\\ude00\\n\"").as_str(),
            Some("é😀\n")
        );
        assert_eq!(dec(&mut vm, "\"a\\u0000b\"").as_str(), Some("a"));
        assert_eq!(dec(&mut vm, "\"\\/\"").as_str(), Some("/"));
        let v = dec(
            &mut vm,
            "{\"k\": [1, {\"z\": null}], \"k\": 2, \"u\": \"日本\"}",
        );
        let m = v.as_mapping().unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m.get(&Value::from("k")).unwrap().as_int(), Some(2));
        assert_eq!(m.get(&Value::from("u")).unwrap().as_str(), Some("日本"));
        let v = dec(&mut vm, "[[], {}, [1, [2]]]");
        assert_eq!(v.as_array().unwrap().len(), 3);
        // Both efun names work alike.
        assert_eq!(
            call(&mut vm, "json_parse", vec![Value::from("[1]")])
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn decode_errors() {
        let mut vm = vm();
        for bad in [
            "",
            "[",
            "[1,]",
            "{\"a\" 1}",
            "{1: 2}",
            "tru",
            "01",
            "1.",
            "-",
            "\"abc",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"a\nb\"",
            "[1] 2",
            "1e999",
            "{\"a\":1,}",
            "'x'",
        ] {
            let err = call_err(&mut vm, "json_decode", vec![Value::from(bad)]);
            assert!(
                err.starts_with("*json_decode(): JSON parse error: "),
                "{:?} gave {:?}",
                bad,
                err
            );
        }
        let err = call_err(&mut vm, "json_parse", vec![Value::from("[1,\n x]")]);
        assert!(err.contains("line 2, column 2"), "{}", err);
        let deep = "[".repeat(600) + &"]".repeat(600);
        assert!(vm
            .call_efun_by_name("json_parse", vec![Value::from(deep)])
            .is_err());
        assert!(vm
            .call_efun_by_name("json_parse", vec![Value::Int(1)])
            .is_err());
    }

    #[test]
    fn round_trips_nested_data() {
        let mut vm = vm();
        let text = "{\"items\":[1,2.5,\"three\",[true,false,null]],\"meta\":{\"count\":3,\"name\":\"\\u0001x\"}}";
        let v = dec(&mut vm, text);
        // true/false/null come back as 1/0/0.
        let again = enc(&mut vm, v);
        assert_eq!(
            again,
            "{\"items\":[1,2.5,\"three\",[1,0,0]],\"meta\":{\"count\":3,\"name\":\"\\u0001x\"}}"
        );
    }
}
