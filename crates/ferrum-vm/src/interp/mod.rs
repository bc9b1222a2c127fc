//! The interpreter: the `Vm`, its frames, and the public ways to run LPC.
//!
//! One value stack holds every frame's arguments, locals and temporaries.
//! LPC-to-LPC calls push a `Frame` and continue in the same dispatch loop
//! (`run.rs`), so deep LPC recursion never grows the Rust stack. Rust code
//! (efuns, the driver) enters LPC through `call_*`/`apply`, which push a
//! *boundary* frame and run the loop until that frame returns.

mod calls;
pub mod coro;
mod defer;
mod objects;
pub mod ops;
mod run;
pub mod trace;

pub use calls::Origin;
pub use objects::{normalize_object_path, split_extension, SOURCE_EXTENSIONS};

use crate::efun::EfunTable;
use crate::error::{LpcError, TraceFrame, VmResult};
use crate::object::ObjectRef;
use crate::program::{FunctionDef, Program};
use crate::value::{LStr, Value};
use rustc_hash::FxHashMap;
use std::any::{Any, TypeId};
use std::rc::Rc;

/// What the VM needs from the driver around it.
pub trait Host {
    /// Compiles the program for an object path. "/obj/sword" (no
    /// extension) means the first of "/obj/sword.lpc", "/obj/sword.c" that
    /// exists; an explicit extension is exact. The program's name is the
    /// file actually compiled.
    fn compile(&self, vm: &mut Vm, path: &str) -> VmResult<Rc<Program>>;

    /// Text for `write()`/`printf()` when no interactive user receives it.
    fn write(&self, _vm: &mut Vm, text: &str) {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
    }

    /// Called once a new object exists, before its variables are
    /// initialised and `create()` runs (uids, bookkeeping).
    fn object_created(&self, _vm: &mut Vm, _ob: &ObjectRef) -> VmResult<()> {
        Ok(())
    }

    /// Called when an object is destructed, after it is marked dead.
    fn object_destructed(&self, _vm: &mut Vm, _ob: &ObjectRef) {}

    /// `load_object` on a file that does not exist: a chance to make a
    /// virtual object (master's `compile_object`).
    fn missing_object(&self, _vm: &mut Vm, _path: &str) -> VmResult<Option<ObjectRef>> {
        Ok(None)
    }

    /// `clone_object` of a virtual object: the master's
    /// `compile_object(path, args...)` makes the clone (the VM names it).
    fn compile_virtual(&self, _vm: &mut Vm, _path: &str, _args: Vec<Value>) -> VmResult<Option<ObjectRef>> {
        Ok(None)
    }

    /// The file on disk for a mudlib path ("/log/errors"), or None when
    /// the path leaves the mudlib (`..`, symlinks) or there is no mudlib.
    fn real_path(&self, _path: &str) -> Option<std::path::PathBuf> {
        None
    }

    /// An error a `catch` stopped (FluffOS's "mudlib error handler" shows
    /// these to the master too).
    fn caught_error(&self, _vm: &mut Vm, _err: &LpcError) {}

    /// A line for the driver's log (stderr or the log directory).
    fn log(&self, text: &str) {
        eprint!("{}", text);
    }
}

/// A host that cannot compile anything; for tests of the bare VM.
pub struct NoHost;

impl Host for NoHost {
    fn compile(&self, _vm: &mut Vm, path: &str) -> VmResult<Rc<Program>> {
        Err(LpcError::new(format!("cannot compile {}: no compiler", path)))
    }
}

#[derive(Clone)]
pub(crate) struct Frame {
    pub def: Rc<FunctionDef>,
    /// The object's program (its flattened function table).
    pub prog: Rc<Program>,
    pub obj: ObjectRef,
    pub pc: u32,
    /// Stack index of the first argument.
    pub base: u32,
    /// Offsets of the running function's program within `prog`.
    pub fo: u32,
    pub vo: u32,
    /// `previous_object()` for this frame.
    pub prev: Option<ObjectRef>,
    /// Entered by `call_other` (or a call from Rust): a new
    /// `previous_object` level starts here.
    pub entry: bool,
    /// Entered from Rust: returning from it leaves the dispatch loop.
    pub boundary: bool,
    /// Number of arguments the caller passed.
    pub nargs: u16,
    /// How this function was entered (`origin()`).
    pub origin: Origin,
}

pub(crate) struct CatchRecord {
    /// `frames.len()` when the catch began.
    pub depth: usize,
    pub stack_len: usize,
    pub handler: u32,
}

