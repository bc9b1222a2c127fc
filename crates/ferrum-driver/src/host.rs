//! The driver's `Host`: compiling mudlib files on demand and sending
//! output where it belongs.

use crate::includes::MasterIncludes;
use crate::mudlib::Mudlib;
use std::cell::RefCell;
use ferrum_compiler::{compile, CompileEnv, CompileOptions};
use ferrum_vm::efun::EfunTable;
use ferrum_vm::program::fn_flags;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_efuns::runtime::master::{master_apply, valid};
use ferrum_vm::{Host, LStr, Program, Value, Vm};
use std::rc::Rc;

/// Macros every compilation sees.
pub fn predefines(efuns: &EfunTable) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = vec![
        ("MUDOS".into(), "1".into()),
        ("FLUFFOS".into(), "1".into()),
        ("__FERRUM__".into(), "1".into()),
        ("__VERSION__".into(), format!("\"ferrum {}\"", env!("CARGO_PKG_VERSION"))),
        ("__ARCH__".into(), format!("\"{}\"", std::env::consts::ARCH)),
        ("__PORT__".into(), "0".into()),
        ("MAX_INT".into(), i64::MAX.to_string()),
        // FluffOS's MIN_INT is -MAX_INT (its lexer saturates the literal).
        ("MIN_INT".into(), format!("({})", -i64::MAX)),
        ("MAX_FLOAT".into(), format!("{:.6}", f64::MAX)),
        ("MIN_FLOAT".into(), format!("{:.6}", f64::MIN_POSITIVE)),
        ("SIZEOFINT".into(), "8".into()),
        ("__LPC_SWITCH_RANGES__".into(), "1".into()),
    ];
    for p in efuns.packages() {
        v.push((format!("__PACKAGE_{}__", p.to_uppercase()), "1".into()));
        if *p == "db" {
            v.extend(ferrum_efuns::db::predefines());
        }
    }
    // Features a mudlib may test for by their absence.
    if efuns.lookup("add_action").is_none() {
        v.push(("__NO_ADD_ACTION__".into(), "1".into()));
    }
    if efuns.lookup("environment").is_none() {
        v.push(("__NO_ENVIRONMENT__".into(), "1".into()));
    }
    v
}

/// The compile environment during one compilation: inherits load objects
/// through the VM.
struct Env<'a, 'v> {
    /// Shared with the include resolver (the master's `include_file`
    /// apply); the two never run at the same moment.
    vm: &'a RefCell<&'v mut Vm>,
    efuns: Rc<EfunTable>,
    /// For programs whose source the master supplies (inherit_program).
    host: &'a DriverHost,
}

impl Env<'_, '_> {
    /// inherit_program() gave the source: the program is compiled from
    /// those lines and its blueprint loaded under the inherited name. A
    /// blueprint already loaded under that name is used as it is.
    fn inherit_from_source(&self, vm: &mut Vm, path: &str, lines: &[Value]) -> Result<Rc<Program>, String> {
        let name = ferrum_vm::interp::split_extension(path).0.to_string();
        if let Some(ob) = vm.find_object(&name) {
            return Ok(ob.program());
        }
        // Nothing to compile is refused, not an empty program.
        if lines.is_empty() {
            return Err(format!("inherit_program() gave no source for {}", path));
        }
        let mut source = String::new();
        for l in lines {
            match l.as_str() {
                Some(s) => {
                    source.push_str(s);
                    source.push('\n');
                }
                None => return Err(format!("inherit_program() gave a non-string source line for {}", path)),
            }
        }
        let program = self.host.compile_source(vm, &format!("{}.c", name), &source).map_err(|e| e.message())?;
        let ob = vm.new_object(LStr::from(name.as_str()), program, false).map_err(|e| e.message())?;
        vm.call_create(&ob, Vec::new()).map_err(|e| e.message())?;
        Ok(ob.program())
    }
}

impl CompileEnv for Env<'_, '_> {
    fn efuns(&self) -> &EfunTable {
        &self.efuns
    }

    fn inherit(&mut self, path: &str, from: &str) -> Result<Rc<Program>, String> {
        self.inherit_with(path, from, false)
    }

    fn inherit_with(&mut self, path: &str, from: &str, private: bool) -> Result<Rc<Program>, String> {
        // The master may redirect or refuse an inherit:
        // `inherit_program(from, path, private)` returns the path to use or
        // the program's source lines; a missing apply keeps the path; any
        // other answer refuses.
        let args = vec![Value::from(from), Value::from(path), Value::Int(private as i64)];
        let mut vm = self.vm.borrow_mut();
        let path = match master_apply(&mut vm, "inherit_program", args) {
            Ok(Some(Value::Str(p))) => p.to_string(),
            Ok(None) => path.to_string(),
            Ok(Some(Value::Array(lines))) => {
                let lines: Vec<Value> = lines.borrow().iter().cloned().collect();
                return self.inherit_from_source(&mut vm, path, &lines);
            }
            Ok(Some(_)) => return Err(format!("The master does not allow inheriting {}", path)),
            Err(e) => return Err(e.message()),
        };
        match vm.load_object(&path) {
            Ok(ob) => Ok(ob.program()),
            Err(e) => Err(e.message()),
        }
    }

