//! Expressions: values, operators, calls and function literals.

use super::consts::{const_value, fold_binary};
use super::func::{FnCompiler, FunctionalCtx};
use crate::ast::*;
use crate::token::Span;
use ferrum_vm::program::{fn_flags, range_flags, Cmp, Op, SuperTarget, DYN_ARGS};
use ferrum_vm::{Type, Value};
use std::rc::Rc;

pub(crate) fn binop_code(op: BinOp) -> Op {
    match op {
        BinOp::Add => Op::Add,
        BinOp::Sub => Op::Sub,
        BinOp::Mul => Op::Mul,
        BinOp::Div => Op::Div,
        BinOp::Mod => Op::Mod,
        BinOp::BitAnd => Op::BitAnd,
        BinOp::BitOr => Op::BitOr,
        BinOp::BitXor => Op::BitXor,
        BinOp::Shl => Op::Shl,
        BinOp::Shr => Op::Shr,
        BinOp::Eq => Op::Eq,
        BinOp::Ne => Op::Ne,
        BinOp::Lt => Op::Lt,
        BinOp::Le => Op::Le,
        BinOp::Gt => Op::Gt,
        BinOp::Ge => Op::Ge,
    }
}

/// A variable an identifier names.
pub(crate) enum VarRef {
    Local { slot: u16, by_ref: bool, foreach_ref: Option<u16>, ty: Type },
    Global { idx: u16, ty: Type },
}

