//! Compile-time typing of stores into declared variables and return
//! values: the conversions FluffOS applies, and the literal type clashes it
//! rejects (`int x = "hi";`).

use super::func::FnCompiler;
use crate::ast::*;
use ferrum_vm::program::Op;
use ferrum_vm::efun::EfunDef;
use ferrum_vm::{Type, TypeMask};

/// The type of a literal whose type is certain. Literal 0 is left out: it
/// is the null value of every type.
fn literal_type(e: &Expr) -> Option<Type> {
    match &e.kind {
        ExprKind::Int(0) => None,
        ExprKind::Int(_) => Some(Type::Int),
        ExprKind::Float(_) => Some(Type::Float),
        ExprKind::Str(_) => Some(Type::String),
        ExprKind::StrArray(_) | ExprKind::Array(_) => Some(Type::array_of(Type::Mixed)),
        ExprKind::Mapping(_) => Some(Type::Mapping),
        ExprKind::Func(_) => Some(Type::Function),
        _ => None,
    }
}

/// Whether a value of type `lit` may be stored into a `decl`.
fn storable(decl: &Type, lit: &Type) -> bool {
    match (decl, lit) {
        (Type::Mixed | Type::Unknown | Type::Void, _) => true,
        (Type::Int | Type::Float, Type::Int | Type::Float) => true,
        (Type::Buffer, Type::String | Type::Array(_)) => true,
        (Type::Array(_), Type::Array(_)) => true,
        (d, l) => d == l,
    }
}

impl<'a, 'd> FnCompiler<'a, 'd> {
    /// Compile-time conversions FluffOS applies when a value of a known type
    /// is stored into a declared `int`/`float`/`buffer` (variable or return
    /// value): int and float convert to each other, and a string or array
    /// becomes a buffer (as `to_buffer()` would).
    pub(crate) fn promote_to_decl(&mut self, decl: &Type, rty: &Type) {
        let conv = match (decl, rty) {
            (Type::Int, Type::Float) => "to_int",
            (Type::Float, Type::Int) => "to_float",
            (Type::Buffer, Type::String) => "to_buffer",
            (Type::Buffer, t) if t.is_array() => "to_buffer",
            _ => return,
        };
        if let Some((idx, _)) = self.ctx.efuns.lookup(conv) {
            self.emit(Op::CallEfun(idx, 1));
        }
    }

    /// Reports storing a literal of the wrong type into a declared `decl`.
    pub(crate) fn check_literal_type(&mut self, decl: &Type, e: &Expr) {
        if let Some(lit) = literal_type(e) {
            if !storable(decl, &lit) {
                self.error(e.span, format!("Type mismatch: {} given where {} is declared", lit, decl));
            }
        }
    }

    /// A call to an async function gives a promise, never its declared
    /// type: `int x = async_f();` is refused as in FluffOS, and so is a
    /// promise whose payload does not fit (`promise<string> p = int_f();`).
    pub(crate) fn check_promise_store(&mut self, decl: &Type, ty: &Type, e: &Expr) {
        // `await` gives the payload type, checked like any typed value.
        if matches!(e.kind, ExprKind::Await(_)) && !matches!(ty, Type::Unknown | Type::Mixed) && !storable(decl, ty) {
            self.error(e.span, format!("Type mismatch: await gives {} where {} is declared", ty, decl));
            return;
        }
        if !ty.is_promise() {
            return;
        }
        let ok = match (decl, ty) {
            (Type::Mixed | Type::Unknown | Type::Void | Type::Promise, _) | (Type::PromiseOf(_), Type::Promise) => true,
            (Type::PromiseOf(d), Type::PromiseOf(v)) => storable(d, v) || storable(v, d),
            _ => false,
        };
        if !ok {
            self.error(e.span, format!("Type mismatch: {} given where {} is declared", ty, decl));
        }
    }

    /// An efun parameter that takes only a promise refuses a literal, which
    /// is certainly not one (`promise_status(5)`), as FluffOS does.
    pub(crate) fn check_promise_efun_args(&mut self, name: &str, def: &EfunDef, args: &[Arg]) {
        for (i, a) in args.iter().enumerate() {
            let mask = def.arg_mask(i);
            let only_promise = mask.contains(TypeMask::PROMISE) && TypeMask(mask.0 & !TypeMask::VOID.0) == TypeMask::PROMISE;
            if !a.spread && only_promise && literal_type(&a.expr).is_some() {
                self.error(a.expr.span, format!("Bad argument {} to efun {}(): a promise is expected", i + 1, name));
            }
        }
    }

    /// Compiles `e` as the value stored into a declaration of type `decl`.
    pub(crate) fn typed_value(&mut self, decl: &Type, e: &Expr) -> Type {
        self.check_literal_type(decl, e);
        let ty = self.expr(e);
        self.check_promise_store(decl, &ty, e);
        self.promote_to_decl(decl, &ty);
        ty
    }
}
