//! The LPC preprocessor: FluffOS's C-like `#` directives and macros,
//! working on tokens between the lexer and the parser.
//!
//! Tokens come from a stack of files (`#include`) and, above it, a stack of
//! macro-expansion contexts. A macro is disabled while its expansion is
//! being read; a name met while its macro is disabled gets the macro's name
//! in `Token::hide` and never expands afterwards. This is how GCC stops
//! recursive macros, and it keeps long macro chains linear in time.
//!
//! `directive.rs` handles `#` lines and conditional groups, `macros.rs`
//! definitions and expansion, `expr.rs` the `#if` arithmetic.

mod directive;
mod expr;
mod macros;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests_directives;
#[cfg(test)]
mod tests_macros;

use crate::diag::Diagnostics;
use crate::lexer::Lexer;
use crate::token::{Span, Tok, Token};
use macros::{Builtin, Context, Macro};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// Finds the text of `#include`d files.
pub trait IncludeResolver {
    /// `#include "name"` (angled=false) or `<name>` seen in file `from_file` (a mudlib path like "/std/room.c").
    /// Returns (path used for __FILE__/__DIR__ and diagnostics, file text), or None if not found.
    fn resolve(&self, name: &str, angled: bool, from_file: &str) -> Option<(String, String)>;
}

/// FluffOS refuses includes nested deeper than this.
const MAX_INCLUDE_DEPTH: usize = 32;

/// One file being read.
struct Source {
    lexer: Lexer,
    /// The path the file was found under; its own includes resolve against it.
    path: String,
    /// `conds.len()` when the file was entered: its own `#if`s lie above it,
    /// and they must be closed before it ends.
    cond_base: usize,
}

/// An open `#if` group.
struct Cond {
    /// Some branch of this `#if` has been taken already.
    had_true: bool,
    seen_else: bool,
    /// Where the `#if` is, for "Missing #endif".
    span: Span,
}

/// Answers `efun_defined(name)`.
type EfunQuery<'r> = Box<dyn Fn(&str) -> bool + 'r>;

pub struct Preprocessor<'r> {
    resolver: &'r dyn IncludeResolver,
    efun_defined: Option<EfunQuery<'r>>,
    sources: Vec<Source>,
    macros: FxHashMap<Rc<str>, Rc<Macro>>,
    contexts: Vec<Context>,
    conds: Vec<Cond>,
    pragmas: Vec<String>,
    /// `#pragma strict_types` seen and not undone by `no_strict_types`.
    strict_types: bool,
    files: Vec<String>,
    /// How many macro arguments are being expanded inside one another.
    arg_depth: usize,
}

impl<'r> Preprocessor<'r> {
    pub fn new(main_path: &str, source: &str, resolver: &'r dyn IncludeResolver, diags: &mut Diagnostics) -> Self {
        let file = diags.add_file(main_path);
        reject_nul(source, file, diags);
        let mut pp = Preprocessor {
            resolver,
            efun_defined: None,
            sources: vec![Source {
                lexer: Lexer::new(Rc::from(source), file),
                path: main_path.to_string(),
                cond_base: 0,
            }],
            macros: FxHashMap::default(),
            contexts: Vec::new(),
            conds: Vec::new(),
            pragmas: Vec::new(),
            strict_types: false,
            files: vec![main_path.to_string()],
            arg_depth: 0,
        };
        for (name, builtin) in [("__FILE__", Builtin::File), ("__LINE__", Builtin::Line), ("__DIR__", Builtin::Dir)] {
            pp.macros.insert(Rc::from(name), Rc::new(Macro::builtin(builtin)));
        }
        pp
    }

    /// Object-like predefined macro, body given as source text (e.g. ("MUDOS","1"), ("__VERSION__","\"ferrum 0.1\"")).
    pub fn define(&mut self, name: &str, body: &str) {
        // Errors in a driver-supplied body have no place to be reported.
        let mut scratch = Diagnostics::new();
        let tokens = lex_text(body, Span::default(), &mut scratch);
        self.macros.insert(Rc::from(name), Rc::new(Macro::predefined(tokens)));
    }

    /// Answers efun_defined(name) in #if.
    pub fn set_efun_defined(&mut self, f: Box<dyn Fn(&str) -> bool + 'r>) {
        self.efun_defined = Some(f);
    }

