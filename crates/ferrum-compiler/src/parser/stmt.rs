//! Statements and blocks.

use super::{PResult, Parser, SyntaxError};
use crate::ast::*;
use crate::token::{Punct, Tok};
use ferrum_vm::Type;

impl<'a> Parser<'a> {
    /// `{ statements }`
    pub(crate) fn parse_block(&mut self) -> PResult<Vec<Stmt>> {
        self.expect_punct(Punct::LBrace)?;
        let mut out = Vec::new();
        while !self.at_punct(Punct::RBrace) {
            if self.at_eof() {
                return Err(self.expected("'}'"));
            }
            if self.diags.too_many() {
                return Err(SyntaxError);
            }
            match self.parse_stmt() {
                Ok(s) => out.push(s),
                Err(SyntaxError) => self.recover(),
            }
        }
        self.next();
        Ok(out)
    }

    /// Local variable declarations after the base type was seen.
    fn parse_locals(&mut self) -> PResult<Vec<LocalVar>> {
        let base = self.parse_base_type()?;
        let mut vars = Vec::new();
        loop {
            let ty = self.parse_stars(base.clone());
            let (name, span) = self.expect_ident()?;
            self.check_not_void(&ty, &name, span);
            let init = if self.eat_punct(Punct::Assign) { Some(self.parse_assign_expr()?) } else { None };
            vars.push(LocalVar { ty, name, init, span });
            if !self.eat_punct(Punct::Comma) {
                break;
            }
        }
        Ok(vars)
    }

