//! The function compiler: emission, labels, locals and scopes, and the
//! assembly of a `FunctionDef`.

use super::Ctx;
use crate::ast::*;
use crate::diag::Diagnostics;
use crate::token::Span;
use ferrum_vm::program::{fn_flags, ClassDef, FunctionDef, LineEntry, Op, SuperTarget, SwitchTable};
use ferrum_vm::{LStr, Type, Value};
use rustc_hash::FxHashMap;
use std::cell::Cell;
use std::rc::Rc;

#[derive(Clone, Debug)]
pub(crate) struct LocalInfo {
    pub name: Name,
    pub slot: u16,
    pub ty: Type,
    /// A `ref` parameter: reads and writes go through the reference.
    pub by_ref: bool,
    /// A `foreach (ref x in ...)` variable: writes also go to the element.
    pub foreach_ref: Option<u16>,
}

pub(crate) struct LoopCtx {
    pub breaks: Vec<usize>,
    pub continues: Vec<usize>,
    pub is_switch: bool,
    pub catch_depth: u32,
}

/// Extra state while compiling a functional or anonymous function.
pub(crate) struct FunctionalCtx {
    /// `$(expr)` nodes (by address) -> their captured slot.
    pub captures: FxHashMap<usize, u16>,
    /// Slot of `$1`.
    pub dollar_base: u16,
    pub max_dollar: u32,
    /// `(: ... :)` (true) allows `$N`; `function() {}` does not.
    pub allows_dollars: bool,
}

pub(crate) struct FnCompiler<'a, 'd> {
    pub ctx: &'a Ctx<'a>,
    pub diags: &'d mut Diagnostics,
    pub name: Name,
    pub ret: Type,
    pub span: Span,
    pub code: Vec<Op>,
    pub consts: Vec<Value>,
    const_strs: FxHashMap<Rc<str>, u32>,
    pub switches: Vec<SwitchTable>,
    lines: Vec<LineEntry>,
    last_line: (u16, u32),
    scopes: Vec<Vec<LocalInfo>>,
    next_slot: u16,
    max_slot: u16,
    pub loops: Vec<LoopCtx>,
    pub call_caches: u16,
    pub supers: Vec<SuperTarget>,
    pub classes: Vec<Rc<ClassDef>>,
    pub anons: Vec<Rc<FunctionDef>>,
    pub functional: Option<FunctionalCtx>,
    /// catch, acatch and time_expression nesting (break/continue may not
    /// leave them).
    pub catch_depth: u32,
    /// catch and time_expression nesting: no `await` inside.
    pub sync_catch_depth: u32,
    /// Compiling an async function body (`await` allowed).
    pub is_async: bool,
    /// Compiling a default argument's functional, where FluffOS allows no
    /// local declarations.
    pub in_default_arg: bool,
}

impl<'a, 'd> FnCompiler<'a, 'd> {
    pub fn new(ctx: &'a Ctx<'a>, diags: &'d mut Diagnostics, name: Name, ret: Type, span: Span) -> Self {
        FnCompiler {
            ctx,
            diags,
            name,
            ret,
            span,
            code: Vec::new(),
            consts: Vec::new(),
            const_strs: FxHashMap::default(),
            switches: Vec::new(),
            lines: Vec::new(),
            last_line: (u16::MAX, 0),
            scopes: vec![Vec::new()],
            next_slot: 0,
            max_slot: 0,
            loops: Vec::new(),
            call_caches: 0,
            supers: Vec::new(),
            classes: Vec::new(),
            anons: Vec::new(),
            functional: None,
            catch_depth: 0,
            sync_catch_depth: 0,
            in_default_arg: false,
            is_async: false,
        }
    }

    // ----- emission -----

    pub fn emit(&mut self, op: Op) -> usize {
        self.code.push(op);
        self.code.len() - 1
    }

    pub fn here(&self) -> usize {
        self.code.len()
    }

    /// Points the jump at `at` to `target`.
    pub fn patch(&mut self, at: usize, target: usize) {
        let t = target as u32;
        self.code[at] = match self.code[at] {
            Op::Jump(_) => Op::Jump(t),
            Op::JumpBack(_) => Op::JumpBack(t),
            Op::JumpIfFalse(_) => Op::JumpIfFalse(t),
            Op::JumpIfTrue(_) => Op::JumpIfTrue(t),
            Op::AndJump(_) => Op::AndJump(t),
            Op::OrJump(_) => Op::OrJump(t),
            Op::NullishJump(_) => Op::NullishJump(t),
            Op::CatchBegin(_) => Op::CatchBegin(t),
            Op::AsyncBegin(_) => Op::AsyncBegin(t),
            Op::JumpCmp(c, _) => Op::JumpCmp(c, t),
            Op::JumpLocalCmpInt(s, c, k, _) => Op::JumpLocalCmpInt(s, c, k, t),
            other => panic!("patching a non-jump {:?}", other),
        };
    }

