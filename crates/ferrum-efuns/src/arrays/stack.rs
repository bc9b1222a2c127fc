//! The array mutators of FluffOS's core package: push_array, pop_array,
//! shift_array, unshift_array.
//!
//! FluffOS declares their array argument `mixed *&` and changes that
//! array in place. Ferrum's arrays are shared by reference, so changing the
//! array the argument holds is the same thing: every variable holding it
//! sees the change (`ref` at the call site is accepted too).

use crate::args;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::Value;
use ferrum_vm::{efun, Vm};

pub const EFUNS: &[EfunSpec] = &[
    efun!("int push_array(mixed *, mixed)", push_array),
    efun!("mixed pop_array(mixed *)", pop_array),
    efun!("mixed shift_array(mixed *)", shift_array),
    efun!("int unshift_array(mixed *, mixed)", unshift_array),
];

fn grow(vm: &Vm, args: &mut [Value], at_front: bool) -> VmResult<Value> {
    let array = args::array(args, 0)?;
    let item = args::take(args, 1);
    if array.len() + 1 > vm.limits.max_array_size {
        return Err(LpcError::new("Array size exceeded."));
    }
    let mut items = array.borrow_mut();
    if at_front {
        items.insert(0, item);
    } else {
        items.push(item);
    }
    Ok(Value::from(items.len()))
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
    let array = args::array(args, 0)?;
    let last = array.borrow_mut().pop();
    Ok(last.unwrap_or(Value::Undefined))
}

/// `mixed shift_array(mixed *arr)`: removes and returns the first element
/// (undefined when the array is empty).
pub fn shift_array(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let array = args::array(args, 0)?;
    let mut items = array.borrow_mut();
    if items.is_empty() {
        return Ok(Value::Undefined);
    }
    Ok(items.remove(0))
}
