//! Compile-time evaluation of constant expressions (case labels, folding).

use crate::ast::*;
use ferrum_vm::Value;

/// The value of a constant expression, if it is one.
pub(crate) fn const_value(e: &Expr) -> Option<Value> {
    match &e.kind {
        ExprKind::Int(i) => Some(Value::Int(*i)),
        ExprKind::Float(f) => Some(Value::Float(*f)),
        ExprKind::Str(s) => Some(Value::from(&**s)),
        ExprKind::Unary(op, x) => {
            let v = const_value(x)?.as_int()?;
            Some(Value::Int(match op {
                UnOp::Neg => v.wrapping_neg(),
                UnOp::Compl => !v,
                UnOp::Not => (v == 0) as i64,
            }))
        }
        ExprKind::Binary(op, a, b) => {
            let a = const_value(a)?;
            let b = const_value(b)?;
            fold_binary(*op, &a, &b)
        }
        ExprKind::Cond(c, a, b) => {
            let c = const_value(c)?;
            if c.is_true() {
                const_value(a)
            } else {
                const_value(b)
            }
        }
        _ => None,
    }
}

/// Folds an operator on constants (ints, and string `+`). Division by
/// zero is left for run time to report.
pub(crate) fn fold_binary(op: BinOp, a: &Value, b: &Value) -> Option<Value> {
    if let (Value::Str(x), Value::Str(y), BinOp::Add) = (a, b, op) {
        return Some(Value::from(format!("{}{}", x, y)));
    }
    let (x, y) = (a.as_int()?, b.as_int()?);
    if let (Value::Int(_), Value::Int(_)) = (a, b) {
    } else {
        return None;
    }
    Some(Value::Int(match op {
        BinOp::Add => x.wrapping_add(y),
        BinOp::Sub => x.wrapping_sub(y),
        BinOp::Mul => x.wrapping_mul(y),
        BinOp::Div if y != 0 => x.wrapping_div(y),
        BinOp::Mod if y != 0 => x.wrapping_rem(y),
        BinOp::Div | BinOp::Mod => return None,
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
        BinOp::Shl => x.wrapping_shl((y & 63) as u32),
        BinOp::Shr => x >> (y & 63),
        BinOp::Eq => (x == y) as i64,
        BinOp::Ne => (x != y) as i64,
        BinOp::Lt => (x < y) as i64,
        BinOp::Le => (x <= y) as i64,
        BinOp::Gt => (x > y) as i64,
        BinOp::Ge => (x >= y) as i64,
    }))
}
