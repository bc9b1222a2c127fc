//! Assignments, increments and stores to lvalues: variables, indexes,
//! ranges and members.
//!
//! Strings are values, so `s[i] = c` must write the edited string back to
//! the variable: index and range stores whose container is a plain
//! variable use the variable-rooted instructions (`SetIndexLocal`, ...).
//! Arrays, mappings and classes are references, so a nested container
//! (`a[i][j] = v`) can be edited through a temporary.

use super::expr::{binop_code, VarRef};
use super::func::FnCompiler;
use crate::ast::*;
use crate::token::Span;
use ferrum_vm::program::{range_flags, Op};
use ferrum_vm::Type;

/// The right-hand side of a store: an expression, or a value already in a
/// hidden local.
#[derive(Clone, Copy)]
pub(crate) enum Rhs<'e> {
    Expr(&'e Expr),
    Local(u16),
}

enum Root {
    Local(u16, bool),
    Global(u16),
}

/// The store instruction for `root[key] = v` on a variable.
fn set_index_op(root: &Root, rev: bool) -> Op {
    match (root, rev) {
        (Root::Local(s, _), false) => Op::SetIndexLocal(*s),
        (Root::Local(s, _), true) => Op::SetIndexRevLocal(*s),
        (Root::Global(g), false) => Op::SetIndexGlobal(*g),
        (Root::Global(g), true) => Op::SetIndexRevGlobal(*g),
    }
}

