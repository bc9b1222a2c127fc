//! LPC strings: UTF-8 text whose length and indexes count characters.
//!
//! Strings are immutable values shared by reference count. `s += x` on a
//! string nobody else holds appends in place (`Rc::make_mut`), which is what
//! makes string building in loops linear instead of quadratic.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

#[derive(Clone, PartialEq, Eq)]
struct StrData {
    text: String,
    /// Cached so that indexing an ASCII string is O(1).
    ascii: bool,
}

/// A reference-counted LPC string.
#[derive(Clone)]
pub struct LStr(Rc<StrData>);

impl LStr {
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let ascii = text.is_ascii();
        LStr(Rc::new(StrData { text, ascii }))
    }

    pub fn empty() -> Self {
        LStr::new(String::new())
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.0.ascii
    }

    #[inline]
    pub fn byte_len(&self) -> usize {
        self.0.text.len()
    }

    /// Length in characters, as `strlen`/`sizeof` report it.
    pub fn char_len(&self) -> usize {
        if self.0.ascii {
            self.0.text.len()
        } else {
            self.0.text.chars().count()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.text.is_empty()
    }

    /// The character at a character index.
    pub fn char_at(&self, index: usize) -> Option<char> {
        if self.0.ascii {
            self.0.text.as_bytes().get(index).map(|&b| b as char)
        } else {
            self.0.text.chars().nth(index)
        }
    }

    /// Byte offset of a character index (clamped to the end).
    pub fn byte_offset(&self, char_index: usize) -> usize {
        if self.0.ascii {
            char_index.min(self.0.text.len())
        } else {
            self.0
                .text
                .char_indices()
                .nth(char_index)
                .map(|(b, _)| b)
                .unwrap_or(self.0.text.len())
        }
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
        LStr::new(&self.0.text[a..b])
    }

    /// Appends in place when this is the only reference.
    pub fn push_str(&mut self, s: &str) {
        let data = Rc::make_mut(&mut self.0);
        data.text.push_str(s);
        data.ascii &= s.is_ascii();
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
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        let s = LStr::new("héllo");
        assert_eq!(s.char_len(), 5);
        assert_eq!(s.char_at(1), Some('é'));
        assert_eq!(s.substr(1, 3).as_str(), "él");
    }

    #[test]
    fn appends_in_place_when_unique() {
        let mut s = LStr::new("ab");
        s.push_str("c");
        assert_eq!(s.as_str(), "abc");
        let t = s.clone();
        s.push_str("é");
        assert_eq!(t.as_str(), "abc");
        assert_eq!(s.char_len(), 4);
        assert!(!s.is_ascii());
    }
}