    fn valid_override(&mut self, name: &str, file: &str, mainfile: &str) -> bool {
        // The simul_efun object itself may always reach the real efun.
        let mut vm = self.vm.borrow_mut();
        if vm.simul_efun.as_ref().is_some_and(|s| s.name().as_str() == ferrum_vm::interp::split_extension(mainfile).0) {
            return true;
        }
        // FluffOS passes the calling file as an object name (leading slash,
        // no extension) and the compiled file as it is named.
        let slashed = |p: &str| if p.starts_with('/') { p.to_string() } else { format!("/{}", p) };
        // Only the basename's last extension goes (".h" of an include too).
        let base_start = file.rfind('/').map_or(0, |i| i + 1);
        let stem = match file[base_start..].rfind('.') {
            Some(dot) if dot > 0 => &file[..base_start + dot],
            _ => file,
        };
        let object_name = slashed(stem);
        let args = vec![Value::from(object_name), Value::from(name), Value::from(slashed(mainfile))];
        valid(&mut vm, "valid_override", args, true).unwrap_or(false)
    }

    fn is_simul_efun(&self, name: &str) -> bool {
        match &self.vm.borrow().simul_efun {
            Some(s) if !s.is_destructed() => s.program_ref().find_function(name).is_some_and(|(_, f)| f.is_public()),
            _ => false,
        }
    }

    fn is_async_simul_efun(&self, name: &str) -> bool {
        match &self.vm.borrow().simul_efun {
            Some(s) if !s.is_destructed() => s.program_ref().find_function(name).is_some_and(|(_, f)| f.flags & fn_flags::ASYNC != 0),
            _ => false,
        }
    }
}

pub struct DriverHost {
    pub mudlib: Mudlib,
    pub global_include: Option<String>,
    /// Macros from the config (MUD_NAME, behaviour switches).
    pub config_predefines: Vec<(String, String)>,
    /// "noninteractive stderr write": output with no user goes to stderr
    /// with a "]" prefix, as FluffOS does.
    pub stderr_write: bool,
    /// "mudlib error handler": the master's error_handler also sees errors
    /// a catch() stops.
    pub report_caught: bool,
    /// Set while error_handler runs for a caught error (no recursion).
    in_error_handler: std::cell::Cell<bool>,
    /// Where compile errors and warnings are reported.
    pub log: Box<dyn Fn(&str)>,
}

impl DriverHost {
    /// Whether an object path has a source file.
    fn source_exists(&self, path: &str) -> bool {
        source_candidates(path).iter().any(|f| self.mudlib.exists(f))
    }

    pub fn new(mudlib: Mudlib) -> DriverHost {
        DriverHost {
            mudlib,
            global_include: None,
            config_predefines: Vec::new(),
            stderr_write: false,
            report_caught: false,
            in_error_handler: std::cell::Cell::new(false),
            log: Box::new(|s| eprint!("{}", s)),
        }
    }

    /// Compiles source text under a mudlib path.
    /// Include directories for one file: the master's
    /// `get_include_path(file)` when it has one (":DEFAULT:" stands for the
    /// config's list), else the config's list.
    fn include_dirs_for(&self, vm: &mut Vm, path: &str) -> Vec<String> {
        let defaults = self.mudlib.include_dirs.clone();
        match master_apply(vm, "get_include_path", vec![Value::from(path)]) {
            Ok(Some(Value::Array(a))) => a
                .to_vec()
                .into_iter()
                .filter_map(|v| v.as_str().map(|s| s.to_string()))
                .flat_map(|d| if d == ":DEFAULT:" { defaults.clone() } else { vec![d] })
                .collect(),
            _ => defaults,
        }
    }

    pub fn compile_source(&self, vm: &mut Vm, path: &str, source: &str) -> VmResult<Rc<Program>> {
        let efuns = vm.efuns.clone();
        let files = Mudlib { root: self.mudlib.root.clone(), include_dirs: self.include_dirs_for(vm, path) };
        let vm = RefCell::new(vm);
        let resolver = MasterIncludes { files: &files, vm: &vm, compiled: path };
        let mut macros = predefines(&efuns);
        macros.extend(self.config_predefines.iter().cloned());
        let opts = CompileOptions {
            resolver: &resolver,
            predefines: macros,
            global_include: self.global_include.clone(),
        };
        let mut env = Env { vm: &vm, efuns: efuns.clone(), host: self };
        let compiled = compile(path, source, &mut env, &opts);
        let vm = &mut **env.vm.borrow_mut();
        let report = compiled.diagnostics.render_all();
        // The master's log_error sees every compile diagnostic.
        if let Some(master) = vm.master.clone().filter(|m| !m.is_destructed()) {
            for d in &compiled.diagnostics.list {
                let file = compiled.diagnostics.file_name(d.span.file).trim_start_matches('/').to_string();
                let line = format!("{}\n", compiled.diagnostics.render(d));
                let _ = vm.apply(&master, "log_error", vec![ferrum_vm::Value::from(file), ferrum_vm::Value::from(line)]);
            }
        }
        match compiled.program {
            Some(p) => {
                // Warnings of a successful compile; errors travel in the error.
                if !report.is_empty() {
                    (self.log)(&report);
                }
                Ok(Rc::new(p))
            }
            None => Err(LpcError::new(format!(
                "Error in loading object '{}':\n{}",
                ferrum_vm::interp::split_extension(path).0,
                report.trim_end()
            ))),
        }
    }
}

