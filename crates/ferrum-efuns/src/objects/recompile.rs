//! `recompile_object`: a program updated in place under its live objects.

use super::object_arg;
use ferrum_vm::error::VmResult;
use ferrum_vm::{Value, Vm};

/// `int recompile_object(object master_copy)`: compiles the object's
/// source again and swaps the program into it and its clones, keeping
/// their variables by name; the number of objects updated.
pub fn recompile_object(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_arg(args, 0, "recompile_object")?;
    Ok(Value::Int(vm.recompile_object(&ob)?))
}
