//! error() and throw().

use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{Value, Vm};

/// `error(msg)`: a runtime error; catch() sees "*msg\n".
pub fn error(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let msg = args[0].as_str().unwrap_or("");
    Err(LpcError::new(msg))
}

/// `throw(value)`: catch() returns the value itself.
pub fn throw(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Err(LpcError::throw(std::mem::take(&mut args[0])))
}
