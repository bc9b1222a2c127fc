//! The object model efuns of FluffOS's core package: environments and
//! inventories, `present()`, shadows, uids, programs and inheritance,
//! living names and evaluation limits.
//!
//! Inventories are kept in FluffOS order: the object that moved in last
//! comes first.

pub mod eval;
pub mod flags;
pub mod hide;
pub mod inventory;
pub mod living;
pub mod present;
pub mod programs;
pub mod recompile;
pub mod shadows;
pub mod uids;

#[cfg(test)]
mod tests;

use ferrum_vm::efun;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{ObjectRef, Value, Vm};

/// FluffOS's uids package (`__PACKAGE_UIDS__`).
pub const UIDS_EFUNS: &[EfunSpec] = &[
    efun!("string getuid(object | void)", uids::getuid),
    efun!("string geteuid(function | object | void)", uids::geteuid),
    efun!("int seteuid(string | int)", uids::seteuid),
    efun!("int export_uid(object)", uids::export_uid),
];

pub const EFUNS: &[EfunSpec] = &[
    efun!("object environment(object | void)", inventory::environment),
    efun!(
        "object *all_inventory(object | void)",
        inventory::all_inventory
    ),
    efun!(
        "object *deep_inventory(object | object * | function | void, function | void)",
        inventory::deep_inventory
    ),
    efun!(
        "object first_inventory(object | string | void)",
        inventory::first_inventory
    ),
    efun!(
        "object next_inventory(object | void)",
        inventory::next_inventory
    ),
    efun!("void move_object(object | string)", inventory::move_object),
    efun!(
        "object present(object | string, object | void)",
        present::present
    ),
    efun!("object shadow(object, int | void)", shadows::shadow),
    efun!("object query_shadowing(object)", shadows::query_shadowing),
    efun!(
        "string *inherit_list(object | void)",
        programs::inherit_list
    ),
    efun!(
        "string *shallow_inherit_list(object | void)",
        programs::inherit_list
    ),
    efun!(
        "string *deep_inherit_list(object | void)",
        programs::deep_inherit_list
    ),
    efun!("string *include_list(object | void)", programs::include_list),
    efun!("int inherits(string, object | void)", programs::inherits),
    efun!("void replace_program(string)", programs::replace_program),
    efun!("object *children(string)", programs::children),
    efun!("void reload_object(object)", programs::reload_object),
    efun!("int recompile_object(object)", recompile::recompile_object),
    efun!("int memory_info(object | void)", programs::memory_info),
    efun!("object master()", eval::master),
    efun!("void set_living_name(string)", living::set_living_name),
    efun!("object find_living(string)", living::find_living),
    efun!("object *livings()", living::livings),
    efun!("int set_eval_limit(int)", eval::set_eval_limit),
    efun!("int reset_eval_cost()", eval::reset_eval_cost),
    efun!("int eval_cost()", eval::eval_cost),
    efun!("int max_eval_cost()", eval::max_eval_cost),
    efun!("string origin()", eval::origin),
    efun!("void set_hide(int)", hide::set_hide),
    efun!("void set_notify_destruct(int)", flags::set_notify_destruct),
    efun!("int query_notify_destruct(object | void)", flags::query_notify_destruct),
    efun!("void enable_wizard()", flags::enable_wizard),
    efun!("void disable_wizard()", flags::disable_wizard),
    efun!("int wizardp(object)", flags::wizardp),
    efun!("int set_light(int)", flags::set_light),
];

/// An object as an efun result: 0 when there is none.
pub(crate) fn object_value(ob: Option<ObjectRef>) -> Value {
    match ob {
        Some(o) if !o.is_destructed() => Value::Object(o),
        _ => Value::Int(0),
    }
}

/// The running object; efuns that act on "this object" need one.
pub(crate) fn current_object(vm: &Vm, efun: &str) -> VmResult<ObjectRef> {
    match vm.this_object() {
        Some(o) if !o.is_destructed() => Ok(o),
        _ => Err(LpcError::new(format!("{}() needs a current object", efun))),
    }
}

/// The error the interpreter gives for an argument of the wrong type, for
/// the cases a signature cannot express (0 where an object is required).
pub(crate) fn bad_argument(n: usize, efun: &str, expected: &str, got: &Value) -> LpcError {
    LpcError::new(format!(
        "Bad argument {} to {}()\nExpected: {} Got: {}.",
        n,
        efun,
        expected,
        got.type_name()
    ))
}

/// Argument `i` when it defaults to `this_object()` (FluffOS
/// `default: F__THIS_OBJECT`): left out means the current object, an
/// explicit 0 or a destructed object is a bad argument.
pub(crate) fn object_or_this(vm: &Vm, args: &[Value], i: usize, efun: &str) -> VmResult<ObjectRef> {
    match args.get(i) {
        None => current_object(vm, efun),
        Some(Value::Object(o)) if !o.is_destructed() => Ok(o.clone()),
        Some(other) => Err(bad_argument(i + 1, efun, "object", other)),
    }
}

/// Argument `i`, which must be a live object.
pub(crate) fn object_arg(args: &[Value], i: usize, efun: &str) -> VmResult<ObjectRef> {
    match args.get(i) {
        Some(Value::Object(o)) if !o.is_destructed() => Ok(o.clone()),
        other => Err(bad_argument(
            i + 1,
            efun,
            "object",
            other.unwrap_or(&Value::Int(0)),
        )),
    }
}

/// Whether the master approves a `valid_*` apply, as FluffOS's
/// `MASTER_APPROVED`: without a master everything is allowed; a master
/// that lacks the apply denies.
pub(crate) fn master_approves(vm: &mut Vm, apply: &str, args: Vec<Value>) -> VmResult<bool> {
    match vm.master.clone() {
        Some(m) if !m.is_destructed() => {
            Ok(vm.apply(&m, apply, args)?.is_some_and(|v| v.is_yes()))
        }
        _ => Ok(true),
    }
}
