//! The parser: preprocessed tokens to a syntax tree.
//!
//! Recursive descent for declarations and statements (`stmt.rs`),
//! precedence climbing for expressions (`expr.rs`). On a syntax error it
//! reports, skips to a point where parsing can resume, and carries on, so
//! one run reports every error in a file.

mod expr;
mod stmt;

use crate::ast::*;
use crate::diag::Diagnostics;
use crate::token::{Punct, Span, Tok, Token};
use ferrum_vm::Type;
use std::collections::VecDeque;
use std::rc::Rc;

/// Where tokens come from (the preprocessor, or a bare lexer in tests).
pub trait TokenSource {
    fn next_token(&mut self, diags: &mut Diagnostics) -> Token;
    /// Whether `#pragma strict_types` is in force at this point of the
    /// source (a later `#pragma no_strict_types` turns it off).
    fn strict_types(&self) -> bool {
        false
    }
}

impl TokenSource for crate::lexer::Lexer {
    fn next_token(&mut self, diags: &mut Diagnostics) -> Token {
        self.next(diags)
    }
}

/// Raised to unwind out of a construct after a syntax error was reported.
pub(crate) struct SyntaxError;

pub(crate) type PResult<T> = Result<T, SyntaxError>;

pub struct Parser<'a> {
    src: &'a mut dyn TokenSource,
    pub(crate) diags: &'a mut Diagnostics,
    buf: VecDeque<Token>,
    last_span: Span,
    /// Modifiers set by a `private:`-style line for what follows.
    default_modifiers: u16,
    /// Expression nesting (parentheses, operands, `?:` arms): parsing and
    /// code generation recurse per level, so it is capped (see `enter`).
    nesting: u32,
}

/// Deepest expression nesting accepted. FluffOS also refuses absurd depth
/// with a compile error; each level costs several kilobytes of stack here.
const MAX_NESTING: u32 = 400;
/// Longest chain of one binary operator (`a + b + ...`): it builds a tree as
/// deep as it is long, which code generation walks recursively.
pub(crate) const MAX_CHAIN: usize = 10_000;

const TYPE_WORDS: &[&str] =
    &["int", "float", "string", "object", "mapping", "mixed", "void", "buffer", "function", "status", "class", "struct", "promise"];

const MODIFIER_WORDS: &[&str] =
    &["private", "protected", "static", "public", "nomask", "varargs", "nosave", "virtual", "async"];

