//! The driver's limits and state as seen from LPC: set_eval_limit,
//! reset_eval_cost, eval_cost, max_eval_cost, origin, master.

use super::object_value;
use crate::args;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{Value, Vm};

/// `set_eval_limit(n)`: 0 starts a fresh budget and -1 reports what is
/// left, 1 reports the limit; any larger n becomes the limit. Each form
/// answers the limit it reports (or n).
pub fn set_eval_limit(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let n = args::int(args, 0)?;
    Ok(Value::Int(match n {
        0 => {
            vm.reset_eval_cost();
            vm.limits.max_eval_cost
        }
        -1 => vm.eval_left,
        1 => vm.limits.max_eval_cost,
        n if n < -1 => return Err(LpcError::new("Invalid number.")),
        n => {
            vm.limits.max_eval_cost = n;
            n
        }
    }))
}

/// `reset_eval_cost()`: a fresh budget; answers the limit.
pub fn reset_eval_cost(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    set_eval_limit(vm, &mut [Value::Int(0)])
}

/// `eval_cost()`: the budget left for this execution.
pub fn eval_cost(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    set_eval_limit(vm, &mut [Value::Int(-1)])
}

/// `max_eval_cost()`: the budget each execution starts with.
pub fn max_eval_cost(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    set_eval_limit(vm, &mut [Value::Int(1)])
}

/// `origin()`: how the running function was called: "driver", "local",
/// "call_other", "simul", "internal", "efun", "function pointer" or
/// "functional".
pub fn origin(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let name = vm.origin().map(|o| o.name()).unwrap_or("driver");
    Ok(Value::from(name))
}

/// `master()`: the master object, or 0.
pub fn master(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    Ok(object_value(vm.master.clone()))
}
