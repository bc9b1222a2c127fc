//! Macro definitions and their expansion.

use super::{lex_text, mudlib_path, Preprocessor};
use crate::diag::Diagnostics;
use crate::token::{Punct, Span, Tok, Token};
use std::cell::Cell;
use std::rc::Rc;

/// Expansions live at once; past this a runaway expansion is cut off.
const MAX_CONTEXTS: usize = 65536;
/// Macro calls inside macro arguments inside ... (each level recurses).
const MAX_ARG_DEPTH: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Builtin {
    File,
    Line,
    Dir,
}

/// One element of a macro's replacement list.
#[derive(Clone, Debug)]
pub(super) enum BodyItem {
    Tok(Token),
    /// A parameter, and whether whitespace came before it.
    Param(usize, bool),
    /// `#param`, and whether whitespace came before the `#`.
    Stringize(usize, bool),
    /// `##`.
    Paste,
}

#[derive(Debug)]
pub(super) struct Macro {
    /// `None` for an object-like macro.
    pub params: Option<Vec<Rc<str>>>,
    /// The last parameter takes all remaining arguments (`...`).
    pub variadic: bool,
    pub body: Vec<BodyItem>,
    /// Given by the driver (`define()`, `__FILE__`...): `#define` and `#undef` may not touch it.
    pub predefined: bool,
    pub builtin: Option<Builtin>,
    /// Its expansion is being read, so its name does not expand now.
    pub disabled: Cell<bool>,
}

impl Macro {
    pub fn builtin(kind: Builtin) -> Macro {
        Macro {
            params: None,
            variadic: false,
            body: Vec::new(),
            predefined: true,
            builtin: Some(kind),
            disabled: Cell::new(false),
        }
    }

    pub fn predefined(body: Vec<Token>) -> Macro {
        Macro {
            params: None,
            variadic: false,
            body: body.into_iter().map(BodyItem::Tok).collect(),
            predefined: true,
            builtin: None,
            disabled: Cell::new(false),
        }
    }

    /// Whether a redefinition says the same thing (C's rule: same
    /// parameters, same tokens, whitespace in the same places).
    pub fn same_as(&self, other: &Macro) -> bool {
        if self.params != other.params || self.variadic != other.variadic || self.body.len() != other.body.len() {
            return false;
        }
        self.body.iter().zip(&other.body).enumerate().all(|(i, (a, b))| {
            let first = i == 0;
            match (a, b) {
                (BodyItem::Tok(x), BodyItem::Tok(y)) => x.tok == y.tok && (first || x.space_before == y.space_before),
                (BodyItem::Param(x, sx), BodyItem::Param(y, sy)) => x == y && (first || sx == sy),
                (BodyItem::Stringize(x, sx), BodyItem::Stringize(y, sy)) => x == y && (first || sx == sy),
                (BodyItem::Paste, BodyItem::Paste) => true,
                _ => false,
            }
        })
    }
}

/// Tokens being read in place of a macro call (or of an argument or a
/// directive line expanded on its own).
pub(super) struct Context {
    /// Reversed: `pop()` gives the next token.
    pub tokens: Vec<Token>,
    /// The macro this is the expansion of; disabled while this lives.
    pub owner: Option<Rc<Macro>>,
    /// Reading stops at its end instead of going on to what lies below.
    pub boundary: bool,
}

