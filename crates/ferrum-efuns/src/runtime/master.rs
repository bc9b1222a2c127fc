//! Asking the master object: applies and the `valid_*` permission checks.

use ferrum_vm::error::VmResult;
use ferrum_vm::{Value, Vm};

/// Calls an apply in the master; None when there is no master or it does
/// not define the function.
pub fn master_apply(vm: &mut Vm, name: &str, args: Vec<Value>) -> VmResult<Option<Value>> {
    match vm.master.clone() {
        Some(m) if !m.is_destructed() => vm.apply(&m, name, args),
        _ => Ok(None),
    }
}

/// A `valid_*` check. When the master does not define the apply the answer
/// is `missing` (FluffOS: file access is allowed, sockets are denied).
pub fn valid(vm: &mut Vm, apply: &str, args: Vec<Value>, missing: bool) -> VmResult<bool> {
    Ok(match master_apply(vm, apply, args)? {
        // A promise (an async helper's answer) is no permission.
        Some(v) => v.is_yes(),
        None => missing,
    })
}
