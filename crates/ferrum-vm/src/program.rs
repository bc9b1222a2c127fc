//! Compiled programs: bytecode, function tables, variables, classes.
//!
//! Inheritance is flattened. A program's function table (`ftable`) is the
//! concatenation of each inherited program's table followed by its own
//! functions, so a program's slots occupy one contiguous range inside any
//! program that inherits it. Code refers to functions by slot relative to
//! its own program; the interpreter adds the frame's function offset and
//! looks the slot up in the *object's* table, which is how overriding works:
//! an override simply replaces the inherited entry in the child's table.
//! Variables are flattened the same way.

use crate::types::Type;
use crate::value::{LStr, Value};
use rustc_hash::FxHashMap;
use std::cell::Cell;
use std::rc::Rc;

/// One bytecode instruction. Operands are inline; the enum is 12 bytes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    // -- constants and stack --
    Int(i32),
    Const(u32),
    Undef,
    Pop,
    Dup,
    Dup2,
    Swap,

    // -- variables (slots relative to the frame / the program) --
    Local(u16),
    SetLocal(u16),
    TeeLocal(u16),
    Global(u16),
    SetGlobal(u16),
    TeeGlobal(u16),
    /// Read/write a `ref` parameter (follows the reference if one was passed).
    LocalRef(u16),
    SetLocalRef(u16),
    /// Wrap the top value in a fresh reference cell / unwrap one.
    MakeRef,
    Deref,
    IncLocal(u16),
    DecLocal(u16),
    /// `local += top` as a statement: appends in place when possible.
    AddToLocal(u16),
    AddToGlobal(u16),

    // -- operators --
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    Neg,
    Not,
    Compl,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Inc,
    Dec,

    // -- indexing --
    Index,
    IndexRev,
    /// Reads the element a compound assignment or `++`/`--` will store to
    /// (`true`: from the end); errors are worded as the store's.
    IndexForStore(bool),
    /// key -> value, the container being a local variable read in place
    IndexLocal(u16),
    /// -> value: local container, key from the constant table
    IndexLocalConst(u16, u32),
    /// container from to -> slice. Flags: see `range_flags`.
    Range(u8),
    /// container key value -> value
    SetIndex,
    SetIndexRev,
    /// container from to value -> value
    SetRange(u8),
    /// key value -> value, the container being a local variable
    SetIndexLocal(u16),
    SetIndexRevLocal(u16),
    SetRangeLocal(u16, u8),
    SetIndexGlobal(u16),
    SetIndexRevGlobal(u16),
    SetRangeGlobal(u16, u8),
    /// class field by index
    Member(u16),
    /// instance value -> value
    SetMember(u16),
    /// class field by name (type of the instance unknown at compile time)
    MemberByName(u32),
    SetMemberByName(u32),
    /// `x?.name` / `x?.[k]`: undefined unless x is a mapping (or class).
    MemberOpt(u32),
    IndexOpt,

    // -- control flow (absolute targets) --
    Jump(u32),
    /// A loop's backward jump: charges evaluation cost.
    JumpBack(u32),
    JumpIfFalse(u32),
    JumpIfTrue(u32),
    /// `&&`: if top is false jump and keep it, else pop it.
    AndJump(u32),
    /// `||`: if top is true jump and keep it, else pop it.
    OrJump(u32),
    /// `??`: if top is not undefined/0 jump and keep it, else pop it.
    NullishJump(u32),
    Switch(u16),
    /// Pops b and a; jumps when `a <cmp> b` (a fused compare and branch).
    JumpCmp(Cmp, u32),
    /// Jumps when `local <cmp> imm` (loop conditions like `i < n`).
    JumpLocalCmpInt(u16, Cmp, i32, u32),

    // -- calls --
    /// Call a function of this program by slot (virtual).
    CallLocal(u16, u8),
    /// `inh::f()`: index into the function's `supers`, nargs.
    CallSuper(u16, u8),
    CallEfun(u16, u8),
    /// simul_efun by name constant
    CallSimul(u32, u8),
    /// target args... -> result; name constant, nargs, call-site cache index
    CallOther(u16, u8, u16),
    /// function args... -> result
    CallFunc(u8),
    /// Pop an array and push its elements; the next call uses their count
    /// (its nargs operand is `DYN_ARGS`).
    ExpandArgs(u8),
    Return,
    ReturnZero,

    // -- constructors --
    MakeArray(u16),
    MakeMapping(u16),
    /// index into the function's `classes`; field values are on the stack
    NewClass(u16),
    FuncLocal(u16, u8),
    FuncEfun(u16, u8),
    FuncSimul(u32, u8),
    /// index into the function's `anons`, captured values
    FuncAnon(u16, u8),
    /// A default argument's functional (that reads no globals and calls no
    /// functions of its program) runs in the caller's context when the
    /// function was entered by `call_other`, as in FluffOS: rebinds the
    /// function on top of the stack to the caller then.
    BindToCaller,
    /// target name bound... -> function
    FuncCallOther(u8),

    // -- exceptions --
    CatchBegin(u32),
    CatchEnd,

    // -- async functions (see interp/coro.rs) --
    /// First op of an async function: creates its result promise and the
    /// implicit catch whose handler (the operand) is `AsyncFail`.
    AsyncBegin(u32),
    /// `return` in an async function: fulfils the result promise with the
    /// top value and returns the promise.
    AsyncReturn,
    /// The implicit catch's handler: rejects with the caught value.
    AsyncFail,
    /// `await`: a promise parks the frame; any other value passes through.
    Await,

    // -- foreach: hidden locals [collection, keys, index] at base --
    /// the flag: the loop variable is a `ref` (a string's wide characters
    /// then fail as assignment targets would)
    ForeachInit(u16, bool),
    /// pushes the next element (or key, value for `two`) and 1, or 0 at end
    ForeachNext(u16, bool),
    /// stores top into the current element of the collection (foreach ref)
    ForeachStore(u16),

    /// Pop an array and push its first n elements (sscanf results).
    Unpack(u16),
    /// Set a local variable's type-check / nothing else (no-op marker).
    Nop,
}

