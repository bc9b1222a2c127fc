//! The lexer: source text to tokens.
//!
//! Besides ordinary C-like tokens it reads LPC's text blocks (`@END`,
//! `@@END`) and template strings (`` `a ${x}` ``), which it rewrites into
//! ordinary tokens so the parser never sees them. It also offers the raw
//! line operations the preprocessor needs for directives and for skipping
//! text inside a false `#if`.

use crate::diag::Diagnostics;
use crate::token::{Punct, Span, Tok, Token};
use std::collections::VecDeque;
use std::rc::Rc;

pub struct Lexer {
    src: Rc<str>,
    pos: usize,
    line: u32,
    col: u32,
    file: u16,
    /// No token yet on the current line.
    at_line_start: bool,
    /// Tokens produced ahead (template strings expand to several).
    pending: VecDeque<Token>,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

impl Lexer {
    pub fn new(src: Rc<str>, file: u16) -> Lexer {
        Lexer { src, pos: 0, line: 1, col: 1, file, at_line_start: true, pending: VecDeque::new() }
    }

    /// Starts lexing at a given line (for text lexed out of a larger file).
    pub fn with_position(src: Rc<str>, file: u16, line: u32, col: u32) -> Lexer {
        let mut l = Lexer::new(src, file);
        l.line = line;
        l.col = col;
        l.at_line_start = false;
        l
    }

    pub fn file(&self) -> u16 {
        self.file
    }

    pub fn line(&self) -> u32 {
        self.line
    }

    /// Overrides the current line number (`#line`).
    pub fn set_line(&mut self, line: u32) {
        self.line = line;
    }

    /// Overrides the file id put in spans (`#line N "file"`).
    pub fn set_file(&mut self, file: u16) {
        self.file = file;
    }

    fn bytes(&self) -> &[u8] {
        self.src.as_bytes()
    }

    fn peek(&self) -> u8 {
        *self.bytes().get(self.pos).unwrap_or(&0)
    }