    /// Pushes an include (the config's "global include file") to be read before the main file's first token.
    /// `name` may carry its delimiters (`<globals.h>`, `"x.h"`); a bare name is looked up as if quoted.
    pub fn include_first(&mut self, name: &str, diags: &mut Diagnostics) {
        let name = name.trim();
        let (name, angled) = if name.len() >= 2 && name.starts_with('<') && name.ends_with('>') {
            (&name[1..name.len() - 1], true)
        } else if name.len() >= 2 && name.starts_with('"') && name.ends_with('"') {
            (&name[1..name.len() - 1], false)
        } else {
            (name, false)
        };
        let span = Span { file: self.sources[0].lexer.file(), line: 1, col: 1 };
        self.push_include(name, angled, span, diags);
    }

    /// The next fully preprocessed token (macros expanded, directives handled); Tok::Eof at the end.
    pub fn next_token(&mut self, diags: &mut Diagnostics) -> Token {
        loop {
            if let Some(t) = self.expanded_next(diags) {
                return t;
            }
            // Only a boundary context can end a read; none should be left
            // at the top here, but dropping one beats stalling.
            self.contexts.pop();
        }
    }

    /// `#pragma` lines seen, trimmed (e.g. "strict_types", "save_binary").
    pub fn strict_types(&self) -> bool {
        self.strict_types
    }

    pub fn pragmas(&self) -> &[String] {
        &self.pragmas
    }

    /// Every file read (main first), for dependency tracking.
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// The next token from the files, with directives carried out and
    /// finished includes left; Eof only at the end of the main file.
    fn file_token(&mut self, diags: &mut Diagnostics) -> Token {
        loop {
            let source = self.sources.last_mut().expect("the main file stays on the stack");
            let t = source.lexer.next(diags);
            match t.tok {
                Tok::Punct(crate::token::Punct::Hash) if t.line_start => self.directive(t.span, diags),
                Tok::Eof => {
                    self.close_conditionals(diags);
                    if self.sources.len() == 1 {
                        return t;
                    }
                    self.sources.pop();
                }
                _ => return t,
            }
        }
    }

    /// At the end of a file: its `#if`s must all have been closed.
    fn close_conditionals(&mut self, diags: &mut Diagnostics) {
        let base = self.sources.last().map_or(0, |s| s.cond_base);
        while self.conds.len() > base {
            let cond = self.conds.pop().expect("checked above");
            diags.error(cond.span, "Missing #endif");
        }
    }

    /// Starts reading an included file (or reports why it cannot).
    fn push_include(&mut self, name: &str, angled: bool, span: Span, diags: &mut Diagnostics) {
        if self.sources.len() > MAX_INCLUDE_DEPTH {
            diags.error(span, "#include nested too deeply");
            return;
        }
        let from = &self.sources.last().expect("main file").path;
        let Some((path, text)) = self.resolver.resolve(name, angled, from) else {
            diags.error(span, format!("Cannot #include {}", name));
            return;
        };
        let file = diags.add_file(&path);
        reject_nul(&text, file, diags);
        if !self.files.contains(&path) {
            self.files.push(path.clone());
        }
        self.sources.push(Source { lexer: Lexer::new(Rc::from(text), file), path, cond_base: self.conds.len() });
    }
}

/// A NUL byte in source is refused wherever it is (code, strings,
/// comments, skipped `#if` branches), as FluffOS does: it is never text.
fn reject_nul(text: &str, file: u16, diags: &mut Diagnostics) {
    if let Some(at) = text.find('\0') {
        let before = &text[..at];
        let line = before.matches('\n').count() as u32 + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
        diags.error(Span { file, line, col }, "Illegal embedded NUL byte in source");
    }
}

/// Lexes a piece of text (a directive's arguments, a macro body) on its own.
fn lex_text(text: &str, at: Span, diags: &mut Diagnostics) -> Vec<Token> {
    let mut lexer = Lexer::with_position(Rc::from(text), at.file, at.line, at.col);
    let mut out = Vec::new();
    loop {
        let t = lexer.next(diags);
        if t.tok == Tok::Eof {
            return out;
        }
        out.push(t);
    }
}

/// FluffOS shows file names rooted at the mudlib: always a leading '/'.
fn mudlib_path(name: &str) -> String {
    if name.starts_with('/') {
        name.to_string()
    } else {
        format!("/{}", name)
    }
}
