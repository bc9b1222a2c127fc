//! Driver debug output by area: `set_debug_level`, `clear_debug_level`,
//! `debug_levels`. An enabled area's messages go to stdout and, when the
//! config names one, the "debug log file" (set by the driver at boot).

use crate::args;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::Mapping;
use ferrum_vm::{Value, Vm};
use std::io::Write;
use std::path::PathBuf;

/// FluffOS's level names and bits.
pub const LEVELS: &[(&str, i64)] = &[
    ("call_out", 1 << 0),
    ("d_flag", 1 << 2),
    ("connections", 1 << 3),
    ("mapping", 1 << 4),
    ("sockets", 1 << 5),
    ("comp_func_tab", 1 << 6),
    ("LPC", 1 << 7),
    ("LPC_line", 1 << 8),
    ("event", 1 << 9),
    ("dns", 1 << 10),
    ("file", 1 << 11),
    ("add_action", 1 << 12),
    ("telnet", 1 << 13),
    ("websocket", 1 << 14),
];

/// The areas Ferrum reports on: call_outs run, players connecting and
/// leaving, socket callbacks.
pub const CALL_OUT: i64 = 1 << 0;
pub const CONNECTIONS: i64 = 1 << 3;
pub const SOCKETS: i64 = 1 << 5;

#[derive(Default)]
pub struct DebugLevels {
    mask: i64,
    /// The config's "debug log file", as a file on disk.
    pub log_file: Option<PathBuf>,
}

fn bit_of(name: &str) -> VmResult<i64> {
    LEVELS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, b)| *b)
        .ok_or_else(|| LpcError::new(format!("Unknown debug level: {}", name)))
}

/// Whether an area is being reported (cheap: one mask test).
pub fn enabled(vm: &mut Vm, level: i64) -> bool {
    vm.ext::<DebugLevels>().mask & level != 0
}

/// Reports `message` for `level` if that area is on.
pub fn debug(vm: &mut Vm, level: i64, message: impl FnOnce() -> String) {
    if !enabled(vm, level) {
        return;
    }
    let line = format!("[debug] {}\n", message());
    print!("{}", line);
    let _ = std::io::stdout().flush();
    if let Some(path) = vm.ext::<DebugLevels>().log_file.clone() {
        if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
            let _ = f.write_all(line.as_bytes());
        }
    }
}

/// `void set_debug_level(int mask | string name)`: an int replaces the
/// whole mask (0 turns everything off); a name turns that area on.
pub fn set_debug_level(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let mask = match &args[0] {
        Value::Str(name) => vm.ext::<DebugLevels>().mask | bit_of(name.as_str())?,
        _ => args::int(args, 0)?,
    };
    vm.ext::<DebugLevels>().mask = mask;
    Ok(Value::Int(0))
}

/// `void clear_debug_level(string name)`: turns one area off.
pub fn clear_debug_level(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let bit = bit_of(args::string(args, 0)?)?;
    vm.ext::<DebugLevels>().mask &= !bit;
    Ok(Value::Int(0))
}

/// `mapping debug_levels()`: each area's name → its bit when on, else 0.
pub fn debug_levels(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let mask = vm.ext::<DebugLevels>().mask;
    let m = Mapping::new();
    for (name, bit) in LEVELS {
        m.insert(Value::from(*name), Value::Int(mask & bit));
    }
    Ok(Value::Mapping(m))
}