    pub fn patch_here(&mut self, at: usize) {
        let h = self.here();
        self.patch(at, h);
    }

    pub fn error(&mut self, span: Span, msg: impl Into<String>) {
        self.diags.error(span, msg);
    }

    /// Records the source line for the code that follows.
    pub fn mark(&mut self, span: Span) {
        if (span.file, span.line) != self.last_line && span.line > 0 {
            self.last_line = (span.file, span.line);
            self.lines.push(LineEntry { pc: self.code.len() as u32, file: span.file, line: span.line });
        }
    }

    pub fn konst(&mut self, v: Value) -> u32 {
        if let Value::Str(s) = &v {
            if let Some(&i) = self.const_strs.get(s.as_str()) {
                return i;
            }
            let i = self.consts.len() as u32;
            self.const_strs.insert(Rc::from(s.as_str()), i);
            self.consts.push(v);
            return i;
        }
        self.consts.push(v);
        (self.consts.len() - 1) as u32
    }

    pub fn str_const(&mut self, s: &str) -> u32 {
        self.konst(Value::from(s))
    }

    pub fn push_int(&mut self, i: i64) {
        if i >= i32::MIN as i64 && i <= i32::MAX as i64 {
            self.emit(Op::Int(i as i32));
        } else {
            let k = self.konst(Value::Int(i));
            self.emit(Op::Const(k));
        }
    }

    pub fn new_call_cache(&mut self) -> u16 {
        self.call_caches += 1;
        self.call_caches - 1
    }

    // ----- locals -----

    pub fn push_scope(&mut self) {
        self.scopes.push(Vec::new());
    }

    pub fn pop_scope(&mut self) {
        if let Some(s) = self.scopes.pop() {
            if let Some(first) = s.first() {
                self.next_slot = first.slot;
            }
        }
    }

    fn alloc_slot(&mut self) -> u16 {
        let s = self.next_slot;
        self.next_slot += 1;
        self.max_slot = self.max_slot.max(self.next_slot);
        s
    }

    pub fn declare_local(&mut self, name: Name, ty: Type, span: Span) -> u16 {
        let clashes = |scope: &Vec<LocalInfo>| scope.iter().any(|l| l.name == name && !l.name.starts_with(' '));
        // A local may not hide another local or a parameter, even from an
        // inner block (`int x; { int x; }` is an error, as in FluffOS).
        if self.scopes.iter().any(clashes) {
            self.error(span, format!("Illegal to redeclare local name '{}'", name));
        }
        if let Some(c) = self.ctx.prog.undefined_class(&ty) {
            self.error(span, format!("Undefined class '{}'", c));
        }
        let slot = self.alloc_slot();
        self.scopes.last_mut().expect("scope").push(LocalInfo { name, slot, ty, by_ref: false, foreach_ref: None });
        slot
    }

    /// A hidden local (loop state, temporaries) in the current scope.
    pub fn temp(&mut self) -> u16 {
        let slot = self.alloc_slot();
        self.scopes.last_mut().expect("scope").push(LocalInfo {
            name: Rc::from(" tmp"),
            slot,
            ty: Type::Mixed,
            by_ref: false,
            foreach_ref: None,
        });
        slot
    }

    /// The declared type of the visible local in `slot`.
    pub fn local_type(&self, slot: u16) -> Option<Type> {
        self.scopes.iter().rev().flat_map(|s| s.iter().rev()).find(|l| l.slot == slot).map(|l| l.ty.clone())
    }

    pub fn find_local(&self, name: &str) -> Option<&LocalInfo> {
        self.scopes.iter().rev().flat_map(|s| s.iter().rev()).find(|l| &*l.name == name)
    }

    pub fn set_local_flags(&mut self, slot: u16, by_ref: bool, foreach_ref: Option<u16>) {
        for s in self.scopes.iter_mut() {
            for l in s.iter_mut() {
                if l.slot == slot {
                    l.by_ref = by_ref;
                    l.foreach_ref = foreach_ref;
                }
            }
        }
    }

    // ----- whole functions -----