/// Limits a mudlib configures.
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_eval_cost: i64,
    pub max_call_depth: usize,
    pub max_array_size: usize,
    pub max_mapping_size: usize,
    pub max_string_length: usize,
    pub max_buffer_size: usize,
    /// `max suspended async functions` (0: no limit).
    pub max_suspended_async: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_eval_cost: 30_000_000,
            max_call_depth: 1000,
            max_array_size: 1_000_000_000,
            max_mapping_size: 1_000_000_000,
            max_string_length: 1 << 30,
            max_buffer_size: 1 << 30,
            max_suspended_async: 10_000,
        }
    }
}

pub struct Vm {
    pub(crate) stack: Vec<Value>,
    pub(crate) frames: Vec<Frame>,
    /// The object an efun called through a function pointer acts for, and
    /// the frame depth it applies at: like FluffOS's fake frame, an efun
    /// pointer runs as its owner (`(: socket_write, fd, msg :)` from a
    /// call_out writes as the object that made the pointer).
    pub(crate) efun_actor: Option<(usize, ObjectRef)>,
    pub(crate) catches: Vec<CatchRecord>,
    pub efuns: Rc<EfunTable>,
    pub host: Rc<dyn Host>,
    pub limits: Limits,
    /// Evaluation cost left for the current top-level call.
    pub eval_left: i64,
    /// Argument count pushed by the last `ExpandArgs`.
    pub(crate) dyn_nargs: usize,
    pub(crate) objects: objects::ObjectTable,
    /// `this_player()`.
    pub command_giver: Option<ObjectRef>,
    pub master: Option<ObjectRef>,
    pub simul_efun: Option<ObjectRef>,
    /// Per-package state (socket tables, call_outs, ...), by type.
    extensions: FxHashMap<TypeId, Box<dyn Any>>,
    /// Objects created by this VM so far (numbering clones).
    pub(crate) next_object_id: u64,
    /// The last error a `catch` caught (for the master and `error_handler`).
    pub last_error: Option<Rc<LpcError>>,
    /// Promise deliveries and parked async frames.
    pub(crate) async_rt: Rc<crate::value::promise::AsyncRuntime>,
    /// Functions `defer()` registered, innermost frame last.
    pub(crate) defers: Vec<defer::Deferred>,
    /// Set while `trace_start` records calls.
    pub(crate) tracer: Option<Box<trace::Tracer>>,
}

impl Vm {
    pub fn new(efuns: Rc<EfunTable>, host: Rc<dyn Host>) -> Vm {
        let limits = Limits::default();
        Vm {
            stack: Vec::with_capacity(4096),
            frames: Vec::with_capacity(256),
            efun_actor: None,
            catches: Vec::new(),
            efuns,
            host,
            eval_left: limits.max_eval_cost,
            limits,
            dyn_nargs: 0,
            objects: objects::ObjectTable::default(),
            command_giver: None,
            master: None,
            simul_efun: None,
            extensions: FxHashMap::default(),
            next_object_id: 1,
            last_error: None,
            async_rt: Rc::default(),
            defers: Vec::new(),
            tracer: None,
        }
    }

    // ----- package state -----

