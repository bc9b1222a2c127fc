//! Code generation: the syntax tree of one file to a `Program`.
//!
//! `ProgramBuilder` lays out the program: inherited function tables and
//! variables are copied in first (see `ferrum_vm::program` for the
//! flattening scheme), then this file's classes, variables and functions
//! are declared, and finally each function body is compiled by a
//! `FnCompiler` (`func.rs`, `stmt.rs`, `expr.rs`, `lvalue.rs`).

mod consts;
mod expr;
mod func;
mod lvalue;
mod stmt;
mod typecheck;

use crate::ast::*;
use crate::diag::Diagnostics;
use ferrum_vm::efun::EfunTable;
use ferrum_vm::program::{fn_flags, var_flags, ClassDef, FunctionSlot, Inherit, Program, VarInfo};
use ferrum_vm::{LStr, Type};
use func::FnCompiler;
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// What the compiler needs from the world around it.
pub trait CompileEnv {
    fn efuns(&self) -> &EfunTable;
    /// The program of an inherited file, loading it if needed.
    fn inherit(&mut self, path: &str, from: &str) -> Result<Rc<Program>, String>;
    /// `inherit`, knowing whether it was `private inherit` (the master's
    /// inherit_program apply is told).
    fn inherit_with(&mut self, path: &str, from: &str, _private: bool) -> Result<Rc<Program>, String> {
        self.inherit(path, from)
    }
    fn is_simul_efun(&self, name: &str) -> bool;
    /// Whether the simul_efun `name` is async (its calls give promises).
    fn is_async_simul_efun(&self, _name: &str) -> bool {
        false
    }
    /// `efun::name` in `file` (the source file holding the call, maybe an
    /// include) while compiling `mainfile`: is it allowed? (the master's
    /// `valid_override`, which FluffOS consults for every `efun::` call)
    fn valid_override(&mut self, _name: &str, _file: &str, _mainfile: &str) -> bool {
        true
    }
}

/// Signature facts the compiler uses at call sites (the return type gives
/// calls a static type; parameters are kept for type checks).
#[derive(Clone, Debug)]
#[allow(dead_code)]
pub(crate) struct Sig {
    pub ret: Type,
    pub params: Vec<Type>,
    pub ref_params: Vec<bool>,
}

pub(crate) struct ProgramBuilder {
    pub name: LStr,
    pub inherits: Vec<Inherit>,
    pub ftable: Vec<FunctionSlot>,
    pub sigs: Vec<Sig>,
    pub fnames: FxHashMap<LStr, u32>,
    pub vars: Vec<VarInfo>,
    pub var_lookup: FxHashMap<Rc<str>, u32>,
    pub own_vars_start: u32,
    pub classes: Vec<Rc<ClassDef>>,
    pub files: Rc<Vec<LStr>>,
}

impl ProgramBuilder {
    pub fn find_class(&self, name: &str) -> Option<&Rc<ClassDef>> {
        self.classes.iter().rev().find(|c| c.name == name)
    }

    /// The class a declared type names (`class foo`, `class foo *`) when no
    /// such class is defined yet: FluffOS rejects the declaration.
    pub fn undefined_class<'t>(&self, mut ty: &'t Type) -> Option<&'t str> {
        while let Type::Array(inner) = ty {
            ty = inner;
        }
        match ty {
            Type::Class(name) if self.find_class(name).is_none() => Some(name),
            _ => None,
        }
    }

    pub fn lookup_function(&self, name: &str) -> Option<u32> {
        self.fnames.get(&LStr::from(name)).copied()
    }
}

pub(crate) struct Ctx<'a> {
    pub prog: &'a ProgramBuilder,
    pub efuns: &'a EfunTable,
    pub simuls: &'a dyn Fn(&str) -> bool,
    pub async_simuls: &'a dyn Fn(&str) -> bool,
    /// `efun::name` uses, checked with the master after compiling.
    pub efun_overrides: std::cell::RefCell<Vec<(Rc<str>, crate::token::Span)>>,
}

fn type_name_of_path(path: &str) -> String {
    let base = path.rsplit('/').next().unwrap_or(path);
    ferrum_vm::interp::split_extension(base).0.to_string()
}

