//! Reading values written in save_object()/save_variable() syntax (see
//! `encode`).
//!
//! At the top level, as in FluffOS: a string must end the text; a number
//! or a container may be followed by anything (it is ignored); text that
//! starts with anything else is 0. Inside containers every element must
//! be followed by its separator; an empty element is 0 (what objects
//! saved as nothing come back as). Integers are read exactly (FluffOS
//! goes through a double and loses precision beyond 2^53).

use super::encode::MAX_DEPTH;
use ferrum_vm::program::ClassDef;
use ferrum_vm::value::{ClassInstance, LStr, Mapping};
use ferrum_vm::{Type, Value};
use std::rc::Rc;

/// Why a saved value could not be read: FluffOS's ROB_* error classes,
/// which name the part of the syntax that was wrong.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Malformed {
    General,
    Numeric,
    Array,
    Mapping,
    String,
    Utf8,
    Class,
}

impl Malformed {
    /// The word FluffOS uses in "Illegal <word> format".
    pub fn word(self) -> &'static str {
        match self {
            Malformed::General => "general",
            Malformed::Numeric => "numeric",
            Malformed::Array => "array",
            Malformed::Mapping => "mapping",
            Malformed::String => "string",
            Malformed::Utf8 => "utf8",
            Malformed::Class => "class",
        }
    }
}

type Parsed<T> = Result<T, Malformed>;

/// Reads one saved value (a whole save_variable() text or the value part
/// of a save file line).
pub fn parse_value(text: &[u8]) -> Parsed<Value> {
    let mut r = Reader { text, pos: 0 };
    match r.peek() {
        Some(b'"') => {
            r.pos += 1;
            let s = r.string()?;
            // A top-level string is the whole text.
            if r.pos != text.len() {
                return Err(Malformed::String);
            }
            Ok(s)
        }
        Some(b'(') => r.container(0),
        Some(b'-' | b'0'..=b'9') => r.number(),
        _ => Ok(Value::Int(0)),
    }
}