impl<'a> Parser<'a> {
    pub fn new(src: &'a mut dyn TokenSource, diags: &'a mut Diagnostics) -> Parser<'a> {
        Parser { src, diags, buf: VecDeque::new(), last_span: Span::default(), default_modifiers: 0, nesting: 0 }
    }

    /// Runs `f` one nesting level deeper; past `MAX_NESTING` it is a clean
    /// compile error instead of a stack overflow.
    pub(crate) fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.nesting >= MAX_NESTING {
            let span = self.span();
            return Err(self.error_at(span, format!("Expression nested too deeply (more than {} levels)", MAX_NESTING)));
        }
        self.nesting += 1;
        let r = f(self);
        self.nesting -= 1;
        r
    }

    /// Reports a binary operator chain longer than `MAX_CHAIN`.
    pub(crate) fn check_chain(&mut self, links: usize, span: Span) -> PResult<()> {
        if links > MAX_CHAIN {
            return Err(self.error_at(span, format!("Expression too long: more than {} chained operators", MAX_CHAIN)));
        }
        Ok(())
    }

    // ----- token access -----

    fn fill(&mut self, n: usize) {
        while self.buf.len() <= n {
            let t = self.src.next_token(self.diags);
            self.buf.push_back(t);
        }
    }

    pub(crate) fn peek(&mut self) -> &Token {
        self.fill(0);
        &self.buf[0]
    }

    pub(crate) fn peek_at(&mut self, n: usize) -> &Token {
        self.fill(n);
        &self.buf[n]
    }

    pub(crate) fn next(&mut self) -> Token {
        self.fill(0);
        let t = self.buf.pop_front().expect("token");
        self.last_span = t.span;
        t
    }

    pub(crate) fn span(&mut self) -> Span {
        self.peek().span
    }

    pub(crate) fn at_punct(&mut self, p: Punct) -> bool {
        self.peek().is_punct(p)
    }

    pub(crate) fn at_punct_n(&mut self, n: usize, p: Punct) -> bool {
        self.peek_at(n).is_punct(p)
    }

    pub(crate) fn at_ident(&mut self, name: &str) -> bool {
        self.peek().is_ident(name)
    }

    pub(crate) fn at_eof(&mut self) -> bool {
        self.peek().tok == Tok::Eof
    }

    pub(crate) fn eat_punct(&mut self, p: Punct) -> bool {
        if self.at_punct(p) {
            self.next();
            true
        } else {
            false
        }
    }

    pub(crate) fn eat_ident(&mut self, name: &str) -> bool {
        if self.at_ident(name) {
            self.next();
            true
        } else {
            false
        }
    }

    pub(crate) fn error_at(&mut self, span: Span, msg: impl Into<String>) -> SyntaxError {
        self.diags.error(span, msg);
        SyntaxError
    }

    /// FluffOS: only functions may be void; a variable, parameter or class
    /// member of type void is an error (reported, parsing goes on).
    pub(crate) fn check_not_void(&mut self, ty: &Type, name: &str, span: Span) {
        if *ty == Type::Void {
            self.diags.error(span, format!("'{}' cannot be declared void: only functions return nothing", name));
        }
    }

    /// Reports "expected X" at the next token.
    pub(crate) fn expected(&mut self, what: &str) -> SyntaxError {
        let t = self.peek().clone();
        let found = match &t.tok {
            Tok::Eof => "end of file".to_string(),
            other => format!("'{}'", other),
        };
        self.error_at(t.span, format!("syntax error: expected {}, found {}", what, found))
    }

    pub(crate) fn expect_punct(&mut self, p: Punct) -> PResult<Span> {
        if self.at_punct(p) {
            Ok(self.next().span)
        } else {
            Err(self.expected(&format!("'{}'", p.text())))
        }
    }

    pub(crate) fn expect_ident(&mut self) -> PResult<(Name, Span)> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::Ident(s) if !is_reserved(s) => {
                self.next();
                Ok((s.clone(), t.span))
            }
            _ => Err(self.expected("an identifier")),
        }
    }

    /// Skips to just after the next `;` or before a `}` at this nesting
    /// level, to resume after an error.
    pub(crate) fn recover(&mut self) {
        let mut depth = 0i32;
        loop {
            let t = self.peek().clone();
            match &t.tok {
                Tok::Eof => return,
                Tok::Punct(Punct::Semi) if depth <= 0 => {
                    self.next();
                    return;
                }
                Tok::Punct(Punct::LBrace) | Tok::Punct(Punct::LParen) | Tok::Punct(Punct::LBracket) => depth += 1,
                Tok::Punct(Punct::RBrace) if depth <= 0 => return,
                Tok::Punct(Punct::RBrace) => {
                    depth -= 1;
                    if depth == 0 {
                        self.next();
                        // A closed block ends a declaration too.
                        return;
                    }
                }
                Tok::Punct(Punct::RParen) | Tok::Punct(Punct::RBracket) => depth -= 1,
                _ => {}
            }
            self.next();
        }
    }

    // ----- types -----

    /// Whether a type starts here (`int`, `class Foo`, ...).
    pub(crate) fn at_type(&mut self) -> bool {
        let t = self.peek().clone();
        match t.ident() {
            Some("class") | Some("struct") => matches!(self.peek_at(1).tok, Tok::Ident(_)) && !self.at_punct_n(2, Punct::LBrace),
            Some("function") => !self.at_punct_n(1, Punct::LParen),
            Some(w) => TYPE_WORDS.contains(&w),
            None => false,
        }
    }

    /// A base type without stars.
    pub(crate) fn parse_base_type(&mut self) -> PResult<Type> {
        let t = self.next();
        let ty = match t.ident() {
            Some("int") | Some("status") => Type::Int,
            Some("float") => Type::Float,
            Some("string") => Type::String,
            Some("object") => Type::Object,
            Some("mapping") => Type::Mapping,
            Some("mixed") => Type::Mixed,
            Some("void") => Type::Void,
            Some("buffer") => Type::Buffer,
            Some("function") => Type::Function,
            Some("promise") => {
                // `promise<T>`: the payload is checked where it is stored and awaited.
                if self.eat_punct(Punct::Lt) {
                    let payload = self.parse_type()?;
                    if payload == Type::Void || payload.is_promise() {
                        return Err(self.error_at(t.span, format!("promise<{}> is not a valid promise type", payload)));
                    }
                    self.expect_punct(Punct::Gt)?;
                    Type::PromiseOf(Box::new(payload))
                } else {
                    Type::Promise
                }
            }
            Some("class") | Some("struct") => {
                let (name, _) = self.expect_ident()?;
                Type::Class(name.to_string())
            }
            _ => return Err(self.error_at(t.span, format!("syntax error: expected a type, found '{}'", t.tok))),
        };
        Ok(ty)
    }

    pub(crate) fn parse_stars(&mut self, mut ty: Type) -> Type {
        while self.eat_punct(Punct::Star) {
            ty = Type::array_of(ty);
        }
        ty
    }

    /// A full type: base plus stars (for casts and parameters).
    pub(crate) fn parse_type(&mut self) -> PResult<Type> {
        let base = self.parse_base_type()?;
        Ok(self.parse_stars(base))
    }

    // ----- top level -----

    /// Parses a whole file.
    pub fn parse_program(&mut self) -> Vec<Decl> {
        let mut decls = Vec::new();
        while !self.at_eof() {
            if self.diags.too_many() {
                break;
            }
            match self.parse_decl(&mut decls) {
                Ok(()) => {}
                Err(SyntaxError) => self.recover(),
            }
        }
        decls
    }

    fn parse_modifiers(&mut self) -> u16 {
        let mut m = 0;
        loop {
            let w = match self.peek().ident() {
                Some(w) if MODIFIER_WORDS.contains(&w) => w.to_string(),
                _ => break,
            };
            // `private:` sets the default for what follows.
            if self.at_punct_n(1, Punct::Colon) {
                break;
            }
            self.next();
            m |= match w.as_str() {
                "private" => modifiers::PRIVATE,
                "protected" => modifiers::PROTECTED,
                // `static` means protected on functions and nosave on
                // variables; record both and let the user decide.
                "static" => modifiers::PROTECTED | modifiers::NOSAVE,
                "public" => modifiers::PUBLIC,
                "nomask" => modifiers::NOMASK,
                "varargs" => modifiers::VARARGS,
                "nosave" => modifiers::NOSAVE,
                "async" => modifiers::ASYNC,
                _ => 0,
            };
        }
        m
    }

    fn parse_decl(&mut self, out: &mut Vec<Decl>) -> PResult<()> {
        if self.eat_punct(Punct::Semi) {
            return Ok(());
        }
        // `private:` etc.
        if let Some(w) = self.peek().ident().map(|s| s.to_string()) {
            if MODIFIER_WORDS.contains(&w.as_str()) && self.at_punct_n(1, Punct::Colon) {
                if w == "async" {
                    let span = self.span();
                    return Err(self.error_at(span, "async is a function modifier; it cannot start a modifier block"));
                }
                self.next();
                self.next();
                self.default_modifiers = match w.as_str() {
                    "private" => modifiers::PRIVATE,
                    "protected" | "static" => modifiers::PROTECTED,
                    "nosave" => modifiers::NOSAVE,
                    "nomask" => modifiers::NOMASK,
                    "varargs" => modifiers::VARARGS,
                    _ => 0,
                };
                return Ok(());
            }
        }
        let start = self.span();
        let mods = self.parse_modifiers();
        if self.at_ident("inherit") {
            self.next();
            let path = self.parse_string_constant()?;
            self.expect_punct(Punct::Semi)?;
            out.push(Decl::Inherit { path, modifiers: mods, span: start });
            return Ok(());
        }
        let mods = if mods == 0 { self.default_modifiers } else { mods };
        // class definitions
        if (self.at_ident("class") || self.at_ident("struct")) && self.at_punct_n(2, Punct::LBrace) {
            self.next();
            let (name, span) = self.expect_ident()?;
            self.expect_punct(Punct::LBrace)?;
            let mut fields = Vec::new();
            while !self.at_punct(Punct::RBrace) && !self.at_eof() {
                let base = self.parse_base_type()?;
                loop {
                    let ty = self.parse_stars(base.clone());
                    let (fname, fspan) = self.expect_ident()?;
                    self.check_not_void(&ty, &fname, fspan);
                    fields.push((ty, fname));
                    if !self.eat_punct(Punct::Comma) {
                        break;
                    }
                }
                self.expect_punct(Punct::Semi)?;
            }
            self.expect_punct(Punct::RBrace)?;
            self.eat_punct(Punct::Semi);
            out.push(Decl::Class { name, fields, span });
            return Ok(());
        }
        // Return/variable type (optional for old-style functions).
        let base = if self.at_type() {
            self.parse_base_type()?
        } else {
            let is_ident = matches!(self.peek().tok, Tok::Ident(_));
            if is_ident && self.at_punct_n(1, Punct::LParen) {
                // FluffOS: under strict_types only create() may leave out
                // its return type.
                if self.src.strict_types() && !self.at_ident("create") {
                    let span = self.span();
                    let name = self.peek().ident().unwrap_or_default().to_string();
                    self.diags.error(span, format!("#pragma strict_types requires the return type of function '{}'", name));
                }
                Type::Unknown
            } else {
                return Err(self.expected("a declaration"));
            }
        };
        let mut vars = Vec::new();
        loop {
            let ty = self.parse_stars(base.clone());
            let (name, span) = self.expect_ident()?;
            if self.at_punct(Punct::LParen) && vars.is_empty() {
                let f = self.parse_function_rest(mods, ty, name, span)?;
                out.push(Decl::Function(f));
                return Ok(());
            }
            if mods & modifiers::ASYNC != 0 {
                return Err(self.error_at(span, format!("async is a function modifier; variable '{}' cannot be async", name)));
            }
            self.check_not_void(&ty, &name, span);
            let init = if self.eat_punct(Punct::Assign) { Some(self.parse_assign_expr()?) } else { None };
            vars.push(GlobalVar { modifiers: mods, ty, name, init, span });
            if !self.eat_punct(Punct::Comma) {
                break;
            }
        }
        self.expect_punct(Punct::Semi)?;
        out.push(Decl::Vars(vars));
        Ok(())
    }

    /// Adjacent string literals (and macros that expand to them).
    fn parse_string_constant(&mut self) -> PResult<Rc<str>> {
        let mut s = String::new();
        let mut any = false;
        while let Tok::Str(part) = &self.peek().tok {
            s.push_str(part);
            any = true;
            self.next();
        }
        if !any {
            return Err(self.expected("a string"));
        }
        Ok(Rc::from(s))
    }

    pub(crate) fn parse_params(&mut self) -> PResult<Vec<Param>> {
        self.expect_punct(Punct::LParen)?;
        let mut params = Vec::new();
        if self.at_ident("void") && self.at_punct_n(1, Punct::RParen) {
            self.next();
        }
        while !self.at_punct(Punct::RParen) {
            let span = self.span();
            let mut by_ref = self.eat_ident("ref");
            let ty = if self.at_type() {
                self.parse_base_type()?
            } else {
                Type::Mixed
            };
            // `ref` or `&` may stand before or after the array stars:
            // `mixed ref *arr`, `mixed & *arr`, `int *ref arr`.
            by_ref |= self.eat_ident("ref") || self.eat_punct(Punct::Amp);
            let ty = self.parse_stars(ty);
            by_ref |= self.eat_ident("ref") || self.eat_punct(Punct::Amp);
            // Prototypes may leave parameters unnamed.
            let name: Name = match &self.peek().tok {
                Tok::Ident(n) if !is_reserved(n) => {
                    let n = n.clone();
                    self.next();
                    n
                }
                _ => Rc::from(format!("__arg{}", params.len()).as_str()),
            };
            self.check_not_void(&ty, &name, span);
            let rest = self.eat_punct(Punct::Ellipsis);
            let default = if self.at_punct(Punct::Colon) && self.at_punct_n(1, Punct::LParen) && self.at_punct_n(2, Punct::Colon) {
                self.next();
                Some(self.parse_postfix_expr()?)
            } else {
                None
            };
            params.push(Param { ty, name, by_ref, rest, default, span });
            if !self.eat_punct(Punct::Comma) {
                break;
            }
        }
        self.expect_punct(Punct::RParen)?;
        Ok(params)
    }

    fn parse_function_rest(&mut self, mods: u16, ret: Type, name: Name, span: Span) -> PResult<FunctionDecl> {
        let params = self.parse_params()?;
        let body = if self.eat_punct(Punct::Semi) {
            None
        } else {
            Some(self.parse_block()?)
        };
        Ok(FunctionDecl { modifiers: mods, ret, name, params, body, span })
    }
}

/// Words that cannot name a variable or function.
pub(crate) fn is_reserved(s: &str) -> bool {
    matches!(
        s,
        "if" | "else"
            | "while"
            | "do"
            | "for"
            | "foreach"
            | "switch"
            | "case"
            | "default"
            | "break"
            | "continue"
            | "return"
            | "inherit"
            | "int"
            | "float"
            | "string"
            | "object"
            | "mapping"
            | "mixed"
            | "void"
            | "buffer"
            | "function"
            | "class"
            | "struct"
            | "catch"
            | "async"
            | "await"
            | "acatch"
            | "promise"
            | "private"
            | "protected"
            | "public"
            | "static"
            | "nomask"
            | "varargs"
            | "nosave"
    )
}