    fn peek_at(&self, n: usize) -> u8 {
        *self.bytes().get(self.pos + n).unwrap_or(&0)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    fn bump(&mut self) -> u8 {
        if self.at_end() {
            return 0;
        }
        let c = self.peek();
        self.pos += 1;
        if c == b'\n' {
            self.line += 1;
            self.col = 1;
            self.at_line_start = true;
        } else if c & 0xC0 != 0x80 {
            self.col += 1;
        }
        c
    }

    fn span(&self) -> Span {
        Span { file: self.file, line: self.line, col: self.col }
    }

    /// Skips whitespace and comments. Returns whether anything was skipped.
    fn skip_space(&mut self, diags: &mut Diagnostics) -> bool {
        let start = self.pos;
        loop {
            let c = self.peek();
            match c {
                b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c => {
                    self.bump();
                }
                b'\\' if self.peek_at(1) == b'\n' || (self.peek_at(1) == b'\r' && self.peek_at(2) == b'\n') => {
                    // A continued line is not a new line for directives.
                    let keep = self.at_line_start;
                    self.bump();
                    if self.peek() == b'\r' {
                        self.bump();
                    }
                    self.bump();
                    self.at_line_start = keep;
                }
                b'/' if self.peek_at(1) == b'/' => {
                    while !self.at_end() && self.peek() != b'\n' {
                        self.bump();
                    }
                }
                b'/' if self.peek_at(1) == b'*' => {
                    let sp = self.span();
                    let keep = self.at_line_start;
                    self.bump();
                    self.bump();
                    loop {
                        if self.at_end() {
                            diags.error(sp, "unterminated comment");
                            break;
                        }
                        if self.peek() == b'*' && self.peek_at(1) == b'/' {
                            self.bump();
                            self.bump();
                            break;
                        }
                        self.bump();
                    }
                    // A comment spanning lines still ends a line.
                    self.at_line_start = self.at_line_start || keep;
                }
                _ => break,
            }
        }
        self.pos != start
    }

    /// The next token.
    pub fn next(&mut self, diags: &mut Diagnostics) -> Token {
        if let Some(t) = self.pending.pop_front() {
            return t;
        }
        let space = self.skip_space(diags);
        let line_start = self.at_line_start;
        let span = self.span();
        let tok = self.scan(diags);
        self.at_line_start = false;
        Token { tok, span, space_before: space, line_start, hide: None }
    }

    fn scan(&mut self, diags: &mut Diagnostics) -> Tok {
        if self.at_end() {
            return Tok::Eof;
        }
        let c = self.peek();
        if is_ident_start(c) {
            let start = self.pos;
            while is_ident_char(self.peek()) {
                self.bump();
            }
            return Tok::Ident(Rc::from(&self.src[start..self.pos]));
        }
        if c.is_ascii_digit() || (c == b'.' && self.peek_at(1).is_ascii_digit()) {
            return self.number(diags);
        }
        match c {
            b'"' => {
                self.bump();
                Tok::Str(Rc::from(self.string_body(b'"', diags)))
            }
            b'\'' => self.char_literal(diags),
            b'`' => self.template(diags),
            b'@' => self.text_block(diags),
            _ => self.punct(diags),
        }
    }

    fn punct(&mut self, diags: &mut Diagnostics) -> Tok {
        use Punct::*;
        let c = self.peek();
        let c1 = self.peek_at(1);
        let c2 = self.peek_at(2);
        let (p, n) = match (c, c1, c2) {
            (b'.', b'.', b'.') => (Ellipsis, 3),
            (b'.', b'.', _) => (DotDot, 2),
            (b'.', _, _) => (Dot, 1),
            (b'?', b'?', b'=') => (QuestionQuestionAssign, 3),
            (b'?', b'?', _) => (QuestionQuestion, 2),
            (b'?', b'.', _) if !c2.is_ascii_digit() => (QuestionDot, 2),
            (b'?', _, _) => (Question, 1),
            (b'<', b'<', b'=') => (ShlAssign, 3),
            (b'>', b'>', b'=') => (ShrAssign, 3),
            (b'&', b'&', b'=') => (AndAndAssign, 3),
            (b'|', b'|', b'=') => (OrOrAssign, 3),
            (b'-', b'>', _) => (Arrow, 2),
            (b':', b':', _) => (ColonColon, 2),
            (b'=', b'=', _) => (Eq, 2),
            (b'!', b'=', _) => (Ne, 2),
            (b'<', b'=', _) => (Le, 2),
            (b'>', b'=', _) => (Ge, 2),
            (b'<', b'<', _) => (Shl, 2),
            (b'>', b'>', _) => (Shr, 2),
            (b'&', b'&', _) => (AndAnd, 2),
            (b'|', b'|', _) => (OrOr, 2),
            (b'+', b'+', _) => (PlusPlus, 2),
            (b'-', b'-', _) => (MinusMinus, 2),
            (b'+', b'=', _) => (PlusAssign, 2),
            (b'-', b'=', _) => (MinusAssign, 2),
            (b'*', b'=', _) => (StarAssign, 2),
            (b'/', b'=', _) => (SlashAssign, 2),
            (b'%', b'=', _) => (PercentAssign, 2),
            (b'&', b'=', _) => (AmpAssign, 2),
            (b'|', b'=', _) => (PipeAssign, 2),
            (b'^', b'=', _) => (CaretAssign, 2),
            (b'#', b'#', _) => (HashHash, 2),
            (b'(', _, _) => (LParen, 1),
            (b')', _, _) => (RParen, 1),
            (b'{', _, _) => (LBrace, 1),
            (b'}', _, _) => (RBrace, 1),
            (b'[', _, _) => (LBracket, 1),
            (b']', _, _) => (RBracket, 1),
            (b';', _, _) => (Semi, 1),
            (b',', _, _) => (Comma, 1),
            (b':', _, _) => (Colon, 1),
            (b'=', _, _) => (Assign, 1),
            (b'<', _, _) => (Lt, 1),
            (b'>', _, _) => (Gt, 1),
            (b'+', _, _) => (Plus, 1),
            (b'-', _, _) => (Minus, 1),
            (b'*', _, _) => (Star, 1),
            (b'/', _, _) => (Slash, 1),
            (b'%', _, _) => (Percent, 1),
            (b'&', _, _) => (Amp, 1),
            (b'|', _, _) => (Pipe, 1),
            (b'^', _, _) => (Caret, 1),
            (b'~', _, _) => (Tilde, 1),
            (b'!', _, _) => (Bang, 1),
            (b'$', _, _) => (Dollar, 1),
            (b'#', _, _) => (Hash, 1),
            _ => {
                let ch = self.src[self.pos..].chars().next().unwrap_or('\0');
                for _ in 0..ch.len_utf8() {
                    self.bump();
                }
                let _ = diags;
                return Tok::Unknown(ch);
            }
        };
        for _ in 0..n {
            self.bump();
        }
        Tok::Punct(p)
    }

    fn number(&mut self, diags: &mut Diagnostics) -> Tok {
        let span = self.span();
        let start = self.pos;
        let c1 = self.peek_at(1);
        if self.peek() == b'0' && (c1 == b'x' || c1 == b'X' || c1 == b'b' || c1 == b'B') {
            let radix = if c1 == b'x' || c1 == b'X' { 16 } else { 2 };
            self.bump();
            self.bump();
            let mut digits = String::new();
            while self.peek().is_ascii_alphanumeric() || self.peek() == b'_' {
                let c = self.bump();
                if c != b'_' {
                    digits.push(c as char);
                }
            }
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                diags.error(span, format!("bad number literal {}", &self.src[start..self.pos]));
                return Tok::Int(0);
            }
            return Tok::Int(saturating_literal(&digits, radix));
        }
        let mut text = String::new();
        let mut is_float = false;
        while self.peek().is_ascii_digit() || self.peek() == b'_' {
            let c = self.bump();
            if c != b'_' {
                text.push(c as char);
            }
        }
        if self.peek() == b'.' && self.peek_at(1) != b'.' && !is_ident_start(self.peek_at(1)) {
            is_float = true;
            text.push('.');
            self.bump();
            while self.peek().is_ascii_digit() || self.peek() == b'_' {
                let c = self.bump();
                if c != b'_' {
                    text.push(c as char);
                }
            }
        }
        if (self.peek() == b'e' || self.peek() == b'E')
            && (self.peek_at(1).is_ascii_digit()
                || ((self.peek_at(1) == b'-' || self.peek_at(1) == b'+') && self.peek_at(2).is_ascii_digit()))
        {
            is_float = true;
            text.push('e');
            self.bump();
            if self.peek() == b'-' || self.peek() == b'+' {
                text.push(self.bump() as char);
            }
            while self.peek().is_ascii_digit() {
                text.push(self.bump() as char);
            }
        }
        if is_float {
            return Tok::Float(text.parse().unwrap_or(0.0));
        }
        Tok::Int(saturating_literal(&text, 10))
    }