/// Compiles parsed declarations into a program. Errors go to `diags`;
/// `None` when there were any.
pub fn generate(path: &str, decls: &[Decl], env: &mut dyn CompileEnv, diags: &mut Diagnostics) -> Option<Program> {
    let files: Rc<Vec<LStr>> = Rc::new(diags.files.iter().map(|f| LStr::from(f.as_str())).collect());
    let mut b = ProgramBuilder {
        name: LStr::from(path),
        inherits: Vec::new(),
        ftable: Vec::new(),
        sigs: Vec::new(),
        fnames: FxHashMap::default(),
        vars: Vec::new(),
        var_lookup: FxHashMap::default(),
        own_vars_start: 0,
        classes: Vec::new(),
        files,
    };

    // 1. Inherits, in order.
    for d in decls {
        if let Decl::Inherit { path: ipath, modifiers, span } = d {
            let ipath_str = resolve_inherit_path(path, ipath);
            match env.inherit_with(&ipath_str, path, *modifiers & modifiers::PRIVATE != 0) {
                Ok(p) => add_inherit(&mut b, p, *modifiers),
                Err(e) => diags.error(*span, format!("cannot inherit {}: {}", ipath, e.trim_end())),
            }
        }
    }
    b.own_vars_start = b.vars.len() as u32;

    // 2. Classes, variables and function slots.
    let mut own_slots: Vec<(usize, u32)> = Vec::new(); // (decl index, slot)
    for (di, d) in decls.iter().enumerate() {
        match d {
            Decl::Class { name, fields, span } => {
                if b.classes.iter().any(|c| c.name == **name && !inherited_class(&b, name)) {
                    diags.error(*span, format!("class {} is already defined", name));
                }
                for (t, n) in fields {
                    // A member may name its own class (a linked list).
                    if let Some(c) = b.undefined_class(t).filter(|c| *c != &**name) {
                        diags.error(*span, format!("Undefined class '{}' for member '{}'", c, n));
                    }
                }
                let def = ClassDef { name: name.to_string(), fields: fields.iter().map(|(t, n)| (LStr::from(&**n), t.clone())).collect() };
                b.classes.push(Rc::new(def));
            }
            Decl::Vars(vars) => {
                for v in vars {
                    if let Some(c) = b.undefined_class(&v.ty) {
                        diags.error(v.span, format!("Undefined class '{}'", c));
                    }
                    let mut flags = 0;
                    if v.modifiers & modifiers::PRIVATE != 0 {
                        flags |= var_flags::PRIVATE;
                    }
                    if v.modifiers & modifiers::NOSAVE != 0 {
                        flags |= var_flags::NOSAVE;
                    }
                    if v.modifiers & modifiers::PROTECTED != 0 && v.modifiers & modifiers::NOSAVE == 0 {
                        flags |= var_flags::PROTECTED;
                    }
                    if let Some(&i) = b.var_lookup.get(&v.name) {
                        if i >= b.own_vars_start {
                            diags.error(v.span, format!("Redeclaration of global variable '{}'", v.name));
                            continue;
                        }
                    }
                    let idx = b.vars.len() as u32;
                    b.vars.push(VarInfo { name: LStr::from(&*v.name), ty: v.ty.clone(), flags });
                    b.var_lookup.insert(v.name.clone(), idx);
                }
            }
            Decl::Function(f) => {
                if let Some(slot) = declare_function(&mut b, f, diags) {
                    own_slots.push((di, slot));
                }
            }
            Decl::Inherit { .. } => {}
        }
    }

    // 3. Bodies.
    let simul_names = |n: &str| env.is_simul_efun(n);
    let async_simuls = |n: &str| env.is_async_simul_efun(n);
    let efuns = env.efuns();
    let mut compiled: Vec<(u32, Rc<ferrum_vm::program::FunctionDef>)> = Vec::new();
    let mut overrides = Vec::new();
    {
        let ctx = Ctx { prog: &b, efuns, simuls: &simul_names, async_simuls: &async_simuls, efun_overrides: Default::default() };
        for (di, slot) in &own_slots {
            if let Decl::Function(f) = &decls[*di] {
                if let Some(body) = &f.body {
                    let fc = FnCompiler::new(&ctx, diags, f.name.clone(), f.ret.clone(), f.span);
                    let def = fc.compile_function(&f.params, body, f.modifiers);
                    compiled.push((*slot, Rc::new(def)));
                }
            }
        }
        overrides.extend(ctx.efun_overrides.take());
    }
    for (slot, def) in compiled {
        let name = b.ftable[slot as usize].name.clone();
        b.ftable[slot as usize].def = Some(def.clone());
        // Overrides: inherited entries of the same name now run this body.
        for i in 0..b.ftable.len() {
            let e = &mut b.ftable[i];
            if i as u32 != slot && e.flags & fn_flags::INHERITED != 0 && e.flags & fn_flags::HIDDEN == 0 && e.name == name {
                e.def = Some(def.clone());
                e.fo = 0;
                e.vo = 0;
            }
        }
    }

    // 4. Variable initialisers.
    let inits: Vec<&GlobalVar> = decls
        .iter()
        .filter_map(|d| if let Decl::Vars(v) = d { Some(v) } else { None })
        .flatten()
        .filter(|v| v.init.is_some())
        .collect();
    let init = if inits.is_empty() {
        None
    } else {
        let ctx = Ctx { prog: &b, efuns, simuls: &simul_names, async_simuls: &async_simuls, efun_overrides: Default::default() };
        let fc = FnCompiler::new(&ctx, diags, Rc::from("__INIT"), Type::Void, inits[0].span);
        let def = fc.compile_initializers(&inits);
        overrides.extend(ctx.efun_overrides.take());
        Some(Rc::new(def))
    };
    for (name, span) in overrides {
        let file = diags.files.get(span.file as usize).cloned().unwrap_or_else(|| path.to_string());
        if !env.valid_override(&name, &file, path) {
            diags.error(span, format!("Invalid simulated efunction override: efun::{}", name));
        }
    }

    if diags.has_errors() {
        return None;
    }
    let source_files = diags.files.clone();
    Some(Program {
        name: b.name,
        inherits: b.inherits,
        ftable: b.ftable,
        fnames: b.fnames,
        vars: b.vars,
        own_vars_start: b.own_vars_start,
        classes: b.classes,
        init,
        source_files,
        includes: Vec::new(),
    })
}

