//! Test support for the file and save efuns: a VM whose mudlib is a
//! fresh temporary directory, hand-made objects with variables that run
//! an efun from inside (so `this_object()` is set), and masters whose
//! `valid_*` applies answer what a test wants.

use crate::runtime::paths::normalize;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::program::{fn_flags, FunctionDef, FunctionSlot, Inherit, Op, Program, VarInfo};
use ferrum_vm::value::{LStr, Value};
use ferrum_vm::{Host, ObjectRef, Type, Vm};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A mudlib in a temporary directory, removed when dropped.
pub struct TempHost {
    pub root: PathBuf,
    /// What the efuns sent to the driver log.
    pub logged: RefCell<Vec<String>>,
}

impl Drop for TempHost {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

impl Host for TempHost {
    fn compile(&self, _vm: &mut Vm, path: &str) -> VmResult<Rc<Program>> {
        Err(LpcError::new(format!("cannot compile {}", path)))
    }

    fn real_path(&self, path: &str) -> Option<PathBuf> {
        let norm = normalize(path)?;
        let full = self.root.join(norm.trim_start_matches('/'));
        match full.canonicalize() {
            Ok(real) => real.starts_with(&self.root).then_some(real),
            Err(_) => match full.parent().and_then(|p| p.canonicalize().ok()) {
                Some(parent) if parent.starts_with(&self.root) => Some(full),
                _ => None,
            },
        }
    }

    fn log(&self, text: &str) {
        self.logged.borrow_mut().push(text.to_string());
    }
}

impl TempHost {
    /// A file of the mudlib on disk.
    pub fn file(&self, rel: &str) -> PathBuf {
        self.root.join(rel.trim_start_matches('/'))
    }

    pub fn write(&self, rel: &str, data: &[u8]) {
        let p = self.file(rel);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(p, data).unwrap();
    }

    pub fn read(&self, rel: &str) -> Option<Vec<u8>> {
        std::fs::read(self.file(rel)).ok()
    }
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A VM over a new empty temporary mudlib (no master: everything is
/// allowed).
pub fn vm_with_mudlib() -> (Vm, Rc<TempHost>) {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("ferrum-efuns-files-{}-{}", std::process::id(), n));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let root = dir.canonicalize().unwrap();
    let host = Rc::new(TempHost {
        root,
        logged: RefCell::new(Vec::new()),
    });
    let vm = Vm::new(
        Rc::new(crate::standard_table()),
        host.clone() as Rc<dyn Host>,
    );
    (vm, host)
}

pub fn function_def(name: &str, params: u16, code: Vec<Op>, consts: Vec<Value>) -> Rc<FunctionDef> {
    Rc::new(FunctionDef {
        name: LStr::from(name),
        program_name: LStr::from("/test.c"),
        code,
        consts,
        switches: Vec::new(),
        lines: Vec::new(),
        files: Rc::new(Vec::new()),
        num_params: params,
        num_locals: params,
        flags: 0,
        return_type: Type::Mixed,
        param_types: vec![Type::Mixed; params as usize],
        ref_params: vec![false; params as usize],
        default_entry: Vec::new(),
        call_caches: Vec::new(),
        supers: Vec::new(),
        classes: Vec::new(),
        anons: Vec::new(),
    })
}

/// A function of a test program: name, parameter count, code, constants.
pub type TestFn<'a> = (&'a str, u16, Vec<Op>, Vec<Value>);

/// A variable declaration: name, type, var_flags.
pub fn var(name: &str, ty: Type, flags: u16) -> VarInfo {
    VarInfo {
        name: LStr::from(name),
        ty,
        flags,
    }
}

/// A program inheriting `parents` (their variables first) and declaring
/// `vars` and public functions `fns`.
pub fn program(
    name: &str,
    parents: Vec<Rc<Program>>,
    vars: Vec<VarInfo>,
    fns: Vec<TestFn>,
) -> Rc<Program> {
    let mut all_vars = Vec::new();
    let mut inherits = Vec::new();
    for p in parents {
        let vo = all_vars.len() as u32;
        all_vars.extend(p.vars.iter().cloned());
        inherits.push(Inherit {
            alias: String::new(),
            program: p,
            fo: 0,
            vo,
        });
    }
    let own_vars_start = all_vars.len() as u32;
    all_vars.extend(vars);
    let mut ftable = Vec::new();
    let mut fnames = FxHashMap::default();
    for (i, (fname, params, code, consts)) in fns.into_iter().enumerate() {
        fnames.insert(LStr::from(fname), i as u32);
        ftable.push(FunctionSlot {
            name: LStr::from(fname),
            flags: fn_flags::PUBLIC,
            def: Some(function_def(fname, params, code, consts)),
            fo: 0,
            vo: 0,
        });
    }
    Rc::new(Program { inherits, ftable, fnames, vars: all_vars, own_vars_start, ..Program::named(format!("{}.c", name)) })
}

/// `__run(a, b, ...)` calling efun `efun` with its `nargs` arguments.
pub fn runner(vm: &Vm, efun: &str, nargs: u16) -> TestFn<'static> {
    let (index, _) = vm.efuns.lookup(efun).expect("efun exists");
    let mut code: Vec<Op> = (0..nargs).map(Op::Local).collect();
    code.push(Op::CallEfun(index, nargs as u8));
    code.push(Op::Return);
    ("__run", nargs, code, Vec::new())
}

