//! Entering functions: frame setup, calls from Rust into LPC, function
//! pointers, call_other and applies.

use super::{Frame, Vm};
use crate::error::{LpcError, VmResult};
use crate::object::ObjectRef;
use crate::program::{FunctionDef, Program};
use crate::types::TypeMask;
use crate::value::{FunctionKind, FunctionPtr, LStr, Value};
use smallvec::SmallVec;
use std::rc::Rc;

const STALE_POINTER: &str = "Stale function pointer: its object was recompiled since it was made.";

/// The runtime type of a value as a mask bit.
pub(crate) fn mask_of(v: &Value) -> TypeMask {
    match v {
        Value::Undefined | Value::Int(_) => TypeMask::INT,
        Value::Float(_) => TypeMask::FLOAT,
        Value::Str(_) => TypeMask::STRING,
        Value::Object(o) if o.is_destructed() => TypeMask::INT,
        Value::Object(_) => TypeMask::OBJECT,
        Value::Mapping(_) => TypeMask::MAPPING,
        Value::Function(_) => TypeMask::FUNCTION,
        Value::Buffer(_) => TypeMask::BUFFER,
        Value::Array(_) => TypeMask::ARRAY,
        Value::Class(_) => TypeMask::CLASS,
        Value::Promise(_) => TypeMask::PROMISE,
        Value::Ref(r) => mask_of(&r.borrow()),
    }
}

/// How a function was entered, as FluffOS's `origin()` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// An apply from the driver (create, init, id, heart_beat, ...).
    Driver,
    /// A call inside the same object, or a local function pointer.
    Local,
    CallOther,
    Simul,
    /// A callback the driver schedules (call_out, sockets).
    Internal,
    /// A callback named by string from an efun (map, filter, sort_array).
    Efun,
    FunctionPointer,
    /// A functional or anonymous function.
    Functional,
}

impl Origin {
    pub fn name(self) -> &'static str {
        match self {
            Origin::Driver => "driver",
            Origin::Local => "local",
            Origin::CallOther => "call_other",
            Origin::Simul => "simul",
            Origin::Internal => "internal",
            Origin::Efun => "efun",
            Origin::FunctionPointer => "function pointer",
            Origin::Functional => "functional",
        }
    }
}

