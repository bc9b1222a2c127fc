//! The array mutators of FluffOS's core package: push_array, pop_array,
//! shift_array, unshift_array.
//!
//! FluffOS declares their array argument `mixed * ref`: the compiler
//! passes an lvalue argument as its reference cell. An array nobody else
//! holds is changed in place; a shared one is copied and only the passed
//! variable (or element) is rebound, so other holders keep the array they
//! had ("changing the size of an array always makes a new one").

use crate::args;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::{Array, Value};
use ferrum_vm::{efun, Vm};

pub const EFUNS: &[EfunSpec] = &[
    efun!("int push_array(mixed * ref, mixed)", push_array),
    efun!("mixed pop_array(mixed * ref)", pop_array),
    efun!("mixed shift_array(mixed * ref)", shift_array),
    efun!("int unshift_array(mixed * ref, mixed)", unshift_array),
];

/// Holders of an array passed by reference when nothing else shares it:
/// the variable (or element) it came from and the reference cell.
const UNSHARED: usize = 2;

/// Runs `change` on the array argument: in place when unshared, otherwise
/// on a copy that the reference is rebound to.
fn reshape<R>(args: &[Value], change: impl FnOnce(&mut Vec<Value>) -> VmResult<R>) -> VmResult<R> {
    match &args[0] {
        Value::Ref(cell) => {
            let array = match &*cell.borrow() {
                Value::Array(a) => a.clone(),
                v => return Err(bad_target(v)),
            };
            // `array` is one more holder while it is looked at here.
            if array.ref_count() <= UNSHARED + 1 {
                return change(&mut array.borrow_mut());
            }
            let mut items = array.to_vec();
            let r = change(&mut items)?;
            *cell.borrow_mut() = Value::Array(Array::new(items));
            Ok(r)
        }
        // Not an lvalue: the array itself is changed.
        _ => change(&mut args::array(args, 0)?.borrow_mut()),
    }
}

fn bad_target(v: &Value) -> LpcError {
    LpcError::new(format!("Bad argument 1: expected an array, got {}.", v.type_name()))
}

/// A destructed object leaves the array as undefined, as indexing reads it.
fn live(v: Value) -> Value {
    match v {
        Value::Object(o) if o.is_destructed() => Value::Undefined,
        v => v,
    }
}

fn grow(vm: &Vm, args: &mut [Value], at_front: bool) -> VmResult<Value> {
    let item = args::take(args, 1);
    let max = vm.limits.max_array_size;
    reshape(args, |items| {
        if items.len() + 1 > max {
            return Err(LpcError::new("Array size exceeded."));
        }
        if at_front {
            items.insert(0, item);
        } else {
            items.push(item);
        }
        Ok(Value::from(items.len()))
    })
}

/// `int push_array(mixed *arr, mixed v)`: appends `v`; the new size.
pub fn push_array(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    grow(vm, args, false)
}

/// `int unshift_array(mixed *arr, mixed v)`: puts `v` first; the new size.
pub fn unshift_array(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    grow(vm, args, true)
}

/// `mixed pop_array(mixed *arr)`: removes and returns the last element
/// (undefined when the array is empty).
pub fn pop_array(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    if is_empty(args) {
        return Ok(Value::Undefined);
    }
    reshape(args, |items| Ok(live(items.pop().unwrap_or(Value::Undefined))))
}

/// `mixed shift_array(mixed *arr)`: removes and returns the first element
/// (undefined when the array is empty).
pub fn shift_array(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    if is_empty(args) {
        return Ok(Value::Undefined);
    }
    reshape(args, |items| Ok(live(items.remove(0))))
}

/// An empty array is left alone (no copy is made for a no-op).
fn is_empty(args: &[Value]) -> bool {
    matches!(args[0].clone().deref(), Value::Array(a) if a.is_empty())
}