/// An object running efun `efun` (see `runner`) with the given variables.
pub fn object_running(
    vm: &mut Vm,
    name: &str,
    efun: &str,
    nargs: u16,
    vars: Vec<VarInfo>,
) -> ObjectRef {
    let run = runner(vm, efun, nargs);
    let prog = program(name, Vec::new(), vars, vec![run]);
    vm.new_object(LStr::from(name), prog, false)
        .expect("object")
}

/// Calls `__run` in `ob`; an error comes back as what `catch` gives.
pub fn run(vm: &mut Vm, ob: &ObjectRef, args: Vec<Value>) -> Result<Value, String> {
    match vm.call_other(ob, "__run", args) {
        Ok(v) => Ok(v.unwrap_or_default()),
        Err(e) => Err(match e.catch_value() {
            Value::Str(s) => s.to_string(),
            other => format!("{:?}", other),
        }),
    }
}

/// Runs efun `efun` from inside a fresh object; panics on error.
pub fn call_in(vm: &mut Vm, efun: &str, args: Vec<Value>) -> Value {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let ob = object_running(
        vm,
        &format!("/caller{}", n),
        efun,
        args.len() as u16,
        Vec::new(),
    );
    match run(vm, &ob, args) {
        Ok(v) => v,
        Err(e) => panic!("{}() failed: {}", efun, e),
    }
}

/// Like `call_in` for an efun that must fail: what `catch` gives.
pub fn call_in_err(vm: &mut Vm, efun: &str, args: Vec<Value>) -> String {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let ob = object_running(
        vm,
        &format!("/caller{}", n),
        efun,
        args.len() as u16,
        Vec::new(),
    );
    match run(vm, &ob, args) {
        Ok(v) => panic!("{}() should have failed, gave {:?}", efun, v),
        Err(e) => e,
    }
}

/// Installs a master whose `valid_read` and `valid_write` each return the
/// given constant, recording the path they were asked about in the
/// master's variables 0 (read) and 1 (write).
pub fn install_master(vm: &mut Vm, read: Value, write: Value) -> ObjectRef {
    // Record the path in a variable, then answer the constant.
    let code = |slot: u16| vec![Op::Local(0), Op::SetGlobal(slot), Op::Const(0), Op::Return];
    let prog = program(
        "/master",
        Vec::new(),
        vec![
            var("asked_read", Type::Mixed, 0),
            var("asked_write", Type::Mixed, 0),
        ],
        vec![
            ("valid_read", 3, code(0), vec![read]),
            ("valid_write", 3, code(1), vec![write]),
        ],
    );
    let master = vm
        .new_object(LStr::from("/master"), prog, false)
        .expect("master");
    vm.master = Some(master.clone());
    master
}

/// What the master was last asked: (valid_read path, valid_write path).
pub fn master_asked(master: &ObjectRef) -> (Value, Value) {
    let vars = master.vars();
    (vars[0].clone(), vars[1].clone())
}

/// True when `path` exists on disk.
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}