    /// One escape sequence after a backslash, appended to `out`.
    fn escape(&mut self, out: &mut String, diags: &mut Diagnostics) {
        let span = self.span();
        let c = self.bump();
        match c {
            b'n' => out.push('\n'),
            b't' => out.push('\t'),
            b'r' => out.push('\r'),
            b'a' => out.push('\x07'),
            b'b' => out.push('\x08'),
            b'e' => out.push('\x1b'),
            b'f' => out.push('\x0c'),
            b'v' => out.push('\x0b'),
            b'\n' => {}
            b'x' => {
                let mut v = 0u32;
                let mut n = 0;
                while n < 2 && self.peek().is_ascii_hexdigit() {
                    v = v * 16 + (self.bump() as char).to_digit(16).unwrap();
                    n += 1;
                }
                if n == 0 {
                    diags.error(span, "\\x used with no following hex digits");
                }
                out.push(char::from_u32(v).unwrap_or('?'));
            }
            b'u' | b'U' => {
                let want = if c == b'u' { 4 } else { 8 };
                let mut v = 0u32;
                let mut n = 0;
                while n < want && self.peek().is_ascii_hexdigit() {
                    v = v * 16 + (self.bump() as char).to_digit(16).unwrap();
                    n += 1;
                }
                // A UTF-16 surrogate pair written as two escapes
                // (`\uD83E\uDD26`) is one character.
                if n > 0 && (0xD800..0xDC00).contains(&v) && self.peek() == b'\\' && self.peek_at(1) == b'u' {
                    let save = (self.pos, self.col);
                    self.bump();
                    self.bump();
                    let mut low = 0u32;
                    let mut m = 0;
                    while m < 4 && self.peek().is_ascii_hexdigit() {
                        low = low * 16 + (self.bump() as char).to_digit(16).unwrap();
                        m += 1;
                    }
                    if m == 4 && (0xDC00..0xE000).contains(&low) {
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
                    } else {
                        (self.pos, self.col) = save;
                    }
                }
                match char::from_u32(v) {
                    Some(ch) if n > 0 => out.push(ch),
                    _ => diags.error(span, "bad \\u escape"),
                }
            }
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut n = 1;
                while n < 3 && (b'0'..=b'7').contains(&self.peek()) {
                    v = v * 8 + (self.bump() - b'0') as u32;
                    n += 1;
                }
                out.push(char::from_u32(v).unwrap_or('?'));
            }
            0 => diags.error(span, "backslash at end of file"),
            other => {
                // Unknown escapes stand for the character itself.
                self.pos -= 1;
                self.col -= 1;
                let ch = self.src[self.pos..].chars().next().unwrap_or('?');
                for _ in 0..ch.len_utf8() {
                    self.bump();
                }
                let _ = other;
                out.push(ch);
            }
        }
    }

