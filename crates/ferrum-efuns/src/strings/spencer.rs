//! FluffOS's regular-expression dialect (Henry Spencer's library, as
//! modified for MudOS) translated onto the `regex` crate.
//!
//! The dialect: `|`, `*`, `+`, `?`, `( )` groups (at most 9), `[ ]`
//! classes with ranges, `.`, `^`, `$`, and `\<` / `\>` word boundaries
//! (ASCII word characters; `\<` also matches at the start of the text and
//! `\>` at its end). A backslash makes any other character literal, except
//! `\b` `\t` `\r` (backspace, tab, return); `\{` and `\}` are rejected.
//! So `\d` is the letter d. Both implementations backtrack-prefer the
//! first alternative and greedy repetition, so matches agree.

use regex::Regex;
use std::cell::RefCell;
use std::collections::HashMap;

/// A token after the escape pass: an operator or a literal character.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tok {
    Op(char),
    Lit(char),
}

fn tokenize(pattern: &str) -> Result<Vec<Tok>, &'static str> {
    let mut out = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '(' | ')' | '.' | '*' | '+' | '?' | '|' | '$' | '^' | '[' | ']' => out.push(Tok::Op(c)),
            '\\' => match chars.next() {
                None => return Err("Regular expression cannot end with '\\'.  Use \"\\\\\"."),
                Some('<') => out.push(Tok::Op('<')),
                Some('>') => out.push(Tok::Op('>')),
                Some('{') | Some('}') => return Err("sorry, unimplemented operator"),
                Some('b') => out.push(Tok::Lit('\u{8}')),
                Some('t') => out.push(Tok::Lit('\t')),
                Some('r') => out.push(Tok::Lit('\r')),
                Some(other) => out.push(Tok::Lit(other)),
            },
            _ => out.push(Tok::Lit(c)),
        }
    }
    Ok(out)
}

fn token_char(t: Tok) -> char {
    match t {
        Tok::Op(c) | Tok::Lit(c) => c,
    }
}

fn push_literal(out: &mut String, c: char) {
    out.push_str(&regex::escape(c.encode_utf8(&mut [0u8; 4])));
}

fn push_class_char(out: &mut String, c: char) {
    out.push_str(&format!("\\x{{{:X}}}", c as u32));
}

struct Translator {
    toks: Vec<Tok>,
    pos: usize,
    groups: usize,
    out: String,
}

/// Match-width facts the original compiler tracks to reject `x**`-like
/// patterns.
const HASWIDTH: u8 = 1;

impl Translator {
    fn peek(&self) -> Option<Tok> {
        self.toks.get(self.pos).copied()
    }

    /// A (possibly parenthesised) alternation; returns its width flags.
    fn alternation(&mut self, paren: bool) -> Result<u8, &'static str> {
        let mut flags = HASWIDTH;
        if paren {
            // Spencer numbers groups from 1 and allows fewer than 10.
            if self.groups + 1 >= 10 {
                return Err("too many ()");
            }
            self.groups += 1;
            self.out.push('(');
        }
        loop {
            let branch = self.branch()?;
            if branch & HASWIDTH == 0 {
                flags &= !HASWIDTH;
            }
            if self.peek() == Some(Tok::Op('|')) {
                self.pos += 1;
                self.out.push('|');
            } else {
                break;
            }
        }
        if paren {
            if self.peek() != Some(Tok::Op(')')) {
                return Err("unmatched ()");
            }
            self.pos += 1;
            self.out.push(')');
        } else if let Some(t) = self.peek() {
            return Err(if t == Tok::Op(')') {
                "unmatched ()"
            } else {
                "junk on end"
            });
        }
        Ok(flags)
    }

    fn branch(&mut self) -> Result<u8, &'static str> {
        let mut flags = 0;
        while let Some(t) = self.peek() {
            if t == Tok::Op('|') || t == Tok::Op(')') {
                break;
            }
            flags |= self.piece()?;
        }
        Ok(flags)
    }

    fn piece(&mut self) -> Result<u8, &'static str> {
        let start = self.out.len();
        let atom = self.atom()?;
        let op = match self.peek() {
            Some(Tok::Op(c @ ('*' | '+' | '?'))) => c,
            _ => return Ok(atom),
        };
        if atom & HASWIDTH == 0 && op != '?' {
            return Err("*+ operand could be empty");
        }
        // Wrap the atom so the operator applies to all of it.
        self.out.insert_str(start, "(?:");
        self.out.push(')');
        self.out.push(op);
        self.pos += 1;
        if matches!(self.peek(), Some(Tok::Op('*' | '+' | '?'))) {
            return Err("nested *?+");
        }
        Ok(if op == '+' { HASWIDTH } else { 0 })
    }

    fn atom(&mut self) -> Result<u8, &'static str> {
        let t = self.toks[self.pos];
        self.pos += 1;
        match t {
            Tok::Op('^') => self.out.push('^'),
            Tok::Op('$') => self.out.push('$'),
            Tok::Op('.') => {
                self.out.push_str("(?s:.)");
                return Ok(HASWIDTH);
            }
            Tok::Op('<') => self.out.push_str("(?:^|(?-u:\\b{start}))"),
            Tok::Op('>') => self.out.push_str("(?:$|(?-u:\\b{end}))"),
            Tok::Op('[') => {
                self.class()?;
                return Ok(HASWIDTH);
            }
            Tok::Op('(') => return self.alternation(true),
            Tok::Op('*') => return Err("* follows nothing"),
            Tok::Op('+') => return Err("+ follows nothing"),
            Tok::Op('?') => return Err("? follows nothing"),
            Tok::Op(']') => return Err("unexpected ]"),
            Tok::Op(_) => return Err("internal urp"),
            Tok::Lit(c) => {
                push_literal(&mut self.out, c);
                return Ok(HASWIDTH);
            }
        }
        Ok(0)
    }

    fn class(&mut self) -> Result<(), &'static str> {
        let mut members: Vec<(char, char)> = Vec::new();
        let negated = self.peek() == Some(Tok::Op('^'));
        if negated {
            self.pos += 1;
        }
        if let Some(t @ (Tok::Op(']') | Tok::Lit('-'))) = self.peek() {
            let c = token_char(t);
            members.push((c, c));
            self.pos += 1;
        }
        while let Some(t) = self.peek() {
            if t == Tok::Op(']') {
                break;
            }
            self.pos += 1;
            if t == Tok::Lit('-') {
                match self.peek() {
                    None | Some(Tok::Op(']')) => members.push(('-', '-')),
                    Some(end) => {
                        let first = token_char(self.toks[self.pos - 2]) as u32 + 1;
                        let last = token_char(end) as u32;
                        if first > last + 1 {
                            return Err("invalid [] range");
                        }
                        if first <= last {
                            let lo = char::from_u32(first).ok_or("invalid [] range")?;
                            members.push((lo, token_char(end)));
                        }
                        self.pos += 1;
                    }
                }
            } else {
                let c = token_char(t);
                members.push((c, c));
            }
        }
        if self.peek() != Some(Tok::Op(']')) {
            return Err("unmatched []");
        }
        self.pos += 1;
        self.out.push('[');
        if negated {
            self.out.push('^');
        }
        for (lo, hi) in members {
            push_class_char(&mut self.out, lo);
            if hi != lo {
                self.out.push('-');
                push_class_char(&mut self.out, hi);
            }
        }
        self.out.push(']');
        Ok(())
    }
}

