//! Expressions, by precedence climbing.

use super::{is_reserved, PResult, Parser};
use crate::ast::*;
use crate::token::{Punct, Span, Tok};
use std::rc::Rc;

/// Binary operators from loosest to tightest binding.
const LEVELS: &[&[(Punct, BinOp)]] = &[
    &[(Punct::Pipe, BinOp::BitOr)],
    &[(Punct::Caret, BinOp::BitXor)],
    &[(Punct::Amp, BinOp::BitAnd)],
    &[(Punct::Eq, BinOp::Eq), (Punct::Ne, BinOp::Ne)],
    &[(Punct::Lt, BinOp::Lt), (Punct::Le, BinOp::Le), (Punct::Gt, BinOp::Gt), (Punct::Ge, BinOp::Ge)],
    &[(Punct::Shl, BinOp::Shl), (Punct::Shr, BinOp::Shr)],
    &[(Punct::Plus, BinOp::Add), (Punct::Minus, BinOp::Sub)],
    &[(Punct::Star, BinOp::Mul), (Punct::Slash, BinOp::Div), (Punct::Percent, BinOp::Mod)],
];

fn assign_op(p: Punct) -> Option<AssignOp> {
    use Punct::*;
    Some(match p {
        Assign => AssignOp::Set,
        PlusAssign => AssignOp::Op(BinOp::Add),
        MinusAssign => AssignOp::Op(BinOp::Sub),
        StarAssign => AssignOp::Op(BinOp::Mul),
        SlashAssign => AssignOp::Op(BinOp::Div),
        PercentAssign => AssignOp::Op(BinOp::Mod),
        AmpAssign => AssignOp::Op(BinOp::BitAnd),
        PipeAssign => AssignOp::Op(BinOp::BitOr),
        CaretAssign => AssignOp::Op(BinOp::BitXor),
        ShlAssign => AssignOp::Op(BinOp::Shl),
        ShrAssign => AssignOp::Op(BinOp::Shr),
        OrOrAssign => AssignOp::Logic(LogicOp::Or),
        AndAndAssign => AssignOp::Logic(LogicOp::And),
        QuestionQuestionAssign => AssignOp::Logic(LogicOp::Nullish),
        _ => return None,
    })
}

impl<'a> Parser<'a> {
    /// A full expression, commas included.
    pub(crate) fn parse_expr(&mut self) -> PResult<Expr> {
        let first = self.parse_assign_expr()?;
        if !self.at_punct(Punct::Comma) {
            return Ok(first);
        }
        let span = first.span;
        let mut list = vec![first];
        while self.eat_punct(Punct::Comma) {
            list.push(self.parse_assign_expr()?);
        }
        Ok(Expr::new(ExprKind::Comma(list), span))
    }

    pub(crate) fn parse_assign_expr(&mut self) -> PResult<Expr> {
        self.nested(Self::parse_assign_inner)
    }

    fn parse_assign_inner(&mut self) -> PResult<Expr> {
        let lhs = self.parse_ternary()?;
        let op = match &self.peek().tok {
            Tok::Punct(p) => assign_op(*p),
            _ => None,
        };
        match op {
            Some(op) => {
                let span = self.next().span;
                let rhs = self.parse_assign_expr()?;
                Ok(Expr::new(ExprKind::Assign(op, Box::new(lhs), Box::new(rhs)), span))
            }
            None => Ok(lhs),
        }
    }

    pub(crate) fn parse_ternary(&mut self) -> PResult<Expr> {
        let cond = self.parse_nullish()?;
        if !self.at_punct(Punct::Question) {
            return Ok(cond);
        }
        let span = self.next().span;
        let a = self.parse_assign_expr()?;
        self.expect_punct(Punct::Colon)?;
        let b = self.parse_ternary_or_assign()?;
        Ok(Expr::new(ExprKind::Cond(Box::new(cond), Box::new(a), Box::new(b)), span))
    }

    /// The else-branch of `?:` binds like an assignment (`a ? b : c = d`
    /// assigns to c in C); we accept either.
    fn parse_ternary_or_assign(&mut self) -> PResult<Expr> {
        self.parse_assign_expr()
    }

    fn parse_nullish(&mut self) -> PResult<Expr> {
        let mut lhs = self.parse_logic(true)?;
        let mut links = 0;
        while self.at_punct(Punct::QuestionQuestion) {
            let span = self.next().span;
            links += 1;
            self.check_chain(links, span)?;
            let rhs = self.parse_logic(true)?;
            lhs = Expr::new(ExprKind::Logic(LogicOp::Nullish, Box::new(lhs), Box::new(rhs)), span);
        }
        Ok(lhs)
    }

