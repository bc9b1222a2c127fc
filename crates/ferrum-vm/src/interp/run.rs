//! The dispatch loop.
//!
//! `execute` runs frames until the boundary frame it was entered for
//! returns. The running frame's code, pc and base live in locals; they are
//! written back to the frame only when control leaves it (a call, an error,
//! an efun that may inspect the stack).

use super::ops;
use super::{CatchRecord, Vm};
use crate::error::{LpcError, VmResult};
use crate::program::{Cmp, Op, DYN_ARGS};
use crate::value::{Array, ClassInstance, FunctionKind, FunctionPtr, LStr, Mapping, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// Reading or writing a `ref` parameter that holds a plain value.
const NON_REF_ARG: &str = "Non-reference value passed as reference argument.";

/// On error: record the pc, unwind to a catch in this invocation (and go
/// on there) or leave `execute` with the error.
macro_rules! tri {
    ($vm:ident, $fi:ident, $pc:ident, $entry:ident, $lbl:lifetime, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(err) => {
                $vm.frames[$fi].pc = $pc as u32;
                $vm.handle_error(err, $entry)?;
                continue $lbl;
            }
        }
    };
}

impl Vm {
    #[inline(always)]
    fn pop(&mut self) -> Value {
        match self.stack.pop() {
            Some(v) => v,
            None => unreachable_stack(),
        }
    }

    /// Unwinds to the innermost catch of this invocation, or out of it.
    pub(crate) fn handle_error(&mut self, mut err: LpcError, entry: usize) -> VmResult<()> {
        self.attach_trace(&mut err);
        if let Some(c) = self.catches.last().filter(|_| err.is_catchable()) {
            if c.depth >= entry {
                let c = self.catches.pop().expect("catch record");
                self.frames.truncate(c.depth);
                if self.tracer.is_some() {
                    self.trace_leave();
                }
                self.stack.truncate(c.stack_len);
                if !self.defers.is_empty() {
                    self.run_defers();
                }
                self.frames.last_mut().expect("frame").pc = c.handler;
                self.stack.push(err.catch_value());
                // A rejection arriving at an await is an outcome, not an error.
                if !err.is_rejection() {
                    let host = self.host.clone();
                    host.caught_error(self, &err);
                    self.last_error = Some(Rc::new(err));
                }
                return Ok(());
            }
        }
        self.unwind_uncaught(entry, &err);
        Err(err)
    }

    /// Leaves every frame of this invocation for an error no catch stops.
    #[cold]
    fn unwind_uncaught(&mut self, entry: usize, err: &LpcError) {
        self.reject_unwound_async_frames(entry - 1, err);
        while self.catches.last().is_some_and(|c| c.depth >= entry) {
            self.catches.pop();
        }
        let base = self.frames[entry - 1].base as usize;
        self.frames.truncate(entry - 1);
        if self.tracer.is_some() {
            self.trace_leave();
        }
        self.stack.truncate(base);
        if !self.defers.is_empty() {
            self.run_defers();
        }
    }