    /// Compiles a function with parameters and body.
    pub fn compile_function(mut self, params: &[Param], body: &[Stmt], mods: u16) -> FunctionDef {
        let mut ref_params = Vec::new();
        for p in params {
            let slot = self.declare_local(p.name.clone(), p.ty.clone(), p.span);
            if p.by_ref {
                self.set_local_flags(slot, true, None);
            }
            ref_params.push(p.by_ref);
        }
        self.mark(self.span);
        self.is_async = mods & modifiers::ASYNC != 0;
        let async_begin = if self.is_async {
            // The result promise's slot: right after the parameters.
            self.temp();
            Some(self.emit(Op::AsyncBegin(0)))
        } else {
            None
        };
        self.push_scope();
        for s in body {
            self.stmt(s);
        }
        self.pop_scope();
        match async_begin {
            Some(begin) => {
                self.emit(Op::Int(0));
                self.emit(Op::AsyncReturn);
                self.patch_here(begin);
                self.emit(Op::AsyncFail);
            }
            None => {
                self.emit(Op::ReturnZero);
            }
        }
        let default_entry = self.compile_defaults(params);
        let mut flags = super::fn_flags_of(mods, params);
        if params.last().is_some_and(|p| p.rest) {
            flags |= fn_flags::REST;
        }
        let param_types = params.iter().map(|p| p.ty.clone()).collect();
        self.finish(params.len() as u16, flags, param_types, ref_params, default_entry)
    }

    /// Default arguments: code after the body that fills parameters from
    /// the first missing one on, then jumps to the start.
    fn compile_defaults(&mut self, params: &[Param]) -> Vec<u32> {
        let first = match params.iter().position(|p| p.default.is_some()) {
            Some(i) => i,
            None => return Vec::new(),
        };
        let mut entry_of = vec![0u32; params.len()];
        for (i, p) in params.iter().enumerate().skip(first) {
            entry_of[i] = self.here() as u32;
            match &p.default {
                Some(d) => {
                    // The default is a functional: evaluate it. One that reads
                    // no globals and calls nothing of this program runs in the
                    // caller's context when entered by call_other (FluffOS).
                    let anons_before = self.anons.len();
                    self.in_default_arg = true;
                    self.expr(d);
                    self.in_default_arg = false;
                    if self.anons.len() == anons_before + 1 && context_free(&self.anons[anons_before]) {
                        self.emit(Op::BindToCaller);
                    }
                    self.emit(Op::CallFunc(0));
                    self.emit(Op::SetLocal(i as u16));
                }
                None => {
                    self.error(p.span, format!("Missing default value for argument '{}'", p.name));
                }
            }
        }
        self.emit(Op::Jump(0));
        (0..params.len()).map(|k| entry_of[k.max(first)]).collect()
    }

    /// Compiles `__INIT`: the global variable initialisers in order.
    pub fn compile_initializers(mut self, vars: &[&GlobalVar]) -> FunctionDef {
        for v in vars {
            if let Some(init) = &v.init {
                self.mark(v.span);
                self.typed_value(&v.ty, init);
                match self.ctx.prog.var_lookup.get(&v.name) {
                    Some(&i) => {
                        self.emit(Op::SetGlobal(i as u16));
                    }
                    None => {
                        self.emit(Op::Pop);
                    }
                }
            }
        }
        self.emit(Op::ReturnZero);
        self.finish(0, 0, Vec::new(), Vec::new(), Vec::new())
    }

    pub fn finish(
        self,
        num_params: u16,
        flags: u16,
        param_types: Vec<Type>,
        ref_params: Vec<bool>,
        default_entry: Vec<u32>,
    ) -> FunctionDef {
        let num_locals = self.max_slot.max(num_params);
        FunctionDef {
            name: LStr::from(&*self.name),
            program_name: self.ctx.prog.name.clone(),
            code: self.code,
            consts: self.consts,
            switches: self.switches,
            lines: self.lines,
            files: self.ctx.prog.files.clone(),
            num_params,
            num_locals,
            flags,
            return_type: self.ret,
            param_types,
            ref_params,
            default_entry,
            call_caches: (0..self.call_caches).map(|_| Cell::new((0, u32::MAX))).collect(),
            supers: self.supers,
            classes: self.classes,
            anons: self.anons,
        }
    }

    /// The index of a class in this function's class list.
    pub fn class_index(&mut self, def: &Rc<ClassDef>) -> u16 {
        if let Some(i) = self.classes.iter().position(|c| Rc::ptr_eq(c, def)) {
            return i as u16;
        }
        self.classes.push(def.clone());
        (self.classes.len() - 1) as u16
    }
}

/// Whether a compiled functional touches nothing of its program (globals,
/// its functions, nested functionals), so any object may run it.
fn context_free(def: &FunctionDef) -> bool {
    !def.code.iter().any(|op| {
        matches!(
            op,
            Op::Global(_)
                | Op::SetGlobal(_)
                | Op::TeeGlobal(_)
                | Op::AddToGlobal(_)
                | Op::SetIndexGlobal(_)
                | Op::SetIndexRevGlobal(_)
                | Op::SetRangeGlobal(..)
                | Op::CallLocal(..)
                | Op::CallSuper(..)
                | Op::FuncLocal(..)
                | Op::FuncAnon(..)
        )
    })
}
