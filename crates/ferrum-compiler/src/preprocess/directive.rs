//! `#` lines: reading them, carrying them out, and skipping the groups a
//! false `#if` leaves out.

use super::macros::{parse_define, spell_tokens};
use super::{expr, lex_text, Cond, Preprocessor};
use crate::diag::Diagnostics;
use crate::token::{Punct, Span, Tok, Token};
use std::rc::Rc;

/// A directive line, split after its name.
struct Line {
    name: String,
    /// Where the name is (or the '#' when there is none).
    name_span: Span,
    /// The text after the name, comments removed.
    rest: String,
    rest_span: Span,
}

impl Preprocessor<'_> {
    /// Carries out the directive whose '#' was just read.
    pub(super) fn directive(&mut self, hash: Span, diags: &mut Diagnostics) {
        let line = self.read_line(hash);
        match line.name.as_str() {
            // A lone '#' is a null directive.
            "" => {}
            "define" => self.define_directive(&line, diags),
            "undef" => self.undef_directive(&line, diags),
            "include" => self.include_directive(&line, diags),
            "if" => {
                let taken = self.condition(&line, diags);
                self.open_group(taken, hash, diags);
            }
            "ifdef" | "ifndef" => {
                let defined = self.ifdef_name(&line, diags).is_some_and(|n| self.macros.contains_key(n.as_ref()));
                self.open_group(defined == (line.name == "ifdef"), hash, diags);
            }
            "elif" | "else" => {
                let Some(cond) = self.open_cond() else {
                    diags.error(line.name_span, format!("Unexpected #{}", line.name));
                    return;
                };
                if cond.seen_else {
                    diags.error(line.name_span, format!("#{} after #else", line.name));
                }
                cond.seen_else |= line.name == "else";
                // The group that just ended was taken: the rest is skipped.
                self.skip_group(diags);
            }
            "endif" => {
                if self.open_cond().is_none() {
                    diags.error(line.name_span, "Unexpected #endif");
                } else {
                    self.conds.pop();
                }
            }
            "line" => self.line_directive(&line, diags),
            "pragma" => {
                let pragma = line.rest.trim();
                match pragma.split_whitespace().next() {
                    Some("strict_types") => self.strict_types = true,
                    Some("no_strict_types") => self.strict_types = false,
                    _ => {}
                }
                if !pragma.is_empty() {
                    self.pragmas.push(pragma.to_string());
                }
            }
            "error" => diags.error(line.name_span, format!("#error {}", line.rest.trim())),
            "warn" => diags.warning(line.name_span, format!("#warn {}", line.rest.trim())),
            "echo" => diags.note(line.name_span, line.rest.trim()),
            // FluffOS accepts it as a hook for debugging the driver.
            "breakpoint" => {}
            name if name.starts_with(|c: char| c.is_ascii_digit()) => {
                // GCC's `# 12 "file"` form of #line.
                let digits = Line {
                    name: String::new(),
                    name_span: line.name_span,
                    rest: format!("{}{}", name, line.rest),
                    rest_span: line.name_span,
                };
                self.line_directive(&digits, diags);
            }
            name => diags.error(line.name_span, format!("Unknown # directive: {}", name)),
        }
    }

    /// Reads the rest of a directive line (the '#' has been read).
    fn read_line(&mut self, hash: Span) -> Line {
        let raw = self.sources.last_mut().expect("main file").lexer.rest_of_line();
        self.finish_line(raw, hash)
    }

    /// The next raw line of the current file (continuations joined) and
    /// its number; `None` at the end of the file.
    fn raw_line(&mut self) -> Option<(String, u32)> {
        let lexer = &mut self.sources.last_mut().expect("main file").lexer;
        let number = lexer.line();
        let text = lexer.rest_of_line();
        if text.is_empty() && lexer.line() == number {
            return None;
        }
        Some((text, number))
    }

    /// Splits a directive's text (what follows its '#'). A block comment
    /// opened on the line runs on over the following lines.
    fn finish_line(&mut self, mut raw: String, hash: Span) -> Line {
        let mut text = strip_comments(&raw);
        while text.1 {
            let Some((more, _)) = self.raw_line() else { break };
            raw.push('\n');
            raw.push_str(&more);
            text = strip_comments(&raw);
        }
        let text = text.0;
        let name_start = text.len() - text.trim_start().len();
        let name_len = text[name_start..].bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'_').count();
        let rest_start = name_start + name_len;
        let col_of = |byte: usize| hash.col + 1 + text[..byte].chars().count() as u32;
        let name_span = if name_len == 0 { hash } else { Span { col: col_of(name_start), ..hash } };
        Line {
            name: text[name_start..rest_start].to_string(),
            name_span,
            rest: text[rest_start..].to_string(),
            rest_span: Span { col: col_of(rest_start), ..hash },
        }
    }

    /// The innermost `#if` of the current file, if it has one open.
    fn open_cond(&mut self) -> Option<&mut Cond> {
        let base = self.sources.last().map_or(0, |s| s.cond_base);
        if self.conds.len() > base {
            self.conds.last_mut()
        } else {
            None
        }
    }

    fn open_group(&mut self, taken: bool, span: Span, diags: &mut Diagnostics) {
        self.conds.push(Cond { had_true: taken, seen_else: false, span });
        if !taken {
            self.skip_group(diags);
        }
    }

    /// Skips lines up to the `#elif`/`#else` that starts a group to take,
    /// or the `#endif` closing the innermost `#if`. The skipped text is not
    /// lexed (it may be anything); only comments and string literals are
    /// followed so a directive inside a comment does not count. Nested
    /// conditionals are counted; no other directive is looked at.
    fn skip_group(&mut self, diags: &mut Diagnostics) {
        let mut depth = 0usize;
        let mut in_comment = false;
        loop {
            let Some((raw, number)) = self.raw_line() else {
                return; // the end of the file reports the missing #endif
            };
            let body = raw.trim_start();
            let directive = body.strip_prefix('#').filter(|after| !in_comment && !after.starts_with('#'));
            let Some(after) = directive else {
                in_comment = comment_open_after(&raw, in_comment);
                continue;
            };
            let col = raw[..raw.len() - body.len()].chars().count() as u32 + 1;
            let file = self.sources.last().expect("main file").lexer.file();
            let line = self.finish_line(after.to_string(), Span { file, line: number, col });
            match line.name.as_str() {
                "if" | "ifdef" | "ifndef" => depth += 1,
                "endif" if depth > 0 => depth -= 1,
                "endif" => {
                    self.conds.pop();
                    return;
                }
                "else" | "elif" if depth == 0 => {
                    let cond = self.conds.last_mut().expect("skipping inside an #if");
                    if cond.seen_else {
                        diags.error(line.name_span, format!("#{} after #else", line.name));
                        continue;
                    }
                    if line.name == "else" {
                        cond.seen_else = true;
                        if !cond.had_true {
                            cond.had_true = true;
                            return;
                        }
                    } else if !cond.had_true && self.condition(&line, diags) {
                        self.conds.last_mut().expect("still open").had_true = true;
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// The value of an `#if`/`#elif` expression, as a truth value.
    fn condition(&mut self, line: &Line, diags: &mut Diagnostics) -> bool {
        let toks = lex_text(&line.rest, line.rest_span, diags);
        if toks.is_empty() {
            diags.error(line.name_span, format!("missing expression in #{}", line.name));
            return false;
        }
        let Some(toks) = self.expand_condition(toks, diags) else { return false };
        match expr::evaluate(&toks, line.name_span, diags) {
            Some(v) => v != 0,
            None => false,
        }
    }

    /// Macro-expands an `#if` line; `defined X` and `efun_defined(f)`
    /// become 0 or 1 before their operand could expand. `None` when a bad
    /// `defined` was reported (one error per line is enough).
    fn expand_condition(&mut self, toks: Vec<Token>, diags: &mut Diagnostics) -> Option<Vec<Token>> {
        let errors = diags.error_count();
        self.push_boundary(toks);
        let mut out = Vec::new();
        while let Some(t) = self.expanded_next(diags) {
            let efun = match t.ident() {
                Some("defined") => false,
                Some("efun_defined") => true,
                _ => {
                    out.push(t);
                    continue;
                }
            };
            let value = self.defined_operand(efun, &t, diags);
            out.push(Token { tok: Tok::Int(value as i64), ..t });
        }
        self.pop_boundary();
        (diags.error_count() == errors).then_some(out)
    }

    /// Reads `(NAME)` or `NAME` after `defined`/`efun_defined`, unexpanded.
    fn defined_operand(&mut self, efun: bool, op: &Token, diags: &mut Diagnostics) -> bool {
        let what = if efun { "efun_defined" } else { "defined" };
        let mut next = self.raw_next(diags);
        let paren = next.as_ref().is_some_and(|t| t.is_punct(Punct::LParen));
        if paren {
            next = self.raw_next(diags);
        }
        let Some(name) = next.as_ref().and_then(|t| t.ident()).map(Rc::<str>::from) else {
            let span = next.as_ref().map_or(op.span, |t| t.span);
            diags.error(span, format!("operator '{}' requires an identifier", what));
            return false;
        };
        if paren {
            match self.raw_next(diags) {
                Some(t) if t.is_punct(Punct::RParen) => {}
                other => {
                    let span = other.as_ref().map_or(op.span, |t| t.span);
                    diags.error(span, format!("missing ')' after '{}'", what));
                }
            }
        }
        if efun {
            self.efun_defined.as_ref().is_some_and(|f| f(&name))
        } else {
            self.macros.contains_key(&name)
        }
    }

    /// The macro name after `#ifdef`/`#ifndef`.
    fn ifdef_name(&mut self, line: &Line, diags: &mut Diagnostics) -> Option<Rc<str>> {
        let toks = lex_text(&line.rest, line.rest_span, diags);
        match toks.first().map(|t| &t.tok) {
            Some(Tok::Ident(name)) => Some(name.clone()),
            _ => {
                let span = toks.first().map_or(line.name_span, |t| t.span);
                diags.error(span, format!("Missing macro name in #{}", line.name));
                None
            }
        }
    }

    fn define_directive(&mut self, line: &Line, diags: &mut Diagnostics) {
        let toks = lex_text(&line.rest, line.rest_span, diags);
        let (name, m) = match parse_define(&toks, line.name_span) {
            Ok(def) => def,
            Err((span, message)) => {
                diags.error(span, message);
                return;
            }
        };
        let name_span = toks[0].span;
        if let Some(old) = self.macros.get(&name) {
            if old.predefined {
                diags.error(name_span, "Illegal to redefine a predefined value.");
                return;
            }
            if !old.same_as(&m) {
                diags.warning(name_span, format!("Macro '{}' redefined", name));
            }
        }
        self.macros.insert(name, Rc::new(m));
    }

    fn undef_directive(&mut self, line: &Line, diags: &mut Diagnostics) {
        let toks = lex_text(&line.rest, line.rest_span, diags);
        let Some(Tok::Ident(name)) = toks.first().map(|t| &t.tok) else {
            let span = toks.first().map_or(line.name_span, |t| t.span);
            diags.error(span, "Invalid macro name");
            return;
        };
        match self.macros.get(name) {
            Some(m) if m.predefined => diags.error(toks[0].span, "Illegal to #undef a predefined value."),
            Some(_) => {
                self.macros.remove(name);
            }
            None => {}
        }
    }

    /// `#include "name"`, `#include <name>`, or a macro giving either.
    fn include_directive(&mut self, line: &Line, diags: &mut Diagnostics) {
        let rest = line.rest.trim();
        let span = line.rest_span;
        let delimited = |open: char, close: char| -> Option<Result<String, ()>> {
            let inner = rest.strip_prefix(open)?;
            Some(inner.find(close).map(|end| inner[..end].to_string()).ok_or(()))
        };
        let (name, angled) = if let Some(name) = delimited('"', '"') {
            (name, false)
        } else if let Some(name) = delimited('<', '>') {
            (name, true)
        } else if rest.is_empty() {
            diags.error(line.name_span, "Bad #include directive");
            return;
        } else {
            let toks = lex_text(rest, span, diags);
            let toks = self.expand_alone(toks, diags);
            match toks.first().map(|t| &t.tok) {
                Some(Tok::Str(s)) => (Ok(s.to_string()), false),
                Some(Tok::Punct(Punct::Lt)) => match toks.iter().position(|t| t.is_punct(Punct::Gt)) {
                    Some(end) => (Ok(spell_tokens(&toks[1..end])), true),
                    None => (Err(()), true),
                },
                _ => {
                    diags.error(span, "Missing leading \" or < in #include");
                    return;
                }
            }
        };
        match name {
            Ok(name) => self.push_include(&name, angled, span, diags),
            Err(()) => diags.error(span, "Missing trailing \" or > in #include"),
        }
    }

    /// `#line N` or `#line N "file"`: renumbers the lines that follow.
    fn line_directive(&mut self, line: &Line, diags: &mut Diagnostics) {
        let toks = lex_text(&line.rest, line.rest_span, diags);
        let toks = self.expand_alone(toks, diags);
        let number = match toks.first().map(|t| &t.tok) {
            Some(Tok::Int(n)) if (0..=u32::MAX as i64).contains(n) => *n as u32,
            _ => {
                let span = toks.first().map_or(line.name_span, |t| t.span);
                diags.error(span, "#line needs a line number");
                return;
            }
        };
        let file = match toks.get(1).map(|t| &t.tok) {
            Some(Tok::Str(name)) => Some(diags.add_file(name)),
            None => None,
            Some(_) => {
                diags.error(toks[1].span, "#line needs a file name in quotes");
                None
            }
        };
        let lexer = &mut self.sources.last_mut().expect("main file").lexer;
        lexer.set_line(number);
        if let Some(file) = file {
            lexer.set_file(file);
        }
    }
}

/// A directive's text without its comments (each becomes a space), and
/// whether a block comment is still open at its end.
fn strip_comments(text: &str) -> (String, bool) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '"' || (c == '\'' && char_literal_len(&chars[i..]).is_some()) {
            // Comment markers inside literals are text.
            let end =
                if c == '"' { string_literal_len(&chars[i..]) } else { char_literal_len(&chars[i..]).unwrap_or(1) };
            out.extend(&chars[i..i + end]);
            i += end;
        } else if c == '/' && next == Some('/') {
            break;
        } else if c == '/' && next == Some('*') {
            let Some(close) = (i + 2..chars.len().saturating_sub(1)).find(|&j| chars[j] == '*' && chars[j + 1] == '/')
            else {
                return (out, true);
            };
            out.push(' ');
            i = close + 2;
        } else {
            out.push(c);
            i += 1;
        }
    }
    (out, false)
}

/// Whether a block comment is open at the end of a line of code (that
/// starts inside one when `in_comment`).
fn comment_open_after(line: &str, in_comment: bool) -> bool {
    if !in_comment {
        return strip_comments(line).1;
    }
    match line.find("*/") {
        Some(end) => strip_comments(&line[end + 2..]).1,
        None => true,
    }
}

/// Length of the string literal starting at `chars[0]` (to the line's end if unterminated).
fn string_literal_len(chars: &[char]) -> usize {
    let mut i = 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    chars.len()
}

/// Length of a character literal at `chars[0]`, if one is there; a lone
/// apostrophe (as in `#error don't`) is not one.
fn char_literal_len(chars: &[char]) -> Option<usize> {
    if chars.get(1) == Some(&'\\') {
        // '\n', '\x41', '\101' ...
        (3..chars.len().min(8)).find(|&j| chars[j] == '\'').map(|j| j + 1)
    } else if chars.get(2) == Some(&'\'') {
        Some(3)
    } else {
        None
    }
}