    /// Runs until the frame on top when called returns.
    pub(crate) fn execute(&mut self) -> VmResult<Value> {
        let entry = self.frames.len();
        'frame: loop {
            let fi = self.frames.len() - 1;
            let (def, obj, fo, vo, base, mut pc) = {
                let f = &self.frames[fi];
                (f.def.clone(), f.obj.clone(), f.fo, f.vo as usize, f.base as usize, f.pc as usize)
            };
            let code: &[Op] = &def.code;
            loop {
                let op = code[pc];
                pc += 1;
                match op {
                    Op::Int(i) => self.stack.push(Value::Int(i as i64)),
                    Op::Const(i) => self.stack.push(def.consts[i as usize].clone()),
                    Op::Undef => self.stack.push(Value::Undefined),
                    Op::Pop => {
                        self.stack.pop();
                    }
                    Op::Dup => {
                        let v = self.stack[self.stack.len() - 1].clone();
                        self.stack.push(v);
                    }
                    Op::Dup2 => {
                        let n = self.stack.len();
                        let a = self.stack[n - 2].clone();
                        let b = self.stack[n - 1].clone();
                        self.stack.push(a);
                        self.stack.push(b);
                    }
                    Op::Swap => {
                        let n = self.stack.len();
                        self.stack.swap(n - 1, n - 2);
                    }

                    // ----- variables -----
                    Op::Local(i) => {
                        let v = match &self.stack[base + i as usize] {
                            Value::Int(x) => Value::Int(*x),
                            other => other.clone().live(),
                        };
                        self.stack.push(v);
                    }
                    Op::SetLocal(i) => {
                        let v = self.pop();
                        self.stack[base + i as usize] = v;
                    }
                    Op::TeeLocal(i) => {
                        let v = self.stack[self.stack.len() - 1].clone();
                        self.stack[base + i as usize] = v;
                    }
                    Op::Global(i) => {
                        let v = obj.vars().get(vo + i as usize).cloned().unwrap_or_default();
                        self.stack.push(v.live());
                    }
                    Op::SetGlobal(i) => {
                        let v = self.pop();
                        if let Some(slot) = obj.vars_mut().get_mut(vo + i as usize) {
                            *slot = v;
                        }
                    }
                    Op::TeeGlobal(i) => {
                        let v = self.stack[self.stack.len() - 1].clone();
                        if let Some(slot) = obj.vars_mut().get_mut(vo + i as usize) {
                            *slot = v;
                        }
                    }
                    // A `ref` parameter that was given a plain value (through
                    // call_other or a function pointer) is an error, as in FluffOS.
                    Op::LocalRef(i) => {
                        let v = match &self.stack[base + i as usize] {
                            Value::Ref(r) => r.borrow().clone(),
                            _ => tri!(self, fi, pc, entry, 'frame, Err(LpcError::new(NON_REF_ARG))),
                        };
                        self.stack.push(v.live());
                    }
                    Op::SetLocalRef(i) => {
                        let v = self.pop();
                        match &self.stack[base + i as usize] {
                            Value::Ref(r) => *r.borrow_mut() = v,
                            _ => tri!(self, fi, pc, entry, 'frame, Err::<(), _>(LpcError::new(NON_REF_ARG))),
                        }
                    }
                    Op::MakeRef => {
                        let v = self.pop();
                        self.stack.push(Value::Ref(Rc::new(RefCell::new(v))));
                    }
                    Op::Deref => {
                        let v = self.pop();
                        self.stack.push(v.deref());
                    }
                    Op::IncLocal(i) => {
                        let slot = &mut self.stack[base + i as usize];
                        if let Value::Int(x) = slot {
                            *x = x.wrapping_add(1);
                        } else {
                            // Cloned, not taken: on error the variable keeps its value.
                            let v = slot.clone();
                            let r = tri!(self, fi, pc, entry, 'frame, ops::inc(v, 1));
                            self.stack[base + i as usize] = r;
                        }
                    }
                    Op::DecLocal(i) => {
                        let slot = &mut self.stack[base + i as usize];
                        if let Value::Int(x) = slot {
                            *x = x.wrapping_sub(1);
                        } else {
                            // Cloned, not taken: on error the variable keeps its value.
                            let v = slot.clone();
                            let r = tri!(self, fi, pc, entry, 'frame, ops::inc(v, -1));
                            self.stack[base + i as usize] = r;
                        }
                    }
                    Op::AddToLocal(i) => {
                        let n = self.stack.len();
                        if let Value::Int(y) = self.stack[n - 1] {
                            if let Value::Int(x) = &mut self.stack[base + i as usize] {
                                *x = x.wrapping_add(y);
                                // SAFETY: the popped value is an int.
                                unsafe { self.stack.set_len(n - 1) };
                                continue;
                            }
                        }
                        let v = self.pop();
                        let slot = &mut self.stack[base + i as usize];
                        if let (Value::Int(x), Value::Int(y)) = (&mut *slot, &v) {
                            *x = x.wrapping_add(*y);
                        } else {
                            // Refuse before growing, so the variable keeps its value.
                            let check = self.check_growth(&self.stack[base + i as usize], &v);
                            tri!(self, fi, pc, entry, 'frame, check);
                            let slot = &mut self.stack[base + i as usize];
                            if !add_in_place(slot, &v) {
                                // Cloned, not taken: on error the variable keeps its value.
                                let cur = slot.clone();
                                let r = tri!(self, fi, pc, entry, 'frame, ops::add(cur, v));
                                self.stack[base + i as usize] = r;
                            }
                        }
                    }
                    Op::AddToGlobal(i) => {
                        let v = self.pop();
                        let idx = vo + i as usize;
                        let check = match obj.vars().get(idx) {
                            Some(cur) => self.check_growth(cur, &v),
                            None => Ok(()),
                        };
                        tri!(self, fi, pc, entry, 'frame, check);
                        let done = match obj.vars_mut().get_mut(idx) {
                            Some(slot) => add_in_place(slot, &v),
                            None => true,
                        };
                        if !done {
                            let cur = obj.vars()[idx].clone();
                            let r = tri!(self, fi, pc, entry, 'frame, ops::add(cur, v));
                            obj.vars_mut()[idx] = r;
                        }

                    }

                    // ----- operators -----
                    Op::Add => {
                        if !int_binop(&mut self.stack, |x, y| x.wrapping_add(y)) {
                            let b = self.pop();
                            let a = self.pop();
                            let r = tri!(self, fi, pc, entry, 'frame, ops::add(a, b));
                            tri!(self, fi, pc, entry, 'frame, self.check_size(&r));
                            self.stack.push(r);
                        }
                    }
                    Op::Sub => {
                        if !int_binop(&mut self.stack, |x, y| x.wrapping_sub(y)) {
                            let b = self.pop();
                            let a = self.pop();
                            let r = tri!(self, fi, pc, entry, 'frame, ops::sub(a, b));
                            self.stack.push(r);
                        }
                    }
                    Op::Mul => {
                        if !int_binop(&mut self.stack, |x, y| x.wrapping_mul(y)) {
                            let b = self.pop();
                            let a = self.pop();
                            let r = tri!(self, fi, pc, entry, 'frame, ops::mul(a, b));
                            self.stack.push(r);
                        }
                    }
                    Op::Div => {
                        let b = self.pop();
                        let a = self.pop();
                        let r = tri!(self, fi, pc, entry, 'frame, ops::div(a, b));
                        self.stack.push(r);
                    }
                    Op::Mod => {
                        let b = self.pop();
                        let a = self.pop();
                        let r = tri!(self, fi, pc, entry, 'frame, ops::modulo(a, b));
                        self.stack.push(r);
                    }
                    Op::BitAnd => {
                        if !int_binop(&mut self.stack, |x, y| x & y) {
                            let b = self.pop();
                            let a = self.pop();
                            let r = tri!(self, fi, pc, entry, 'frame, ops::bit_and(a, b));
                            self.stack.push(r);
                        }
                    }
                    Op::BitOr => {
                        if !int_binop(&mut self.stack, |x, y| x | y) {
                            let b = self.pop();
                            let a = self.pop();
                            let r = tri!(self, fi, pc, entry, 'frame, ops::bit_or(a, b));
                            self.stack.push(r);
                        }
                    }
                    Op::BitXor => {
                        if !int_binop(&mut self.stack, |x, y| x ^ y) {
                            let b = self.pop();
                            let a = self.pop();
                            let r = tri!(self, fi, pc, entry, 'frame, ops::bit_xor(a, b));
                            self.stack.push(r);
                        }
                    }
                    Op::Shl => {
                        if !int_binop(&mut self.stack, |x, y| x.wrapping_shl((y & 63) as u32)) {
                            let b = self.pop();
                            let a = self.pop();
                            let r = tri!(self, fi, pc, entry, 'frame, ops::shl(a, b));
                            self.stack.push(r);
                        }
                    }
                    Op::Shr => {
                        if !int_binop(&mut self.stack, |x, y| x >> (y & 63)) {
                            let b = self.pop();
                            let a = self.pop();
                            let r = tri!(self, fi, pc, entry, 'frame, ops::shr(a, b));
                            self.stack.push(r);
                        }
                    }
                    Op::Neg => {
                        let a = self.pop();
                        let r = tri!(self, fi, pc, entry, 'frame, ops::neg(a));
                        self.stack.push(r);
                    }
                    Op::Compl => {
                        let a = self.pop();
                        let r = tri!(self, fi, pc, entry, 'frame, ops::compl(a));
                        self.stack.push(r);
                    }
                    Op::Not => {
                        // FluffOS: `!` of any non-int (even 0.0) is 0.
                        let a = self.pop();
                        let r = match a {
                            Value::Int(x) => x == 0,
                            Value::Undefined => true,
                            Value::Object(o) => o.is_destructed(),
                            _ => false,
                        };
                        self.stack.push(Value::Int(r as i64));
                    }
                    Op::Eq | Op::Ne => {
                        let want = op == Op::Eq;
                        if int_binop(&mut self.stack, |x, y| ((x == y) == want) as i64) {
                            continue;
                        }
                        let b = self.pop();
                        let a = self.pop();
                        let eq = match (&a, &b) {
                            (Value::Int(x), Value::Int(y)) => x == y,
                            _ => a.lpc_eq(&b),
                        };
                        self.stack.push(Value::Int((eq == (op == Op::Eq)) as i64));
                    }
                    Op::Lt | Op::Le | Op::Gt | Op::Ge => {
                        let cmp = match op {
                            Op::Lt => Cmp::Lt,
                            Op::Le => Cmp::Le,
                            Op::Gt => Cmp::Gt,
                            _ => Cmp::Ge,
                        };
                        if int_binop(&mut self.stack, |x, y| cmp.holds_int(x, y) as i64) {
                            continue;
                        }
                        let b = self.pop();
                        let a = self.pop();
                        let ord = match (&a, &b) {
                            (Value::Int(x), Value::Int(y)) => x.cmp(y),
                            _ => tri!(self, fi, pc, entry, 'frame, ops::compare(&a, &b, op_name(op))),
                        };
                        let r = match op {
                            Op::Lt => ord.is_lt(),
                            Op::Le => ord.is_le(),
                            Op::Gt => ord.is_gt(),
                            _ => ord.is_ge(),
                        };
                        self.stack.push(Value::Int(r as i64));
                    }
                    Op::Inc | Op::Dec => {
                        let a = self.pop();
                        let r = tri!(self, fi, pc, entry, 'frame, ops::inc(a, if op == Op::Inc { 1 } else { -1 }));
                        self.stack.push(r);
                    }

                    // ----- indexing -----
                    Op::Index | Op::IndexRev => {
                        let i = self.pop();
                        let c = self.pop();
                        let r = if op == Op::Index { ops::index_read(&c, &i) } else { ops::index(&c, &i, true) };
                        let r = tri!(self, fi, pc, entry, 'frame, r);
                        self.stack.push(r);
                    }
                    Op::IndexForStore(rev) => {
                        let i = self.pop();
                        let c = self.pop();
                        let r = tri!(self, fi, pc, entry, 'frame, ops::index_for_store(&c, &i, rev));
                        self.stack.push(r);
                    }
                    Op::IndexLocal(slot) => {
                        let i = self.pop();
                        let r = ops::index_read(&self.stack[base + slot as usize], &i);
                        let r = tri!(self, fi, pc, entry, 'frame, r);
                        self.stack.push(r);
                    }
                    Op::IndexLocalConst(slot, k) => {
                        let r = ops::index_read(&self.stack[base + slot as usize], &def.consts[k as usize]);
                        let r = tri!(self, fi, pc, entry, 'frame, r);
                        self.stack.push(r);
                    }
                    Op::Range(flags) => {
                        let to = self.pop();
                        let from = self.pop();
                        let c = self.pop();
                        let r = tri!(self, fi, pc, entry, 'frame, ops::range(&c, &from, &to, flags));
                        self.stack.push(r);
                    }
                    Op::SetIndex | Op::SetIndexRev => {
                        let v = self.pop();
                        let k = self.pop();
                        let mut c = self.pop();
                        if let Value::Str(_) = c {
                            tri!(self, fi, pc, entry, 'frame, Err::<(), _>(LpcError::new(
                                "Illegal lvalue: a character of a string that is not in a variable."
                            )));
                        }
                        tri!(self, fi, pc, entry, 'frame, ops::set_index(&mut c, k, v.clone(), op == Op::SetIndexRev));
                        self.stack.push(v);
                    }
                    Op::SetRange(flags) => {
                        let v = self.pop();
                        let to = self.pop();
                        let from = self.pop();
                        let mut c = self.pop();
                        let v = tri!(self, fi, pc, entry, 'frame, ops::range_rhs_for(&c, v));
                        if let Value::Str(_) = c {
                            tri!(self, fi, pc, entry, 'frame, Err::<(), _>(LpcError::new(
                                "Illegal lvalue: a range of a string that is not in a variable."
                            )));
                        }
                        tri!(self, fi, pc, entry, 'frame, ops::set_range(&mut c, &from, &to, flags, &v, false));
                        self.stack.push(v);
                    }
                    Op::SetIndexLocal(i) | Op::SetIndexRevLocal(i) => {
                        let v = self.pop();
                        let k = self.pop();
                        let rev = matches!(op, Op::SetIndexRevLocal(_));
                        let r = with_local(&mut self.stack[base + i as usize], |slot| {
                            ops::set_index(slot, k, v.clone(), rev)
                        });
                        tri!(self, fi, pc, entry, 'frame, r);
                        if let Value::Mapping(m) = &self.stack[base + i as usize] {
                            if m.len() > self.limits.max_mapping_size {
                                tri!(self, fi, pc, entry, 'frame, Err(LpcError::new("Maximum mapping size exceeded.")));
                            }
                        }
                        self.stack.push(v);
                    }
                    Op::SetRangeLocal(i, flags) => {
                        let v = self.pop();
                        let to = self.pop();
                        let from = self.pop();
                        let v = tri!(self, fi, pc, entry, 'frame, ops::range_rhs_for(&self.stack[base + i as usize], v));
                        let r = with_local(&mut self.stack[base + i as usize], |slot| {
                            ops::set_range(slot, &from, &to, flags, &v, true)
                        });
                        tri!(self, fi, pc, entry, 'frame, r);
                        self.stack.push(v);
                    }
                    Op::SetIndexGlobal(i) | Op::SetIndexRevGlobal(i) => {
                        let v = self.pop();
                        let k = self.pop();
                        let rev = matches!(op, Op::SetIndexRevGlobal(_));
                        let r = match obj.vars_mut().get_mut(vo + i as usize) {
                            Some(slot) => ops::set_index(slot, k, v.clone(), rev),
                            None => Ok(()),
                        };
                        tri!(self, fi, pc, entry, 'frame, r);
                        self.stack.push(v);
                    }
                    Op::SetRangeGlobal(i, flags) => {
                        let v = self.pop();
                        let to = self.pop();
                        let from = self.pop();
                        let v = match obj.vars().get(vo + i as usize) {
                            Some(c) => ops::range_rhs_for(c, v),
                            None => Ok(v),
                        };
                        let v = tri!(self, fi, pc, entry, 'frame, v);
                        let r = match obj.vars_mut().get_mut(vo + i as usize) {
                            Some(slot) => ops::set_range(slot, &from, &to, flags, &v, true),
                            None => Ok(()),
                        };
                        tri!(self, fi, pc, entry, 'frame, r);
                        self.stack.push(v);
                    }
                    Op::Member(i) => {
                        let inst = self.pop();
                        let r = match &inst {
                            Value::Class(c) => c.fields.borrow().get(i as usize).cloned().unwrap_or_default(),
                            v if v.is_zero() => {
                                tri!(self, fi, pc, entry, 'frame, Err(LpcError::new("Value being indexed is zero.")))
                            }
                            other => tri!(self, fi, pc, entry, 'frame, Err(LpcError::new(format!(
                                "Member access on a {} (not a class).",
                                other.type_name()
                            )))),
                        };
                        self.stack.push(r.live());
                    }
                    Op::SetMember(i) => {
                        let v = self.pop();
                        let inst = self.pop();
                        match &inst {
                            Value::Class(c) => {
                                if let Some(slot) = c.fields.borrow_mut().get_mut(i as usize) {
                                    *slot = v.clone();
                                }
                            }
                            other => tri!(self, fi, pc, entry, 'frame, Err(LpcError::new(format!(
                                "Member assignment on a {} (not a class).",
                                other.type_name()
                            )))),
                        }
                        self.stack.push(v);
                    }
                    Op::MemberByName(k) => {
                        let inst = self.pop();
                        let name = def.consts[k as usize].clone();
                        let r = member_by_name(&inst, &name);
                        let r = tri!(self, fi, pc, entry, 'frame, r);
                        self.stack.push(r.live());
                    }
                    Op::MemberOpt(k) => {
                        let inst = self.pop();
                        let name = def.consts[k as usize].clone();
                        let r = match &inst {
                            Value::Mapping(_) | Value::Class(_) => member_by_name(&inst, &name).unwrap_or_default(),
                            _ => Value::Undefined,
                        };
                        self.stack.push(r.live());
                    }
                    Op::IndexOpt => {
                        let k = self.pop();
                        let c = self.pop();
                        let r = match &c {
                            Value::Mapping(m) => m.get(&k).unwrap_or_default(),
                            _ => Value::Undefined,
                        };
                        self.stack.push(r.live());
                    }
                    Op::SetMemberByName(k) => {
                        let v = self.pop();
                        let mut inst = self.pop();
                        let name = def.consts[k as usize].clone();
                        let r = match &inst {
                            Value::Class(c) => match c.def.field_index(name.as_str().unwrap_or("")) {
                                Some(f) => {
                                    c.fields.borrow_mut()[f] = v.clone();
                                    Ok(())
                                }
                                None => Err(LpcError::new(format!("No member {} in class {}", name.as_str().unwrap_or(""), c.def.name))),
                            },
                            Value::Mapping(_) => ops::set_index(&mut inst, name, v.clone(), false),
                            other => Err(LpcError::new(format!("Member assignment on a {}.", other.type_name()))),
                        };
                        tri!(self, fi, pc, entry, 'frame, r);
                        self.stack.push(v);
                    }

                    // ----- control flow -----
                    Op::Jump(t) => pc = t as usize,
                    Op::JumpBack(t) => {
                        self.eval_left -= 1;
                        if self.eval_left < 0 {
                            self.eval_left = 0;
                            tri!(self, fi, pc, entry, 'frame, Err(LpcError::eval_cost()));
                        }
                        pc = t as usize;
                    }
                    Op::JumpIfFalse(t) => {
                        let f = match self.pop() {
                            Value::Int(x) => x == 0,
                            other => other.is_false(),
                        };
                        if f {
                            pc = t as usize;
                        }
                    }
                    Op::JumpIfTrue(t) => {
                        let f = match self.pop() {
                            Value::Int(x) => x == 0,
                            other => other.is_false(),
                        };
                        if !f {
                            pc = t as usize;
                        }
                    }
                    Op::AndJump(t) => {
                        if self.stack[self.stack.len() - 1].is_false() {
                            pc = t as usize;
                        } else {
                            self.stack.pop();
                        }
                    }
                    Op::OrJump(t) => {
                        if !self.stack[self.stack.len() - 1].is_false() {
                            pc = t as usize;
                        } else {
                            self.stack.pop();
                        }
                    }
                    Op::NullishJump(t) => {
                        if !self.stack[self.stack.len() - 1].is_undefined() {
                            pc = t as usize;
                        } else {
                            self.stack.pop();
                        }
                    }
                    Op::JumpCmp(cmp, t) => {
                        let n = self.stack.len();
                        if let [.., Value::Int(x), Value::Int(y)] = &self.stack[..] {
                            let holds = cmp.holds_int(*x, *y);
                            // SAFETY: both popped values are ints; nothing to drop.
                            unsafe { self.stack.set_len(n - 2) };
                            if holds {
                                pc = t as usize;
                            }
                            continue;
                        }
                        let b = self.pop();
                        let a = self.pop();
                        let holds = match (&a, &b) {
                            (Value::Int(x), Value::Int(y)) => cmp.holds_int(*x, *y),
                            _ => tri!(self, fi, pc, entry, 'frame, compare_values(cmp, &a, &b)),
                        };
                        if holds {
                            pc = t as usize;
                        }
                    }
                    Op::JumpLocalCmpInt(slot, cmp, imm, t) => {
                        let holds = match &self.stack[base + slot as usize] {
                            Value::Int(x) => cmp.holds_int(*x, imm as i64),
                            other => {
                                let a = other.clone();
                                tri!(self, fi, pc, entry, 'frame, compare_values(cmp, &a, &Value::Int(imm as i64)))
                            }
                        };
                        if holds {
                            pc = t as usize;
                        }
                    }
                    Op::Switch(t) => {
                        let v = self.pop();
                        let table = &def.switches[t as usize];
                        let target = match &v {
                            Value::Int(i) => table.ints.get(i).copied().or_else(|| {
                                table.ranges.iter().find(|(lo, hi, _)| lo <= i && i <= hi).map(|r| r.2)
                            }),
                            Value::Str(s) => table.strings.get(s).copied(),
                            v if v.is_zero() => table.zero.or_else(|| table.ints.get(&0).copied()),
                            _ => None,
                        };
                        pc = target.unwrap_or(table.default) as usize;
                    }

                    // ----- calls -----
                    Op::CallLocal(slot, n) => {
                        let n = if n == DYN_ARGS { self.dyn_nargs } else { n as usize };
                        let prog = self.frames[fi].prog.clone();
                        let entry_slot = &prog.ftable[(fo + slot as u32) as usize];
                        let fdef = match &entry_slot.def {
                            Some(d) => d.clone(),
                            None => tri!(self, fi, pc, entry, 'frame, Err(LpcError::new(format!(
                                "Undefined function {}",
                                entry_slot.name
                            )))),
                        };
                        let (nfo, nvo) = (entry_slot.fo, entry_slot.vo);
                        self.frames[fi].pc = pc as u32;
                        let prev = self.frames[fi].prev.clone();
                        tri!(self, fi, pc, entry, 'frame, self.push_frame(fdef, prog, obj.clone(), nfo, nvo, n, prev, false, false));
                        continue 'frame;
                    }
                    Op::CallSuper(k, n) => {
                        let n = if n == DYN_ARGS { self.dyn_nargs } else { n as usize };
                        let target = &def.supers[k as usize];
                        let prog = self.frames[fi].prog.clone();
                        self.frames[fi].pc = pc as u32;
                        let prev = self.frames[fi].prev.clone();
                        tri!(self, fi, pc, entry, 'frame, self.push_frame(
                            target.def.clone(),
                            prog,
                            obj.clone(),
                            fo + target.fo,
                            vo as u32 + target.vo,
                            n,
                            prev,
                            false,
                            false
                        ));
                        continue 'frame;
                    }
                    Op::CallEfun(idx, n) => {
                        let n = if n == DYN_ARGS { self.dyn_nargs } else { n as usize };
                        self.frames[fi].pc = pc as u32;
                        let r = tri!(self, fi, pc, entry, 'frame, self.call_efun(idx, n));
                        self.stack.push(r);
                    }
                    Op::CallSimul(k, n) => {
                        let n = if n == DYN_ARGS { self.dyn_nargs } else { n as usize };
                        self.frames[fi].pc = pc as u32;
                        let name = match &def.consts[k as usize] {
                            Value::Str(s) => s.clone(),
                            _ => LStr::empty(),
                        };
                        let sim = match &self.simul_efun {
                            Some(s) if !s.is_destructed() => s.clone(),
                            _ => tri!(self, fi, pc, entry, 'frame, Err(LpcError::new(format!(
                                "No simul_efun object for {}()",
                                name
                            )))),
                        };
                        let r = tri!(self, fi, pc, entry, 'frame, self.enter_named(&sim, &name, n, Some(obj.clone()), false, true));
                        match r {
                            Some(v) => self.stack.push(v),
                            None => continue 'frame,
                        }
                    }
                    Op::CallOther(k, n, cache) => {
                        let n = if n == DYN_ARGS { self.dyn_nargs } else { n as usize };
                        self.frames[fi].pc = pc as u32;
                        // A destructed object calls nothing (as FluffOS).
                        if obj.is_destructed() {
                            let keep = self.stack.len() - n - 1;
                            self.stack.truncate(keep);
                            self.stack.push(Value::Undefined);
                            continue;
                        }
                        let tpos = self.stack.len() - n - 1;
                        let target = std::mem::take(&mut self.stack[tpos]);
                        let name = match &def.consts[k as usize] {
                            Value::Str(s) => s.clone(),
                            _ => LStr::empty(),
                        };
                        if let Value::Array(targets) = target {
                            let args: Vec<Value> = self.stack.drain(tpos + 1..).collect();
                            self.stack.pop();
                            let r = tri!(self, fi, pc, entry, 'frame, self.call_other_array(&targets, &name, args));
                            self.stack.push(r);
                            continue;
                        }
                        let ob = tri!(self, fi, pc, entry, 'frame, self.resolve_target(&target));
                        self.stack.remove(tpos);
                        if ob.state().shadowed_by.is_some() {
                            let r = tri!(self, fi, pc, entry, 'frame, self.enter_named(&ob, &name, n, Some(obj.clone()), false, false));
                            match r {
                                Some(v) => self.stack.push(v),
                                None => continue 'frame,
                            }
                            continue;
                        }
                        let prog = ob.program();
                        let cell = &def.call_caches[cache as usize];
                        let (pid, cached) = cell.get();
                        let slot = if pid == prog.identity() {
                            cached
                        } else {
                            let s = match prog.find_function_lstr(&name) {
                                Some((s, e)) if e.is_public() && e.def.is_some() => s,
                                _ => u32::MAX,
                            };
                            cell.set((prog.identity(), s));
                            s
                        };
                        if slot == u32::MAX {
                            let l = self.stack.len() - n;
                            self.stack.truncate(l);
                            self.stack.push(Value::Undefined);
                            continue;
                        }
                        let e = &prog.ftable[slot as usize];
                        let (fdef, nfo, nvo) = (e.def.clone().expect("defined"), e.fo, e.vo);
                        tri!(self, fi, pc, entry, 'frame, self.push_frame(fdef, prog, ob, nfo, nvo, n, Some(obj.clone()), true, false));
                        continue 'frame;
                    }
                    Op::CallFunc(n) => {
                        let n = if n == DYN_ARGS { self.dyn_nargs } else { n as usize };
                        self.frames[fi].pc = pc as u32;
                        let fpos = self.stack.len() - n - 1;
                        let f = self.stack.remove(fpos);
                        let fp = match f {
                            Value::Function(fp) => fp,
                            other => {
                                let l = self.stack.len() - n;
                                self.stack.truncate(l);
                                tri!(self, fi, pc, entry, 'frame, Err(LpcError::new(format!(
                                    "Attempt to call a {} as a function.",
                                    other.type_name()
                                ))))
                            }
                        };
                        let r = tri!(self, fi, pc, entry, 'frame, self.enter_funcptr(&fp, n, false));
                        match r {
                            Some(v) => self.stack.push(v),
                            None => continue 'frame,
                        }
                    }
                    Op::ExpandArgs(fixed) => {
                        let v = self.pop();
                        let count = match v {
                            Value::Array(a) => {
                                let items = a.borrow();
                                self.stack.extend(items.iter().cloned());
                                items.len()
                            }
                            v if v.is_zero() => 0,
                            other => tri!(self, fi, pc, entry, 'frame, Err(LpcError::new(format!(
                                "Spread of a {} (not an array).",
                                other.type_name()
                            )))),
                        };
                        self.dyn_nargs = fixed as usize + count;
                    }
                    Op::Return | Op::ReturnZero => {
                        let ret = if op == Op::Return { self.pop() } else { Value::Int(0) };
                        let frame = self.frames.pop().expect("frame");
                        if self.tracer.is_some() {
                            self.trace_leave();
                        }
                        self.stack.truncate(frame.base as usize);
                        while let Some(c) = self.catches.last() {
                            if c.depth > self.frames.len() {
                                self.catches.pop();
                            } else {
                                break;
                            }
                        }
                        if !self.defers.is_empty() {
                            self.run_defers();
                        }
                        if frame.boundary {
                            return Ok(ret);
                        }
                        self.stack.push(ret);
                        continue 'frame;
                    }

                    // ----- constructors -----
                    Op::MakeArray(n) => {
                        if n as usize > self.limits.max_array_size {
                            tri!(self, fi, pc, entry, 'frame, Err(LpcError::new("Array size exceeded.")));
                        }
                        let at = self.stack.len() - n as usize;
                        let items = self.stack.split_off(at);
                        self.stack.push(Value::Array(Array::new(items)));
                    }
                    Op::MakeMapping(n) => {
                        let at = self.stack.len() - 2 * n as usize;
                        let m = Mapping::with_capacity(n as usize);
                        {
                            let mut t = m.borrow_mut();
                            let mut it = self.stack.drain(at..);
                            while let (Some(k), Some(v)) = (it.next(), it.next()) {
                                t.insert(k, v);
                            }
                        }
                        self.stack.push(Value::Mapping(m));
                    }
                    Op::NewClass(k) => {
                        let cdef = def.classes[k as usize].clone();
                        let at = self.stack.len() - cdef.fields.len();
                        let fields = self.stack.split_off(at);
                        self.stack.push(Value::Class(ClassInstance::new(cdef, fields)));
                    }
                    Op::FuncLocal(slot, nb) => {
                        let at = self.stack.len() - nb as usize;
                        let bound = self.stack.split_off(at);
                        self.stack.push(Value::Function(Rc::new(FunctionPtr {
                            kind: FunctionKind::Local { slot: fo + slot as u32, gen: obj.generation() },
                            owner: Some(obj.clone()),
                            bound_args: bound,
                        })));
                    }
                    Op::FuncEfun(idx, nb) => {
                        let at = self.stack.len() - nb as usize;
                        let bound = self.stack.split_off(at);
                        let name = self.efuns.get(idx).name;
                        self.stack.push(Value::Function(Rc::new(FunctionPtr {
                            kind: FunctionKind::Efun { index: idx, name },
                            owner: Some(obj.clone()),
                            bound_args: bound,
                        })));
                    }
                    Op::FuncSimul(k, nb) => {
                        let at = self.stack.len() - nb as usize;
                        let bound = self.stack.split_off(at);
                        let name = match &def.consts[k as usize] {
                            Value::Str(s) => s.clone(),
                            _ => LStr::empty(),
                        };
                        self.stack.push(Value::Function(Rc::new(FunctionPtr {
                            kind: FunctionKind::Simul { name },
                            owner: Some(obj.clone()),
                            bound_args: bound,
                        })));
                    }
                    Op::FuncAnon(k, nc) => {
                        let at = self.stack.len() - nc as usize;
                        let captured = self.stack.split_off(at);
                        self.stack.push(Value::Function(Rc::new(FunctionPtr {
                            kind: FunctionKind::Anonymous { def: def.anons[k as usize].clone(), fo, vo: vo as u32 },
                            owner: Some(obj.clone()),
                            bound_args: captured,
                        })));
                    }
                    Op::BindToCaller => {
                        let f = &self.frames[fi];
                        let caller = match (&f.origin, &f.prev) {
                            (super::calls::Origin::CallOther, Some(p)) if *p != obj && !p.is_destructed() => Some(p.clone()),
                            _ => None,
                        };
                        if let (Some(caller), Some(Value::Function(fp))) = (caller, self.stack.last()) {
                            let rebound = FunctionPtr { kind: fp.kind.clone(), owner: Some(caller), bound_args: fp.bound_args.clone() };
                            *self.stack.last_mut().expect("function") = Value::Function(Rc::new(rebound));
                        }
                    }
                    Op::FuncCallOther(nb) => {
                        let at = self.stack.len() - nb as usize;
                        let bound = self.stack.split_off(at);
                        let name = self.pop();
                        let target = self.pop();
                        let name = match name {
                            Value::Str(s) => s,
                            other => tri!(self, fi, pc, entry, 'frame, Err(LpcError::new(format!(
                                "Function name in (: ob, name :) must be a string, not {}.",
                                other.type_name()
                            )))),
                        };
                        self.stack.push(Value::Function(Rc::new(FunctionPtr {
                            kind: FunctionKind::CallOther { target, name },
                            owner: Some(obj.clone()),
                            bound_args: bound,
                        })));
                    }

                    // ----- exceptions -----
                    Op::CatchBegin(handler) => {
                        self.catches.push(CatchRecord {
                            depth: self.frames.len(),
                            stack_len: self.stack.len(),
                            handler,
                        });
                    }
                    Op::CatchEnd => {
                        self.catches.pop();
                        self.stack.push(Value::Int(0));
                    }

                    // ----- async functions -----
                    Op::AsyncBegin(handler) => self.async_begin(fi, handler),
                    Op::AsyncReturn | Op::AsyncFail => {
                        let ret = self.async_settle(fi, op == Op::AsyncFail);
                        match self.leave_frame(ret) {
                            Some(v) => return Ok(v),
                            None => continue 'frame,
                        }
                    }
                    Op::Await => {
                        if !matches!(self.stack.last(), Some(Value::Promise(_))) {
                            // Awaiting a plain value is a no-op.
                            continue;
                        }
                        self.frames[fi].pc = pc as u32;
                        let (ret, boundary) = tri!(self, fi, pc, entry, 'frame, self.park(fi));
                        if boundary {
                            return Ok(ret);
                        }
                        self.stack.push(ret);
                        continue 'frame;
                    }

                    // ----- foreach -----
                    Op::ForeachInit(h, by_ref) => {
                        let c = self.pop();
                        let h = base + h as usize;
                        let (coll, keys) = match c {
                            Value::Mapping(m) => {
                                let keys = Value::array(m.keys());
                                (Value::Mapping(m), keys)
                            }
                            // Strings are immutable, so the loop reads the
                            // value it was given; the keys slot says whether
                            // the loop variable is a ref.
                            Value::Str(s) => (Value::Str(s), Value::Int(by_ref as i64)),
                            Value::Array(a) => (Value::Array(a), Value::Int(0)),
                            // Bytes, in place (a ref loop variable writes back).
                            Value::Buffer(b) => (Value::Buffer(b), Value::Int(0)),
                            v if v.is_zero() => (Value::array(Vec::new()), Value::Int(0)),
                            other => tri!(self, fi, pc, entry, 'frame, Err(LpcError::new(format!(
                                "foreach() over a {}.",
                                other.type_name()
                            )))),
                        };
                        self.stack[h] = coll;
                        self.stack[h + 1] = keys;
                        self.stack[h + 2] = Value::Int(0);
                    }
                    Op::ForeachNext(h, two) => {
                        let h = base + h as usize;
                        let idx = self.stack[h + 2].as_int().unwrap_or(0) as usize;
                        let mut wide_ref = false;
                        let item = match &self.stack[h] {
                            Value::Array(a) => a.borrow().get(idx).map(|v| (Value::Int(idx as i64), v.clone())),
                            Value::Buffer(b) => b.borrow().get(idx).map(|v| (Value::Int(idx as i64), Value::Int(*v as i64))),
                            Value::Str(s) => match s.char_at(idx) {
                                Some(-1) if self.stack[h + 1].is_true() => {
                                    wide_ref = true;
                                    None
                                }
                                Some(c) => Some((Value::Int(idx as i64), Value::Int(c))),
                                None => None,
                            },
                            Value::Mapping(m) => match &self.stack[h + 1] {
                                Value::Array(keys) => keys.borrow().get(idx).map(|k| {
                                    let v = if two { m.get(k).unwrap_or_default() } else { Value::Undefined };
                                    (k.clone(), v)
                                }),
                                _ => None,
                            },
                            _ => None,
                        };
                        if wide_ref {
                            // A ref to a wide character fails as `s[i] = c` would.
                            let err = LpcError::new("Indexed character is multi-codepoint.");
                            tri!(self, fi, pc, entry, 'frame, Err::<(), _>(err));
                        }
                        let is_map = matches!(self.stack[h], Value::Mapping(_));
                        match item {
                            Some((k, v)) => {
                                self.stack[h + 2] = Value::Int(idx as i64 + 1);
                                if two {
                                    self.stack.push(k.live());
                                    self.stack.push(v.live());
                                } else if is_map {
                                    self.stack.push(k.live());
                                } else {
                                    self.stack.push(v.live());
                                }
                                self.stack.push(Value::Int(1));
                            }
                            None => self.stack.push(Value::Int(0)),
                        }
                    }
                    Op::ForeachStore(h) => {
                        let v = self.pop();
                        let h = base + h as usize;
                        let idx = self.stack[h + 2].as_int().unwrap_or(1) as usize - 1;
                        match &self.stack[h] {
                            Value::Array(a) => {
                                if let Some(slot) = a.borrow_mut().get_mut(idx) {
                                    *slot = v;
                                }
                            }
                            Value::Mapping(m) => {
                                if let Value::Array(keys) = &self.stack[h + 1] {
                                    // A key deleted during the loop stays deleted:
                                    // the write lands in the detached entry.
                                    if let Some(k) = keys.borrow().get(idx) {
                                        if m.contains_key(k) {
                                            m.insert(k.clone(), v);
                                        }
                                    }
                                }
                            }
                            Value::Buffer(b) => {
                                let byte = tri!(self, fi, pc, entry, 'frame, super::ops::buffer_byte(&v));
                                if let Some(slot) = b.borrow_mut().get_mut(idx) {
                                    *slot = byte;
                                }
                            }
                            // The loop's copy is never seen again, so a write
                            // only has to pass the checks `s[i] = c` makes.
                            Value::Str(_) => {
                                tri!(self, fi, pc, entry, 'frame, super::ops::string_char_value(&v));
                            }
                            _ => {}
                        }
                    }
                    Op::Unpack(n) => {
                        let v = self.pop();
                        let items = match &v {
                            Value::Array(a) => a.to_vec(),
                            _ => Vec::new(),
                        };
                        for i in 0..n as usize {
                            self.stack.push(items.get(i).cloned().unwrap_or(Value::Undefined));
                        }
                    }
                    Op::Nop => {}
                }
            }
        }
    }

    /// `({ a, b })->f(x)`: calls f in each element, results in an array.
    fn call_other_array(&mut self, targets: &Array, name: &LStr, args: Vec<Value>) -> VmResult<Value> {
        let items = targets.to_vec();
        let mut out = Vec::with_capacity(items.len());
        for t in items {
            let ob = match &t {
                Value::Object(o) if !o.is_destructed() => o.clone(),
                Value::Str(s) => self.load_object(s)?,
                _ => {
                    out.push(Value::Int(0));
                    continue;
                }
            };
            out.push(self.call_other(&ob, name, args.clone())?.unwrap_or(Value::Undefined));
        }
        Ok(Value::array(out))
    }
}

/// `a op b` in place on the top two stack values when both are ints.
#[inline(always)]
fn int_binop(stack: &mut Vec<Value>, f: impl Fn(i64, i64) -> i64) -> bool {
    let n = stack.len();
    if let [.., Value::Int(a), Value::Int(b)] = &mut stack[..] {
        *a = f(*a, *b);
        // SAFETY: the popped value is an int, which owns nothing.
        unsafe { stack.set_len(n - 1) };
        true
    } else {
        false
    }
}

/// `slot += v` without copying, for the cases that allow it. Returns false
/// when the general `+` must be used.
fn add_in_place(slot: &mut Value, v: &Value) -> bool {
    match (slot, v) {
        (Value::Int(x), Value::Int(y)) => {
            *x = x.wrapping_add(*y);
            true
        }
        (Value::Str(s), v) => match ops::concat_text(v) {
            Some(t) => {
                s.push_str(&t);
                true
            }
            None => false,
        },
        (Value::Array(a), Value::Array(b)) if a.is_unique() && !Array::ptr_eq(a, b) => {
            let extra = b.to_vec();
            a.borrow_mut().extend(extra);
            true
        }
        // `m += other` absorbs into m itself, so every alias sees it (FluffOS).
        (Value::Mapping(a), Value::Mapping(b)) => {
            if !Mapping::ptr_eq(a, b) {
                for (k, v) in b.pairs() {
                    a.insert(k, v);
                }
            }
            true
        }
        _ => false,
    }
}

/// Applies an edit to a local, following a `ref` argument.
fn with_local<T>(slot: &mut Value, f: impl FnOnce(&mut Value) -> VmResult<T>) -> VmResult<T> {
    match slot {
        Value::Ref(r) => {
            let r = r.clone();
            let mut inner = r.borrow_mut();
            f(&mut inner)
        }
        other => f(other),
    }
}

fn member_by_name(inst: &Value, name: &Value) -> VmResult<Value> {
    let field = name.as_str().unwrap_or("");
    match inst {
        Value::Class(c) => match c.def.field_index(field) {
            Some(i) => Ok(c.fields.borrow()[i].clone()),
            None => Err(LpcError::new(format!("No member {} in class {}", field, c.def.name))),
        },
        Value::Mapping(m) => Ok(m.get(name).unwrap_or_default()),
        // FluffOS's wording for `x.name` on anything else, zero included.
        _ => Err(LpcError::new("Tried to take a member of something that isn't a mapping.")),
    }
}

/// `a <cmp> b` for any values, as the separate operators would decide.
fn compare_values(cmp: Cmp, a: &Value, b: &Value) -> VmResult<bool> {
    Ok(match cmp {
        Cmp::Eq => a.lpc_eq(b),
        Cmp::Ne => !a.lpc_eq(b),
        Cmp::Lt => ops::compare(a, b, "<")?.is_lt(),
        Cmp::Le => ops::compare(a, b, "<=")?.is_le(),
        Cmp::Gt => ops::compare(a, b, ">")?.is_gt(),
        Cmp::Ge => ops::compare(a, b, ">=")?.is_ge(),
    })
}

fn op_name(op: Op) -> &'static str {
    match op {
        Op::Lt => "<",
        Op::Le => "<=",
        Op::Gt => ">",
        _ => ">=",
    }
}

#[cold]
fn unreachable_stack() -> ! {
    panic!("LPC value stack underflow (compiler bug)")
}
