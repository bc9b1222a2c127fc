//! Facts about the running driver: get_config/set_config, uptime, dump_trace,
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

/// `set_config(index, value)`: changes what get_config(index) reports
/// until the driver stops; string settings are 0..255, numbers 256..511.
/// Settings the driver reads only at boot keep their boot value.
pub fn set_config(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let i = args::int(args, 0)?;
    let value = std::mem::take(&mut args[1]);
    let fits = match i {
        0..=255 => matches!(value, Value::Str(_)),
        256..=511 => matches!(value, Value::Int(_)),
        _ => bail!("Bad argument 1 to set_config()"),
    };
    if !fits {
        bail!("Bad argument 2 to set_config()");
    }
    // The size and cost limits take effect at once (FluffOS reads them
    // from the config on every check); numbers are get_config()'s.
    if let Value::Int(n) = value {
        let n = n.max(1);
        let l = &mut vm.limits;
        match i {
            264 => l.max_eval_cost = n,
            266 => l.max_call_depth = n as usize,
            267 => l.max_array_size = n as usize,
            268 => l.max_buffer_size = n as usize,
            269 => l.max_mapping_size = n as usize,
            270 => l.max_string_length = n as usize,
            _ => {}
        }
    }
    let info = vm.ext::<DriverInfo>();
    match info.config.iter_mut().find(|(k, _)| *k == i) {
        Some((_, v)) => *v = value,
        None => info.config.push((i, value)),
    }
    Ok(Value::Int(0))
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