/// Arguments prepared for a call: count (or DYN_ARGS) and `ref` write-backs.
pub(crate) struct CallArgs<'e> {
    pub n: u8,
    pub refs: Vec<(u16, &'e Expr)>,
    /// References to `container[key]` (temps: cell, container, key, rev):
    /// written back into the container as it was when the argument was
    /// taken, even if the variable naming it is rebound by the call.
    pub held: Vec<(u16, u16, u16, bool, HeldOrigin<'e>)>,
}

/// Where a held container came from, for when it is a string: strings are
/// values, so the changed string must be stored back there.
#[derive(Clone, Copy)]
pub enum HeldOrigin<'e> {
    None,
    /// A variable (`ref s[1]` with `mixed s`).
    Var(&'e Expr),
    /// An element of an outer container (temps: container, key, rev),
    /// held like the inner one (`ref rows[2][1]`).
    Outer(u16, u16, bool),
}

impl<'a, 'd> FnCompiler<'a, 'd> {
    pub fn resolve_var(&self, name: &str) -> Option<VarRef> {
        if let Some(l) = self.find_local(name) {
            return Some(VarRef::Local { slot: l.slot, by_ref: l.by_ref, foreach_ref: l.foreach_ref, ty: l.ty.clone() });
        }
        let idx = *self.ctx.prog.var_lookup.get(name)?;
        Some(VarRef::Global { idx: idx as u16, ty: self.ctx.prog.vars[idx as usize].ty.clone() })
    }

    /// Compiles an expression for its value (one value pushed); returns
    /// its static type as far as known.
    pub fn expr(&mut self, e: &Expr) -> Type {
        match &e.kind {
            ExprKind::Int(i) => {
                self.push_int(*i);
                Type::Int
            }
            ExprKind::Float(f) => {
                let k = self.konst(Value::Float(*f));
                self.emit(Op::Const(k));
                Type::Float
            }
            ExprKind::Str(s) => {
                let k = self.str_const(s);
                self.emit(Op::Const(k));
                Type::String
            }
            ExprKind::StrArray(lines) => {
                for l in lines.iter() {
                    let k = self.str_const(l);
                    self.emit(Op::Const(k));
                }
                self.emit(Op::MakeArray(lines.len() as u16));
                Type::array_of(Type::String)
            }
            ExprKind::Ident(name) => self.ident(name, e.span),
            ExprKind::Scoped(_, name) => {
                self.error(e.span, format!("'{}' with a scope can only be called", name));
                self.emit(Op::Int(0));
                Type::Unknown
            }
            ExprKind::Array(items) => {
                self.array_literal(items);
                Type::array_of(Type::Mixed)
            }
            ExprKind::Mapping(pairs) => {
                for (k, v) in pairs {
                    self.expr(k);
                    self.expr(v);
                }
                self.emit(Op::MakeMapping(pairs.len() as u16));
                Type::Mapping
            }
            ExprKind::Unary(op, x) => {
                if let Some(v) = const_value(e) {
                    return self.push_value(v);
                }
                self.expr(x);
                self.emit(match op {
                    UnOp::Neg => Op::Neg,
                    UnOp::Not => Op::Not,
                    UnOp::Compl => Op::Compl,
                });
                if *op == UnOp::Not {
                    Type::Int
                } else {
                    Type::Unknown
                }
            }
            ExprKind::Binary(op, a, b) => {
                if let (Some(x), Some(y)) = (const_value(a), const_value(b)) {
                    if let Some(v) = fold_binary(*op, &x, &y) {
                        return self.push_value(v);
                    }
                }
                // Constant division by zero is a compile error in FluffOS.
                if matches!(op, BinOp::Div | BinOp::Mod) {
                    if let Some(Value::Int(0)) | Some(Value::Float(0.0)) = const_value(b) {
                        self.error(e.span, if *op == BinOp::Div { "Division by zero" } else { "Modulus by zero" });
                    }
                }
                let ta = self.expr(a);
                let tb = self.expr(b);
                self.emit(binop_code(*op));
                binary_type(*op, &ta, &tb)
            }
            ExprKind::Logic(op, a, b) => {
                self.expr(a);
                let j = self.emit(match op {
                    LogicOp::And => Op::AndJump(0),
                    LogicOp::Or => Op::OrJump(0),
                    LogicOp::Nullish => Op::NullishJump(0),
                });
                let t = self.expr(b);
                self.patch_here(j);
                if *op == LogicOp::Nullish {
                    t
                } else {
                    Type::Unknown
                }
            }
            ExprKind::Assign(op, lhs, rhs) => self.assign(*op, lhs, super::lvalue::Rhs::Expr(rhs), true, e.span),
            ExprKind::PreInc(d, x) => self.inc(*d, x, false, true, e.span),
            ExprKind::PostInc(d, x) => self.inc(*d, x, true, true, e.span),
            ExprKind::Cond(c, a, b) => {
                let to_else = self.jump_if(c, false);
                let ta = self.expr(a);
                let to_end = self.emit(Op::Jump(0));
                self.patch_all_here(&to_else);
                let tb = self.expr(b);
                self.patch_here(to_end);
                if ta == tb {
                    ta
                } else {
                    Type::Unknown
                }
            }
            ExprKind::Index(base, key, rev) => {
                // `local[key]` with a key that cannot change the local reads
                // the container in place instead of copying it to the stack.
                if let (false, Some((slot, ty))) = (*rev, self.plain_local(base)) {
                    // A literal key stays in the constant table (`m["name"]`,
                    // `a[0]`): no copy of it goes through the stack.
                    let literal = match &key.kind {
                        ExprKind::Str(s) => Some(self.str_const(s)),
                        ExprKind::Int(i) => Some(self.konst(Value::Int(*i))),
                        _ => None,
                    };
                    if let Some(k) = literal {
                        self.emit(Op::IndexLocalConst(slot, k));
                        return match ty {
                            Type::Array(inner) => *inner,
                            Type::String => Type::Int,
                            _ => Type::Unknown,
                        };
                    }
                    if matches!(key.kind, ExprKind::Ident(_)) {
                        self.expr(key);
                        self.emit(Op::IndexLocal(slot));
                        return match ty {
                            Type::Array(inner) => *inner,
                            Type::String => Type::Int,
                            _ => Type::Unknown,
                        };
                    }
                }
                // A constant index into an array literal is checked now, as
                // FluffOS folds it: `({ })[1]` does not compile.
                if let (ExprKind::Array(items), ExprKind::Int(k)) = (&base.kind, &key.kind) {
                    let in_range = if *rev { *k >= 1 && *k as usize <= items.len() } else { *k >= 0 && (*k as usize) < items.len() };
                    if !items.iter().any(|a| a.spread) && !in_range {
                        self.error(e.span, "Array index out of bounds");
                    }
                }
                let t = self.expr(base);
                self.expr(key);
                self.emit(if *rev { Op::IndexRev } else { Op::Index });
                match t {
                    Type::Array(inner) => *inner,
                    Type::String => Type::Int,
                    _ => Type::Unknown,
                }
            }
            ExprKind::Range(base, from, from_end, to, to_end) => {
                let t = self.expr(base);
                self.expr(from);
                let mut flags = 0;
                if *from_end {
                    flags |= range_flags::FROM_END;
                }
                match to {
                    Some(to) => {
                        self.expr(to);
                        if *to_end {
                            flags |= range_flags::TO_END;
                        }
                    }
                    None => {
                        self.emit(Op::Int(0));
                        flags |= range_flags::OPEN_END;
                    }
                }
                self.emit(Op::Range(flags));
                t
            }
            ExprKind::Member(obj, name, optional) => {
                let t = self.expr(obj);
                if *optional {
                    let k = self.str_const(name);
                    self.emit(Op::MemberOpt(k));
                    return Type::Unknown;
                }
                self.member_read(&t, name, e.span)
            }
            ExprKind::OptIndex(obj, key) => {
                self.expr(obj);
                self.expr(key);
                self.emit(Op::IndexOpt);
                Type::Unknown
            }
            ExprKind::Call(callee, args) => self.call(callee, args, e.span),
            ExprKind::CallOther(target, name, args) => {
                self.expr(target);
                let ca = self.call_args(args);
                let k = self.str_const(name);
                let cache = self.new_call_cache();
                self.emit(Op::CallOther(k as u16, ca.n, cache));
                self.ref_writebacks(&ca);
                Type::Unknown
            }
            ExprKind::Comma(list) => {
                let (last, rest) = list.split_last().expect("comma list");
                for x in rest {
                    self.expr_discard(x);
                }
                self.expr(last)
            }
            ExprKind::Catch(x) => self.catch_expr(Some(x), &[], false),
            ExprKind::CatchBlock(body) => self.catch_expr(None, body, false),
            ExprKind::AsyncCatch(x) => self.catch_expr(Some(x), &[], true),
            ExprKind::AsyncCatchBlock(body) => self.catch_expr(None, body, true),
            ExprKind::Await(x) => {
                if !self.is_async {
                    self.error(e.span, "'await' is only allowed directly inside an async function body");
                } else if self.sync_catch_depth > 0 {
                    self.error(e.span, "'await' is not allowed inside catch() or time_expression(); use acatch()");
                }
                // Awaiting gives the payload; a plain value awaits to itself.
                let t = self.expr(x);
                self.emit(Op::Await);
                match t {
                    Type::PromiseOf(payload) => *payload,
                    Type::Promise => Type::Unknown,
                    t => t,
                }
            }
            ExprKind::Sscanf(..) => unreachable!("sscanf is parsed as a call"),
            ExprKind::Func(lit) => {
                self.func_literal(lit, e.span);
                Type::Function
            }
            ExprKind::Dollar(n) => {
                // FluffOS numbers functional arguments in a byte.
                if *n > 255 {
                    self.error(e.span, format!("${} is out of range", n));
                    self.emit(Op::Int(0));
                    return Type::Unknown;
                }
                match &mut self.functional {
                    Some(f) if f.allows_dollars => {
                        let slot = f.dollar_base + (*n as u16) - 1;
                        f.max_dollar = f.max_dollar.max(*n);
                        self.emit(Op::Local(slot));
                    }
                    _ => {
                        self.error(e.span, format!("${} can only be used in a functional (: ... :)", n));
                        self.emit(Op::Int(0));
                    }
                }
                Type::Unknown
            }
            ExprKind::Capture(inner) => {
                let key = &**inner as *const Expr as usize;
                match self.functional.as_ref().and_then(|f| f.captures.get(&key)).copied() {
                    Some(slot) => {
                        self.emit(Op::Local(slot));
                    }
                    None => {
                        self.error(e.span, "$( ) can only be used in a functional");
                        self.emit(Op::Int(0));
                    }
                }
                Type::Unknown
            }
            ExprKind::NewClass(name, fields) => self.new_class(name, fields, e.span),
            ExprKind::Cast(ty, x) => {
                self.expr(x);
                ty.clone()
            }
            ExprKind::TimeExpr(body) => {
                let Some((pc, _)) = self.ctx.efuns.lookup("perf_counter_ns") else {
                    self.error(e.span, "time_expression needs the perf_counter_ns efun");
                    self.emit(Op::Int(0));
                    return Type::Int;
                };
                self.emit(Op::CallEfun(pc, 0));
                self.push_scope();
                let t = self.temp();
                self.emit(Op::SetLocal(t));
                self.catch_depth += 1;
                self.sync_catch_depth += 1;
                for s in body {
                    self.stmt(s);
                }
                self.sync_catch_depth -= 1;
                self.catch_depth -= 1;
                self.emit(Op::CallEfun(pc, 0));
                self.emit(Op::Local(t));
                self.emit(Op::Sub);
                self.emit(Op::Int(1000));
                self.emit(Op::Div);
                self.pop_scope();
                Type::Int
            }
        }
    }

    fn push_value(&mut self, v: Value) -> Type {
        match v {
            Value::Int(i) => {
                self.push_int(i);
                Type::Int
            }
            other => {
                let t = match &other {
                    Value::Str(_) => Type::String,
                    Value::Float(_) => Type::Float,
                    _ => Type::Mixed,
                };
                let k = self.konst(other);
                self.emit(Op::Const(k));
                t
            }
        }
    }

    /// The slot and type of an expression that is a local variable held by
    /// value (not a `ref` parameter).
    fn plain_local(&mut self, e: &Expr) -> Option<(u16, Type)> {
        match &e.kind {
            ExprKind::Ident(name) => match self.resolve_var(name) {
                Some(VarRef::Local { slot, by_ref: false, ty, .. }) => Some((slot, ty)),
                _ => None,
            },
            _ => None,
        }
    }

    fn ident(&mut self, name: &Name, span: Span) -> Type {
        match self.resolve_var(name) {
            Some(VarRef::Local { slot, by_ref, ty, .. }) => {
                self.emit(if by_ref { Op::LocalRef(slot) } else { Op::Local(slot) });
                ty
            }
            Some(VarRef::Global { idx, ty }) => {
                self.emit(Op::Global(idx));
                ty
            }
            None => {
                // A bare function name is a pointer to it.
                if let Some(slot) = self.ctx.prog.lookup_function(name) {
                    self.emit(Op::FuncLocal(slot as u16, 0));
                    return Type::Function;
                }
                if self.functional.is_some() && self.outer_local(name) {
                    self.error(span, "Illegal to use local variable in functional.");
                } else {
                    self.error(span, format!("Undefined variable '{}'", name));
                }
                self.emit(Op::Int(0));
                Type::Unknown
            }
        }
    }

    /// Whether a functional refers to a local of the function around it
    /// (only for the error message).
    fn outer_local(&self, _name: &str) -> bool {
        true
    }

    fn member_read(&mut self, t: &Type, name: &Name, span: Span) -> Type {
        if t.is_promise() {
            // FluffOS: a promise<class T> has no members until awaited.
            self.error(span, format!("Cannot read member '{}' of a {}: await it first", name, t));
        }
        if let Type::Class(cname) = t {
            if let Some(c) = self.ctx.prog.find_class(cname).cloned() {
                match c.field_index(name) {
                    Some(i) => {
                        self.emit(Op::Member(i as u16));
                        return c.fields[i].1.clone();
                    }
                    None => {
                        self.error(span, format!("No member '{}' in class {}", name, cname));
                        self.emit(Op::Pop);
                        self.emit(Op::Int(0));
                        return Type::Unknown;
                    }
                }
            }
        }
        let k = self.str_const(name);
        self.emit(Op::MemberByName(k));
        Type::Unknown
    }

    fn array_literal(&mut self, items: &[Arg]) {
        if !items.iter().any(|a| a.spread) {
            for a in items {
                self.expr(&a.expr);
            }
            self.emit(Op::MakeArray(items.len() as u16));
            return;
        }
        // With spreads: concatenate runs of plain elements and spread arrays
        // onto a fresh array (so `({ x... })` is a copy, not x itself).
        let mut pending = 0u16;
        let mut started = false;
        for a in items {
            if a.spread {
                if pending > 0 || !started {
                    self.emit(Op::MakeArray(pending));
                    if started {
                        self.emit(Op::Add);
                    }
                    started = true;
                    pending = 0;
                }
                self.expr(&a.expr);
                self.emit(Op::Add);
            } else {
                self.expr(&a.expr);
                pending += 1;
            }
        }
        if pending > 0 {
            self.emit(Op::MakeArray(pending));
            self.emit(Op::Add);
        }
    }

    /// Pushes call arguments. With a spread the count is dynamic.
    pub fn call_args<'e>(&mut self, args: &'e [Arg]) -> CallArgs<'e> {
        self.call_args_ref_first(args, false)
    }

    /// `ref_first`: the first argument is passed by reference when it is
    /// an lvalue, as for an efun declaring `mixed * ref`.
    pub fn call_args_ref_first<'e>(&mut self, args: &'e [Arg], ref_first: bool) -> CallArgs<'e> {
        if args.iter().any(|a| a.spread) {
            self.array_literal(args);
            self.emit(Op::ExpandArgs(0));
            return CallArgs { n: DYN_ARGS, refs: Vec::new(), held: Vec::new() };
        }
        let mut refs = Vec::new();
        let mut held = Vec::new();
        for (i, a) in args.iter().enumerate() {
            let implicit = i == 0
                && ref_first
                && match &a.expr.kind {
                    ExprKind::Ident(name) => self.resolve_var(name).is_some(),
                    ExprKind::Index(..) => true,
                    _ => false,
                };
            // FluffOS: an efun's `ref` first argument must name storage the
            // efun can change (a variable, element or member), not a value.
            if i == 0 && ref_first && !a.by_ref && !implicit && !matches!(a.expr.kind, ExprKind::Member(..)) {
                self.error(a.expr.span, "First argument must be a variable, element or member: it is passed by reference");
            }
            if a.by_ref || implicit {
                // FluffOS rejects `ref x[a..b]`: a range is not a single slot.
                if matches!(a.expr.kind, ExprKind::Range(..)) {
                    self.error(a.expr.span, "Cannot take a reference to a range");
                }
                match &a.expr.kind {
                    ExprKind::Index(base, key, rev) if !self.is_string_var(base) => {
                        // Hold the container: the reference points into it.
                        let tb = self.temp();
                        let origin = match &base.kind {
                            ExprKind::Ident(n) if self.resolve_var(n).is_some() => {
                                self.expr(base);
                                HeldOrigin::Var(base)
                            }
                            ExprKind::Member(_, _, false) => {
                                self.expr(base);
                                HeldOrigin::Var(base)
                            }
                            ExprKind::Index(outer, okey, orev) => {
                                let (tc, tok) = self.index_via_temps(outer, okey, *orev);
                                HeldOrigin::Outer(tc, tok, *orev)
                            }
                            _ => {
                                self.expr(base);
                                HeldOrigin::None
                            }
                        };
                        let tk = self.index_held(tb, key, *rev);
                        self.emit(Op::MakeRef);
                        self.emit(Op::Dup);
                        let t = self.temp();
                        self.emit(Op::SetLocal(t));
                        held.push((t, tb, tk, *rev, origin));
                    }
                    _ => {
                        self.expr(&a.expr);
                        self.emit(Op::MakeRef);
                        self.emit(Op::Dup);
                        let t = self.temp();
                        self.emit(Op::SetLocal(t));
                        refs.push((t, &a.expr));
                    }
                }
            } else {
                self.expr(&a.expr);
            }
        }
        if args.len() >= DYN_ARGS as usize {
            self.error(args[0].expr.span, "too many arguments in a call");
        }
        CallArgs { n: args.len() as u8, refs, held }
    }

    /// Whether `e` is a variable declared `string` (its characters are
    /// stored through the variable, not through a held container).
    fn is_string_var(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Ident(name) => matches!(
                self.resolve_var(name),
                Some(VarRef::Local { ty: Type::String, .. } | VarRef::Global { ty: Type::String, .. })
            ),
            _ => false,
        }
    }

    /// After a call: copies `ref` arguments back into their variables.
    pub fn ref_writebacks(&mut self, ca: &CallArgs) {
        for (tmp, lv) in &ca.refs {
            self.emit(Op::Local(*tmp));
            self.emit(Op::Deref);
            self.store_from_stack(lv);
        }
        for &(tmp, tb, tk, rev, origin) in &ca.held {
            // Through the temp, which works for a string too.
            self.emit(Op::Local(tk));
            self.emit(Op::Local(tmp));
            self.emit(Op::Deref);
            self.emit(if rev { Op::SetIndexRevLocal(tb) } else { Op::SetIndexLocal(tb) });
            self.emit(Op::Pop);
            if matches!(origin, HeldOrigin::None) {
                continue;
            }
            let Some((stringp, _)) = self.ctx.efuns.lookup("stringp") else { continue };
            self.emit(Op::Local(tb));
            self.emit(Op::CallEfun(stringp, 1));
            let skip = self.emit(Op::JumpIfFalse(0));
            match origin {
                HeldOrigin::Var(e) => {
                    self.emit(Op::Local(tb));
                    self.store_from_stack(e);
                }
                HeldOrigin::Outer(tc, tok, orev) => {
                    // A mapping key the call deleted stays deleted.
                    let mut gone = None;
                    if let Some((undefinedp, _)) = self.ctx.efuns.lookup("undefinedp") {
                        self.emit(Op::Local(tc));
                        self.emit(Op::Local(tok));
                        self.emit(if orev { Op::IndexRev } else { Op::Index });
                        self.emit(Op::CallEfun(undefinedp, 1));
                        gone = Some(self.emit(Op::JumpIfTrue(0)));
                    }
                    self.emit(Op::Local(tc));
                    self.emit(Op::Local(tok));
                    self.emit(Op::Local(tb));
                    self.emit(if orev { Op::SetIndexRev } else { Op::SetIndex });
                    self.emit(Op::Pop);
                    if let Some(j) = gone {
                        self.patch_here(j);
                    }
                }
                HeldOrigin::None => {}
            }
            self.patch_here(skip);
        }
    }

    /// FluffOS: between typed functions, `args...` may only be spread into
    /// a function that takes a variable number of arguments (`varargs` or
    /// a rest parameter).
    fn check_spread_target(&mut self, name: &str, slot: u32, args: &[Arg], span: Span) {
        if !args.iter().any(|a| a.spread) || self.ret == Type::Unknown {
            return;
        }
        let typed = self.ctx.prog.sigs[slot as usize].ret != Type::Unknown;
        let flags = self.ctx.prog.ftable[slot as usize].flags;
        if typed && flags & (fn_flags::VARARGS | fn_flags::REST) == 0 {
            self.error(span, format!("Illegal to pass a variable number of arguments to non-varargs function '{}'", name));
        }
    }

    fn call(&mut self, callee: &Expr, args: &[Arg], span: Span) -> Type {
        match &callee.kind {
            ExprKind::Ident(name) => {
                if self.resolve_var(name).is_some() {
                    // Calling a function held in a variable.
                    self.expr(callee);
                    let ca = self.call_args(args);
                    self.emit(Op::CallFunc(ca.n));
                    self.ref_writebacks(&ca);
                    return Type::Unknown;
                }
                match &**name {
                    "sscanf" => return self.sscanf(args, span),
                    "new" if self.ctx.prog.lookup_function("new").is_none() => {
                        return self.efun_call("clone_object", args, span);
                    }
                    _ => {}
                }
                if let Some(slot) = self.ctx.prog.lookup_function(name) {
                    self.check_spread_target(name, slot, args, span);
                    let ca = self.call_args(args);
                    self.emit(Op::CallLocal(slot as u16, ca.n));
                    self.ref_writebacks(&ca);
                    return self.ctx.prog.sigs[slot as usize].ret.clone();
                }
                if (self.ctx.simuls)(name) {
                    let ca = self.call_args(args);
                    let k = self.str_const(name);
                    self.emit(Op::CallSimul(k, ca.n));
                    self.ref_writebacks(&ca);
                    return if (self.ctx.async_simuls)(name) { Type::Promise } else { Type::Unknown };
                }
                self.efun_call(name, args, span)
            }
            ExprKind::Scoped(scope, name) => match scope.as_deref() {
                Some("efun") => {
                    self.ctx.efun_overrides.borrow_mut().push((name.clone(), span));
                    self.efun_call(name, args, span)
                }
                scope => self.super_call(scope, name, args, span),
            },
            _ => {
                self.expr(callee);
                let ca = self.call_args(args);
                self.emit(Op::CallFunc(ca.n));
                self.ref_writebacks(&ca);
                Type::Unknown
            }
        }
    }

    fn efun_call(&mut self, name: &str, args: &[Arg], span: Span) -> Type {
        let Some((idx, def)) = self.ctx.efuns.lookup(name) else {
            self.error(span, format!("Undefined function {}", name));
            for a in args {
                self.expr_discard(&a.expr);
            }
            self.emit(Op::Int(0));
            return Type::Unknown;
        };
        let ret = def.ret.clone();
        let spread = args.iter().any(|a| a.spread);
        if !spread && !def.accepts(args.len()) {
            let msg = if args.len() < def.min_args as usize { "Too few" } else { "Too many" };
            self.error(span, format!("{} arguments to '{}'", msg, name));
        }
        self.check_promise_efun_args(name, &def, args);
        let ca = self.call_args_ref_first(args, def.ref_first);
        self.emit(Op::CallEfun(idx, ca.n));
        self.ref_writebacks(&ca);
        ret
    }

    /// `::f()` (first inherit defining f) or `name::f()`.
    fn super_call(&mut self, scope: Option<&str>, name: &str, args: &[Arg], span: Span) -> Type {
        let prog = self.ctx.prog;
        let mut found = None;
        for inh in &prog.inherits {
            if let Some(alias) = scope {
                if !alias.is_empty() && inh.alias != alias {
                    continue;
                }
            }
            if let Some((_, e)) = inh.program.find_function(name) {
                if e.flags & fn_flags::HIDDEN != 0 {
                    continue;
                }
                match &e.def {
                    Some(d) => {
                        found = Some(SuperTarget { def: d.clone(), fo: inh.fo + e.fo, vo: inh.vo + e.vo });
                        break;
                    }
                    None => continue,
                }
            }
        }
        let Some(target) = found else {
            match scope {
                Some(s) if !s.is_empty() && !prog.inherits.iter().any(|i| i.alias == s) => {
                    self.error(span, format!("No inherited program named '{}'", s))
                }
                _ => self.error(span, format!("No inherited function '{}'", name)),
            }
            self.emit(Op::Int(0));
            return Type::Unknown;
        };
        // An async function's callers get a promise, whatever it returns.
        let ret = super::call_type(target.def.flags, &target.def.return_type);
        let idx = self.supers.len() as u16;
        self.supers.push(target);
        let ca = self.call_args(args);
        self.emit(Op::CallSuper(idx, ca.n));
        self.ref_writebacks(&ca);
        ret
    }

    /// `sscanf(str, fmt, lvalues...)`: the efun returns ({ count, values })
    /// with undefined for each lvalue it did not assign; only the assigned
    /// ones are stored (the others keep their values).
    fn sscanf(&mut self, args: &[Arg], span: Span) -> Type {
        if args.len() < 2 {
            self.error(span, "Too few arguments to 'sscanf'");
            self.emit(Op::Int(0));
            return Type::Int;
        }
        let Some((idx, _)) = self.ctx.efuns.lookup("__sscanf") else {
            self.error(span, "Undefined function sscanf");
            self.emit(Op::Int(0));
            return Type::Int;
        };
        self.expr(&args[0].expr);
        self.expr(&args[1].expr);
        let outs = &args[2..];
        self.push_int(outs.len() as i64);
        self.emit(Op::CallEfun(idx, 3));
        let t = self.temp();
        self.emit(Op::SetLocal(t));
        for (i, a) in outs.iter().enumerate() {
            self.emit(Op::Local(t));
            self.push_int(i as i64 + 1);
            self.emit(Op::Index);
            // Keep the value; `??` semantics: skip when undefined.
            let assigned = self.emit(Op::NullishJump(0));
            let skip = self.emit(Op::Jump(0));
            self.patch_here(assigned);
            self.store_from_stack(&a.expr);
            let done = self.emit(Op::Jump(0));
            self.patch_here(skip);
            self.patch_here(done);
        }
        self.emit(Op::Local(t));
        self.emit(Op::Int(0));
        self.emit(Op::Index);
        Type::Int
    }

    fn new_class(&mut self, name: &Name, fields: &[(Name, Expr)], span: Span) -> Type {
        let Some(c) = self.ctx.prog.find_class(name).cloned() else {
            self.error(span, format!("Undefined class '{}'", name));
            self.emit(Op::Int(0));
            return Type::Unknown;
        };
        for (fname, _) in fields {
            if c.field_index(fname).is_none() {
                self.error(span, format!("No member '{}' in class {}", fname, name));
            }
        }
        for (fname, _) in &c.fields {
            match fields.iter().find(|(n, _)| &**n == fname.as_str()) {
                Some((_, v)) => {
                    self.expr(v);
                }
                // Members not given start undefined, as in FluffOS.
                None => {
                    self.emit(Op::Undef);
                }
            }
        }
        let idx = self.class_index(&c);
        self.emit(Op::NewClass(idx));
        Type::Class(name.to_string())
    }

    /// Compiles for side effects only.
    pub fn expr_discard(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Assign(op, lhs, rhs) => {
                self.assign(*op, lhs, super::lvalue::Rhs::Expr(rhs), false, e.span);
            }
            ExprKind::PreInc(d, x) | ExprKind::PostInc(d, x) => {
                self.inc(*d, x, false, false, e.span);
            }
            ExprKind::Comma(list) => {
                for x in list {
                    self.expr_discard(x);
                }
            }
            ExprKind::Cond(c, a, b) => {
                let to_else = self.jump_if(c, false);
                self.expr_discard(a);
                let to_end = self.emit(Op::Jump(0));
                self.patch_all_here(&to_else);
                self.expr_discard(b);
                self.patch_here(to_end);
            }
            ExprKind::Logic(LogicOp::And, a, b) => {
                let skip = self.jump_if(a, false);
                self.expr_discard(b);
                self.patch_all_here(&skip);
            }
            ExprKind::Logic(LogicOp::Or, a, b) => {
                let skip = self.jump_if(a, true);
                self.expr_discard(b);
                self.patch_all_here(&skip);
            }
            _ => {
                self.expr(e);
                self.emit(Op::Pop);
            }
        }
    }

    /// Jumps (to be patched) taken when `e`'s truth equals `when`.
    pub fn jump_if(&mut self, e: &Expr, when: bool) -> Vec<usize> {
        match &e.kind {
            ExprKind::Logic(LogicOp::And, a, b) => {
                if !when {
                    let mut j = self.jump_if(a, false);
                    j.extend(self.jump_if(b, false));
                    j
                } else {
                    let skip = self.jump_if(a, false);
                    let j = self.jump_if(b, true);
                    self.patch_all_here(&skip);
                    j
                }
            }
            ExprKind::Logic(LogicOp::Or, a, b) => {
                if when {
                    let mut j = self.jump_if(a, true);
                    j.extend(self.jump_if(b, true));
                    j
                } else {
                    let skip = self.jump_if(a, true);
                    let j = self.jump_if(b, false);
                    self.patch_all_here(&skip);
                    j
                }
            }
            ExprKind::Unary(UnOp::Not, x) => self.jump_if(x, !when),
            ExprKind::Binary(op, a, b) if cmp_of(*op).is_some() && const_value(e).is_none() => {
                let cmp = cmp_of(*op).expect("comparison");
                let cmp = if when { cmp } else { cmp.negate() };
                // `local < constant` (the usual loop condition) in one step.
                if let (ExprKind::Ident(name), Some(Value::Int(k))) = (&a.kind, const_value(b)) {
                    if let (Some(VarRef::Local { slot, by_ref: false, .. }), Ok(imm)) = (self.resolve_var(name), i32::try_from(k)) {
                        return vec![self.emit(Op::JumpLocalCmpInt(slot, cmp, imm, 0))];
                    }
                }
                self.expr(a);
                self.expr(b);
                vec![self.emit(Op::JumpCmp(cmp, 0))]
            }
            ExprKind::Int(i) => {
                if (*i != 0) == when {
                    vec![self.emit(Op::Jump(0))]
                } else {
                    Vec::new()
                }
            }
            _ => {
                self.expr(e);
                vec![self.emit(if when { Op::JumpIfTrue(0) } else { Op::JumpIfFalse(0) })]
            }
        }
    }

    // ----- function literals -----

    fn func_literal(&mut self, lit: &FuncLit, span: Span) {
        match lit {
            FuncLit::Named { scope: None, name, args } => {
                if self.resolve_var(name).is_some() {
                    if args.is_empty() {
                        let body = Expr::new(ExprKind::Ident(name.clone()), span);
                        self.functional(&body, span);
                    } else {
                        // (: ob_var, "fn", args :)
                        self.expr(&Expr::new(ExprKind::Ident(name.clone()), span));
                        self.expr(&args[0]);
                        for a in &args[1..] {
                            self.expr(a);
                        }
                        self.emit(Op::FuncCallOther((args.len() - 1) as u8));
                    }
                    return;
                }
                if let Some(slot) = self.ctx.prog.lookup_function(name) {
                    for a in args {
                        self.expr(a);
                    }
                    self.emit(Op::FuncLocal(slot as u16, args.len() as u8));
                } else if (self.ctx.simuls)(name) {
                    for a in args {
                        self.expr(a);
                    }
                    let k = self.str_const(name);
                    self.emit(Op::FuncSimul(k, args.len() as u8));
                } else {
                    self.efun_pointer(name, args, span);
                }
            }
            FuncLit::Named { scope: Some(s), name, args } if &**s == "efun" => {
                self.ctx.efun_overrides.borrow_mut().push((name.clone(), span));
                self.efun_pointer(name, args, span)
            }
            FuncLit::Named { scope: Some(s), name, args } => {
                // (: ::f :) -> a function passing its arguments to ::f.
                if !args.is_empty() {
                    self.error(span, "bound arguments are not supported with (: ::f :)");
                }
                let scope = if s.is_empty() { None } else { Some(s.clone()) };
                let rest: Name = Rc::from("__args");
                let call = Expr::new(
                    ExprKind::Call(
                        Box::new(Expr::new(ExprKind::Scoped(scope, name.clone()), span)),
                        vec![Arg { expr: Expr::new(ExprKind::Ident(rest.clone()), span), spread: true, by_ref: false }],
                    ),
                    span,
                );
                let params = vec![Param {
                    ty: Type::array_of(Type::Mixed),
                    name: rest,
                    by_ref: false,
                    rest: true,
                    default: None,
                    span,
                }];
                let body = vec![Stmt { kind: StmtKind::Return(Some(call)), span }];
                self.anon_function(&params, &body, span);
            }
            FuncLit::Expr(body) => self.functional(body, span),
            FuncLit::Anon { params, body, .. } => self.anon_function(params, body, span),
        }
    }

    /// `catch(expr)` / `catch { }`, and their async-aware `acatch` forms:
    /// the same catch record, but only `acatch` may contain an `await`
    /// (a parked frame takes its catch records along).
    fn catch_expr(&mut self, x: Option<&Expr>, body: &[Stmt], is_async: bool) -> Type {
        if is_async {
            let span = x.map(|x| x.span).or_else(|| body.first().map(|s| s.span)).unwrap_or(self.span);
            if !self.is_async {
                self.error(span, "'acatch' is only allowed directly inside an async function body");
            } else if self.sync_catch_depth > 0 {
                self.error(span, "'acatch' is not allowed inside catch() or time_expression()");
            }
        }
        let b = self.emit(Op::CatchBegin(0));
        self.catch_depth += 1;
        if !is_async {
            self.sync_catch_depth += 1;
        }
        match x {
            Some(x) => self.expr_discard(x),
            None => {
                self.push_scope();
                for s in body {
                    self.stmt(s);
                }
                self.pop_scope();
            }
        }
        if !is_async {
            self.sync_catch_depth -= 1;
        }
        self.catch_depth -= 1;
        self.emit(Op::CatchEnd);
        self.patch_here(b);
        Type::Mixed
    }

    fn efun_pointer(&mut self, name: &str, args: &[Expr], span: Span) {
        match self.ctx.efuns.lookup(name) {
            Some((idx, _)) => {
                for a in args {
                    self.expr(a);
                }
                self.emit(Op::FuncEfun(idx, args.len() as u8));
            }
            None => {
                self.error(span, format!("Undefined function {}", name));
                self.emit(Op::Int(0));
            }
        }
    }

    /// `(: expr :)`: compiled as a hidden function whose parameters are the
    /// `$( )` captures followed by `$1`, `$2`, ...
    fn functional(&mut self, body: &Expr, span: Span) {
        let mut captures = Vec::new();
        let mut max_dollar = 0;
        scan_expr(body, &mut captures, &mut max_dollar);
        for c in &captures {
            self.expr(c);
        }
        let ncap = captures.len() as u16;
        let ctx = self.ctx;
        let def = {
            let mut child = FnCompiler::new(ctx, self.diags, Rc::from("<functional>"), Type::Mixed, span);
            child.in_default_arg = self.in_default_arg;
            child.functional = Some(FunctionalCtx {
                captures: captures.iter().enumerate().map(|(i, c)| (*c as *const Expr as usize, i as u16)).collect(),
                dollar_base: ncap,
                max_dollar,
                allows_dollars: true,
            });
            for _ in 0..(ncap as u32 + max_dollar) {
                child.temp();
            }
            child.mark(span);
            child.expr(body);
            child.emit(Op::Return);
            child.finish(ncap + max_dollar as u16, fn_flags::VARARGS, Vec::new(), Vec::new(), Vec::new())
        };
        self.anons.push(Rc::new(def));
        self.emit(Op::FuncAnon((self.anons.len() - 1) as u16, ncap as u8));
    }

    /// `function(params) { body }`: like a functional, with named
    /// parameters after the captures.
    fn anon_function(&mut self, params: &[Param], body: &[Stmt], span: Span) {
        let mut captures = Vec::new();
        let mut max_dollar = 0;
        for s in body {
            scan_stmt(s, &mut captures, &mut max_dollar);
        }
        for c in &captures {
            self.expr(c);
        }
        let ncap = captures.len() as u16;
        let ctx = self.ctx;
        let def = {
            let mut child = FnCompiler::new(ctx, self.diags, Rc::from("<anonymous>"), Type::Mixed, span);
            child.in_default_arg = self.in_default_arg;
            child.functional = Some(FunctionalCtx {
                captures: captures.iter().enumerate().map(|(i, c)| (*c as *const Expr as usize, i as u16)).collect(),
                dollar_base: 0,
                max_dollar: 0,
                allows_dollars: false,
            });
            for _ in 0..ncap {
                child.temp();
            }
            let mut ref_params = Vec::new();
            for p in params {
                let slot = child.declare_local(p.name.clone(), p.ty.clone(), p.span);
                if p.by_ref {
                    child.set_local_flags(slot, true, None);
                }
                ref_params.push(p.by_ref);
            }
            child.mark(span);
            child.push_scope();
            for s in body {
                child.stmt(s);
            }
            child.pop_scope();
            child.emit(Op::ReturnZero);
            let mut flags = fn_flags::VARARGS;
            if params.last().is_some_and(|p| p.rest) {
                flags |= fn_flags::REST;
            }
            let np = ncap + params.len() as u16;
            let mut all_refs = vec![false; ncap as usize];
            all_refs.extend(ref_params);
            child.finish(np, flags, params.iter().map(|p| p.ty.clone()).collect(), all_refs, Vec::new())
        };
        self.anons.push(Rc::new(def));
        self.emit(Op::FuncAnon((self.anons.len() - 1) as u16, ncap as u8));
    }
}

