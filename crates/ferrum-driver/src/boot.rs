//! `ferrum CONFIG [-fFLAG ...]`: boot a FluffOS-style mudlib and run it.
//!
//! Order, as FluffOS: read the config; load the simul_efun object and the
//! master; ask the master's `epilog()` for files to `preload()`; call
//! `flag()` for each -f option; open the ports; run the backend loop until
//! `shutdown(code)`, whose code is the exit status.

use crate::backend::{Backend, Until};
use crate::config::Config;
use crate::host::DriverHost;
use crate::mudlib::Mudlib;
use crate::periodic::Periodic;
use ferrum_efuns::runtime::control::DriverControl;
use ferrum_efuns::runtime::errors::run_guarded;
use ferrum_efuns::runtime::master::master_apply;
use ferrum_vm::{Host, Value, Vm};
use std::path::Path;
use std::rc::Rc;
use std::time::Duration;

/// A configured VM: mudlib, limits, master and simul_efun loaded.
pub fn start_vm(config: &Config) -> Result<Vm, String> {
    let root = config.path("mudlib directory").ok_or("config has no 'mudlib directory'")?;
    if !root.is_dir() {
        return Err(format!("mudlib directory {} does not exist", root.display()));
    }
    let mut mudlib = Mudlib::new(&root);
    mudlib.include_dirs = config.include_dirs();
    let mut host = DriverHost::new(mudlib);
    host.global_include = config.get("global include file").map(|s| s.to_string());
    host.config_predefines = config.predefines();
    host.stderr_write = config.int("noninteractive stderr write").is_some_and(|v| v != 0);
    host.report_caught = config.int("mudlib error handler").is_some_and(|v| v != 0);
    // FluffOS writes its logs there; mudlibs expect it to exist.
    if let Some(log) = config.get("log directory") {
        if let Some(dir) = host.mudlib.real_path(log) {
            let _ = std::fs::create_dir_all(dir);
        }
    }
    let host = Rc::new(host);
    let efuns = Rc::new(ferrum_efuns::standard_table());
    let mut vm = Vm::new(efuns, host.clone() as Rc<dyn Host>);
    apply_limits(&mut vm, config);
    vm.ext::<ferrum_efuns::runtime::driver_info::DriverInfo>().config = config.get_config_table();
    // Debug output (set_debug_level) also goes to "debug log file", which
    // FluffOS keeps in the log directory.
    if let Some(name) = config.get("debug log file").filter(|s| !s.is_empty()) {
        let dir = config.get("log directory").unwrap_or("/log").trim_end_matches('/').to_string();
        let path = format!("{}/{}", dir, name.trim_start_matches('/'));
        vm.ext::<ferrum_efuns::runtime::debug_levels::DebugLevels>().log_file = host.mudlib.real_path(&path);
    }
    {
        let explode = vm.ext::<ferrum_efuns::strings::explode::ExplodeConfig>();
        explode.sane = config.int("sane explode string").is_some_and(|v| v != 0);
        explode.reversible = config.int("reversible explode string").is_some_and(|v| v != 0);
    }
    vm.ext::<ferrum_efuns::external::ExternalCommands>().commands =
        config.external_cmds.iter().map(|(n, p)| (*n as i64, p.clone())).collect();
    {
        let files = vm.ext::<ferrum_efuns::files::FileLimits>();
        if let Some(n) = config.int("maximum read file size").filter(|n| *n > 0) {
            files.max_read_file_size = n as usize;
        }
        if let Some(n) = config.int("maximum byte transfer").filter(|n| *n > 0) {
            files.max_byte_transfer = n as usize;
        }
    }
    {
        let p = vm.ext::<Periodic>();
        p.reset_every = config.int("time to reset").filter(|t| *t > 0).map(|t| Duration::from_secs(t as u64));
        p.clean_up_after = config.int("time to clean up").filter(|t| *t > 0).map(|t| Duration::from_secs(t as u64));
    }
    if let Some(sim) = config.get("simulated efun file").filter(|s| !s.is_empty()) {
        vm.reset_eval_cost();
        let ob = vm.load_object(sim).map_err(|e| format!("cannot load simul_efun {}: {}", sim, e.report()))?;
        vm.simul_efun = Some(ob);
    }
    let master_file = config.get("master file").ok_or("config has no 'master file'")?;
    vm.reset_eval_cost();
    let master = vm.load_object(master_file).map_err(|e| format!("cannot load master {}: {}", master_file, e.report()))?;
    vm.master = Some(master.clone());
    ferrum_efuns::objects::uids::master_loaded(&mut vm, &master)
        .map_err(|e| format!("master {}: {}", master_file, e.report()))?;
    Ok(vm)
}

