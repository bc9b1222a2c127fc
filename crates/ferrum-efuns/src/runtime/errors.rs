//! error(), throw(), and reporting errors nobody caught to the master.

use super::master::master_apply;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{Mapping, Value, Vm};

/// `error(msg)`: a runtime error; catch() sees "*msg\n".
pub fn error(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let msg = args[0].as_str().unwrap_or("");
    Err(LpcError::new(msg))
}

/// `throw(value)`: catch() returns the value itself.
pub fn throw(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Err(LpcError::throw(std::mem::take(&mut args[0])))
}

/// The mapping FluffOS's `error_handler(mapping, int caught)` receives:
/// error, program, object, line, trace (one mapping per frame).
pub fn error_mapping(vm: &Vm, err: &LpcError) -> Mapping {
    let m = Mapping::new();
    m.insert(Value::from("error"), Value::from(format!("*{}\n", err.message().trim_end_matches('\n'))));
    let trace = err.trace();
    if let Some(top) = trace.first() {
        m.insert(Value::from("program"), Value::Str(top.program.clone()));
        m.insert(Value::from("file"), Value::from(top.file.as_str()));
        m.insert(Value::from("line"), Value::Int(top.line as i64));
        let ob = vm.find_object(top.object.as_str()).map(Value::Object).unwrap_or(Value::Int(0));
        m.insert(Value::from("object"), ob);
    }
    let frames: Vec<Value> = trace
        .iter()
        .map(|f| {
            let fm = Mapping::new();
            fm.insert(Value::from("function"), Value::Str(f.function.clone()));
            fm.insert(Value::from("program"), Value::Str(f.program.clone()));
            fm.insert(Value::from("file"), Value::Str(f.file.clone()));
            fm.insert(Value::from("line"), Value::Int(f.line as i64));
            let ob = vm.find_object(f.object.as_str()).map(Value::Object).unwrap_or(Value::Int(0));
            fm.insert(Value::from("object"), ob);
            Value::Mapping(fm)
        })
        .collect();
    m.insert(Value::from("trace"), Value::array(frames));
    m
}

/// Reports an error that escaped every catch (in a call_out, heart beat,
/// socket callback, ...): the master's `error_handler(mapping, 0)` when it
/// has one, else the driver log. Errors inside the handler itself are
/// logged, never propagated: nothing else may stop.
pub fn report_uncaught(vm: &mut Vm, err: &LpcError) {
    let mapping = error_mapping(vm, err);
    if let Some(Value::Object(ob)) = mapping.get_str("object") {
        crate::stats::mudlib_stats::count_error(vm, &ob);
    }
    vm.reset_eval_cost();
    match master_apply(vm, "error_handler", vec![Value::Mapping(mapping), Value::Int(0)]) {
        Ok(Some(Value::Str(s))) => vm.host.clone().log(&s),
        Ok(Some(_)) => {}
        Ok(None) => vm.host.clone().log(&err.report()),
        Err(e2) => {
            let host = vm.host.clone();
            host.log(&format!("Error in error_handler: {}", e2.report()));
            host.log(&err.report());
        }
    }
}

/// Runs a callback from the driver (not from LPC): a fresh evaluation
/// budget, and errors reported instead of returned.
pub fn run_guarded<T>(vm: &mut Vm, f: impl FnOnce(&mut Vm) -> VmResult<T>) -> Option<T> {
    vm.reset_eval_cost();
    match f(vm) {
        Ok(v) => Some(v),
        Err(e) => {
            report_uncaught(vm, &e);
            None
        }
    }
}