impl Host for DriverHost {
    fn write(&self, _vm: &mut Vm, text: &str) {
        use std::io::Write;
        if self.stderr_write {
            let mut err = std::io::stderr().lock();
            for line in text.split_inclusive('\n') {
                let _ = err.write_all(b"]");
                let _ = err.write_all(line.as_bytes());
            }
        } else {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
        }
    }

    fn caught_error(&self, vm: &mut Vm, err: &LpcError) {
        if !self.report_caught || self.in_error_handler.get() {
            return;
        }
        self.in_error_handler.set(true);
        let mapping = ferrum_efuns::runtime::errors::error_mapping(vm, err);
        let _ = master_apply(vm, "error_handler", vec![Value::Mapping(mapping), Value::Int(1)]);
        self.in_error_handler.set(false);
    }

    /// New objects get their uids from the master (`creator_file`, when it
    /// has one) and are scheduled for reset and clean_up.
    fn object_created(&self, vm: &mut Vm, ob: &ferrum_vm::ObjectRef) -> VmResult<()> {
        let has_creator_file = vm
            .master
            .as_ref()
            .is_some_and(|m| !m.is_destructed() && m.program_ref().find_function("creator_file").is_some());
        if has_creator_file {
            ferrum_efuns::objects::uids::give_uid_to_object(vm, ob)?;
        }
        vm.ext::<crate::periodic::Periodic>().schedule(ob);
        ferrum_efuns::stats::mudlib_stats::object_created(vm, ob)
    }

    fn object_destructed(&self, vm: &mut Vm, ob: &ferrum_vm::ObjectRef) {
        vm.ext::<ferrum_efuns::runtime::callouts::CallOuts>().remove_object(ob);
        vm.ext::<ferrum_efuns::runtime::heartbeat::HeartBeats>().remove(ob);
        ferrum_efuns::sockets::owner_destructed(vm, ob);
        ferrum_efuns::interactive::object_destructed(vm, ob);
        ferrum_efuns::commands::object_destructed(vm, ob);
        ferrum_efuns::stats::mudlib_stats::object_destructed(vm, ob);
        ferrum_efuns::external::handles::owner_destructed(vm, ob);
        ferrum_efuns::ed::object_destructed(vm, ob);
    }

    /// A file that does not exist may be a virtual object: the master's
    /// `compile_object(path)` returns an object, which takes that name.
    fn compile_virtual(&self, vm: &mut Vm, path: &str, args: Vec<Value>) -> VmResult<Option<ferrum_vm::ObjectRef>> {
        let mut all = vec![Value::from(path)];
        all.extend(args);
        match master_apply(vm, "compile_object", all)? {
            Some(Value::Object(ob)) if !ob.is_destructed() => Ok(Some(ob)),
            _ => Ok(None),
        }
    }

    fn missing_object(&self, vm: &mut Vm, path: &str) -> VmResult<Option<ferrum_vm::ObjectRef>> {
        // Only a file that does not exist is the master's to make (a
        // source with errors stays an error), as in FluffOS.
        if self.source_exists(path) {
            return Ok(None);
        }
        match master_apply(vm, "compile_object", vec![Value::from(path)])? {
            Some(Value::Object(ob)) if !ob.is_destructed() => {
                if ob.name().as_str() != path {
                    vm.rename_object(&ob, path)?;
                }
                ob.set_flag(ferrum_vm::object::obj_flags::VIRTUAL, true);
                vm.apply(&ob, "virtual_start", vec![])?;
                Ok(Some(ob))
            }
            _ => Ok(None),
        }
    }

    fn real_path(&self, path: &str) -> Option<std::path::PathBuf> {
        self.mudlib.real_path(path)
    }

    fn log(&self, text: &str) {
        (self.log)(text);
    }

    fn compile(&self, vm: &mut Vm, path: &str) -> VmResult<Rc<Program>> {
        for file in &source_candidates(path) {
            if let Some(source) = self.mudlib.read(file) {
                return self.compile_source(vm, file, &source);
            }
        }
        Err(LpcError::new(format!("Failed to load file: {}", path)))
    }
}

/// The files an object path may be compiled from: the exact file when an
/// extension is given, else each source extension in order.
fn source_candidates(path: &str) -> Vec<String> {
    match ferrum_vm::interp::split_extension(path) {
        (_, Some(_)) => vec![path.to_string()],
        (base, None) => ferrum_vm::interp::SOURCE_EXTENSIONS.iter().map(|e| format!("{}{}", base, e)).collect(),
    }
}