    /// `||` (or) over `&&` (and).
    fn parse_logic(&mut self, or: bool) -> PResult<Expr> {
        let (punct, op) = if or { (Punct::OrOr, LogicOp::Or) } else { (Punct::AndAnd, LogicOp::And) };
        let mut lhs = if or { self.parse_logic(false)? } else { self.parse_binary(0)? };
        let mut links = 0;
        while self.at_punct(punct) {
            let span = self.next().span;
            links += 1;
            self.check_chain(links, span)?;
            let rhs = if or { self.parse_logic(false)? } else { self.parse_binary(0)? };
            lhs = Expr::new(ExprKind::Logic(op, Box::new(lhs), Box::new(rhs)), span);
        }
        Ok(lhs)
    }

    fn parse_binary(&mut self, level: usize) -> PResult<Expr> {
        if level >= LEVELS.len() {
            let operand = self.parse_unary()?;
            return self.operand_assignment(operand);
        }
        let mut lhs = self.parse_binary(level + 1)?;
        let mut links = 0;
        loop {
            let found = match &self.peek().tok {
                Tok::Punct(p) => LEVELS[level].iter().find(|(q, _)| q == p).map(|(_, op)| *op),
                _ => None,
            };
            let Some(op) = found else { break };
            let span = self.next().span;
            links += 1;
            self.check_chain(links, span)?;
            let rhs = self.parse_binary(level + 1)?;
            lhs = Expr::new(ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)), span);
        }
        Ok(lhs)
    }

    /// An operand followed by an assignment operator is assigned to, as
    /// FluffOS's grammar has it (`lvalue '=' expr0` wins over reducing the
    /// operator): `x || s[i] = 13` is `x || (s[i] = 13)`, not an error.
    fn operand_assignment(&mut self, operand: Expr) -> PResult<Expr> {
        let assignable = matches!(
            operand.kind,
            ExprKind::Ident(_) | ExprKind::Index(..) | ExprKind::Range(..) | ExprKind::Member(_, _, false)
        );
        let op = match &self.peek().tok {
            Tok::Punct(p) if assignable => assign_op(*p),
            _ => None,
        };
        match op {
            Some(op) => {
                let span = self.next().span;
                let rhs = self.parse_assign_expr()?;
                Ok(Expr::new(ExprKind::Assign(op, Box::new(operand), Box::new(rhs)), span))
            }
            None => Ok(operand),
        }
    }

    fn parse_unary(&mut self) -> PResult<Expr> {
        self.nested(Self::parse_unary_inner)
    }

    fn parse_unary_inner(&mut self) -> PResult<Expr> {
        let span = self.span();
        let tok = self.peek().tok.clone();
        match tok {
            Tok::Punct(Punct::Minus) => {
                self.next();
                let e = self.parse_unary()?;
                // Fold negative literals so case labels and constants work.
                Ok(match e.kind {
                    ExprKind::Int(i) => Expr::new(ExprKind::Int(i.wrapping_neg()), span),
                    ExprKind::Float(f) => Expr::new(ExprKind::Float(-f), span),
                    _ => Expr::new(ExprKind::Unary(UnOp::Neg, Box::new(e)), span),
                })
            }
            // `+x` is x; `*f` (as in `(*f)(x)`) is the function itself.
            Tok::Punct(Punct::Plus) | Tok::Punct(Punct::Star) => {
                self.next();
                self.parse_unary()
            }
            Tok::Punct(Punct::Bang) => {
                self.next();
                let e = self.parse_unary()?;
                Ok(Expr::new(ExprKind::Unary(UnOp::Not, Box::new(e)), span))
            }
            Tok::Ident(ref w) if &**w == "await" => {
                self.next();
                let e = self.parse_unary()?;
                Ok(Expr::new(ExprKind::Await(Box::new(e)), span))
            }
            Tok::Punct(Punct::Tilde) => {
                self.next();
                let e = self.parse_unary()?;
                Ok(Expr::new(ExprKind::Unary(UnOp::Compl, Box::new(e)), span))
            }
            Tok::Punct(Punct::PlusPlus) | Tok::Punct(Punct::MinusMinus) => {
                self.next();
                let delta = if tok == Tok::Punct(Punct::PlusPlus) { 1 } else { -1 };
                let e = self.parse_unary()?;
                Ok(Expr::new(ExprKind::PreInc(delta, Box::new(e)), span))
            }
            Tok::Punct(Punct::LParen) if self.is_cast() => {
                self.next();
                let ty = self.parse_type()?;
                self.expect_punct(Punct::RParen)?;
                let e = self.parse_unary()?;
                Ok(Expr::new(ExprKind::Cast(ty, Box::new(e)), span))
            }
            _ => self.parse_postfix_expr(),
        }
    }

    /// `(type)` followed by an operand.
    fn is_cast(&mut self) -> bool {
        let w = match self.peek_at(1).ident() {
            Some(w) => w.to_string(),
            None => return false,
        };
        let is_type_word = matches!(
            w.as_str(),
            "int" | "float" | "string" | "object" | "mapping" | "mixed" | "buffer" | "function" | "status" | "void" | "promise"
        );
        let is_class = (w == "class" || w == "struct") && matches!(self.peek_at(2).tok, Tok::Ident(_));
        if !is_type_word && !is_class {
            return false;
        }
        // The type may be followed by stars, then ')'.
        let mut n = if is_class { 3 } else { 2 };
        while self.at_punct_n(n, Punct::Star) {
            n += 1;
        }
        self.at_punct_n(n, Punct::RParen)
    }

    pub(crate) fn parse_postfix_expr(&mut self) -> PResult<Expr> {
        let mut e = self.parse_primary()?;
        loop {
            let span = self.span();
            if self.at_punct(Punct::LBracket) {
                self.next();
                e = self.parse_index(e, span)?;
            } else if self.at_punct(Punct::Arrow) {
                self.next();
                let (name, _) = self.expect_member_name()?;
                if self.at_punct(Punct::LParen) {
                    let args = self.parse_args()?;
                    e = Expr::new(ExprKind::CallOther(Box::new(e), name, args), span);
                } else {
                    e = Expr::new(ExprKind::Member(Box::new(e), name, false), span);
                }
            } else if self.at_punct(Punct::Dot) {
                self.next();
                let (name, _) = self.expect_member_name()?;
                e = Expr::new(ExprKind::Member(Box::new(e), name, false), span);
            } else if self.at_punct(Punct::QuestionDot) {
                self.next();
                if self.eat_punct(Punct::LBracket) {
                    let idx = self.parse_expr()?;
                    self.expect_punct(Punct::RBracket)?;
                    e = Expr::new(ExprKind::OptIndex(Box::new(e), Box::new(idx)), span);
                } else {
                    let (name, _) = self.expect_member_name()?;
                    e = Expr::new(ExprKind::Member(Box::new(e), name, true), span);
                }
            } else if self.at_punct(Punct::LParen) {
                let args = self.parse_args()?;
                let at = e.span;
                e = Expr::new(ExprKind::Call(Box::new(e), args), at);
            } else if self.at_punct(Punct::PlusPlus) || self.at_punct(Punct::MinusMinus) {
                let delta = if self.at_punct(Punct::PlusPlus) { 1 } else { -1 };
                self.next();
                e = Expr::new(ExprKind::PostInc(delta, Box::new(e)), span);
            } else {
                return Ok(e);
            }
        }
    }

    /// A member name after `->` or `.` (keywords allowed: `ob->create()`).
    fn expect_member_name(&mut self) -> PResult<(Name, Span)> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::Ident(s) => {
                self.next();
                Ok((s.clone(), t.span))
            }
            _ => Err(self.expected("a member name")),
        }
    }

    /// After `[`: an index or a range.
    fn parse_index(&mut self, base: Expr, span: Span) -> PResult<Expr> {
        let from_end = self.eat_punct(Punct::Lt);
        let start = if self.at_punct(Punct::DotDot) {
            Expr::new(ExprKind::Int(0), span)
        } else {
            self.parse_expr()?
        };
        if self.eat_punct(Punct::DotDot) {
            let (to, to_end) = if self.at_punct(Punct::RBracket) {
                (None, false)
            } else {
                let to_end = self.eat_punct(Punct::Lt);
                (Some(Box::new(self.parse_expr()?)), to_end)
            };
            self.expect_punct(Punct::RBracket)?;
            return Ok(Expr::new(ExprKind::Range(Box::new(base), Box::new(start), from_end, to, to_end), span));
        }
        self.expect_punct(Punct::RBracket)?;
        Ok(Expr::new(ExprKind::Index(Box::new(base), Box::new(start), from_end), span))
    }

    /// `( args )` with `ref x` and `x...`.
    pub(crate) fn parse_args(&mut self) -> PResult<Vec<Arg>> {
        self.expect_punct(Punct::LParen)?;
        let mut args = Vec::new();
        while !self.at_punct(Punct::RParen) {
            // `ref x` or `&x` passes by reference.
            let by_ref = self.eat_ident("ref") || self.eat_punct(Punct::Amp);
            let expr = self.parse_assign_expr()?;
            let spread = self.eat_punct(Punct::Ellipsis);
            args.push(Arg { expr, spread, by_ref });
            if !self.eat_punct(Punct::Comma) {
                break;
            }
        }
        self.expect_punct(Punct::RParen)?;
        Ok(args)
    }

    fn parse_primary(&mut self) -> PResult<Expr> {
        let t = self.peek().clone();
        let span = t.span;
        let mk = |k| Expr::new(k, span);
        match &t.tok {
            Tok::Int(i) => {
                self.next();
                Ok(mk(ExprKind::Int(*i)))
            }
            Tok::Char(c) => {
                self.next();
                Ok(mk(ExprKind::Int(*c)))
            }
            Tok::Float(f) => {
                self.next();
                Ok(mk(ExprKind::Float(*f)))
            }
            Tok::Str(_) => {
                let mut s = String::new();
                while let Tok::Str(part) = &self.peek().tok {
                    s.push_str(part);
                    self.next();
                }
                let lit = mk(ExprKind::Str(Rc::from(s)));
                // A string is never called, so `(` here opens a template
                // string the lexer expanded (`"a " `${x}``): they join.
                if self.at_punct(Punct::LParen) {
                    let span = self.span();
                    let template = self.parse_unary()?;
                    return Ok(Expr::new(ExprKind::Binary(BinOp::Add, Box::new(lit), Box::new(template)), span));
                }
                Ok(lit)
            }
            Tok::StrArray(lines) => {
                self.next();
                Ok(mk(ExprKind::StrArray(lines.clone())))
            }
            Tok::Punct(Punct::ColonColon) => {
                self.next();
                let (name, _) = self.expect_member_name()?;
                Ok(mk(ExprKind::Scoped(None, name)))
            }
            Tok::Punct(Punct::Dollar) => {
                self.next();
                if let Tok::Int(n) = self.peek().tok {
                    self.next();
                    if n < 1 {
                        return Err(self.error_at(span, "$N needs N >= 1"));
                    }
                    return Ok(mk(ExprKind::Dollar(n as u32)));
                }
                self.expect_punct(Punct::LParen)?;
                let e = self.parse_expr()?;
                self.expect_punct(Punct::RParen)?;
                Ok(mk(ExprKind::Capture(Box::new(e))))
            }
            Tok::Punct(Punct::LParen) => self.parse_paren(span),
            Tok::Ident(name) => {
                let name = name.clone();
                match &*name {
                    "catch" | "acatch" => {
                        let is_async = &*name == "acatch";
                        self.next();
                        if self.at_punct(Punct::LBrace) {
                            let body = self.parse_block()?;
                            return Ok(mk(if is_async { ExprKind::AsyncCatchBlock(body) } else { ExprKind::CatchBlock(body) }));
                        }
                        self.expect_punct(Punct::LParen)?;
                        let e = Box::new(self.parse_expr()?);
                        self.expect_punct(Punct::RParen)?;
                        Ok(mk(if is_async { ExprKind::AsyncCatch(e) } else { ExprKind::Catch(e) }))
                    }
                    "time_expression" => {
                        self.next();
                        if self.at_punct(Punct::LBrace) {
                            return Ok(mk(ExprKind::TimeExpr(self.parse_block()?)));
                        }
                        self.expect_punct(Punct::LParen)?;
                        let e = self.parse_expr()?;
                        self.expect_punct(Punct::RParen)?;
                        let stmt = Stmt { kind: StmtKind::Expr(e), span };
                        Ok(mk(ExprKind::TimeExpr(vec![stmt])))
                    }
                    "function" => {
                        self.next();
                        let f = self.parse_anon_function()?;
                        Ok(mk(ExprKind::Func(f)))
                    }
                    "new" if self.at_punct_n(1, Punct::LParen)
                        && (self.peek_at(2).is_ident("class") || self.peek_at(2).is_ident("struct")) =>
                    {
                        self.next();
                        self.next();
                        self.next();
                        let (cname, _) = self.expect_ident()?;
                        let mut fields = Vec::new();
                        while self.eat_punct(Punct::Comma) {
                            if self.at_punct(Punct::RParen) {
                                break;
                            }
                            let (fname, _) = self.expect_member_name()?;
                            self.expect_punct(Punct::Colon)?;
                            let v = self.parse_assign_expr()?;
                            fields.push((fname, v));
                        }
                        self.expect_punct(Punct::RParen)?;
                        Ok(mk(ExprKind::NewClass(cname, fields)))
                    }
                    n if is_reserved(n) => Err(self.expected("an expression")),
                    _ => {
                        self.next();
                        if self.at_punct(Punct::ColonColon) {
                            self.next();
                            let (fname, _) = self.expect_member_name()?;
                            return Ok(mk(ExprKind::Scoped(Some(name), fname)));
                        }
                        Ok(mk(ExprKind::Ident(name)))
                    }
                }
            }
            Tok::Unknown(c) => {
                let c = *c;
                self.next();
                Err(self.error_at(span, format!("syntax error: unexpected character '{}'", c)))
            }
            _ => Err(self.expected("an expression")),
        }
    }

    /// Everything that starts with `(`.
    fn parse_paren(&mut self, span: Span) -> PResult<Expr> {
        let mk = |k| Expr::new(k, span);
        self.next();
        if self.at_punct(Punct::LBrace) {
            // ({ elements })
            self.next();
            let mut items = Vec::new();
            while !self.at_punct(Punct::RBrace) {
                let expr = self.parse_assign_expr()?;
                let spread = self.eat_punct(Punct::Ellipsis);
                items.push(Arg { expr, spread, by_ref: false });
                if !self.eat_punct(Punct::Comma) {
                    break;
                }
            }
            self.expect_punct(Punct::RBrace)?;
            self.expect_punct(Punct::RParen)?;
            return Ok(mk(ExprKind::Array(items)));
        }
        if self.at_punct(Punct::LBracket) {
            // ([ key : value ])
            self.next();
            let mut pairs = Vec::new();
            while !self.at_punct(Punct::RBracket) {
                let k = self.parse_assign_expr()?;
                self.expect_punct(Punct::Colon)?;
                let v = self.parse_assign_expr()?;
                pairs.push((k, v));
                if !self.eat_punct(Punct::Comma) {
                    break;
                }
            }
            self.expect_punct(Punct::RBracket)?;
            self.expect_punct(Punct::RParen)?;
            return Ok(mk(ExprKind::Mapping(pairs)));
        }
        if self.at_punct(Punct::Colon) {
            // (: ... :)
            self.next();
            let mut parts = Vec::new();
            while !(self.at_punct(Punct::Colon) && self.at_punct_n(1, Punct::RParen)) {
                parts.push(self.parse_assign_expr()?);
                if !self.eat_punct(Punct::Comma) {
                    break;
                }
            }
            self.expect_punct(Punct::Colon)?;
            self.expect_punct(Punct::RParen)?;
            return Ok(mk(ExprKind::Func(classify_functional(parts, span))));
        }
        let e = self.parse_expr()?;
        self.expect_punct(Punct::RParen)?;
        Ok(e)
    }
}

