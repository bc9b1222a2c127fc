//! Compile-time typing of stores into declared variables and return
//! values: the conversions FluffOS applies, and the literal type clashes it
//! rejects (`int x = "hi";`).

use super::func::FnCompiler;
use crate::ast::*;
use ferrum_vm::program::Op;
use ferrum_vm::Type;

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

    /// Compiles `e` as the value stored into a declaration of type `decl`.
    pub(crate) fn typed_value(&mut self, decl: &Type, e: &Expr) -> Type {
        self.check_literal_type(decl, e);
        let ty = self.expr(e);
        self.promote_to_decl(decl, &ty);
        ty
    }
}