    /// The package state of type `T`, created on first use.
    pub fn ext<T: Any + Default>(&mut self) -> &mut T {
        self.extensions
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Box::new(T::default()))
            .downcast_mut::<T>()
            .expect("extension type")
    }

    pub fn ext_opt<T: Any>(&self) -> Option<&T> {
        self.extensions.get(&TypeId::of::<T>()).and_then(|b| b.downcast_ref::<T>())
    }

    /// Takes a package's state out (to use it while calling into the VM);
    /// put it back with `put_ext`.
    pub fn take_ext<T: Any + Default>(&mut self) -> T {
        self.extensions
            .remove(&TypeId::of::<T>())
            .and_then(|b| b.downcast::<T>().ok())
            .map(|b| *b)
            .unwrap_or_default()
    }

    pub fn put_ext<T: Any>(&mut self, v: T) {
        self.extensions.insert(TypeId::of::<T>(), Box::new(v));
    }

    // ----- output -----

    /// Sends text to the current user (`this_player()`), or to the host's
    /// output when there is none: what `write()` and `printf()` do.
    pub fn write(&mut self, text: &str) {
        let host = self.host.clone();
        host.write(self, text);
    }

    // ----- evaluation cost -----

    /// Starts a new top-level evaluation with a full cost budget.
    pub fn reset_eval_cost(&mut self) {
        self.eval_left = self.limits.max_eval_cost;
    }

    /// Charges `n` units; fails once the budget is exhausted.
    #[inline]
    pub fn charge(&mut self, n: i64) -> VmResult<()> {
        self.eval_left -= n;
        if self.eval_left < 0 {
            self.eval_left = 0;
            return Err(LpcError::eval_cost());
        }
        Ok(())
    }

    /// Enforces the configured size limits on a value just built.
    pub fn check_size(&self, v: &Value) -> VmResult<()> {
        match v {
            Value::Str(s) if s.byte_len() > self.limits.max_string_length => {
                Err(LpcError::new("Maximum string length exceeded."))
            }
            Value::Array(a) if a.len() > self.limits.max_array_size => Err(LpcError::new("Array size exceeded.")),
            Value::Mapping(m) if m.len() > self.limits.max_mapping_size => {
                Err(LpcError::new("Maximum mapping size exceeded."))
            }
            Value::Buffer(b) if b.len() > self.limits.max_buffer_size => Err(LpcError::new("Buffer size exceeded.")),
            _ => Ok(()),
        }
    }

    /// Whether `cur += add` would break a size limit (checked before an
    /// in-place append).
    pub fn check_growth(&self, cur: &Value, add: &Value) -> VmResult<()> {
        match (cur, add) {
            (Value::Str(s), other) => {
                let extra = match other {
                    Value::Str(t) => t.byte_len(),
                    _ => 24,
                };
                if s.byte_len() + extra > self.limits.max_string_length {
                    return Err(LpcError::new("Maximum string length exceeded."));
                }
                Ok(())
            }
            (Value::Array(a), Value::Array(b)) if a.len() + b.len() > self.limits.max_array_size => {
                Err(LpcError::new("Array size exceeded."))
            }
            (Value::Mapping(a), Value::Mapping(b)) if a.len() + b.len() > self.limits.max_mapping_size => {
                Err(LpcError::new("Maximum mapping size exceeded."))
            }
            _ => Ok(()),
        }
    }

    // ----- introspection used by efuns -----

    /// The object whose code is running, if any.
    pub fn this_object(&self) -> Option<ObjectRef> {
        if let Some((depth, ob)) = &self.efun_actor {
            if *depth == self.frames.len() {
                return Some(ob.clone());
            }
        }
        self.frames.last().map(|f| f.obj.clone())
    }

    /// `previous_object(n)`: the object that called into the n-th
    /// enclosing call_other level.
    pub fn previous_object(&self, n: usize) -> Option<ObjectRef> {
        self.frames.iter().rev().filter(|f| f.entry).nth(n).and_then(|f| f.prev.clone())
    }

    /// Every `previous_object` level, innermost first (`previous_object(-1)`).
    pub fn all_previous_objects(&self) -> Vec<Option<ObjectRef>> {
        self.frames.iter().rev().filter(|f| f.entry).map(|f| f.prev.clone()).collect()
    }

    /// Name of the function currently running.
    pub fn current_function(&self) -> Option<LStr> {
        self.frames.last().map(|f| f.def.name.clone())
    }

    /// Program name of the function currently running.
    pub fn current_program(&self) -> Option<LStr> {
        self.frames.last().map(|f| f.def.program_name.clone())
    }

    /// Number of LPC frames on the call stack.
    pub fn call_depth(&self) -> usize {
        self.frames.len()
    }

    /// The call trace, innermost first.
    pub fn trace(&self) -> Vec<TraceFrame> {
        self.frames
            .iter()
            .rev()
            .map(|f| {
                let pc = f.pc.saturating_sub(1);
                let (file, line) = f.def.line_at(pc).unwrap_or_else(|| (f.def.program_name.clone(), 0));
                TraceFrame {
                    function: f.def.name.clone(),
                    program: f.def.program_name.clone(),
                    object: f.obj.name(),
                    file,
                    line,
                }
            })
            .collect()
    }

    /// Arguments the running function was called with (for `call_stack`
    /// style efuns and varargs helpers).
    pub fn frame_args(&self) -> Vec<Value> {
        match self.frames.last() {
            Some(f) => {
                let n = (f.nargs as usize).min(f.def.num_params as usize);
                self.stack[f.base as usize..f.base as usize + n].to_vec()
            }
            None => Vec::new(),
        }
    }

    /// Functions on the call stack, innermost first: (function, object,
    /// program).
    pub fn call_stack(&self) -> Vec<(LStr, ObjectRef, LStr)> {
        self.frames.iter().rev().map(|f| (f.def.name.clone(), f.obj.clone(), f.def.program_name.clone())).collect()
    }

    /// How many references to `ob` the call stack's frames hold (as the
    /// running object or a previous object): `refs()` leaves them out.
    pub fn frame_refs(&self, ob: &ObjectRef) -> usize {
        let frames = self.frames.iter().map(|f| (f.obj == *ob) as usize + (f.prev.as_ref() == Some(ob)) as usize);
        frames.sum::<usize>() + self.efun_actor.as_ref().is_some_and(|(_, o)| o == ob) as usize
    }

    /// Origin of the top frame: whether an error has been recorded etc.
    pub fn attach_trace(&self, err: &mut LpcError) {
        if !err.0.traced {
            err.0.trace = self.trace();
            err.0.traced = true;
        }
    }
}