fn cmp_of(op: BinOp) -> Option<Cmp> {
    Some(match op {
        BinOp::Eq => Cmp::Eq,
        BinOp::Ne => Cmp::Ne,
        BinOp::Lt => Cmp::Lt,
        BinOp::Le => Cmp::Le,
        BinOp::Gt => Cmp::Gt,
        BinOp::Ge => Cmp::Ge,
        _ => return None,
    })
}

fn binary_type(op: BinOp, a: &Type, b: &Type) -> Type {
    use BinOp::*;
    match op {
        Eq | Ne | Lt | Le | Gt | Ge => Type::Int,
        Add if *a == Type::String || *b == Type::String => Type::String,
        _ if a == b && matches!(a, Type::Int | Type::Float) => a.clone(),
        // int and float arithmetic yields a float
        Add | Sub | Mul | Div
            if matches!((a, b), (Type::Int, Type::Float) | (Type::Float, Type::Int)) =>
        {
            Type::Float
        }
        Add | Sub | BitAnd | BitOr if a.is_array() && a == b => a.clone(),
        _ => Type::Unknown,
    }
}

/// Finds `$( )` captures and the highest `$N` in a functional body, not
/// looking into nested function literals (they capture for themselves).
fn scan_expr<'e>(e: &'e Expr, caps: &mut Vec<&'e Expr>, max: &mut u32) {
    use ExprKind::*;
    match &e.kind {
        Capture(inner) => caps.push(inner),
        Dollar(n) => *max = (*max).max((*n).min(255)),
        Func(_) => {}
        Int(_) | Float(_) | Str(_) | Ident(_) | Scoped(..) | StrArray(_) => {}
        Array(items) => items.iter().for_each(|a| scan_expr(&a.expr, caps, max)),
        Mapping(pairs) => pairs.iter().for_each(|(k, v)| {
            scan_expr(k, caps, max);
            scan_expr(v, caps, max)
        }),
        Unary(_, x) | PreInc(_, x) | PostInc(_, x) | Catch(x) | AsyncCatch(x) | Await(x) | Cast(_, x) | Member(x, _, _) => {
            scan_expr(x, caps, max)
        }
        Binary(_, a, b) | Logic(_, a, b) | Assign(_, a, b) | Index(a, b, _) | OptIndex(a, b) => {
            scan_expr(a, caps, max);
            scan_expr(b, caps, max)
        }
        Cond(a, b, c) => {
            scan_expr(a, caps, max);
            scan_expr(b, caps, max);
            scan_expr(c, caps, max)
        }
        Range(a, b, _, c, _) => {
            scan_expr(a, caps, max);
            scan_expr(b, caps, max);
            if let Some(c) = c {
                scan_expr(c, caps, max)
            }
        }
        Call(f, args) => {
            scan_expr(f, caps, max);
            args.iter().for_each(|a| scan_expr(&a.expr, caps, max))
        }
        CallOther(t, _, args) => {
            scan_expr(t, caps, max);
            args.iter().for_each(|a| scan_expr(&a.expr, caps, max))
        }
        Comma(list) => list.iter().for_each(|x| scan_expr(x, caps, max)),
        CatchBlock(body) | AsyncCatchBlock(body) | TimeExpr(body) => body.iter().for_each(|s| scan_stmt(s, caps, max)),
        Sscanf(a, b, rest) => {
            scan_expr(a, caps, max);
            scan_expr(b, caps, max);
            rest.iter().for_each(|x| scan_expr(x, caps, max))
        }
        NewClass(_, fields) => fields.iter().for_each(|(_, v)| scan_expr(v, caps, max)),
    }
}