/// A comparison in a fused compare-and-branch instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    /// The comparison that holds exactly when this one does not.
    pub fn negate(self) -> Cmp {
        match self {
            Cmp::Eq => Cmp::Ne,
            Cmp::Ne => Cmp::Eq,
            Cmp::Lt => Cmp::Ge,
            Cmp::Le => Cmp::Gt,
            Cmp::Gt => Cmp::Le,
            Cmp::Ge => Cmp::Lt,
        }
    }

    #[inline(always)]
    pub fn holds_int(self, a: i64, b: i64) -> bool {
        match self {
            Cmp::Eq => a == b,
            Cmp::Ne => a != b,
            Cmp::Lt => a < b,
            Cmp::Le => a <= b,
            Cmp::Gt => a > b,
            Cmp::Ge => a >= b,
        }
    }
}

/// The number of arguments is whatever the preceding `ExpandArgs` pushed.
pub const DYN_ARGS: u8 = u8::MAX;

pub mod range_flags {
    /// The start counts from the end (`[<a..]`).
    pub const FROM_END: u8 = 1;
    /// The end counts from the end (`[..<b]`).
    pub const TO_END: u8 = 2;
    /// No end given (`[a..]`).
    pub const OPEN_END: u8 = 4;
}

/// A `switch` jump table.
#[derive(Default, Debug)]
pub struct SwitchTable {
    pub ints: FxHashMap<i64, u32>,
    pub strings: FxHashMap<LStr, u32>,
    pub ranges: Vec<(i64, i64, u32)>,
    pub default: u32,
    /// `case 0:` also matches undefined and destructed objects.
    pub zero: Option<u32>,
}

/// Where a piece of code came from, for traces.
#[derive(Clone, Copy, Debug)]
pub struct LineEntry {
    pub pc: u32,
    pub file: u16,
    pub line: u32,
}

pub mod fn_flags {
    pub const PRIVATE: u16 = 1;
    pub const PROTECTED: u16 = 2;
    pub const PUBLIC: u16 = 4;
    pub const NOMASK: u16 = 8;
    pub const VARARGS: u16 = 16;
    /// Declared but never defined.
    pub const PROTOTYPE: u16 = 32;
    /// Comes from an inherited program.
    pub const INHERITED: u16 = 64;
    /// Private in an inherited program: not callable by name here.
    pub const HIDDEN: u16 = 128;
    /// The last parameter collects extra arguments (`type rest...`).
    pub const REST: u16 = 256;
    /// `async`: every call returns a promise for the body's result.
    pub const ASYNC: u16 = 512;
}

pub mod var_flags {
    pub const PRIVATE: u16 = 1;
    pub const PROTECTED: u16 = 2;
    pub const PUBLIC: u16 = 4;
    pub const NOSAVE: u16 = 8;
    pub const HIDDEN: u16 = 16;
}

/// The compiled body of one function.
#[derive(Debug)]
pub struct FunctionDef {
    pub name: LStr,
    /// The program that defined this function (for traces).
    pub program_name: LStr,
    pub code: Vec<Op>,
    pub consts: Vec<Value>,
    pub switches: Vec<SwitchTable>,
    pub lines: Vec<LineEntry>,
    pub files: Rc<Vec<LStr>>,
    pub num_params: u16,
    /// Params plus locals plus hidden temporaries.
    pub num_locals: u16,
    pub flags: u16,
    pub return_type: Type,
    pub param_types: Vec<Type>,
    /// Which parameters are declared `ref`.
    pub ref_params: Vec<bool>,
    /// Entry pc by number of arguments given, when default arguments exist:
    /// `default_entry[k]` evaluates the defaults of parameters k.. first.
    pub default_entry: Vec<u32>,
    /// Caches for `CallOther` sites: (program identity, slot).
    pub call_caches: Vec<Cell<(usize, u32)>>,
    /// Targets of `inh::f()` calls: the inherited definition and its
    /// function/variable offsets relative to this function's program.
    pub supers: Vec<SuperTarget>,
    /// Classes this function instantiates.
    pub classes: Vec<Rc<ClassDef>>,
    /// Functionals and anonymous functions written inside this function.
    pub anons: Vec<Rc<FunctionDef>>,
}

