//! Objects: a program plus its variables, with a name and runtime state.
//!
//! Objects are reference counted. `destruct` marks an object dead and
//! releases its variables; every reference still held elsewhere then reads
//! as 0 (see `Value::live`).

use crate::program::Program;
use crate::value::{LStr, Value};
use std::cell::{Cell, Ref, RefCell, RefMut};
use std::rc::Rc;

/// Driver-side state of an object that LPC reaches only through efuns.
#[derive(Default)]
pub struct ObjectState {
    pub uid: Option<LStr>,
    pub euid: Option<LStr>,
    pub environment: Option<ObjectRef>,
    pub inventory: Vec<ObjectRef>,
    /// The object shadowing this one, and the one this shadows.
    pub shadowed_by: Option<ObjectRef>,
    pub shadowing: Option<ObjectRef>,
    pub heart_beat: bool,
    pub living_name: Option<LStr>,
    pub is_living: bool,
    /// Seconds since the epoch of creation and of the last reset.
    pub load_time: i64,
    pub next_reset: i64,
    pub last_used: i64,
    /// Interactive connection id, when a user is attached.
    pub interactive: Option<u32>,
    /// Private data slots for efun packages (keyed by a package-chosen id).
    pub private_data: Vec<(u32, Value)>,
    /// The program `replace_program()` put in place ("/std/room.c").
    pub replaced_program: Option<LStr>,
}

pub mod obj_flags {
    pub const CLONE: u32 = 1;
    pub const HAS_CREATED: u32 = 2;
    pub const VIRTUAL: u32 = 4;
    pub const SWAPPED_OUT: u32 = 8;
    pub const IS_MASTER: u32 = 16;
    pub const IS_SIMUL: u32 = 32;
    pub const RESET_DISABLED: u32 = 64;
    /// Has had a user connection at some time (`userp()`).
    pub const ONCE_INTERACTIVE: u32 = 128;
    /// `set_hide(1)`: seen only by objects the master's `valid_hide` allows.
    pub const HIDDEN: u32 = 256;
    /// `set_notify_destruct(1)`: destruct calls the object's `on_destruct()`.
    pub const NOTIFY_DESTRUCT: u32 = 512;
    /// `enable_wizard()`: `wizardp()` is true.
    pub const WIZARD: u32 = 1024;
    /// `recompile_object()` swapped its program: functionals made before
    /// may be stale (checked when they are called).
    pub const RECOMPILED: u32 = 2048;
}

pub struct Object {
    id: u64,
    name: RefCell<LStr>,
    program: RefCell<Rc<Program>>,
    pub vars: RefCell<Vec<Value>>,
    destructed: Cell<bool>,
    flags: Cell<u32>,
    /// How many times recompile_object() gave it a new program; pointers
    /// to its functions remember the generation they were made in.
    generation: Cell<u32>,
    pub state: RefCell<ObjectState>,
}

/// A counted reference to an object. Equality is identity.
#[derive(Clone)]
pub struct ObjectRef(Rc<Object>);

impl ObjectRef {
    pub fn new(id: u64, name: LStr, program: Rc<Program>) -> ObjectRef {
        let vars = program.var_defaults();
        ObjectRef(Rc::new(Object {
            id,
            name: RefCell::new(name),
            program: RefCell::new(program),
            vars: RefCell::new(vars),
            destructed: Cell::new(false),
            flags: Cell::new(0),
            generation: Cell::new(0),
            state: RefCell::new(ObjectState::default()),
        }))
    }

    #[inline]
    pub fn is_destructed(&self) -> bool {
        self.0.destructed.get()
    }

    pub fn mark_destructed(&self) {
        self.0.destructed.set(true);
    }

    pub fn id(&self) -> u64 {
        self.0.id
    }

    /// The object name without a leading slash, as `file_name` reports it
    /// with one: stored as "/path" or "/path#N".
    pub fn name(&self) -> LStr {
        self.0.name.borrow().clone()
    }

    pub fn set_name(&self, name: LStr) {
        *self.0.name.borrow_mut() = name;
    }

    pub fn program(&self) -> Rc<Program> {
        self.0.program.borrow().clone()
    }

    pub fn program_ref(&self) -> Ref<'_, Rc<Program>> {
        self.0.program.borrow()
    }

    pub fn set_program(&self, p: Rc<Program>) {
        *self.0.program.borrow_mut() = p;
    }

    pub fn vars(&self) -> Ref<'_, Vec<Value>> {
        self.0.vars.borrow()
    }

    pub fn vars_mut(&self) -> RefMut<'_, Vec<Value>> {
        self.0.vars.borrow_mut()
    }

    pub fn state(&self) -> Ref<'_, ObjectState> {
        self.0.state.borrow()
    }

    pub fn state_mut(&self) -> RefMut<'_, ObjectState> {
        self.0.state.borrow_mut()
    }

    pub fn flags(&self) -> u32 {
        self.0.flags.get()
    }

    pub fn has_flag(&self, f: u32) -> bool {
        self.0.flags.get() & f != 0
    }

    pub fn set_flag(&self, f: u32, on: bool) {
        let v = self.0.flags.get();
        self.0.flags.set(if on { v | f } else { v & !f });
    }

    pub fn generation(&self) -> u32 {
        self.0.generation.get()
    }

    pub fn bump_generation(&self) {
        self.0.generation.set(self.0.generation.get() + 1);
    }

    pub fn is_clone(&self) -> bool {
        self.has_flag(obj_flags::CLONE)
    }

    pub fn ptr_eq(a: &ObjectRef, b: &ObjectRef) -> bool {
        Rc::ptr_eq(&a.0, &b.0)
    }

    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }

    /// The object as a reference counted pointer, for weak bookkeeping.
    pub fn inner(&self) -> &Rc<Object> {
        &self.0
    }
}

impl PartialEq for ObjectRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
impl Eq for ObjectRef {}

impl std::hash::Hash for ObjectRef {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.addr().hash(state)
    }
}

impl std::fmt::Debug for ObjectRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<object {}>", self.name())
    }
}