fn inherited_class(b: &ProgramBuilder, name: &str) -> bool {
    b.inherits.iter().any(|i| i.program.classes.iter().any(|c| c.name == name))
}

/// `inherit "foo"` is relative to the mudlib root unless it starts with
/// "./" or "../" (then relative to the inheriting file).
fn resolve_inherit_path(from: &str, path: &str) -> String {
    if path.starts_with("./") || path.starts_with("../") {
        let dir = from.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        format!("{}/{}", dir, path)
    } else {
        path.to_string()
    }
}

fn add_inherit(b: &mut ProgramBuilder, p: Rc<Program>, mods: u16) {
    let fo = b.ftable.len() as u32;
    let vo = b.vars.len() as u32;
    for e in &p.ftable {
        let mut flags = e.flags | fn_flags::INHERITED;
        // What was private in the parent is invisible here.
        if e.flags & fn_flags::PRIVATE != 0 {
            flags |= fn_flags::HIDDEN;
        }
        if mods & modifiers::PRIVATE != 0 {
            flags |= fn_flags::PRIVATE;
        }
        if mods & modifiers::PROTECTED != 0 {
            flags |= fn_flags::PROTECTED;
        }
        let slot = b.ftable.len() as u32;
        if flags & fn_flags::HIDDEN == 0 && !b.fnames.contains_key(&e.name) {
            b.fnames.insert(e.name.clone(), slot);
        }
        b.sigs.push(match &e.def {
            Some(d) => Sig { ret: call_type(d.flags, &d.return_type), params: d.param_types.clone(), ref_params: d.ref_params.clone() },
            None => Sig { ret: Type::Mixed, params: Vec::new(), ref_params: Vec::new() },
        });
        b.ftable.push(FunctionSlot { name: e.name.clone(), flags, def: e.def.clone(), fo: fo + e.fo, vo: vo + e.vo });
    }
    for v in &p.vars {
        let mut flags = v.flags;
        if v.flags & var_flags::PRIVATE != 0 {
            flags |= var_flags::HIDDEN;
        }
        let idx = b.vars.len() as u32;
        if flags & var_flags::HIDDEN == 0 {
            b.var_lookup.entry(Rc::from(v.name.as_str())).or_insert(idx);
        }
        b.vars.push(VarInfo { name: v.name.clone(), ty: v.ty.clone(), flags });
    }
    for c in &p.classes {
        if !b.classes.iter().any(|x| x.name == c.name) {
            b.classes.push(c.clone());
        }
    }
    b.inherits.push(Inherit { alias: type_name_of_path(&p.name), program: p, fo, vo });
}

fn fn_flags_of(mods: u16, params: &[Param]) -> u16 {
    let mut flags = 0;
    if mods & modifiers::PRIVATE != 0 {
        flags |= fn_flags::PRIVATE;
    }
    if mods & modifiers::PROTECTED != 0 {
        flags |= fn_flags::PROTECTED;
    }
    if mods & modifiers::PUBLIC != 0 {
        flags |= fn_flags::PUBLIC;
    }
    if mods & modifiers::NOMASK != 0 {
        flags |= fn_flags::NOMASK;
    }
    if mods & modifiers::VARARGS != 0 {
        flags |= fn_flags::VARARGS;
    }
    if params.last().is_some_and(|p| p.rest) {
        flags |= fn_flags::REST;
    }
    if mods & modifiers::ASYNC != 0 {
        flags |= fn_flags::ASYNC;
    }
    flags
}