#[derive(Clone, Debug)]
pub struct SuperTarget {
    pub def: Rc<FunctionDef>,
    pub fo: u32,
    pub vo: u32,
}

impl FunctionDef {
    pub fn line_at(&self, pc: u32) -> Option<(LStr, u32)> {
        let idx = match self.lines.binary_search_by(|e| e.pc.cmp(&pc)) {
            Ok(i) => i,
            Err(0) => return None,
            Err(i) => i - 1,
        };
        let e = self.lines[idx];
        Some((self.files.get(e.file as usize).cloned().unwrap_or_else(LStr::empty), e.line))
    }

    pub fn has_rest(&self) -> bool {
        self.flags & fn_flags::REST != 0
    }
}

/// One entry of a program's flattened function table.
#[derive(Clone, Debug)]
pub struct FunctionSlot {
    pub name: LStr,
    pub flags: u16,
    /// None for a prototype that nothing defines.
    pub def: Option<Rc<FunctionDef>>,
    /// Offsets of the defining program inside this program.
    pub fo: u32,
    pub vo: u32,
}

impl FunctionSlot {
    pub fn is_visible(&self) -> bool {
        self.flags & fn_flags::HIDDEN == 0
    }

    /// Whether `call_other` may reach it.
    pub fn is_public(&self) -> bool {
        self.flags & (fn_flags::PRIVATE | fn_flags::PROTECTED | fn_flags::HIDDEN) == 0
    }
}

#[derive(Clone, Debug)]
pub struct VarInfo {
    pub name: LStr,
    pub ty: Type,
    pub flags: u16,
}

#[derive(Debug)]
pub struct ClassDef {
    pub name: String,
    pub fields: Vec<(LStr, Type)>,
}

impl ClassDef {
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|(n, _)| n.as_str() == name)
    }
}

#[derive(Debug)]
pub struct Inherit {
    pub program: Rc<Program>,
    /// The name used in `name::f()` (the last path component).
    pub alias: String,
    pub fo: u32,
    pub vo: u32,
}

#[derive(Debug)]
pub struct Program {
    /// "/path/file.c"
    pub name: LStr,
    pub inherits: Vec<Inherit>,
    pub ftable: Vec<FunctionSlot>,
    /// Visible function name -> slot.
    pub fnames: FxHashMap<LStr, u32>,
    /// All variables, inherited ones first.
    pub vars: Vec<VarInfo>,
    /// Variables this program declares itself start here.
    pub own_vars_start: u32,
    pub classes: Vec<Rc<ClassDef>>,
    /// Runs this program's own variable initialisers (inherited programs
    /// have their own).
    pub init: Option<Rc<FunctionDef>>,
    /// Every file that went into this program (main file first), for
    /// dependency tracking.
    pub source_files: Vec<String>,
    /// Files the preprocessor opened for `#include`, first-seen order
    /// (for `include_list`).
    pub includes: Vec<String>,
}

impl Program {
    /// A program with nothing in it yet, for code that builds programs by
    /// hand (tests, driver-made objects): fill in what you need with
    /// `Program { ftable, ..Program::named(name) }`.
    pub fn named(name: impl Into<LStr>) -> Program {
        Program {
            name: name.into(),
            inherits: Vec::new(),
            ftable: Vec::new(),
            fnames: FxHashMap::default(),
            vars: Vec::new(),
            own_vars_start: 0,
            classes: Vec::new(),
            init: None,
            source_files: Vec::new(),
            includes: Vec::new(),
        }
    }

    /// Fresh values for an object's variables: declared floats start as
    /// 0.0 (as in FluffOS), everything else undefined.
    pub fn var_defaults(&self) -> Vec<Value> {
        self.vars
            .iter()
            .map(|v| if v.ty == Type::Float { Value::Float(0.0) } else { Value::Undefined })
            .collect()
    }

    pub fn find_function(&self, name: &str) -> Option<(u32, &FunctionSlot)> {
        // Lookup through a temporary LStr costs an allocation; mappings of
        // names are small, so compare directly on a miss-free path.
        let slot = *self.fnames.get(&LStr::from(name))?;
        Some((slot, &self.ftable[slot as usize]))
    }

    pub fn find_function_lstr(&self, name: &LStr) -> Option<(u32, &FunctionSlot)> {
        let slot = *self.fnames.get(name)?;
        Some((slot, &self.ftable[slot as usize]))
    }

    pub fn identity(self: &Rc<Self>) -> usize {
        Rc::as_ptr(self) as usize
    }

    pub fn find_class(&self, name: &str) -> Option<(usize, &Rc<ClassDef>)> {
        self.classes.iter().enumerate().find(|(_, c)| c.name == name)
    }

    /// Whether this program (or anything it inherits) is `path`.
    pub fn inherits_from(&self, path: &str) -> bool {
        self.inherits
            .iter()
            .any(|i| i.program.name.as_str() == path || i.program.inherits_from(path))
    }
}
