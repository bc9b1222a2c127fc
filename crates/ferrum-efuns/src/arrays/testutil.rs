//! Helpers for the efun packages' unit tests: a VM with the standard efun
//! table, calls by name, function pointers, and tiny hand-assembled
//! objects to serve as callback targets.

use ferrum_vm::interp::NoHost;
use ferrum_vm::program::{fn_flags, FunctionDef, FunctionSlot, Op, Program};
use ferrum_vm::value::{FunctionKind, FunctionPtr, LStr, Value};
use ferrum_vm::{ObjectRef, Type, Vm};
use rustc_hash::FxHashMap;
use std::rc::Rc;

pub fn vm() -> Vm {
    Vm::new(Rc::new(crate::standard_table()), Rc::new(NoHost))
}

/// Calls an efun through the interpreter's checks; panics on error.
pub fn call(vm: &mut Vm, name: &str, args: Vec<Value>) -> Value {
    match vm.call_efun_by_name(name, args) {
        Ok(v) => v,
        Err(e) => panic!("{}() failed: {}", name, e.message()),
    }
}

/// Calls an efun that must fail; returns what `catch` would give.
pub fn call_err(vm: &mut Vm, name: &str, args: Vec<Value>) -> String {
    match vm.call_efun_by_name(name, args) {
        Ok(v) => panic!("{}() should have failed, gave {:?}", name, v),
        Err(e) => match e.catch_value() {
            Value::Str(s) => s.to_string(),
            other => format!("{:?}", other),
        },
    }
}

pub fn efun_ptr_owned(vm: &Vm, name: &str, owner: Option<ObjectRef>, bound: Vec<Value>) -> Value {
    let (index, def) = vm.efuns.lookup(name).expect("efun exists");
    Value::Function(Rc::new(FunctionPtr {
        kind: FunctionKind::Efun {
            index,
            name: def.name,
        },
        owner,
        bound_args: bound,
    }))
}

pub fn efun_ptr(vm: &Vm, name: &str) -> Value {
    efun_ptr_owned(vm, name, None, Vec::new())
}

pub fn function_def(name: &str, params: u16, code: Vec<Op>) -> Rc<FunctionDef> {
    Rc::new(FunctionDef {
        name: LStr::from(name),
        program_name: LStr::from("/test.c"),
        code,
        consts: Vec::new(),
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

/// An object whose program has the given public functions
/// (name, parameter count, code).
pub fn object_with(vm: &mut Vm, name: &str, fns: Vec<(&str, u16, Vec<Op>)>) -> ObjectRef {
    let mut ftable = Vec::new();
    let mut fnames = FxHashMap::default();
    for (i, (fname, params, code)) in fns.into_iter().enumerate() {
        fnames.insert(LStr::from(fname), i as u32);
        ftable.push(FunctionSlot {
            name: LStr::from(fname),
            flags: fn_flags::PUBLIC,
            def: Some(function_def(fname, params, code)),
            fo: 0,
            vo: 0,
        });
    }
    let program = Rc::new(Program { ftable, fnames, ..Program::named(format!("{}.c", name)) });
    vm.new_object(LStr::from(name), program, false)
        .expect("object")
}

pub fn object(vm: &mut Vm, name: &str) -> ObjectRef {
    object_with(vm, name, Vec::new())
}

/// A functional owned by `owner`: `(: code :)` taking `params` arguments.
pub fn lambda(owner: &ObjectRef, params: u16, code: Vec<Op>) -> Value {
    Value::Function(Rc::new(FunctionPtr {
        kind: FunctionKind::Anonymous {
            def: function_def("<functional>", params, code),
            fo: 0,
            vo: 0,
        },
        owner: Some(owner.clone()),
        bound_args: Vec::new(),
    }))
}

pub fn ints(v: &[i64]) -> Value {
    Value::array(v.iter().map(|&i| Value::Int(i)).collect())
}

pub fn int_vec(v: &Value) -> Vec<i64> {
    v.as_array()
        .expect("array")
        .to_vec()
        .iter()
        .map(|x| x.as_int().expect("int"))
        .collect()
}

pub fn float(v: &Value) -> f64 {
    match v {
        Value::Float(f) => *f,
        other => panic!("not a float: {:?}", other),
    }
}

/// An object with the given functions plus `__run(a, b, ...)`, which calls
/// the efun `efun` with its `nargs` arguments from inside the object (so
/// `this_object()` is set, as named callbacks need).
pub fn object_running(
    vm: &mut Vm,
    name: &str,
    efun: &str,
    nargs: u16,
    mut fns: Vec<(&str, u16, Vec<Op>)>,
) -> ObjectRef {
    let (index, _) = vm.efuns.lookup(efun).expect("efun exists");
    let mut code: Vec<Op> = (0..nargs).map(Op::Local).collect();
    code.push(Op::CallEfun(index, nargs as u8));
    code.push(Op::Return);
    fns.push(("__run", nargs, code));
    object_with(vm, name, fns)
}

/// Runs `__run` (see `object_running`).
pub fn run(vm: &mut Vm, ob: &ObjectRef, args: Vec<Value>) -> Result<Value, String> {
    match vm.call_other(ob, "__run", args) {
        Ok(v) => Ok(v.unwrap_or_default()),
        Err(e) => Err(match e.catch_value() {
            Value::Str(s) => s.to_string(),
            other => format!("{:?}", other),
        }),
    }
}