/// The `regex` crate syntax for a FluffOS pattern, or FluffOS's error
/// message for it.
pub fn translate(pattern: &str) -> Result<String, String> {
    let toks = tokenize(pattern)?;
    let mut t = Translator {
        toks,
        pos: 0,
        groups: 0,
        out: String::new(),
    };
    t.alternation(false)?;
    Ok(t.out)
}

thread_local! {
    static CACHE: RefCell<HashMap<String, Result<Regex, String>>> = RefCell::new(HashMap::new());
}

/// Compiles (with a small cache) a FluffOS pattern.
pub fn compile(pattern: &str) -> Result<Regex, String> {
    CACHE.with(|cache| {
        if let Some(r) = cache.borrow().get(pattern) {
            return r.clone();
        }
        let compiled =
            translate(pattern).and_then(|syntax| Regex::new(&syntax).map_err(|e| e.to_string()));
        let mut cache = cache.borrow_mut();
        if cache.len() >= 256 {
            cache.clear();
        }
        cache.insert(pattern.to_string(), compiled.clone());
        compiled
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(p: &str, s: &str) -> bool {
        compile(p).unwrap().is_match(s)
    }

    #[test]
    fn basic_syntax() {
        assert!(matches("a*b", "tabba"));
        assert!(!matches("a+b", "tbba"));
        assert!(matches("^...$", "foo"));
        assert!(!matches("^...$", "bazz"));
        assert!(matches("(oo|zz)", "bazz"));
        assert!(matches("[0-9]+", "ab12"));
        assert!(matches("[^a-c]", "abcd"));
        assert!(!matches("[^a-c]", "abc"));
        assert!(matches("[]x]", "]"));
        assert!(matches("[a-]", "-"));
        assert!(matches("a.c", "a\nc"));
    }

    #[test]
    fn escapes_are_literal() {
        assert!(matches("\\d", "d"));
        assert!(!matches("\\d", "5"));
        assert!(matches("\\(x\\)", "(x)"));
        assert!(matches("a\\.b", "a.b"));
        assert!(!matches("a\\.b", "axb"));
        assert!(matches("\\t", "\t"));
    }

    #[test]
    fn word_boundaries() {
        assert!(matches("\\<foo\\>", "a foo b"));
        assert!(!matches("\\<foo\\>", "afoo b"));
        assert!(!matches("\\<foo\\>", "a foob"));
        // At the very start \< matches even before a non-word character.
        assert!(matches("\\< x", " x"));
    }

    #[test]
    fn errors_use_fluffos_text() {
        assert_eq!(translate("+").unwrap_err(), "+ follows nothing");
        assert_eq!(translate("*a").unwrap_err(), "* follows nothing");
        assert_eq!(translate("(a").unwrap_err(), "unmatched ()");
        assert_eq!(translate("a)").unwrap_err(), "unmatched ()");
        assert_eq!(translate("[a").unwrap_err(), "unmatched []");
        assert_eq!(translate("a**").unwrap_err(), "nested *?+");
        assert_eq!(translate("(a*)*").unwrap_err(), "*+ operand could be empty");
        assert_eq!(translate("[z-a]").unwrap_err(), "invalid [] range");
        assert_eq!(
            translate("a\\").unwrap_err(),
            "Regular expression cannot end with '\\'.  Use \"\\\\\"."
        );
        assert_eq!(
            translate("a\\{").unwrap_err(),
            "sorry, unimplemented operator"
        );
        assert_eq!(translate("]").unwrap_err(), "unexpected ]");
        assert_eq!(
            translate("(((((((((((a)))))))))))").unwrap_err(),
            "too many ()"
        );
        assert!(translate("(a)(b)(c)(d)(e)(f)(g)(h)(i)").is_ok());
    }
}