    pub(crate) fn parse_stmt(&mut self) -> PResult<Stmt> {
        let span = self.span();
        let mk = |kind| Stmt { kind, span };
        if self.at_punct(Punct::LBrace) {
            return Ok(mk(StmtKind::Block(self.parse_block()?)));
        }
        if self.eat_punct(Punct::Semi) {
            return Ok(mk(StmtKind::Empty));
        }
        if self.at_type() {
            let vars = self.parse_locals()?;
            self.expect_punct(Punct::Semi)?;
            return Ok(mk(StmtKind::Locals(vars)));
        }
        let word = match &self.peek().tok {
            Tok::Ident(w) => Some(w.clone()),
            _ => None,
        };
        match word.as_deref() {
            Some("if") => {
                self.next();
                self.expect_punct(Punct::LParen)?;
                let cond = self.parse_expr()?;
                self.expect_punct(Punct::RParen)?;
                let then = Box::new(self.parse_stmt()?);
                let els = if self.eat_ident("else") { Some(Box::new(self.parse_stmt()?)) } else { None };
                Ok(mk(StmtKind::If(cond, then, els)))
            }
            Some("while") => {
                self.next();
                self.expect_punct(Punct::LParen)?;
                let cond = self.parse_expr()?;
                self.expect_punct(Punct::RParen)?;
                let body = Box::new(self.parse_stmt()?);
                Ok(mk(StmtKind::While(cond, body)))
            }
            Some("do") => {
                self.next();
                let body = Box::new(self.parse_stmt()?);
                if !self.eat_ident("while") {
                    return Err(self.expected("'while'"));
                }
                self.expect_punct(Punct::LParen)?;
                let cond = self.parse_expr()?;
                self.expect_punct(Punct::RParen)?;
                self.expect_punct(Punct::Semi)?;
                Ok(mk(StmtKind::DoWhile(body, cond)))
            }
            Some("for") => {
                self.next();
                self.expect_punct(Punct::LParen)?;
                let init = if self.at_punct(Punct::Semi) {
                    None
                } else if self.at_type() {
                    let s = self.span();
                    Some(Box::new(Stmt { kind: StmtKind::Locals(self.parse_locals()?), span: s }))
                } else {
                    let s = self.span();
                    Some(Box::new(Stmt { kind: StmtKind::Expr(self.parse_expr()?), span: s }))
                };
                self.expect_punct(Punct::Semi)?;
                let cond = if self.at_punct(Punct::Semi) { None } else { Some(self.parse_expr()?) };
                self.expect_punct(Punct::Semi)?;
                let step = if self.at_punct(Punct::RParen) { None } else { Some(self.parse_expr()?) };
                self.expect_punct(Punct::RParen)?;
                let body = Box::new(self.parse_stmt()?);
                Ok(mk(StmtKind::For(init, cond, step, body)))
            }
            Some("foreach") => {
                self.next();
                self.expect_punct(Punct::LParen)?;
                let mut vars = Vec::new();
                loop {
                    let vspan = self.span();
                    let mut by_ref = self.eat_ident("ref") || self.eat_punct(Punct::Amp);
                    let ty = if self.at_type() {
                        let t = self.parse_base_type()?;
                        Some(self.parse_stars(t))
                    } else {
                        None
                    };
                    by_ref |= self.eat_ident("ref") || self.eat_punct(Punct::Amp);
                    let (name, _) = self.expect_ident()?;
                    if let Some(t) = &ty {
                        self.check_not_void(t, &name, vspan);
                    }
                    vars.push(ForeachVar { ty, name, by_ref, span: vspan });
                    if !self.eat_punct(Punct::Comma) {
                        break;
                    }
                }
                if !self.eat_ident("in") {
                    return Err(self.expected("'in'"));
                }
                let coll = self.parse_expr()?;
                self.expect_punct(Punct::RParen)?;
                let body = Box::new(self.parse_stmt()?);
                if vars.len() > 2 {
                    self.diags.error(span, "foreach takes one or two variables");
                }
                Ok(mk(StmtKind::Foreach(vars, coll, body)))
            }
            Some("switch") => {
                self.next();
                self.expect_punct(Punct::LParen)?;
                let e = self.parse_expr()?;
                self.expect_punct(Punct::RParen)?;
                let body = self.parse_block()?;
                Ok(mk(StmtKind::Switch(e, body)))
            }
            Some("case") => {
                self.next();
                let label = if self.eat_punct(Punct::DotDot) {
                    CaseLabel::Range(None, Some(self.parse_ternary()?))
                } else {
                    let lo = self.parse_ternary()?;
                    if self.eat_punct(Punct::DotDot) {
                        if self.at_punct(Punct::Colon) {
                            CaseLabel::Range(Some(lo), None)
                        } else {
                            CaseLabel::Range(Some(lo), Some(self.parse_ternary()?))
                        }
                    } else {
                        CaseLabel::Value(lo)
                    }
                };
                self.expect_punct(Punct::Colon)?;
                Ok(mk(StmtKind::Case(label)))
            }
            Some("default") if self.at_punct_n(1, Punct::Colon) => {
                self.next();
                self.next();
                Ok(mk(StmtKind::Default))
            }
            Some("break") => {
                self.next();
                self.expect_punct(Punct::Semi)?;
                Ok(mk(StmtKind::Break))
            }
            Some("continue") => {
                self.next();
                self.expect_punct(Punct::Semi)?;
                Ok(mk(StmtKind::Continue))
            }
            Some("return") => {
                self.next();
                let e = if self.at_punct(Punct::Semi) { None } else { Some(self.parse_expr()?) };
                self.expect_punct(Punct::Semi)?;
                Ok(mk(StmtKind::Return(e)))
            }
            Some("else") => Err(self.error_at(span, "syntax error: 'else' without 'if'")),
            _ => {
                let e = self.parse_expr()?;
                self.expect_punct(Punct::Semi)?;
                Ok(mk(StmtKind::Expr(e)))
            }
        }
    }

    /// For anonymous functions: `function(params) { body }` after `function`.
    pub(crate) fn parse_anon_function(&mut self) -> PResult<FuncLit> {
        let params = self.parse_params()?;
        let body = self.parse_block()?;
        Ok(FuncLit::Anon { params, ret: Type::Mixed, body })
    }
}
