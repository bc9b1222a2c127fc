//! LPC strings: UTF-8 text whose length and indexes count characters, and
//! a character is an extended grapheme cluster (see `graphemes`), as in
//! current FluffOS.
//!
//! Strings are immutable values shared by reference count. `s += x` on a
//! string nobody else holds appends in place (`Rc::make_mut`), which is what
//! makes string building in loops linear instead of quadratic.
//!
//! Indexing stays O(1): the first time a string is measured it learns its
//! shape (one scan). Text where every byte is a character (ASCII without
//! CR LF, nearly all mudlib text) is indexed by byte; any other text builds
//! a table of character start offsets once and keeps it. Making, joining,
//! comparing and hashing strings never look at the shape.

use super::graphemes;
use std::cell::{Cell, OnceCell};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// What indexing needs to know about the text, learned on first use.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shape {
    Unknown,
    /// ASCII without CR LF: byte `i` is character `i`.
    BytePerChar,
    /// ASCII holding a CR LF pair (one character of two bytes).
    AsciiWithCrlf,
    NonAscii,
}

impl Shape {
    fn of(text: &str) -> Shape {
        if !text.is_ascii() {
            Shape::NonAscii
        } else if graphemes::has_crlf(text.as_bytes()) {
            Shape::AsciiWithCrlf
        } else {
            Shape::BytePerChar
        }
    }
}

struct StrData {
    text: String,
    shape: Cell<Shape>,
    /// Where each character starts, then the length; built on first index
    /// into text that is not byte-per-character.
    starts: OnceCell<Box<Vec<u32>>>,
}

impl Clone for StrData {
    fn clone(&self) -> Self {
        // The copy is about to be edited, so the table is not worth copying.
        StrData { text: self.text.clone(), shape: self.shape.clone(), starts: OnceCell::new() }
    }
}

/// A reference-counted LPC string.
#[derive(Clone)]
pub struct LStr(Rc<StrData>);

impl LStr {
    pub fn new(text: impl Into<String>) -> Self {
        LStr::with_shape(text.into(), Shape::Unknown)
    }

    fn with_shape(text: String, shape: Shape) -> Self {
        LStr(Rc::new(StrData { text, shape: Cell::new(shape), starts: OnceCell::new() }))
    }