impl Vm {
    /// Sets up a frame for `def`, whose `nargs` arguments are on top of the
    /// stack: fits the arguments to the parameters and reserves locals.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub(crate) fn push_frame(
        &mut self,
        def: Rc<FunctionDef>,
        prog: Rc<Program>,
        obj: ObjectRef,
        fo: u32,
        vo: u32,
        nargs: usize,
        prev: Option<ObjectRef>,
        entry: bool,
        boundary: bool,
    ) -> VmResult<()> {
        let base = self.stack.len() - nargs;
        if self.frames.len() >= self.limits.max_call_depth {
            self.stack.truncate(base);
            return Err(LpcError::new("Too deep recursion."));
        }
        if let Err(e) = self.charge(1) {
            self.stack.truncate(base);
            return Err(e);
        }
        let np = def.num_params as usize;
        let mut pc = 0u32;
        if def.has_rest() {
            let fixed = np - 1;
            let rest: Vec<Value> = if nargs > fixed {
                self.stack.drain(base + fixed..).collect()
            } else {
                self.stack.resize(base + fixed, Value::Undefined);
                Vec::new()
            };
            self.stack.push(Value::array(rest));
        } else if nargs > np {
            self.stack.truncate(base + np);
        } else if nargs < np {
            if let Some(&entry_pc) = def.default_entry.get(nargs) {
                pc = entry_pc;
            }
            self.stack.resize(base + np, Value::Undefined);
        }
        self.stack.resize(base + def.num_locals as usize, Value::Undefined);
        self.frames.push(Frame {
            def,
            prog,
            obj,
            pc,
            base: base as u32,
            fo,
            vo,
            prev,
            entry,
            boundary,
            nargs: nargs.min(u16::MAX as usize) as u16,
            // Entry points that know better overwrite this (`set_origin`).
            origin: if boundary {
                Origin::Driver
            } else if entry {
                Origin::CallOther
            } else {
                Origin::Local
            },
        });
        if self.tracer.is_some() {
            self.trace_enter();
        }
        Ok(())
    }

    fn set_origin(&mut self, origin: Origin) {
        if let Some(f) = self.frames.last_mut() {
            f.origin = origin;
        }
    }

    /// How the running function was entered (`origin()`).
    pub fn origin(&self) -> Option<Origin> {
        // An efun evaluated through a pointer ((: origin :)) runs in a frame
        // of its own in FluffOS, entered as a function pointer.
        if self.efun_actor.as_ref().is_some_and(|(depth, _)| *depth == self.frames.len()) {
            return Some(Origin::FunctionPointer);
        }
        self.frames.last().map(|f| f.origin)
    }

    /// The origin of every frame, innermost first (`call_stack(3)`).
    pub fn call_origins(&self) -> Vec<Origin> {
        self.frames.iter().rev().map(|f| f.origin).collect()
    }

    /// Runs the dispatch loop for a frame entered from Rust; once the
    /// outermost call is over, pending `replace_program()`s take effect.
    pub(crate) fn run_from_rust(&mut self) -> VmResult<Value> {
        let result = self.execute();
        if self.frames.is_empty() {
            self.run_pending_replacements();
        }
        result
    }

    /// Runs a function definition inside an object, from Rust.
    pub(crate) fn call_def(
        &mut self,
        ob: &ObjectRef,
        def: Rc<FunctionDef>,
        fo: u32,
        vo: u32,
        args: Vec<Value>,
        prev: Option<ObjectRef>,
    ) -> VmResult<Value> {
        let n = args.len();
        self.stack.extend(args);
        self.push_frame(def, ob.program(), ob.clone(), fo, vo, n, prev, true, true)?;
        self.run_from_rust()
    }

    /// Calls the function in an object's table slot, from Rust.
    pub fn call_slot(
        &mut self,
        ob: &ObjectRef,
        slot: u32,
        args: Vec<Value>,
        prev: Option<ObjectRef>,
    ) -> VmResult<Value> {
        self.call_slot_as(ob, slot, args, prev, Origin::Driver)
    }

    fn call_slot_as(
        &mut self,
        ob: &ObjectRef,
        slot: u32,
        args: Vec<Value>,
        prev: Option<ObjectRef>,
        origin: Origin,
    ) -> VmResult<Value> {
        let prog = ob.program();
        let entry = prog
            .ftable
            .get(slot as usize)
            .ok_or_else(|| LpcError::new("call to a function slot that does not exist"))?;
        let def = match &entry.def {
            Some(d) => d.clone(),
            None => return Err(LpcError::new(format!("Undefined function {}", entry.name))),
        };
        let (fo, vo) = (entry.fo, entry.vo);
        let n = args.len();
        self.stack.extend(args);
        self.push_frame(def, prog, ob.clone(), fo, vo, n, prev, true, true)?;
        self.set_origin(origin);
        self.run_from_rust()
    }

    /// Calls a function the driver applies (create, reset, heart_beat, ...):
    /// any visibility but private. `None` when the object has no such
    /// function or is destructed.
    pub fn apply(&mut self, ob: &ObjectRef, name: &str, args: Vec<Value>) -> VmResult<Option<Value>> {
        self.apply_with_prev(ob, name, args, None)
    }

    pub fn apply_with_prev(
        &mut self,
        ob: &ObjectRef,
        name: &str,
        args: Vec<Value>,
        prev: Option<ObjectRef>,
    ) -> VmResult<Option<Value>> {
        self.apply_as(ob, name, args, prev, Origin::Driver)
    }

    /// `apply_with_prev` for an efun calling back a function named by string
    /// (map, filter, sort_array, ...): the callee's `origin()` is "efun".
    pub fn apply_for_efun(
        &mut self,
        ob: &ObjectRef,
        name: &str,
        args: Vec<Value>,
        prev: Option<ObjectRef>,
    ) -> VmResult<Option<Value>> {
        self.apply_as(ob, name, args, prev, Origin::Efun)
    }

    fn apply_as(
        &mut self,
        ob: &ObjectRef,
        name: &str,
        args: Vec<Value>,
        prev: Option<ObjectRef>,
        origin: Origin,
    ) -> VmResult<Option<Value>> {
        if ob.is_destructed() {
            return Ok(None);
        }
        let target = self.shadow_target(ob, name).unwrap_or_else(|| ob.clone());
        let slot = {
            let prog = target.program_ref();
            match prog.find_function(name) {
                Some((slot, f)) if f.def.is_some() && f.flags & crate::program::fn_flags::PRIVATE == 0 => slot,
                _ => return Ok(None),
            }
        };
        self.call_slot_as(&target, slot, args, prev, origin).map(Some)
    }

    /// `call_other`: public functions only, through shadows. `None` when the
    /// function does not exist.
    pub fn call_other(&mut self, ob: &ObjectRef, name: &str, args: Vec<Value>) -> VmResult<Option<Value>> {
        if ob.is_destructed() || self.this_object().is_some_and(|me| me.is_destructed()) {
            return Ok(None);
        }
        let target = self.shadow_target(ob, name).unwrap_or_else(|| ob.clone());
        let slot = {
            let prog = target.program_ref();
            match prog.find_function(name) {
                Some((slot, f)) if f.def.is_some() && f.is_public() => slot,
                _ => return Ok(None),
            }
        };
        let prev = self.this_object();
        self.call_slot_as(&target, slot, args, prev, Origin::CallOther).map(Some)
    }

    /// The shadow that should receive a call to `name` on `ob`, if any.
    pub(crate) fn shadow_target(&self, ob: &ObjectRef, name: &str) -> Option<ObjectRef> {
        let mut found = None;
        let mut cur = ob.state().shadowed_by.clone();
        // The outermost shadow that defines the function wins.
        while let Some(s) = cur {
            if s.is_destructed() {
                break;
            }
            if let Some((_, f)) = s.program_ref().find_function(name) {
                if f.def.is_some() && f.is_public() {
                    found = Some(s.clone());
                }
            }
            cur = s.state().shadowed_by.clone();
        }
        found
    }

    /// Checks argument types against an efun's signature and runs it. The
    /// arguments are the top `nargs` stack values.
    pub(crate) fn call_efun(&mut self, index: u16, nargs: usize) -> VmResult<Value> {
        let efuns = self.efuns.clone();
        let def = efuns.get(index);
        let base = self.stack.len() - nargs;
        if !def.accepts(nargs) {
            self.stack.truncate(base);
            return Err(LpcError::new(format!(
                "{} arguments to {}()",
                if nargs < def.min_args as usize { "Too few" } else { "Too many" },
                def.name
            )));
        }
        if !def.unchecked {
            for i in 0..nargs {
                let want = def.arg_mask(i);
                let v = &self.stack[base + i];
                let got = mask_of(v);
                // 0 stands in for "no value" in optional slots.
                let acceptable = want.contains(got) || (v.is_zero() && i >= def.min_args as usize);
                if !acceptable {
                    let got_name = v.type_name();
                    self.stack.truncate(base);
                    return Err(LpcError::new(format!(
                        "Bad argument {} to {}()\nExpected: {} Got: {}.",
                        i + 1,
                        def.name,
                        describe_mask(want),
                        got_name
                    )));
                }
            }
        }
        let mut args: SmallVec<[Value; 8]> = self.stack.drain(base..).collect();
        let keep_first = def.ref_first as usize;
        for a in args.iter_mut().skip(keep_first) {
            if let Value::Ref(_) = a {
                *a = std::mem::take(a).deref();
            }
        }
        (def.func)(self, &mut args)
    }

    /// Calls an efun by name from Rust (for packages that build on others).
    pub fn call_efun_by_name(&mut self, name: &str, args: Vec<Value>) -> VmResult<Value> {
        let (index, _) = self
            .efuns
            .lookup(name)
            .ok_or_else(|| LpcError::new(format!("no efun {}", name)))?;
        let n = args.len();
        self.stack.extend(args);
        self.call_efun(index, n)
    }

    /// Starts a call through a function pointer whose `nargs` arguments are
    /// on the stack. Returns the result when it completed at once (efuns,
    /// missing call_other targets); `None` when an LPC frame was pushed.
    pub(crate) fn enter_funcptr(
        &mut self,
        f: &Rc<FunctionPtr>,
        mut nargs: usize,
        boundary: bool,
    ) -> VmResult<Option<Value>> {
        if !f.bound_args.is_empty() {
            let pos = self.stack.len() - nargs;
            self.stack.splice(pos..pos, f.bound_args.iter().cloned());
            nargs += f.bound_args.len();
        }
        let caller = self.this_object();
        let drop_args = |vm: &mut Vm, n: usize| {
            let l = vm.stack.len() - n;
            vm.stack.truncate(l);
        };
        match &f.kind {
            FunctionKind::Efun { index, .. } => {
                let actor = f.owner.clone().filter(|o| !o.is_destructed()).map(|o| (self.frames.len(), o));
                let saved = std::mem::replace(&mut self.efun_actor, actor);
                let v = self.call_efun(*index, nargs);
                self.efun_actor = saved;
                Ok(Some(v?))
            }
            FunctionKind::Local { slot, gen } => {
                let ob = self.live_owner(f, nargs)?;
                if *gen != ob.generation() {
                    drop_args(self, nargs);
                    return Err(LpcError::new(STALE_POINTER));
                }
                let prog = ob.program();
                let (def, fo, vo) = match prog.ftable.get(*slot as usize) {
                    Some(e) => match &e.def {
                        Some(d) => (d.clone(), e.fo, e.vo),
                        None => {
                            drop_args(self, nargs);
                            return Err(LpcError::new(format!("Undefined function {}", e.name)));
                        }
                    },
                    None => {
                        drop_args(self, nargs);
                        return Err(LpcError::new("Function pointer to a missing function."));
                    }
                };
                let entry = boundary || caller.as_ref() != Some(&ob);
                self.push_frame(def, prog, ob, fo, vo, nargs, caller, entry, boundary)?;
                self.set_origin(Origin::Local);
                Ok(None)
            }
            FunctionKind::Anonymous { def, fo, vo } => {
                let ob = self.live_owner(f, nargs)?;
                let prog = ob.program();
                // Made before recompile_object(): its offsets are of the
                // old layout.
                if ob.has_flag(crate::object::obj_flags::RECOMPILED)
                    && !super::objects::program_defines_anon(&prog, def)
                {
                    drop_args(self, nargs);
                    return Err(LpcError::new(STALE_POINTER));
                }
                let entry = boundary || caller.as_ref() != Some(&ob);
                self.push_frame(def.clone(), prog, ob, *fo, *vo, nargs, caller, entry, boundary)?;
                self.set_origin(Origin::Functional);
                Ok(None)
            }
            FunctionKind::Simul { name } => {
                let sim = match &self.simul_efun {
                    Some(s) if !s.is_destructed() => s.clone(),
                    _ => {
                        drop_args(self, nargs);
                        return Err(LpcError::new(format!("No simul_efun object for {}()", name)));
                    }
                };
                self.enter_named(&sim, name, nargs, caller, boundary, true)
            }
            FunctionKind::CallOther { target, name } => {
                let ob = match self.resolve_target(target) {
                    Ok(o) => o,
                    Err(e) => {
                        drop_args(self, nargs);
                        return Err(e);
                    }
                };
                self.enter_named(&ob, name, nargs, caller, boundary, false)
            }
        }
    }

    /// The object a function pointer runs in; when it is gone, drops the
    /// call's arguments and fails.
    fn live_owner(&mut self, f: &FunctionPtr, nargs: usize) -> VmResult<ObjectRef> {
        match f.owner.as_ref().filter(|o| !o.is_destructed()) {
            Some(o) => Ok(o.clone()),
            None => {
                let l = self.stack.len() - nargs;
                self.stack.truncate(l);
                let name = f.owner.as_ref().map(|o| o.name().to_string()).unwrap_or_default();
                Err(LpcError::new(format!("Owner ({}) of function pointer is destructed.", name)))
            }
        }
    }

    /// Pushes a frame for a public function by name (call_other); when it
    /// does not exist, drops the arguments and answers undefined.
    pub(crate) fn enter_named(
        &mut self,
        ob: &ObjectRef,
        name: &LStr,
        nargs: usize,
        caller: Option<ObjectRef>,
        boundary: bool,
        allow_protected: bool,
    ) -> VmResult<Option<Value>> {
        let target = self.shadow_target(ob, name).unwrap_or_else(|| ob.clone());
        let prog = target.program();
        let found = prog.find_function_lstr(name).and_then(|(_, e)| {
            let ok = if allow_protected {
                e.flags & crate::program::fn_flags::PRIVATE == 0
            } else {
                e.is_public()
            };
            if ok {
                e.def.clone().map(|d| (d, e.fo, e.vo))
            } else {
                None
            }
        });
        match found {
            Some((def, fo, vo)) => {
                self.push_frame(def, prog, target, fo, vo, nargs, caller, true, boundary)?;
                self.set_origin(if allow_protected { Origin::Simul } else { Origin::CallOther });
                Ok(None)
            }
            None => {
                let l = self.stack.len() - nargs;
                self.stack.truncate(l);
                Ok(Some(Value::Undefined))
            }
        }
    }

    /// The object a call_other target names: an object, or a string naming
    /// one (loaded on demand).
    pub fn resolve_target(&mut self, target: &Value) -> VmResult<ObjectRef> {
        match target {
            Value::Object(o) if !o.is_destructed() => Ok(o.clone()),
            Value::Str(s) => self.load_object(s),
            v if v.is_zero() => Err(LpcError::new("Bad argument 1 to call_other()")),
            other => Err(LpcError::new(format!("Bad argument 1 to call_other(): {}", other.type_name()))),
        }
    }

    /// Evaluates a function pointer with arguments, from Rust.
    pub fn call_function(&mut self, f: &Rc<FunctionPtr>, args: Vec<Value>) -> VmResult<Value> {
        let mark = self.stack.len();
        let n = args.len();
        self.stack.extend(args);
        match self.enter_funcptr(f, n, true) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => self.run_from_rust(),
            Err(e) => {
                self.stack.truncate(mark);
                Err(e)
            }
        }
    }

    /// Evaluates a callable value: a function pointer, or a function name
    /// in the current object. Anything else evaluates to itself.
    pub fn call_value(&mut self, f: &Value, args: Vec<Value>) -> VmResult<Value> {
        match f {
            Value::Function(fp) => self.call_function(fp, args),
            Value::Str(name) => match self.this_object() {
                Some(ob) => Ok(self.apply_as(&ob, name, args, None, Origin::Efun)?.unwrap_or(Value::Undefined)),
                None => Err(LpcError::new(format!("No object to call {}() in", name))),
            },
            other => Ok(other.clone()),
        }
    }

    /// Calls a function by name in an object on behalf of another object
    /// (the callback pattern of sockets and call_outs): the callback may be
    /// a function pointer or a function name. Visibility as `apply`.
    pub fn call_callback(&mut self, ob: &ObjectRef, callback: &Value, args: Vec<Value>) -> VmResult<Value> {
        match callback {
            Value::Function(fp) => self.call_function(fp, args),
            Value::Str(name) => Ok(self.apply_as(ob, name, args, None, Origin::Internal)?.unwrap_or(Value::Undefined)),
            _ => Ok(Value::Undefined),
        }
    }
}

fn describe_mask(m: TypeMask) -> String {
    let names = [
        (TypeMask::INT, "int"),
        (TypeMask::FLOAT, "float"),
        (TypeMask::STRING, "string"),
        (TypeMask::OBJECT, "object"),
        (TypeMask::MAPPING, "mapping"),
        (TypeMask::FUNCTION, "function"),
        (TypeMask::BUFFER, "buffer"),
        (TypeMask::ARRAY, "array"),
        (TypeMask::CLASS, "class"),
        (TypeMask::PROMISE, "promise"),
    ];
    let v: Vec<&str> = names.iter().filter(|(k, _)| m.contains(*k)).map(|(_, n)| *n).collect();
    v.join(" | ")
}