    /// The rest of a quoted string, after the opening quote.
    fn string_body(&mut self, quote: u8, diags: &mut Diagnostics) -> String {
        let span = self.span();
        let mut out = String::new();
        loop {
            if self.at_end() || self.peek() == b'\n' {
                diags.error(span, "unterminated string");
                break;
            }
            let c = self.peek();
            if c == quote {
                self.bump();
                break;
            }
            if c == b'\\' {
                self.bump();
                self.escape(&mut out, diags);
                continue;
            }
            let ch = self.src[self.pos..].chars().next().unwrap();
            for _ in 0..ch.len_utf8() {
                self.bump();
            }
            out.push(ch);
        }
        out
    }

    fn char_literal(&mut self, diags: &mut Diagnostics) -> Tok {
        let span = self.span();
        self.bump();
        let mut out = String::new();
        if self.peek() == b'\\' {
            self.bump();
            self.escape(&mut out, diags);
        } else if !self.at_end() {
            let ch = self.src[self.pos..].chars().next().unwrap();
            for _ in 0..ch.len_utf8() {
                self.bump();
            }
            out.push(ch);
        }
        if self.peek() == b'\'' {
            self.bump();
        } else {
            diags.error(span, "unterminated character literal");
        }
        Tok::Char(out.chars().next().map(|c| c as i64).unwrap_or(0))
    }

    /// `@END` / `@@END` text blocks: the lines up to one starting with END.
    fn text_block(&mut self, diags: &mut Diagnostics) -> Tok {
        let span = self.span();
        self.bump();
        let as_array = self.peek() == b'@';
        if as_array {
            self.bump();
        }
        let start = self.pos;
        while is_ident_char(self.peek()) {
            self.bump();
        }
        let delim = self.src[start..self.pos].to_string();
        if delim.is_empty() {
            diags.error(span, "text block needs a delimiter after @");
            return Tok::Str(Rc::from(""));
        }
        // The rest of the opening line is ignored.
        while !self.at_end() && self.peek() != b'\n' {
            self.bump();
        }
        self.bump();
        let mut lines: Vec<String> = Vec::new();
        loop {
            if self.at_end() {
                diags.error(span, format!("text block @{} is not terminated", delim));
                break;
            }
            let line_start = self.pos;
            if self.src[line_start..].starts_with(&delim)
                && !is_ident_char(*self.bytes().get(line_start + delim.len()).unwrap_or(&b' '))
            {
                for _ in 0..delim.len() {
                    self.bump();
                }
                break;
            }
            while !self.at_end() && self.peek() != b'\n' {
                self.bump();
            }
            let text = self.src[line_start..self.pos].trim_end_matches('\r').to_string();
            self.bump();
            lines.push(text);
        }
        self.at_line_start = false;
        if as_array {
            Tok::StrArray(Rc::from(lines))
        } else {
            let mut s = String::new();
            for l in &lines {
                s.push_str(l);
                s.push('\n');
            }
            Tok::Str(Rc::from(s))
        }
    }