struct Reader<'a> {
    text: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    /// After an opening `"`: the string up to the closing one, which is
    /// consumed. A backslash takes the next byte literally; a bare
    /// carriage return stands for a newline.
    fn string(&mut self) -> Parsed<Value> {
        let mut bytes = Vec::new();
        loop {
            match self.next().ok_or(Malformed::String)? {
                b'"' => break,
                b'\\' => bytes.push(self.next().ok_or(Malformed::String)?),
                b'\r' => bytes.push(b'\n'),
                c => bytes.push(c),
            }
        }
        String::from_utf8(bytes)
            .map(Value::from)
            .map_err(|_| Malformed::Utf8)
    }

    /// A number: `-?digits`, optionally `.digits` and/or `e+digits` /
    /// `e-digits` (which make it a float).
    fn number(&mut self) -> Parsed<Value> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
            return Err(Malformed::Numeric);
        }
        self.digits();
        let int_end = self.pos;
        let mut is_float = false;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            // "1." at the very end of the text reads as 1.0.
            if self.peek().is_some() {
                if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    return Err(Malformed::Numeric);
                }
                self.digits();
            }
            is_float = true;
        }
        let mantissa_end = self.pos;
        let mut exponent = String::new();
        if self.peek() == Some(b'e') {
            self.pos += 1;
            let sign = self.next();
            if !matches!(sign, Some(b'+' | b'-')) {
                return Err(Malformed::Numeric);
            }
            let from = self.pos;
            self.digits();
            let digits = std::str::from_utf8(&self.text[from..self.pos]).unwrap_or("0");
            exponent = format!(
                "e{}{}",
                if sign == Some(b'-') { "-" } else { "" },
                if digits.is_empty() { "0" } else { digits }
            );
            is_float = true;
        }
        let mantissa =
            std::str::from_utf8(&self.text[start..mantissa_end]).map_err(|_| Malformed::Numeric)?;
        if is_float {
            let literal = format!("{}{}", mantissa.trim_end_matches('.'), exponent);
            return literal
                .parse::<f64>()
                .map(Value::Float)
                .map_err(|_| Malformed::Numeric);
        }
        let digits =
            std::str::from_utf8(&self.text[start..int_end]).map_err(|_| Malformed::Numeric)?;
        // Out of range saturates rather than wrapping.
        let n = digits
            .parse::<i64>()
            .unwrap_or(if negative { i64::MIN } else { i64::MAX });
        Ok(Value::Int(n))
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    /// At `(`: an array `({...})`, a mapping `([...])` or a class
    /// `(/.../)`.
    fn container(&mut self, depth: usize) -> Parsed<Value> {
        self.pos += 1;
        let kind = match self.next() {
            Some(b'{') => Malformed::Array,
            Some(b'[') => Malformed::Mapping,
            Some(b'/') => Malformed::Class,
            _ => return Err(Malformed::General),
        };
        if depth + 1 > MAX_DEPTH {
            return Err(kind);
        }
        match kind {
            Malformed::Mapping => self.mapping(depth + 1),
            Malformed::Array => Ok(Value::array(self.items(b'}', kind, depth + 1)?)),
            _ => {
                let fields = self.items(b'/', kind, depth + 1)?;
                Ok(Value::Class(anonymous_class(fields)))
            }
        }
    }

    /// Elements each followed by ',', up to `close` + ')'.
    fn items(&mut self, close: u8, kind: Malformed, depth: usize) -> Parsed<Vec<Value>> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                Some(c) if c == close => {
                    self.pos += 1;
                    return if self.next() == Some(b')') {
                        Ok(items)
                    } else {
                        Err(kind)
                    };
                }
                Some(b',') => {
                    self.pos += 1;
                    items.push(Value::Int(0));
                }
                _ => {
                    // A bad string is reported as a bad array (or class),
                    // as FluffOS does.
                    let v = self.element(kind, depth).map_err(|e| {
                        if matches!(e, Malformed::String | Malformed::Utf8) {
                            kind
                        } else {
                            e
                        }
                    })?;
                    if self.next() != Some(b',') {
                        return Err(kind);
                    }
                    items.push(v);
                }
            }
        }
    }

    /// One non-empty element inside a container.
    fn element(&mut self, kind: Malformed, depth: usize) -> Parsed<Value> {
        match self.peek() {
            Some(b'"') => {
                self.pos += 1;
                self.string()
            }
            Some(b'(') => self.container(depth),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(kind),
        }
    }

    /// After `([`: `key:value,` pairs up to `])`. An empty key or value
    /// is 0.
    fn mapping(&mut self, depth: usize) -> Parsed<Value> {
        let map = Mapping::new();
        loop {
            let key = match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    return if self.next() == Some(b')') {
                        Ok(Value::Mapping(map))
                    } else {
                        Err(Malformed::Mapping)
                    };
                }
                Some(b':') => Value::Int(0),
                _ => self.element(Malformed::Mapping, depth)?,
            };
            if self.next() != Some(b':') {
                return Err(Malformed::Mapping);
            }
            let value = match self.peek() {
                Some(b',') => Value::Int(0),
                _ => self.element(Malformed::Mapping, depth)?,
            };
            if self.next() != Some(b',') {
                return Err(Malformed::Mapping);
            }
            map.insert(key, value);
        }
    }
}

/// A class read back without knowing its definition: fields only.
pub fn anonymous_class(fields: Vec<Value>) -> Rc<ClassInstance> {
    let def = ClassDef {
        name: String::new(),
        fields: (0..fields.len())
            .map(|_| (LStr::from(""), Type::Mixed))
            .collect(),
    };
    ClassInstance::new(Rc::new(def), fields)
}

/// Gives a restored class its real definition when the variable it goes
/// into declares one with the same number of fields.
pub fn adopt_class(v: Value, def: Option<Rc<ClassDef>>) -> Value {
    match (&v, def) {
        (Value::Class(c), Some(def))
            if c.def.name.is_empty() && def.fields.len() == c.fields.borrow().len() =>
        {
            Value::Class(ClassInstance::new(def, c.fields.borrow().clone()))
        }
        _ => v,
    }
}
