//! Function pointers: `(: f :)`, `(: efun::x :)`, `(: ob, "fn" :)`,
//! `(: $1 + $2 :)` and `function(int x) { ... }`.
//!
//! A pointer remembers the object it is bound to (its `this_object()` when
//! called) and any arguments bound at creation; those come before the
//! caller's arguments.

use super::{LStr, Value};
use crate::object::ObjectRef;
use crate::program::FunctionDef;
use std::rc::Rc;

#[derive(Clone)]
pub enum FunctionKind {
    /// A function of the owner's program, by its slot in the owner's
    /// flattened function table (so overrides are honoured). `gen` is the
    /// owner's recompile generation when it was made: slots of another
    /// generation mean other functions.
    Local { slot: u32, gen: u32 },
    /// An efun, by its index in the efun table.
    Efun { index: u16, name: &'static str },
    /// A simul_efun, by name (resolved in the simul_efun object at call).
    Simul { name: LStr },
    /// `(: ob, "fn" :)`: a call_other when evaluated.
    CallOther { target: Value, name: LStr },
    /// A compiled functional or anonymous function. `fo`/`vo` locate its
    /// program inside the owner so it can reach global variables.
    Anonymous { def: Rc<FunctionDef>, fo: u32, vo: u32 },
}

pub struct FunctionPtr {
    pub kind: FunctionKind,
    pub owner: Option<ObjectRef>,
    pub bound_args: Vec<Value>,
}

impl FunctionPtr {
    /// The name shown by `sprintf("%O")` and in traces.
    pub fn describe(&self) -> String {
        match &self.kind {
            FunctionKind::Local { .. } => "<local function>".into(),
            FunctionKind::Efun { name, .. } => format!("<efun {}>", name),
            FunctionKind::Simul { name } => format!("<simul_efun {}>", name),
            FunctionKind::CallOther { name, .. } => format!("<call_other {}>", name),
            FunctionKind::Anonymous { def, .. } => format!("<{}>", def.name),
        }
    }

    pub fn with_owner(&self, owner: Option<ObjectRef>) -> FunctionPtr {
        let kind = match &self.kind {
            FunctionKind::Local { slot, gen } => FunctionKind::Local { slot: *slot, gen: *gen },
            FunctionKind::Efun { index, name } => FunctionKind::Efun { index: *index, name },
            FunctionKind::Simul { name } => FunctionKind::Simul { name: name.clone() },
            FunctionKind::CallOther { target, name } => FunctionKind::CallOther {
                target: target.clone(),
                name: name.clone(),
            },
            FunctionKind::Anonymous { def, fo, vo } => FunctionKind::Anonymous {
                def: def.clone(),
                fo: *fo,
                vo: *vo,
            },
        };
        FunctionPtr { kind, owner, bound_args: self.bound_args.clone() }
    }
}