/// Parses `NAME body` or `NAME(params) body` (the tokens after `#define`).
/// `at` places errors when there is no token to blame.
pub(super) fn parse_define(toks: &[Token], at: Span) -> Result<(Rc<str>, Macro), (Span, String)> {
    let Some(first) = toks.first() else {
        return Err((at, "#define: missing name".to_string()));
    };
    let Tok::Ident(name) = &first.tok else {
        return Err((first.span, "Invalid macro name".to_string()));
    };
    let mut i = 1;
    let mut params = None;
    let mut variadic = false;
    // Only a '(' right after the name makes a function-like macro.
    if toks.get(1).is_some_and(|t| t.is_punct(Punct::LParen) && !t.space_before) {
        i = 2;
        let mut list: Vec<Rc<str>> = Vec::new();
        let bad = |t: Option<&Token>| (t.map_or(at, |t| t.span), "Invalid macro parameter list".to_string());
        if toks.get(i).is_some_and(|t| t.is_punct(Punct::RParen)) {
            i += 1;
        } else {
            loop {
                match toks.get(i).map(|t| &t.tok) {
                    Some(Tok::Ident(p)) => {
                        if list.contains(p) {
                            return Err((toks[i].span, format!("Duplicate macro parameter '{}'", p)));
                        }
                        list.push(p.clone());
                        i += 1;
                        if toks.get(i).is_some_and(|t| t.is_punct(Punct::Ellipsis)) {
                            variadic = true;
                            i += 1;
                        }
                    }
                    Some(Tok::Punct(Punct::Ellipsis)) => {
                        list.push(Rc::from("__VA_ARGS__"));
                        variadic = true;
                        i += 1;
                    }
                    _ => return Err(bad(toks.get(i))),
                }
                match toks.get(i) {
                    Some(t) if t.is_punct(Punct::RParen) => {
                        i += 1;
                        break;
                    }
                    Some(t) if t.is_punct(Punct::Comma) && !variadic => i += 1,
                    other => return Err(bad(other)),
                }
            }
        }
        params = Some(list);
    }

    let param_index = |t: &Token| match (&params, &t.tok) {
        (Some(ps), Tok::Ident(n)) => ps.iter().position(|p| p == n),
        _ => None,
    };
    let mut body = Vec::new();
    let mut j = i;
    while j < toks.len() {
        let t = &toks[j];
        j += 1;
        if t.is_punct(Punct::HashHash) {
            body.push(BodyItem::Paste);
        } else if let Some(p) = param_index(t) {
            body.push(BodyItem::Param(p, t.space_before));
        } else if let Some(p) = toks.get(j).filter(|_| t.is_punct(Punct::Hash)).and_then(param_index) {
            body.push(BodyItem::Stringize(p, t.space_before));
            j += 1;
        } else {
            // A '#' before something else stays as it is (the parser
            // will object), as FluffOS leaves it.
            let mut t = t.clone();
            t.line_start = false;
            body.push(BodyItem::Tok(t));
        }
    }
    let paste_span = || toks.iter().find(|t| t.is_punct(Punct::HashHash)).map_or(at, |t| t.span);
    if matches!(body.first(), Some(BodyItem::Paste)) {
        return Err((paste_span(), "'##' cannot appear at start of macro body".to_string()));
    }
    if matches!(body.last(), Some(BodyItem::Paste)) {
        let span = toks.iter().rev().find(|t| t.is_punct(Punct::HashHash)).map_or(at, |t| t.span);
        return Err((span, "'##' cannot appear at end of macro body".to_string()));
    }
    let m = Macro { params, variadic, body, predefined: false, builtin: None, disabled: Cell::new(false) };
    Ok((name.clone(), m))
}