fn apply_limits(vm: &mut Vm, config: &Config) {
    let l = &mut vm.limits;
    if let Some(v) = config.int("maximum evaluation cost").filter(|v| *v > 0) {
        l.max_eval_cost = v;
    }
    if let Some(v) = config.int("maximum call depth").filter(|v| *v > 0) {
        l.max_call_depth = v as usize;
    }
    if let Some(v) = config.int("maximum array size").filter(|v| *v > 0) {
        l.max_array_size = v as usize;
    }
    if let Some(v) = config.int("maximum mapping size").filter(|v| *v > 0) {
        l.max_mapping_size = v as usize;
    }
    if let Some(v) = config.int("maximum string length").filter(|v| *v > 0) {
        l.max_string_length = v as usize;
    }
    if let Some(v) = config.int("maximum buffer size").filter(|v| *v > 0) {
        l.max_buffer_size = v as usize;
    }
    if let Some(v) = config.int("max suspended async functions").filter(|v| *v >= 0) {
        l.max_suspended_async = v as usize;
    }
    vm.eval_left = vm.limits.max_eval_cost;
}

/// epilog() / preload(): the master names files to load at start-up.
fn preload(vm: &mut Vm) {
    let list = run_guarded(vm, |vm| master_apply(vm, "epilog", vec![Value::Int(0)])).flatten();
    if let Some(Value::Array(files)) = list {
        for f in files.to_vec() {
            if let Value::Str(_) = f {
                run_guarded(vm, |vm| master_apply(vm, "preload", vec![f.clone()]));
            }
        }
    }
}

/// The driver failed inside: give the master's `crash(error, player,
/// object)` a chance to save what it can, then stop.
fn crash(vm: &mut Vm, what: &str) {
    eprintln!("ferrum: driver crash: {}", what);
    let player = vm.command_giver.clone().map(Value::Object).unwrap_or(Value::Int(0));
    let current = vm.this_object().map(Value::Object).unwrap_or(Value::Int(0));
    vm.reset_eval_cost();
    let args = vec![Value::from(what), player, current];
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| master_apply(vm, "crash", args)));
    if !matches!(r, Ok(Ok(_))) {
        eprintln!("ferrum: the master's crash() failed too");
    }
}

/// Boots a mudlib; returns the process exit status.
pub fn run(config_path: &Path, flags: &[String]) -> i32 {
    let text = match std::fs::read_to_string(config_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("ferrum: cannot read config {}: {}", config_path.display(), e);
            return 1;
        }
    };
    let base = config_path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let config = Config::parse(&text, &base);
    for w in &config.warnings {
        eprintln!("ferrum: {}: {}", config_path.display(), w);
    }
    let mut vm = match start_vm(&config) {
        Ok(vm) => vm,
        Err(e) => {
            eprintln!("ferrum: {}", e.trim_end());
            return 1;
        }
    };
    preload(&mut vm);
    ferrum_efuns::async_pkg::drain(&mut vm);
    for f in flags {
        run_guarded(&mut vm, |vm| master_apply(vm, "flag", vec![Value::from(f.as_str())]));
        // What the flag settled is delivered now that it has returned.
        ferrum_efuns::async_pkg::drain(&mut vm);
    }
    // A flag may have shut the driver down already (e.g. -ftest): then no
    // port opens.
    if vm.ext::<DriverControl>().shutdown.is_none() {
        let mudlib = Mudlib::new(&config.path("mudlib directory").unwrap_or_default());
        if let Err(e) = crate::ports::open_all(&mut vm, &config, &mudlib) {
            eprintln!("ferrum: {}", e);
            return 1;
        }
    }
    let heartbeat = config.int("heartbeat interval msec").filter(|v| *v > 0).unwrap_or(2000);
    let mut backend = Backend::new(Duration::from_millis(heartbeat as u64));
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| backend.run(&mut vm, Until::Shutdown)));
    let code = match run {
        Ok(code) => code,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "driver panic".to_string());
            crash(&mut vm, &what);
            1
        }
    };
    use std::io::Write;
    let _ = std::io::stdout().flush();
    code
}
