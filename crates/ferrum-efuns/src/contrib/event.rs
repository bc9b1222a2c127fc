//! event(): calling "event_<name>" in an object and its inventory, or in
//! a list of objects.

use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::{ObjectRef, Value, Vm};

/// `void event(object | object *target, string name, mixed args...)`:
/// calls `"event_" + name` with (this_object(), args...) as call_other
/// does: in a single target and then in everything in its inventory, or
/// in each object of an array (no inventories).
pub fn event(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let name = format!("event_{}", args::string(args, 1)?);
    let me = vm.this_object().map(Value::Object).unwrap_or(Value::Int(0));
    let mut call_args = vec![me];
    call_args.extend(args[2..].iter().cloned());
    let call = |vm: &mut Vm, ob: &ObjectRef| -> VmResult<()> {
        if !ob.is_destructed() {
            vm.call_other(ob, &name, call_args.clone())?;
        }
        Ok(())
    };
    match &args[0] {
        Value::Object(ob) => {
            let ob = ob.clone();
            call(vm, &ob)?;
            let inside: Vec<ObjectRef> = ob.state().inventory.clone();
            for item in &inside {
                call(vm, item)?;
            }
        }
        Value::Array(a) => {
            for v in a.to_vec() {
                if let Value::Object(ob) = v {
                    call(vm, &ob)?;
                }
            }
        }
        _ => {}
    }
    Ok(Value::Int(0))
}