enum LVal<'e> {
    Local { slot: u16, by_ref: bool, foreach_ref: Option<u16> },
    Global(u16),
    Index { base: &'e Expr, key: &'e Expr, rev: bool },
    Range { base: &'e Expr, from: &'e Expr, to: Option<&'e Expr>, flags: u8 },
    ClassMember { obj: &'e Expr, idx: u16 },
    NamedMember { obj: &'e Expr, name: Name },
}

impl<'a, 'd> FnCompiler<'a, 'd> {
    fn rhs(&mut self, r: Rhs) -> Type {
        match r {
            Rhs::Expr(e) => self.expr(e),
            Rhs::Local(s) => {
                self.emit(Op::Local(s));
                Type::Unknown
            }
        }
    }

    fn root_of(&self, base: &Expr) -> Option<Root> {
        if let ExprKind::Ident(name) = &base.kind {
            return match self.resolve_var(name)? {
                VarRef::Local { slot, by_ref, .. } => Some(Root::Local(slot, by_ref)),
                VarRef::Global { idx, .. } => Some(Root::Global(idx)),
            };
        }
        None
    }

    fn load_root(&mut self, r: &Root) {
        match r {
            Root::Local(s, true) => self.emit(Op::LocalRef(*s)),
            Root::Local(s, false) => self.emit(Op::Local(*s)),
            Root::Global(g) => self.emit(Op::Global(*g)),
        };
    }

    fn lvalue<'e>(&mut self, e: &'e Expr) -> Option<LVal<'e>> {
        match &e.kind {
            ExprKind::Ident(name) => match self.resolve_var(name) {
                Some(VarRef::Local { slot, by_ref, foreach_ref, .. }) => Some(LVal::Local { slot, by_ref, foreach_ref }),
                Some(VarRef::Global { idx, .. }) => Some(LVal::Global(idx)),
                None => {
                    self.error(e.span, format!("Undefined variable '{}'", name));
                    None
                }
            },
            ExprKind::Index(base, key, rev) => Some(LVal::Index { base, key, rev: *rev }),
            ExprKind::Range(base, from, from_end, to, to_end) => {
                let mut flags = 0;
                if *from_end {
                    flags |= range_flags::FROM_END;
                }
                if to.is_none() {
                    flags |= range_flags::OPEN_END;
                } else if *to_end {
                    flags |= range_flags::TO_END;
                }
                Some(LVal::Range { base, from, to: to.as_deref(), flags })
            }
            ExprKind::Member(obj, name, false) => {
                let class_field = self.static_class_field(obj, name);
                match class_field {
                    Some(idx) => Some(LVal::ClassMember { obj, idx }),
                    None => Some(LVal::NamedMember { obj, name: name.clone() }),
                }
            }
            // `$N` is the functional's Nth argument, an ordinary local slot
            // (FluffOS allows `(: $1 += 2 :)`).
            ExprKind::Dollar(n) => match &mut self.functional {
                Some(f) if f.allows_dollars && *n <= 255 => {
                    let slot = f.dollar_base + (*n as u16) - 1;
                    f.max_dollar = f.max_dollar.max(*n);
                    Some(LVal::Local { slot, by_ref: false, foreach_ref: None })
                }
                _ => {
                    self.error(e.span, format!("${} can only be used in a functional (: ... :)", n));
                    None
                }
            },
            ExprKind::Member(_, _, true) | ExprKind::OptIndex(..) => {
                self.error(e.span, "Illegal lvalue: optional chaining is read-only");
                None
            }
            _ => {
                self.error(e.span, "Illegal lvalue");
                None
            }
        }
    }

    /// The field index when `obj` is statically a class with that field.
    fn static_class_field(&mut self, obj: &Expr, name: &str) -> Option<u16> {
        let ty = match &obj.kind {
            ExprKind::Ident(n) => match self.resolve_var(n)? {
                VarRef::Local { ty, .. } | VarRef::Global { ty, .. } => ty,
            },
            _ => return None,
        };
        if let Type::Class(c) = ty {
            let def = self.ctx.prog.find_class(&c)?;
            return def.field_index(name).map(|i| i as u16);
        }
        None
    }

    fn store_local(&mut self, slot: u16, by_ref: bool, foreach_ref: Option<u16>, want: bool) {
        if let Some(h) = foreach_ref {
            self.emit(Op::Dup);
            self.emit(Op::ForeachStore(h));
        }
        match (by_ref, want) {
            (true, true) => {
                self.emit(Op::Dup);
                self.emit(Op::SetLocalRef(slot));
            }
            (true, false) => {
                self.emit(Op::SetLocalRef(slot));
            }
            (false, true) => {
                self.emit(Op::TeeLocal(slot));
            }
            (false, false) => {
                self.emit(Op::SetLocal(slot));
            }
        }
    }

    fn load_lval(&mut self, lv: &LVal) {
        match lv {
            LVal::Local { slot, by_ref, .. } => {
                self.emit(if *by_ref { Op::LocalRef(*slot) } else { Op::Local(*slot) });
            }
            LVal::Global(g) => {
                self.emit(Op::Global(*g));
            }
            _ => unreachable!("only variables load directly"),
        }
    }

    /// Compiles `lhs op= rhs`; leaves the assigned value when `want`.
    pub fn assign(&mut self, op: AssignOp, lhs: &Expr, rhs: Rhs, want: bool, span: Span) -> Type {
        let Some(lv) = self.lvalue(lhs) else {
            self.rhs(rhs);
            if !want {
                self.emit(Op::Pop);
            }
            return Type::Unknown;
        };
        match op {
            AssignOp::Set => self.assign_set(&lv, rhs, want),
            AssignOp::Op(bop) => {
                // FluffOS: no operator works on a class, so `c op= x` on a
                // class variable does not compile.
                if let Type::Class(c) = self.decl_type_of(&lv) {
                    self.error(span, format!("Bad left argument to compound assignment: class {} is not a number, string or container", c));
                }
                let lty = self.static_lval_type(lhs, bop);
                self.assign_op(&lv, bop, rhs, &lty, want, span)
            }
            AssignOp::Logic(lop) => {
                if let LVal::Index { base, key, rev } = lv {
                    return self.logic_assign_index(lop, base, key, rev, rhs, want);
                }
                // Read, test, and only then evaluate and store the rhs.
                self.expr(lhs);
                let j = self.emit(match lop {
                    LogicOp::Or => Op::OrJump(0),
                    LogicOp::And => Op::AndJump(0),
                    LogicOp::Nullish => Op::NullishJump(0),
                });
                self.assign_set(&lv, rhs, true);
                self.patch_here(j);
                if !want {
                    self.emit(Op::Pop);
                }
                Type::Unknown
            }
        }
    }

    fn decl_type_of(&self, lv: &LVal) -> Type {
        let ty = match lv {
            LVal::Local { slot, .. } => self.local_type(*slot),
            LVal::Global(g) => self.ctx.prog.vars.get(*g as usize).map(|v| v.ty.clone()),
            _ => None,
        };
        ty.unwrap_or(Type::Unknown)
    }

    fn assign_set(&mut self, lv: &LVal, rhs: Rhs, want: bool) -> Type {
        let mut ty = Type::Unknown;
        match lv {
            LVal::Local { slot, by_ref, foreach_ref } => {
                let decl = self.decl_type_of(lv);
                if let Rhs::Expr(e) = rhs {
                    self.check_literal_type(&decl, e);
                }
                ty = self.rhs(rhs);
                if let Rhs::Expr(e) = rhs {
                    self.check_promise_store(&decl, &ty, e);
                }
                self.promote_to_decl(&decl, &ty);
                self.store_local(*slot, *by_ref, *foreach_ref, want);
                return ty;
            }
            LVal::Global(g) => {
                let decl = self.decl_type_of(lv);
                if let Rhs::Expr(e) = rhs {
                    self.check_literal_type(&decl, e);
                }
                ty = self.rhs(rhs);
                if let Rhs::Expr(e) = rhs {
                    self.check_promise_store(&decl, &ty, e);
                }
                self.promote_to_decl(&decl, &ty);
                self.emit(if want { Op::TeeGlobal(*g) } else { Op::SetGlobal(*g) });
                return ty;
            }
            LVal::Index { base, key, rev } => match self.root_of(base) {
                Some(root) => {
                    self.expr(key);
                    ty = self.rhs(rhs);
                    self.emit(set_index_op(&root, *rev));
                }
                None if matches!(base.kind, ExprKind::Index(..)) => {
                    ty = self.set_nested_index(base, key, *rev, rhs);
                }
                None => {
                    self.expr(base);
                    self.expr(key);
                    ty = self.rhs(rhs);
                    self.emit(if *rev { Op::SetIndexRev } else { Op::SetIndex });
                }
            },
            LVal::Range { base, from, to, flags } => {
                let root = self.root_of(base);
                if root.is_none() {
                    self.expr(base);
                }
                self.expr(from);
                match to {
                    Some(t) => {
                        self.expr(t);
                    }
                    None => {
                        self.emit(Op::Int(0));
                    }
                }
                self.rhs(rhs);
                self.emit(match root {
                    Some(Root::Local(s, _)) => Op::SetRangeLocal(s, *flags),
                    Some(Root::Global(g)) => Op::SetRangeGlobal(g, *flags),
                    None => Op::SetRange(*flags),
                });
            }
            LVal::ClassMember { obj, idx } => {
                self.expr(obj);
                ty = self.rhs(rhs);
                self.emit(Op::SetMember(*idx));
            }
            LVal::NamedMember { obj, name } => {
                self.expr(obj);
                ty = self.rhs(rhs);
                let k = self.str_const(name);
                self.emit(Op::SetMemberByName(k));
            }
        }
        if !want {
            self.emit(Op::Pop);
        }
        ty
    }

    /// `c[k] ||= v` (`&&=`, `??=`): the container and key are taken before
    /// the right-hand side runs and the store goes there, as in FluffOS,
    /// even if the right-hand side rebinds what named the container. A
    /// string container (a value) is stored back where it came from.
    fn logic_assign_index(&mut self, lop: LogicOp, base: &Expr, key: &Expr, rev: bool, rhs: Rhs, want: bool) -> Type {
        let tc = self.temp();
        // `c[k1][k2] op= v`: hold `c` and `k1` too, for a string in `c[k1]`.
        let outer = match &base.kind {
            ExprKind::Index(o, ok, orev) => {
                let (to, tok) = self.index_via_temps(o, ok, *orev);
                Some((to, tok, *orev))
            }
            _ => {
                self.expr(base);
                None
            }
        };
        let tk = self.index_held(tc, key, rev);
        let j = self.emit(match lop {
            LogicOp::Or => Op::OrJump(0),
            LogicOp::And => Op::AndJump(0),
            LogicOp::Nullish => Op::NullishJump(0),
        });
        self.emit(Op::Local(tk));
        self.rhs(rhs);
        self.emit(set_index_op(&Root::Local(tc, false), rev));
        let back = outer.is_some() || self.lvalue(base).is_some();
        if let (true, Some((stringp, _))) = (back, self.ctx.efuns.lookup("stringp")) {
            self.emit(Op::Local(tc));
            self.emit(Op::CallEfun(stringp, 1));
            let skip = self.emit(Op::JumpIfFalse(0));
            match outer {
                Some((to, tok, orev)) => {
                    self.emit(Op::Local(to));
                    self.emit(Op::Local(tok));
                    self.emit(Op::Local(tc));
                    self.emit(if orev { Op::SetIndexRev } else { Op::SetIndex });
                    self.emit(Op::Pop);
                }
                None => {
                    self.emit(Op::Local(tc));
                    self.store_from_stack(base);
                }
            }
            self.patch_here(skip);
        }
        self.patch_here(j);
        if !want {
            self.emit(Op::Pop);
        }
        Type::Unknown
    }

    /// Evaluates `container` and `key` once each into fresh temporaries
    /// and pushes `container[key]`; the temporaries are returned for the
    /// caller that stores back into that element later.
    pub(crate) fn index_via_temps(&mut self, container: &Expr, key: &Expr, rev: bool) -> (u16, u16) {
        let tc = self.temp();
        self.expr(container);
        let tk = self.index_held(tc, key, rev);
        (tc, tk)
    }

    /// The container's value on the stack goes to temporary `tc`; `key`
    /// is evaluated into a new temporary (returned) and `tc[key]` pushed.
    pub(crate) fn index_held(&mut self, tc: u16, key: &Expr, rev: bool) -> u16 {
        self.emit(Op::SetLocal(tc));
        let tk = self.temp();
        self.expr(key);
        self.emit(Op::SetLocal(tk));
        self.emit(Op::Local(tc));
        self.emit(Op::Local(tk));
        self.emit(if rev { Op::IndexRev } else { Op::Index });
        tk
    }

    /// `c[k1][k2] = v` when `c[k1]` may be a string (`map[y][x] = '#'`):
    /// strings are values, so the changed string is stored back into
    /// `c[k1]`; arrays and mappings change in place as before. Leaves `v`.
    fn set_nested_index(&mut self, base: &Expr, key: &Expr, rev: bool, rhs: Rhs) -> Type {
        let ExprKind::Index(outer, okey, orev) = &base.kind else { unreachable!("an index base") };
        let orev = *orev;
        let (tc, tk) = self.index_via_temps(outer, okey, orev);
        let ts = self.temp();
        self.emit(Op::SetLocal(ts));
        self.expr(key);
        let ty = self.rhs(rhs);
        self.emit(set_index_op(&Root::Local(ts, false), rev));
        if let Some((stringp, _)) = self.ctx.efuns.lookup("stringp") {
            self.emit(Op::Local(ts));
            self.emit(Op::CallEfun(stringp, 1));
            let skip = self.emit(Op::JumpIfFalse(0));
            self.emit(Op::Local(tc));
            self.emit(Op::Local(tk));
            self.emit(Op::Local(ts));
            self.emit(if orev { Op::SetIndexRev } else { Op::SetIndex });
            self.emit(Op::Pop);
            self.patch_here(skip);
        }
        ty
    }

    /// The declared type a compound assignment must keep: FluffOS coerces
    /// the right-hand side of `+= -= *= /=` to an `int` or `float`
    /// variable's (or typed array element's) type at compile time, so
    /// `int i; i += 1.5` stays an int. Anything else is `Unknown`.
    fn static_lval_type(&self, lhs: &Expr, bop: BinOp) -> Type {
        if !matches!(bop, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div) {
            return Type::Unknown;
        }
        let var_ty = |name: &str| match self.resolve_var(name) {
            Some(VarRef::Local { ty, .. } | VarRef::Global { ty, .. }) => ty,
            None => Type::Unknown,
        };
        let ty = match &lhs.kind {
            ExprKind::Ident(name) => var_ty(name),
            ExprKind::Index(base, _, _) => match &base.kind {
                ExprKind::Ident(name) => match var_ty(name) {
                    Type::Array(elem) => *elem,
                    _ => Type::Unknown,
                },
                _ => Type::Unknown,
            },
            _ => Type::Unknown,
        };
        match ty {
            Type::Int | Type::Float => ty,
            _ => Type::Unknown,
        }
    }

    /// Compiles a compound assignment's right-hand side, converting a
    /// statically int/float operand to the lvalue's declared numeric type.
    fn rhs_as(&mut self, r: Rhs, lty: &Type) {
        let rty = self.rhs(r);
        self.promote_to_decl(lty, &rty);
    }

    fn assign_op(&mut self, lv: &LVal, bop: BinOp, rhs: Rhs, lty: &Type, want: bool, span: Span) -> Type {
        let code = binop_code(bop);
        match lv {
            LVal::Local { slot, by_ref: false, foreach_ref: None } if bop == BinOp::Add && !want => {
                self.rhs_as(rhs, lty);
                self.emit(Op::AddToLocal(*slot));
                return Type::Unknown;
            }
            LVal::Global(g) if bop == BinOp::Add && !want => {
                self.rhs_as(rhs, lty);
                self.emit(Op::AddToGlobal(*g));
                return Type::Unknown;
            }
            LVal::Local { slot, by_ref, foreach_ref } => {
                self.load_lval(lv);
                self.rhs_as(rhs, lty);
                self.emit(code);
                self.store_local(*slot, *by_ref, *foreach_ref, want);
                return Type::Unknown;
            }
            LVal::Global(g) => {
                self.load_lval(lv);
                self.rhs_as(rhs, lty);
                self.emit(code);
                self.emit(if want { Op::TeeGlobal(*g) } else { Op::SetGlobal(*g) });
                return Type::Unknown;
            }
            LVal::Index { base, key, rev } => {
                let index = Op::IndexForStore(*rev);
                match self.root_of(base) {
                    Some(root) => {
                        self.expr(key);
                        self.emit(Op::Dup);
                        self.load_root(&root);
                        self.emit(Op::Swap);
                        self.emit(index);
                        self.rhs_as(rhs, lty);
                        self.emit(code);
                        self.emit(set_index_op(&root, *rev));
                    }
                    None => {
                        self.expr(base);
                        self.expr(key);
                        self.emit(Op::Dup2);
                        self.emit(index);
                        self.rhs_as(rhs, lty);
                        self.emit(code);
                        self.emit(if *rev { Op::SetIndexRev } else { Op::SetIndex });
                    }
                }
            }
            LVal::Range { .. } => {
                self.error(span, "Compound assignment to a range is not supported");
                self.rhs_as(rhs, lty);
            }
            LVal::ClassMember { obj, idx } => {
                self.expr(obj);
                self.emit(Op::Dup);
                self.emit(Op::Member(*idx));
                self.rhs_as(rhs, lty);
                self.emit(code);
                self.emit(Op::SetMember(*idx));
            }
            LVal::NamedMember { obj, name } => {
                let k = self.str_const(name);
                self.expr(obj);
                self.emit(Op::Dup);
                self.emit(Op::MemberByName(k));
                self.rhs_as(rhs, lty);
                self.emit(code);
                self.emit(Op::SetMemberByName(k));
            }
        }
        if !want {
            self.emit(Op::Pop);
        }
        Type::Unknown
    }

    /// `++x`, `x--` and friends. `post` yields the old value.
    pub fn inc(&mut self, delta: i64, target: &Expr, post: bool, want: bool, span: Span) -> Type {
        let Some(lv) = self.lvalue(target) else {
            if want {
                self.emit(Op::Int(0));
            }
            return Type::Unknown;
        };
        let (step, undo) = if delta > 0 { (Op::Inc, Op::Dec) } else { (Op::Dec, Op::Inc) };
        match &lv {
            LVal::Local { slot, by_ref: false, foreach_ref: None } => {
                let op = if delta > 0 { Op::IncLocal(*slot) } else { Op::DecLocal(*slot) };
                match (want, post) {
                    (false, _) => {
                        self.emit(op);
                    }
                    (true, false) => {
                        self.emit(op);
                        self.emit(Op::Local(*slot));
                    }
                    (true, true) => {
                        self.emit(Op::Local(*slot));
                        self.emit(op);
                    }
                }
                return Type::Int;
            }
            LVal::Local { slot, by_ref, foreach_ref } => {
                self.load_lval(&lv);
                self.emit(step);
                self.store_local(*slot, *by_ref, *foreach_ref, want);
            }
            LVal::Global(g) => {
                self.emit(Op::Global(*g));
                self.emit(step);
                self.emit(if want { Op::TeeGlobal(*g) } else { Op::SetGlobal(*g) });
            }
            LVal::Index { base, key, rev } => {
                let index = Op::IndexForStore(*rev);
                match self.root_of(base) {
                    Some(root) => {
                        self.expr(key);
                        self.emit(Op::Dup);
                        self.load_root(&root);
                        self.emit(Op::Swap);
                        self.emit(index);
                        self.emit(step);
                        self.emit(set_index_op(&root, *rev));
                    }
                    None => {
                        self.expr(base);
                        self.expr(key);
                        self.emit(Op::Dup2);
                        self.emit(index);
                        self.emit(step);
                        self.emit(if *rev { Op::SetIndexRev } else { Op::SetIndex });
                    }
                }
                if !want {
                    self.emit(Op::Pop);
                }
            }
            LVal::Range { .. } => {
                self.error(span, "Illegal to increment a range");
                if want {
                    self.emit(Op::Int(0));
                }
                return Type::Unknown;
            }
            LVal::ClassMember { obj, idx } => {
                self.expr(obj);
                self.emit(Op::Dup);
                self.emit(Op::Member(*idx));
                self.emit(step);
                self.emit(Op::SetMember(*idx));
                if !want {
                    self.emit(Op::Pop);
                }
            }
            LVal::NamedMember { obj, name } => {
                let k = self.str_const(name);
                self.expr(obj);
                self.emit(Op::Dup);
                self.emit(Op::MemberByName(k));
                self.emit(step);
                self.emit(Op::SetMemberByName(k));
                if !want {
                    self.emit(Op::Pop);
                }
            }
        }
        if want && post {
            self.emit(undo);
        }
        Type::Unknown
    }

    /// Stores the value on top of the stack into an lvalue expression and
    /// pops it.
    pub fn store_from_stack(&mut self, target: &Expr) {
        match self.lvalue(target) {
            Some(LVal::Local { slot, by_ref, foreach_ref }) => self.store_local(slot, by_ref, foreach_ref, false),
            Some(LVal::Global(g)) => {
                self.emit(Op::SetGlobal(g));
            }
            Some(_) => {
                let t = self.temp();
                self.emit(Op::SetLocal(t));
                self.assign(AssignOp::Set, target, Rhs::Local(t), false, target.span);
            }
            None => {
                self.emit(Op::Pop);
            }
        }
    }
}
