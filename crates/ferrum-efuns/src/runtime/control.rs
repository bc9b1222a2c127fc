//! Driver control from LPC: shutdown.

use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::{Value, Vm};

/// State the backend loop watches.
#[derive(Default)]
pub struct DriverControl {
    /// Set by `shutdown(code)`: the process exit status.
    pub shutdown: Option<i32>,
}

/// `shutdown([code])`: stops the driver after the current evaluation;
/// the code is the process exit status.
pub fn shutdown(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let code = args::int_or(args, 0, 0);
    vm.ext::<DriverControl>().shutdown = Some(code as i32);
    Ok(Value::Int(0))
}