    /// `` `text ${expr} text` `` becomes `("text" + (expr) + "text")`;
    /// each `${}` part is passed through `__template_part()` so any value
    /// prints as it would with `%s`.
    fn template(&mut self, diags: &mut Diagnostics) -> Tok {
        let span = self.span();
        self.bump();
        let mut parts: Vec<Token> = Vec::new();
        let mut lit = String::new();
        let mk = |tok: Tok| Token::new(tok, span);
        let mut first = true;
        let push_plus = |parts: &mut Vec<Token>, first: &mut bool| {
            if !*first {
                parts.push(mk(Tok::Punct(Punct::Plus)));
            }
            *first = false;
        };
        loop {
            if self.at_end() {
                diags.error(span, "unterminated template string");
                break;
            }
            let c = self.peek();
            if c == b'`' {
                self.bump();
                // Adjacent literals join as strings do: `a` `b`, `a` "b".
                match self.adjacent_literal() {
                    Some(b'`') => {
                        self.bump();
                        continue;
                    }
                    Some(_) => {
                        while self.adjacent_literal() == Some(b'"') {
                            self.bump();
                            let s = self.string_body(b'"', diags);
                            lit.push_str(&s);
                        }
                        if self.adjacent_literal() == Some(b'`') {
                            self.bump();
                            continue;
                        }
                        break;
                    }
                    None => break,
                }
            }
            if c == b'\\' {
                self.bump();
                self.escape(&mut lit, diags);
                continue;
            }
            if c == b'$' && self.peek_at(1) == b'{' {
                self.bump();
                self.bump();
                push_plus(&mut parts, &mut first);
                parts.push(mk(Tok::Str(Rc::from(std::mem::take(&mut lit)))));
                // Lex the expression up to the matching brace.
                let (eline, ecol) = (self.line, self.col);
                let start = self.pos;
                let mut depth = 1;
                while !self.at_end() {
                    match self.peek() {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        b'"' => {
                            self.bump();
                            while !self.at_end() && self.peek() != b'"' {
                                if self.peek() == b'\\' {
                                    self.bump();
                                }
                                self.bump();
                            }
                        }
                        _ => {}
                    }
                    self.bump();
                }
                let text: Rc<str> = Rc::from(&self.src[start..self.pos]);
                self.bump();
                push_plus(&mut parts, &mut first);
                parts.push(mk(Tok::Ident(Rc::from("__template_part"))));
                parts.push(mk(Tok::Punct(Punct::LParen)));
                let mut sub = Lexer::with_position(text, self.file, eline, ecol);
                loop {
                    let t = sub.next(diags);
                    if t.tok == Tok::Eof {
                        break;
                    }
                    parts.push(t);
                }
                parts.push(mk(Tok::Punct(Punct::RParen)));
                continue;
            }
            let ch = self.src[self.pos..].chars().next().unwrap();
            for _ in 0..ch.len_utf8() {
                self.bump();
            }
            lit.push(ch);
        }
        if !lit.is_empty() || first {
            push_plus(&mut parts, &mut first);
            parts.push(mk(Tok::Str(Rc::from(lit))));
        }
        parts.push(mk(Tok::Punct(Punct::RParen)));
        self.pending.extend(parts);
        Tok::Punct(Punct::LParen)
    }

