//! `ferrum run FILE.c [ARGS...]`: run one LPC file as a script.
//!
//! The file's directory is the mudlib root. A built-in master allows what
//! a script needs. `main(string *args)` is called when it exists; its int
//! result is the exit status. An uncaught error prints the error and its
//! trace on stderr and exits with status 1.

use crate::backend::{Backend, Until};
use crate::host::DriverHost;
use crate::mudlib::Mudlib;
use ferrum_vm::{Host, LpcError, Value, Vm};
use std::path::Path;
use std::rc::Rc;
use std::time::Duration;

const RUN_MASTER: &str = include_str!("lpc/run_master.c");

/// A VM over a mudlib root with the standard efuns and the built-in
/// script master.
pub fn script_vm(root: &Path, include_dirs: &[&str]) -> Result<Vm, LpcError> {
    let mut mudlib = Mudlib::new(root);
    for d in include_dirs {
        mudlib.include_dirs.push(d.to_string());
    }
    let host = Rc::new(DriverHost::new(mudlib));
    let efuns = Rc::new(ferrum_efuns::standard_table());
    let mut vm = Vm::new(efuns, host.clone() as Rc<dyn Host>);
    let program = host.compile_source(&mut vm, "/__ferrum_run_master.c", RUN_MASTER)?;
    let master = vm.new_object("/__ferrum_run_master".into(), program, false)?;
    vm.master = Some(master);
    Ok(vm)
}

/// Runs a script; returns the process exit status.
pub fn run(file: &Path, args: &[String]) -> i32 {
    let file = match file.canonicalize() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("ferrum: cannot open {}: {}", file.display(), e);
            return 1;
        }
    };
    let root = file.parent().unwrap_or(Path::new("/")).to_path_buf();
    let name = format!("/{}", file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
    let mut vm = match script_vm(&root, &[]) {
        Ok(vm) => vm,
        Err(e) => {
            eprint!("{}", e.report());
            return 1;
        }
    };
    let code = match run_main(&mut vm, &name, args) {
        Ok(code) => code,
        Err(e) => {
            eprint!("{}", e.report());
            1
        }
    };
    // Pending call_outs (and, later, open sockets) keep the script alive;
    // shutdown(code) ends it with that code.
    let code = match Backend::new(Duration::from_millis(2000)).run(&mut vm, Until::Idle) {
        0 => code,
        c => c,
    };
    use std::io::Write;
    let _ = std::io::stdout().flush();
    code
}

fn run_main(vm: &mut Vm, name: &str, args: &[String]) -> Result<i32, LpcError> {
    vm.reset_eval_cost();
    let ob = vm.load_object(name)?;
    vm.reset_eval_cost();
    let argv = Value::array(args.iter().map(|a| Value::from(a.as_str())).collect());
    let result = vm.apply(&ob, "main", vec![argv])?;
    Ok(match result {
        Some(Value::Int(i)) => i as i32,
        _ => 0,
    })
}