impl Preprocessor<'_> {
    /// The next token without macro expansion: from the innermost live
    /// context, else from the files. `None` at the end of a boundary.
    pub(super) fn raw_next(&mut self, diags: &mut Diagnostics) -> Option<Token> {
        loop {
            let Some(ctx) = self.contexts.last_mut() else {
                return Some(self.file_token(diags));
            };
            if let Some(t) = ctx.tokens.pop() {
                return Some(t);
            }
            if ctx.boundary {
                return None;
            }
            let ctx = self.contexts.pop().expect("checked above");
            if let Some(m) = ctx.owner {
                m.disabled.set(false);
            }
        }
    }

    /// Puts a token back to be read again next.
    fn push_back(&mut self, t: Token) {
        self.contexts.push(Context { tokens: vec![t], owner: None, boundary: false });
    }

    /// The next token after macro expansion; `None` at the end of a boundary.
    pub(super) fn expanded_next(&mut self, diags: &mut Diagnostics) -> Option<Token> {
        loop {
            let mut t = self.raw_next(diags)?;
            let Tok::Ident(name) = &t.tok else { return Some(t) };
            if t.hidden(name) {
                return Some(t);
            }
            let Some(m) = self.macros.get(name).cloned() else { return Some(t) };
            if m.disabled.get() {
                let name = name.clone();
                paint(&mut t, name);
                return Some(t);
            }
            if let Some(kind) = m.builtin {
                return Some(builtin_token(kind, &t, diags));
            }
            if self.contexts.len() >= MAX_CONTEXTS {
                diags.error(t.span, "Macro expansion nested too deep");
                return Some(t);
            }
            let args = match &m.params {
                None => Vec::new(),
                Some(params) => {
                    // A function-like macro's name alone is just a name.
                    match self.raw_next(diags) {
                        Some(p) if p.is_punct(Punct::LParen) => {}
                        Some(other) => {
                            self.push_back(other);
                            return Some(t);
                        }
                        None => return Some(t),
                    }
                    let Some(mut args) = self.collect_args(&m, &t, diags) else { continue };
                    let n = params.len();
                    let fits = if m.variadic {
                        if args.len() == n - 1 {
                            args.push(Vec::new());
                        }
                        args.len() == n
                    } else if n == 0 {
                        args.len() == 1 && args[0].is_empty()
                    } else {
                        args.len() == n
                    };
                    if !fits {
                        diags.error(t.span, format!("Wrong number of macro arguments to {}", name));
                        continue;
                    }
                    args
                }
            };
            let out = self.substitute(&m, &args, &t, diags);
            m.disabled.set(true);
            self.contexts.push(Context { tokens: out.into_iter().rev().collect(), owner: Some(m), boundary: false });
        }
    }

    /// Reads a macro call's arguments, after its '('. Commas split them
    /// only outside nested (), [] and {} (so `({ a, b })` is one argument).
    fn collect_args(&mut self, m: &Macro, call: &Token, diags: &mut Diagnostics) -> Option<Vec<Vec<Token>>> {
        let nparams = m.params.as_ref().map_or(0, |p| p.len());
        let mut args: Vec<Vec<Token>> = vec![Vec::new()];
        let mut depth = 0usize;
        loop {
            let t = match self.raw_next(diags) {
                Some(t) if t.tok != Tok::Eof => t,
                other => {
                    diags.error(call.span, format!("Unterminated argument list invoking macro '{}'", spell(&call.tok)));
                    if let Some(eof) = other {
                        self.push_back(eof);
                    }
                    return None;
                }
            };
            match &t.tok {
                Tok::Punct(Punct::RParen) if depth == 0 => return Some(args),
                Tok::Punct(Punct::LParen | Punct::LBracket | Punct::LBrace) => depth += 1,
                Tok::Punct(Punct::RParen | Punct::RBracket | Punct::RBrace) => depth = depth.saturating_sub(1),
                // The variadic parameter keeps its commas.
                Tok::Punct(Punct::Comma) if depth == 0 && !(m.variadic && args.len() == nparams) => {
                    args.push(Vec::new());
                    continue;
                }
                _ => {}
            }
            args.last_mut().expect("never empty").push(t);
        }
    }

    /// A macro's replacement for one call: parameters replaced, `#`
    /// stringized and `##` pasted. Its tokens take the call's position.
    fn substitute(&mut self, m: &Macro, args: &[Vec<Token>], call: &Token, diags: &mut Diagnostics) -> Vec<Token> {
        let mut expanded: Vec<Option<Vec<Token>>> = vec![None; args.len()];
        let mut out: Vec<Token> = Vec::new();
        // The left operand of a pending `##` was an empty argument.
        let mut placemarker = false;
        let at_call = |t: &Token| Token { span: call.span, line_start: false, ..t.clone() };
        let mut i = 0;
        while i < m.body.len() {
            match &m.body[i] {
                BodyItem::Tok(t) => {
                    out.push(at_call(t));
                    placemarker = false;
                }
                BodyItem::Stringize(p, space) => {
                    out.push(stringize(&args[*p], call, *space));
                    placemarker = false;
                }
                BodyItem::Param(p, space) => {
                    let operand_of_paste = matches!(m.body.get(i + 1), Some(BodyItem::Paste));
                    let tokens = if operand_of_paste {
                        args[*p].clone()
                    } else {
                        if expanded[*p].is_none() {
                            expanded[*p] = Some(self.expand_arg(args[*p].clone(), diags));
                        }
                        expanded[*p].clone().expect("just set")
                    };
                    placemarker = tokens.is_empty();
                    push_spaced(&mut out, tokens, *space);
                }
                BodyItem::Paste => {
                    i += 1;
                    let rhs = match &m.body[i] {
                        BodyItem::Tok(t) => vec![at_call(t)],
                        BodyItem::Param(p, _) => args[*p].clone(),
                        BodyItem::Stringize(p, space) => vec![stringize(&args[*p], call, *space)],
                        BodyItem::Paste => Vec::new(),
                    };
                    let is_va_args = m.variadic && matches!(m.body[i], BodyItem::Param(p, _) if p + 1 == args.len());
                    if is_va_args && !placemarker && out.last().is_some_and(|t| t.is_punct(Punct::Comma)) {
                        // GCC's `, ## __VA_ARGS__`: the comma goes when there are no variable arguments.
                        if rhs.is_empty() {
                            out.pop();
                        }
                        out.extend(rhs);
                    } else if placemarker {
                        placemarker = rhs.is_empty();
                        out.extend(rhs);
                    } else if let Some((first, rest)) = rhs.split_first() {
                        let lhs = out.pop().expect("'##' never starts a body");
                        out.extend(paste(&lhs, first, diags));
                        out.extend(rest.iter().cloned());
                    }
                }
            }
            i += 1;
        }
        if let Some(first) = out.first_mut() {
            first.space_before = call.space_before;
        }
        out
    }

    /// A macro argument fully expanded on its own (C does this before
    /// putting it in place of a parameter).
    fn expand_arg(&mut self, tokens: Vec<Token>, diags: &mut Diagnostics) -> Vec<Token> {
        if !tokens.iter().any(|t| matches!(t.tok, Tok::Ident(_))) {
            return tokens;
        }
        if self.arg_depth >= MAX_ARG_DEPTH {
            if let Some(t) = tokens.first() {
                diags.error(t.span, "Macro expansion nested too deep");
            }
            return tokens;
        }
        self.arg_depth += 1;
        let out = self.expand_alone(tokens, diags);
        self.arg_depth -= 1;
        out
    }

    /// Expands tokens without reading past them.
    pub(super) fn expand_alone(&mut self, tokens: Vec<Token>, diags: &mut Diagnostics) -> Vec<Token> {
        self.push_boundary(tokens);
        let mut out = Vec::new();
        while let Some(t) = self.expanded_next(diags) {
            out.push(t);
        }
        self.pop_boundary();
        out
    }

    pub(super) fn push_boundary(&mut self, mut tokens: Vec<Token>) {
        tokens.reverse();
        self.contexts.push(Context { tokens, owner: None, boundary: true });
    }

    /// Drops the (exhausted) boundary on top and anything read-ahead above it.
    pub(super) fn pop_boundary(&mut self) {
        while let Some(ctx) = self.contexts.pop() {
            if let Some(m) = ctx.owner {
                m.disabled.set(false);
            }
            if ctx.boundary {
                break;
            }
        }
    }
}