    /// After a template string: when only whitespace separates it from
    /// another template or a plain string, skips to that literal's quote
    /// and returns it; otherwise leaves the position alone.
    fn adjacent_literal(&mut self) -> Option<u8> {
        let saved = (self.pos, self.line, self.col, self.at_line_start);
        while matches!(self.peek(), b' ' | b'\t' | b'\r' | b'\n') {
            self.bump();
        }
        match self.peek() {
            q @ (b'`' | b'"') => Some(q),
            _ => {
                (self.pos, self.line, self.col, self.at_line_start) = saved;
                None
            }
        }
    }

    // ----- raw line access for the preprocessor -----

    /// The raw text up to the end of the line (line continuations joined),
    /// consuming the newline. Comments are kept as text.
    pub fn rest_of_line(&mut self) -> String {
        let mut out = String::new();
        while !self.at_end() {
            let c = self.peek();
            if c == b'\\' && (self.peek_at(1) == b'\n' || (self.peek_at(1) == b'\r' && self.peek_at(2) == b'\n')) {
                self.bump();
                if self.peek() == b'\r' {
                    self.bump();
                }
                self.bump();
                out.push(' ');
                continue;
            }
            if c == b'\n' {
                self.bump();
                break;
            }
            let ch = self.src[self.pos..].chars().next().unwrap();
            for _ in 0..ch.len_utf8() {
                self.bump();
            }
            out.push(ch);
        }
        self.at_line_start = true;
        out
    }

    /// Whether the next token is on the same line as the last one (the end
    /// of a directive line).
    pub fn next_is_on_same_line(&mut self, diags: &mut Diagnostics) -> bool {
        if !self.pending.is_empty() {
            return true;
        }
        self.skip_space(diags);
        !self.at_line_start && !self.at_end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(src: &str) -> Vec<Tok> {
        let mut d = Diagnostics::new();
        let mut l = Lexer::new(Rc::from(src), 0);
        let mut out = Vec::new();
        loop {
            let t = l.next(&mut d);
            if t.tok == Tok::Eof {
                break;
            }
            out.push(t.tok);
        }
        assert!(!d.has_errors(), "{}", d.render_all());
        out
    }

    #[test]
    fn numbers() {
        assert_eq!(lex("0x1F 0b101 1_000 1.5 'a' '\\n'"), vec![
            Tok::Int(31),
            Tok::Int(5),
            Tok::Int(1000),
            Tok::Float(1.5),
            Tok::Char(97),
            Tok::Char(10)
        ]);
        assert_eq!(lex("a[1..2]").len(), 6);
    }

    #[test]
    fn strings_and_escapes() {
        assert_eq!(lex(r#""a\tb\x41\u00e9""#), vec![Tok::Str(Rc::from("a\tbAé"))]);
    }

    #[test]
    fn text_blocks() {
        let toks = lex("x = @END\nline one\n  two\nEND;\n");
        assert_eq!(toks[2], Tok::Str(Rc::from("line one\n  two\n")));
        assert_eq!(toks[3], Tok::Punct(Punct::Semi));
        let toks = lex("@@X\na\nb\nX\n");
        match &toks[0] {
            Tok::StrArray(a) => assert_eq!(&a[..], &["a".to_string(), "b".to_string()]),
            t => panic!("{:?}", t),
        }
    }

    #[test]
    fn template_strings_expand() {
        let toks = lex("`a ${x + 1} b`");
        let text: Vec<String> = toks.iter().map(|t| t.to_string()).collect();
        assert_eq!(text.join(" "), "( \"a \" + __template_part ( x + 1 ) + \" b\" )");
    }
}

/// An integer literal's value; one above MAX_INT is MAX_INT, as FluffOS's
/// strtoll-based lexer gives (so `-0x7fffffffffffffff1234` is -MAX_INT).
fn saturating_literal(digits: &str, radix: u32) -> i64 {
    match i64::from_str_radix(digits, radix) {
        Ok(v) => v,
        Err(_) => i64::MAX,
    }
}
