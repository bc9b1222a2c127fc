//! Facts about the running driver: get_config, uptime, dump_trace,
//! debug_message.

use super::errors::error_mapping;
use crate::args;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{bail, Value, Vm};
use std::time::Instant;

/// What the driver tells LPC about itself; filled in at boot.
pub struct DriverInfo {
    pub started: Instant,
    /// get_config() values by FluffOS's index (runtime_config.h).
    pub config: Vec<(i64, Value)>,
}

impl Default for DriverInfo {
    fn default() -> Self {
        DriverInfo { started: Instant::now(), config: Vec::new() }
    }
}

/// `get_config(index)`: a config value by its runtime_config.h number.
pub fn get_config(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let i = args::int(args, 0)?;
    let info = vm.ext::<DriverInfo>();
    match info.config.iter().find(|(k, _)| *k == i) {
        Some((_, v)) => Ok(v.clone()),
        None if (0..256).contains(&i) => Ok(Value::from("")),
        None if (256..512).contains(&i) => Ok(Value::Int(0)),
        None => bail!("Bad argument 1 to get_config()"),
    }
}

/// `uptime()`: seconds since the driver started.
pub fn uptime(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::Int(vm.ext::<DriverInfo>().started.elapsed().as_secs() as i64))
}

/// `debug_message(msg)`: a line on the driver's log.
pub fn debug_message(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let msg = args::string(args, 0)?.to_string();
    vm.host.clone().log(&format!("{}\n", msg.trim_end_matches('\n')));
    Ok(Value::Int(0))
}

/// `dump_trace()`: the current call stack, innermost last, as mappings
/// with function, program, object, file and line (FluffOS's trace format).
pub fn dump_trace(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let mut err = LpcError::new("dump_trace");
    vm.attach_trace(&mut err);
    match error_mapping(vm, &err).get_str("trace") {
        Some(Value::Array(frames)) => {
            let mut v = frames.to_vec();
            v.reverse();
            Ok(Value::array(v))
        }
        _ => Ok(Value::array(Vec::new())),
    }
}