/// Gives a function declaration its slot. Returns the slot when this
/// declaration has a body to compile.
fn declare_function(b: &mut ProgramBuilder, f: &FunctionDecl, diags: &mut Diagnostics) -> Option<u32> {
    let key = LStr::from(&*f.name);
    let flags = fn_flags_of(f.modifiers, &f.params);
    if flags & fn_flags::ASYNC != 0 && OBJECT_APPLIES.contains(&&*f.name) {
        diags.error(f.span, format!("An apply cannot be async: {}() is called by the driver, which reads its result at once", f.name));
    } else if flags & fn_flags::ASYNC != 0 && MASTER_APPLIES.contains(&&*f.name) {
        diags.warning(f.span, format!("{}() is a master apply: if this is the master, the driver reads a promise, not its result", f.name));
    }
    let sig = Sig {
        ret: call_type(flags, &f.ret),
        params: f.params.iter().map(|p| p.ty.clone()).collect(),
        ref_params: f.params.iter().map(|p| p.by_ref).collect(),
    };
    let existing = b.fnames.get(&key).copied();
    match existing {
        Some(slot) if b.ftable[slot as usize].flags & fn_flags::INHERITED == 0 => {
            // A second declaration of our own function.
            let e = &mut b.ftable[slot as usize];
            if (e.flags ^ flags) & fn_flags::ASYNC != 0 {
                diags.error(f.span, format!("Declarations of {}() disagree about async", f.name));
                return None;
            }
            if f.body.is_some() {
                if e.flags & fn_flags::PROTOTYPE == 0 {
                    diags.error(f.span, format!("Redeclaration of function {}", f.name));
                    return None;
                }
                e.flags = flags;
                b.sigs[slot as usize] = sig;
                return Some(slot);
            }
            None
        }
        Some(slot) => {
            let inherited = &b.ftable[slot as usize];
            if f.body.is_none() {
                // A prototype of an inherited function declares nothing new.
                return None;
            }
            if (inherited.flags ^ flags) & fn_flags::ASYNC != 0 {
                diags.error(f.span, format!("{}() must agree with the inherited function it overrides about async", f.name));
                return None;
            }
            if inherited.flags & fn_flags::NOMASK != 0 {
                diags.error(f.span, format!("Illegal to redefine nomask function \"{}\"", f.name));
                return None;
            }
            let slot = new_slot(b, key, flags, sig);
            Some(slot)
        }
        None => {
            let proto = if f.body.is_none() { fn_flags::PROTOTYPE } else { 0 };
            let slot = new_slot(b, key, flags | proto, sig);
            if f.body.is_some() {
                Some(slot)
            } else {
                None
            }
        }
    }
}

/// The type a call expression has: an async function's call yields a
/// promise for what its body returns.
pub(crate) fn call_type(flags: u16, ret: &Type) -> Type {
    if flags & fn_flags::ASYNC == 0 {
        return ret.clone();
    }
    // `async T f()` gives a promise<T>; untyped or void ones a bare promise.
    match ret {
        Type::Unknown | Type::Void => Type::Promise,
        t => Type::PromiseOf(Box::new(t.clone())),
    }
}

/// Applies the driver calls on any object, reading the result at once.
const OBJECT_APPLIES: &[&str] = &[
    "create", "reset", "init", "clean_up", "heart_beat", "id", "move_or_destruct", "catch_tell", "receive_message",
    "logon", "net_dead", "reconnect", "process_input", "write_prompt", "terminal_type", "window_size",
    "receive_snoop", "telnet_suboption", "on_destruct",
];

/// Master applies: only the master object gets them, so on any other
/// object the name is free and `async` there is a warning, not an error
/// (as in FluffOS).
const MASTER_APPLIES: &[&str] = &[
    "connect", "compile_object", "crash", "creator_file", "epilog", "preload", "error_handler", "log_error", "flag",
    "get_root_uid", "get_bb_uid", "get_include_path", "include_file", "inherit_program", "object_name",
    "valid_bind", "valid_database", "valid_hide", "valid_link", "valid_override", "valid_read", "valid_write",
    "valid_seteuid", "valid_shadow", "valid_socket",
];

fn new_slot(b: &mut ProgramBuilder, name: LStr, flags: u16, sig: Sig) -> u32 {
    let slot = b.ftable.len() as u32;
    b.ftable.push(FunctionSlot { name: name.clone(), flags, def: None, fo: 0, vo: 0 });
    b.sigs.push(sig);
    b.fnames.insert(name, slot);
    slot
}
