//! `trace_start(file, secs)` / `trace_end()`: record LPC calls as a Chrome
//! trace (open the file in a browser's performance tools).

use super::paths::{resolve, Access};
use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::interp::trace::Tracer;
use ferrum_vm::{Value, Vm};
use std::time::Duration;

/// FluffOS's default for `auto_stop_sec`.
const DEFAULT_AUTO_STOP: i64 = 30;

/// `void trace_start(string file, int auto_stop_sec = 30)`. The file is
/// checked with `valid_write` now and written at `trace_end()`, after
/// `auto_stop_sec` seconds, or when the event limit is reached.
pub fn trace_start(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let file = args::string(args, 0)?.to_string();
    let secs = args::int_or(args, 1, DEFAULT_AUTO_STOP).max(1) as u64;
    let (_, disk) = resolve(vm, &file, Access::Write, "trace_start")?;
    let sink = Box::new(move |json: String| {
        if let Err(e) = std::fs::write(&disk, json) {
            eprintln!("ferrum: trace_start: cannot write {}: {}", disk.display(), e);
        }
    });
    vm.trace_start(Tracer::new(Duration::from_secs(secs), sink));
    Ok(Value::Int(0))
}

/// `void trace_end()`: stops recording and writes the file now.
pub fn trace_end(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    vm.trace_end();
    Ok(Value::Int(0))
}
