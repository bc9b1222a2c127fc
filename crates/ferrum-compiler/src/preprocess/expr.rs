//! `#if` arithmetic: C's integer operators, precedence and `?:` over the
//! macro-expanded tokens of the line. The expression goes through an
//! explicit operator stack (shunting-yard) into postfix form, so thousands
//! of nested parentheses or `!`s do not recurse.

use crate::diag::Diagnostics;
use crate::token::{Punct, Span, Tok, Token};

#[derive(Clone, Copy, PartialEq, Debug)]
enum Op {
    Neg,
    Pos,
    Not,
    Compl,
    Mul,
    Div,
    Mod,
    Add,
    Sub,
    Shl,
    Shr,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    BitAnd,
    BitXor,
    BitOr,
    And,
    Or,
    /// A `?` still waiting for its `:`.
    Question,
    /// `?:` once the `:` is seen.
    Ternary,
    /// An open parenthesis.
    Open,
}

impl Op {
    fn precedence(self) -> u8 {
        use Op::*;
        match self {
            Neg | Pos | Not | Compl => 12,
            Mul | Div | Mod => 10,
            Add | Sub => 9,
            Shl | Shr => 8,
            Lt | Le | Gt | Ge => 7,
            Eq | Ne => 6,
            BitAnd => 5,
            BitXor => 4,
            BitOr => 3,
            And => 2,
            Or => 1,
            Question | Ternary | Open => 0,
        }
    }

    fn unary(p: Punct) -> Option<Op> {
        Some(match p {
            Punct::Minus => Op::Neg,
            Punct::Plus => Op::Pos,
            Punct::Bang => Op::Not,
            Punct::Tilde => Op::Compl,
            _ => return None,
        })
    }

    fn binary(p: Punct) -> Option<Op> {
        use Op::*;
        Some(match p {
            Punct::Star => Mul,
            Punct::Slash => Div,
            Punct::Percent => Mod,
            Punct::Plus => Add,
            Punct::Minus => Sub,
            Punct::Shl => Shl,
            Punct::Shr => Shr,
            Punct::Lt => Lt,
            Punct::Le => Le,
            Punct::Gt => Gt,
            Punct::Ge => Ge,
            Punct::Eq => Eq,
            Punct::Ne => Ne,
            Punct::Amp => BitAnd,
            Punct::Caret => BitXor,
            Punct::Pipe => BitOr,
            Punct::AndAnd => And,
            Punct::OrOr => Or,
            _ => return None,
        })
    }
}

/// Postfix form.
enum Item {
    Num(i64),
    Op(Op, Span),
}