    pub fn empty() -> Self {
        LStr::new(String::new())
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    fn shape(&self) -> Shape {
        let shape = self.0.shape.get();
        if shape != Shape::Unknown {
            return shape;
        }
        let shape = Shape::of(&self.0.text);
        self.0.shape.set(shape);
        shape
    }

    pub fn is_ascii(&self) -> bool {
        self.shape() != Shape::NonAscii
    }

    /// Whether byte `i` is character `i` (so indexing needs no table).
    #[inline]
    pub fn is_byte_per_char(&self) -> bool {
        self.shape() == Shape::BytePerChar
    }

    fn starts(&self) -> &[u32] {
        self.0.starts.get_or_init(|| Box::new(graphemes::char_starts(&self.0.text)))
    }

    #[inline]
    pub fn byte_len(&self) -> usize {
        self.0.text.len()
    }

    /// Length in characters, as `strlen`/`sizeof` report it.
    pub fn char_len(&self) -> usize {
        if self.is_byte_per_char() {
            self.0.text.len()
        } else {
            self.starts().len() - 1
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.text.is_empty()
    }

    /// The text of character `index`.
    pub fn char_str(&self, index: usize) -> Option<&str> {
        if self.is_byte_per_char() {
            return self.0.text.get(index..index + 1);
        }
        let starts = self.starts();
        let (&from, &to) = (starts.get(index)?, starts.get(index + 1)?);
        Some(&self.0.text[from as usize..to as usize])
    }

    /// What `s[index]` reads: the character's first codepoint, or -1 for a
    /// character too wide to be one (see `graphemes::char_value`).
    pub fn char_at(&self, index: usize) -> Option<i64> {
        if self.is_byte_per_char() {
            return self.0.text.as_bytes().get(index).map(|&b| b as i64);
        }
        self.char_str(index).map(graphemes::char_value)
    }

    /// Byte offset of a character index (clamped to the end).
    pub fn byte_offset(&self, char_index: usize) -> usize {
        if self.is_byte_per_char() {
            return char_index.min(self.0.text.len());
        }
        let starts = self.starts();
        starts.get(char_index).map_or(self.0.text.len(), |&b| b as usize)
    }

    /// The character index starting at byte offset `byte`, if a character
    /// starts there (the length counts, as the end of the last one).
    pub fn char_index_at(&self, byte: usize) -> Option<usize> {
        if byte > self.0.text.len() {
            return None;
        }
        if self.is_byte_per_char() {
            return Some(byte);
        }
        self.starts().binary_search(&(byte as u32)).ok()
    }

    /// The characters, in order.
    pub fn chars_lpc(&self) -> impl Iterator<Item = &str> + '_ {
        let n = if self.is_byte_per_char() { self.0.text.len() } else { self.char_len() };
        (0..n).map(move |i| self.char_str(i).unwrap_or(""))
    }

    /// The first character index at or after `from` whose value (as
    /// `char_at` reads it) is `value`.
    pub fn find_char(&self, value: i64, from: usize) -> Option<usize> {
        if self.is_byte_per_char() {
            let byte = u8::try_from(value).ok().filter(u8::is_ascii)?;
            let rest = self.0.text.as_bytes().get(from..)?;
            return memchr::memchr(byte, rest).map(|at| at + from);
        }
        (from..self.char_len()).find(|&i| self.char_at(i) == Some(value))
    }

    /// Characters `[from, to)` by character index; clamped.
    pub fn substr(&self, from: usize, to: usize) -> LStr {
        if from >= to {
            return LStr::empty();
        }
        let a = self.byte_offset(from);
        let b = self.byte_offset(to);
        if a == 0 && b == self.0.text.len() {
            return self.clone();
        }
        let shape = if self.is_byte_per_char() { Shape::BytePerChar } else { Shape::Unknown };
        LStr::with_shape(self.0.text[a..b].to_string(), shape)
    }

    /// A copy with the first codepoint of character `index` replaced by `c`
    /// (anything joined to it, such as an accent, stays). `index` must be
    /// in range.
    pub fn with_char_replaced(&self, index: usize, c: char) -> LStr {
        let at = self.byte_offset(index);
        let old = self.0.text[at..].chars().next().map_or(0, char::len_utf8);
        let mut out = String::with_capacity(self.0.text.len() + 4);
        out.push_str(&self.0.text[..at]);
        out.push(c);
        out.push_str(&self.0.text[at + old..]);
        LStr::new(out)
    }

    /// Appends in place when this is the only reference.
    pub fn push_str(&mut self, s: &str) {
        if Rc::strong_count(&self.0) > 1 {
            // Shared: build the joined text in one allocation rather than
            // copying this text and then growing the copy.
            let mut text = String::with_capacity(self.0.text.len() + s.len());
            text.push_str(&self.0.text);
            let shape = self.0.shape.get();
            *self = LStr::with_shape(text, shape);
        }
        let data = Rc::make_mut(&mut self.0);
        // Keep a known shape known by looking at the new part only.
        let shape = match data.shape.get() {
            Shape::Unknown => Shape::Unknown,
            Shape::NonAscii => Shape::NonAscii,
            _ if !s.is_ascii() => Shape::NonAscii,
            Shape::AsciiWithCrlf => Shape::AsciiWithCrlf,
            Shape::BytePerChar => {
                let joins_crlf = data.text.ends_with('\r') && s.starts_with('\n');
                if joins_crlf || graphemes::has_crlf(s.as_bytes()) {
                    Shape::AsciiWithCrlf
                } else {
                    Shape::BytePerChar
                }
            }
        };
        data.text.push_str(s);
        data.shape.set(shape);
        data.starts.take();
    }

    /// How many values share this string's storage (for `refs()`).
    pub fn ref_count(&self) -> usize {
        Rc::strong_count(&self.0)
    }

    pub fn ptr_eq(a: &LStr, b: &LStr) -> bool {
        Rc::ptr_eq(&a.0, &b.0)
    }

    pub fn into_string(self) -> String {
        match Rc::try_unwrap(self.0) {
            Ok(d) => d.text,
            Err(rc) => rc.text.clone(),
        }
    }
}

impl PartialEq for LStr {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0.text == other.0.text
    }
}
impl Eq for LStr {}

impl PartialOrd for LStr {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for LStr {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.text.cmp(&other.0.text)
    }
}

impl Hash for LStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.text.hash(state)
    }
}

impl fmt::Debug for LStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0.text, f)
    }
}

impl fmt::Display for LStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.text)
    }
}

impl From<&str> for LStr {
    fn from(s: &str) -> Self {
        LStr::new(s)
    }
}
impl From<String> for LStr {
    fn from(s: String) -> Self {
        LStr::new(s)
    }
}
impl std::ops::Deref for LStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0.text
    }
}

#[cfg(test)]
#[path = "string_tests.rs"]
mod tests;