/// Sorts the parts of `(: ... :)` into the kind of function pointer they
/// denote. Whether a leading name is a function or a variable is the code
/// generator's call; `Named` covers both.
fn classify_functional(mut parts: Vec<Expr>, span: Span) -> FuncLit {
    if parts.is_empty() {
        return FuncLit::Expr(Box::new(Expr::new(ExprKind::Int(0), span)));
    }
    match &parts[0].kind {
        ExprKind::Ident(name) => {
            let name = name.clone();
            parts.remove(0);
            FuncLit::Named { scope: None, name, args: parts }
        }
        ExprKind::Scoped(scope, name) => {
            let (scope, name) = (scope.clone(), name.clone());
            parts.remove(0);
            FuncLit::Named { scope: Some(scope.unwrap_or_else(|| Rc::from(""))), name, args: parts }
        }
        // Any other head makes the whole list one comma expression, as in
        // FluffOS: `(: f(x), "done" :)` calls f when evaluated and returns
        // "done"; `(: ob_expr, "fn" :)` is *not* a call_other pointer.
        _ if parts.len() == 1 => FuncLit::Expr(Box::new(parts.pop().expect("one part"))),
        _ => FuncLit::Expr(Box::new(Expr::new(ExprKind::Comma(parts), span))),
    }
}