/// A value, or the error met computing it. Errors travel as values so a
/// branch that is not taken (`0 && 1/0`) does not report one, as in C.
type Value = Result<i64, (&'static str, Span)>;

/// Evaluates the tokens of an `#if` line; errors are reported (at the
/// offending token, else at `at`) and give `None`.
pub(super) fn evaluate(toks: &[Token], at: Span, diags: &mut Diagnostics) -> Option<i64> {
    let postfix = match to_postfix(toks, at) {
        Ok(postfix) => postfix,
        Err((message, span)) => {
            diags.error(span, message);
            return None;
        }
    };
    match run(&postfix) {
        Ok(v) => Some(v),
        Err((message, span)) => {
            diags.error(span, message);
            None
        }
    }
}

fn to_postfix(toks: &[Token], at: Span) -> Result<Vec<Item>, (String, Span)> {
    let mut out = Vec::with_capacity(toks.len());
    let mut ops: Vec<(Op, Span)> = Vec::new();
    let mut want_operand = true;
    for t in toks {
        let span = t.span;
        if want_operand {
            match &t.tok {
                Tok::Int(v) | Tok::Char(v) => out.push(Item::Num(*v)),
                // Names still there after expansion are undefined: 0.
                Tok::Ident(_) => out.push(Item::Num(0)),
                Tok::Float(_) => return Err(("floating point constants are not allowed in #if".into(), span)),
                Tok::Punct(Punct::LParen) => {
                    ops.push((Op::Open, span));
                    continue;
                }
                Tok::Punct(p) if Op::unary(*p).is_some() => {
                    ops.push((Op::unary(*p).expect("checked"), span));
                    continue;
                }
                other => return Err((format!("missing expression before '{}' in #if", other), span)),
            }
            want_operand = false;
            continue;
        }
        match &t.tok {
            Tok::Punct(Punct::RParen) => loop {
                match ops.pop() {
                    Some((Op::Open, _)) => break,
                    Some((Op::Question, at)) => return Err(("'?' without ':' in #if".into(), at)),
                    Some((op, at)) => out.push(Item::Op(op, at)),
                    None => return Err(("bracket not paired in #if".into(), span)),
                }
            },
            Tok::Punct(Punct::Question) => {
                pop_while(&mut ops, &mut out, |op| op.precedence() > 0);
                ops.push((Op::Question, span));
                want_operand = true;
            }
            Tok::Punct(Punct::Colon) => {
                loop {
                    match ops.last_mut() {
                        Some((op @ Op::Question, _)) => {
                            *op = Op::Ternary;
                            break;
                        }
                        Some((Op::Open, _)) | None => return Err(("':' without '?' in #if".into(), span)),
                        Some(_) => {
                            let (op, at) = ops.pop().expect("checked");
                            out.push(Item::Op(op, at));
                        }
                    }
                }
                want_operand = true;
            }
            Tok::Punct(p) if Op::binary(*p).is_some() => {
                let op = Op::binary(*p).expect("checked");
                // Left-associative: equal precedence goes first.
                pop_while(&mut ops, &mut out, |top| top.precedence() >= op.precedence());
                ops.push((op, span));
                want_operand = true;
            }
            Tok::Punct(p) => return Err((format!("illegal operator '{}' in #if", p.text()), span)),
            _ => return Err(("Condition too complex".into(), span)),
        }
    }
    if want_operand {
        let span = toks.last().map_or(at, |t| t.span);
        return Err(("missing expression at end of #if".into(), span));
    }
    while let Some((op, span)) = ops.pop() {
        match op {
            Op::Open => return Err(("bracket not paired in #if".into(), span)),
            Op::Question => return Err(("'?' without ':' in #if".into(), span)),
            _ => out.push(Item::Op(op, span)),
        }
    }
    Ok(out)
}

fn pop_while(ops: &mut Vec<(Op, Span)>, out: &mut Vec<Item>, pred: impl Fn(Op) -> bool) {
    while let Some(&(op, span)) = ops.last() {
        if !pred(op) {
            break;
        }
        ops.pop();
        out.push(Item::Op(op, span));
    }
}

/// Evaluates postfix built by `to_postfix` (so every operator has its operands).
fn run(postfix: &[Item]) -> Value {
    let mut stack: Vec<Value> = Vec::new();
    fn pop(stack: &mut Vec<Value>) -> Value {
        stack.pop().expect("operand checked by to_postfix")
    }
    for item in postfix {
        let (op, span) = match item {
            Item::Num(v) => {
                stack.push(Ok(*v));
                continue;
            }
            Item::Op(op, span) => (*op, *span),
        };
        let value = match op {
            Op::Neg | Op::Pos | Op::Not | Op::Compl => pop(&mut stack).map(|a| match op {
                Op::Neg => a.wrapping_neg(),
                Op::Pos => a,
                Op::Not => (a == 0) as i64,
                _ => !a,
            }),
            Op::Ternary => {
                let no = pop(&mut stack);
                let yes = pop(&mut stack);
                pop(&mut stack).and_then(|c| if c != 0 { yes } else { no })
            }
            Op::And | Op::Or => {
                let b = pop(&mut stack);
                let a = pop(&mut stack)?;
                let decided = if op == Op::And { a == 0 } else { a != 0 };
                if decided {
                    Ok((a != 0) as i64)
                } else {
                    b.map(|b| (b != 0) as i64)
                }
            }
            _ => {
                let b = pop(&mut stack);
                let a = pop(&mut stack);
                match (a, b) {
                    (Ok(a), Ok(b)) => binary(op, a, b, span),
                    (Err(e), _) | (_, Err(e)) => Err(e),
                }
            }
        };
        stack.push(value);
    }
    pop(&mut stack)
}

fn binary(op: Op, a: i64, b: i64, span: Span) -> Value {
    Ok(match op {
        Op::Mul => a.wrapping_mul(b),
        Op::Div if b == 0 => return Err(("division by 0 in #if", span)),
        Op::Div => a.wrapping_div(b),
        Op::Mod if b == 0 => return Err(("modulo by 0 in #if", span)),
        Op::Mod => a.wrapping_rem(b),
        Op::Add => a.wrapping_add(b),
        Op::Sub => a.wrapping_sub(b),
        // FluffOS masks shift counts to 6 bits, in #if as at run time.
        Op::Shl => a.wrapping_shl((b & 63) as u32),
        Op::Shr => a.wrapping_shr((b & 63) as u32),
        Op::Lt => (a < b) as i64,
        Op::Le => (a <= b) as i64,
        Op::Gt => (a > b) as i64,
        Op::Ge => (a >= b) as i64,
        Op::Eq => (a == b) as i64,
        Op::Ne => (a != b) as i64,
        Op::BitAnd => a & b,
        Op::BitXor => a ^ b,
        Op::BitOr => a | b,
        _ => unreachable!("not a binary operator: {:?}", op),
    })
}