fn scan_stmt<'e>(s: &'e Stmt, caps: &mut Vec<&'e Expr>, max: &mut u32) {
    use StmtKind::*;
    match &s.kind {
        Expr(e) => scan_expr(e, caps, max),
        Block(list) | Switch(_, list) => {
            if let Switch(e, _) = &s.kind {
                scan_expr(e, caps, max);
            }
            list.iter().for_each(|x| scan_stmt(x, caps, max))
        }
        Locals(vars) => vars.iter().filter_map(|v| v.init.as_ref()).for_each(|e| scan_expr(e, caps, max)),
        If(c, a, b) => {
            scan_expr(c, caps, max);
            scan_stmt(a, caps, max);
            if let Some(b) = b {
                scan_stmt(b, caps, max)
            }
        }
        While(c, b) | DoWhile(b, c) => {
            scan_expr(c, caps, max);
            scan_stmt(b, caps, max)
        }
        For(i, c, st, b) => {
            if let Some(i) = i {
                scan_stmt(i, caps, max)
            }
            if let Some(c) = c {
                scan_expr(c, caps, max)
            }
            if let Some(st) = st {
                scan_expr(st, caps, max)
            }
            scan_stmt(b, caps, max)
        }
        Foreach(_, c, b) => {
            scan_expr(c, caps, max);
            scan_stmt(b, caps, max)
        }
        Return(Some(e)) => scan_expr(e, caps, max),
        Case(_) | Default | Break | Continue | Return(None) | Empty => {}
    }
}