/// Appends argument tokens, the first taking the parameter's spacing.
fn push_spaced(out: &mut Vec<Token>, tokens: Vec<Token>, space: bool) {
    let start = out.len();
    out.extend(tokens);
    if let Some(first) = out.get_mut(start) {
        first.space_before = space;
    }
}

/// Marks a name never to expand again.
fn paint(t: &mut Token, name: Rc<str>) {
    let mut names = t.hide.as_ref().map(|h| (**h).clone()).unwrap_or_default();
    names.push(name);
    t.hide = Some(Rc::new(names));
}

fn builtin_token(kind: Builtin, call: &Token, diags: &Diagnostics) -> Token {
    let file = || mudlib_path(diags.file_name(call.span.file));
    let tok = match kind {
        Builtin::Line => Tok::Int(call.span.line as i64),
        Builtin::File => Tok::Str(Rc::from(file())),
        Builtin::Dir => {
            let file = file();
            let dir = &file[..file.rfind('/').map_or(0, |i| i + 1)];
            Tok::Str(Rc::from(dir))
        }
    };
    Token { tok, span: call.span, space_before: call.space_before, line_start: false, hide: None }
}

/// `#arg`: the argument's spelling as a string.
fn stringize(arg: &[Token], call: &Token, space: bool) -> Token {
    let text = spell_tokens(arg);
    Token { tok: Tok::Str(Rc::from(text)), span: call.span, space_before: space, line_start: false, hide: None }
}

/// `a ## b`: the two spellings joined and lexed again. Joins that do not
/// make one token give several, as FluffOS's text-based pasting does.
fn paste(lhs: &Token, rhs: &Token, diags: &mut Diagnostics) -> Vec<Token> {
    let text = spell(&lhs.tok) + &spell(&rhs.tok);
    let mut out = lex_text(&text, lhs.span, diags);
    for t in &mut out {
        t.span = lhs.span;
    }
    if let Some(first) = out.first_mut() {
        first.space_before = lhs.space_before;
    }
    out
}

/// Tokens as source text, single spaces where there was whitespace.
pub(super) fn spell_tokens(tokens: &[Token]) -> String {
    let mut text = String::new();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && t.space_before {
            text.push(' ');
        }
        text.push_str(&spell(&t.tok));
    }
    text
}

/// Source text that lexes back to the token.
pub(super) fn spell(tok: &Tok) -> String {
    match tok {
        Tok::Ident(s) => s.to_string(),
        // Literals above MAX_INT wrapped when lexed; their digits wrap back.
        Tok::Int(v) if *v < 0 => (*v as u64).to_string(),
        Tok::Int(v) => v.to_string(),
        Tok::Float(x) => format!("{:?}", x),
        Tok::Str(s) => quote(s, '"'),
        Tok::Char(c) => match char::from_u32(*c as u32) {
            Some(ch) => quote(&ch.to_string(), '\''),
            None => c.to_string(),
        },
        Tok::StrArray(lines) => {
            let items: Vec<String> = lines.iter().map(|l| quote(l, '"')).collect();
            format!("({{ {} }})", items.join(", "))
        }
        Tok::Punct(p) => p.text().to_string(),
        Tok::Unknown(c) => c.to_string(),
        Tok::Eof => String::new(),
    }
}

fn quote(s: &str, q: char) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\x1b' => out.push_str("\\e"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}
