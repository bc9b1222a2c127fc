//! Environments and inventories: environment, all_inventory,
//! deep_inventory, first_inventory, next_inventory, move_object, and the
//! `init()` calls a move makes.

use super::hide::without_hidden;
use super::{bad_argument, current_object, object_or_this, object_value};
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::FunctionPtr;
use ferrum_vm::{ObjectRef, Value, Vm};
use std::rc::Rc;

fn objects_value(obs: Vec<ObjectRef>) -> Value {
    Value::array(obs.into_iter().map(Value::Object).collect())
}

fn inventory_of(ob: &ObjectRef) -> Vec<ObjectRef> {
    ob.state().inventory.clone()
}

fn environment_of(ob: &ObjectRef) -> Option<ObjectRef> {
    ob.state().environment.clone()
}

/// `environment([ob])`: the object `ob` (default this object) is in.
pub fn environment(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = match args.first() {
        Some(Value::Object(o)) if o.is_destructed() => {
            return Err(LpcError::new("environment() of destructed object."));
        }
        _ => object_or_this(vm, args, 0, "environment")?,
    };
    Ok(object_value(environment_of(&ob)))
}

/// `all_inventory([ob])`: what `ob` contains, the last arrival first.
pub fn all_inventory(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or_this(vm, args, 0, "all_inventory")?;
    Ok(objects_value(without_hidden(vm, inventory_of(&ob))?))
}

/// `first_inventory([ob | path])`: the first object in the inventory; a
/// path names an object that is loaded if need be.
pub fn first_inventory(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = match args.first() {
        Some(Value::Str(path)) => {
            let path = path.to_string();
            vm.load_object(&path)?
        }
        _ => object_or_this(vm, args, 0, "first_inventory")?,
    };
    Ok(object_value(without_hidden(vm, inventory_of(&ob))?.into_iter().next()))
}

/// `next_inventory([ob])`: the object after `ob` in its environment.
pub fn next_inventory(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or_this(vm, args, 0, "next_inventory")?;
    let Some(env) = environment_of(&ob) else {
        return Ok(Value::Int(0));
    };
    let inv = inventory_of(&env);
    let after = inv.iter().position(|o| *o == ob).map(|i| inv[i + 1..].to_vec()).unwrap_or_default();
    let next = without_hidden(vm, after)?.into_iter().next();
    Ok(object_value(next))
}

/// `deep_inventory(ob | obs | filter [, filter])`: every object inside,
/// depth first. Given an array, the array's objects are included too. A
/// filter function sees each object: a positive int keeps it, 1 and 3 also
/// look inside it, 3 leaves the object itself out, 2 keeps it without
/// looking inside, anything else skips it and its contents.
pub fn deep_inventory(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let filter = match args.get(1) {
        Some(Value::Function(f)) => Some(f.clone()),
        _ => None,
    };
    if args.len() == 2 && filter.is_none() {
        // FluffOS: a second argument that is not a function finds nothing.
        return Ok(Value::array(Vec::new()));
    }
    let mut out = Vec::new();
    let complete = match args.first() {
        None => {
            let me = current_object(vm, "deep_inventory")?;
            collect(vm, &me, filter.as_ref(), &mut out)?
        }
        Some(Value::Function(f)) if args.len() == 1 => {
            let me = current_object(vm, "deep_inventory")?;
            collect(vm, &me, Some(&f.clone()), &mut out)?
        }
        Some(Value::Object(o)) if !o.is_destructed() => {
            collect(vm, &o.clone(), filter.as_ref(), &mut out)?
        }
        Some(Value::Array(a)) => {
            let mut complete = true;
            for v in a.to_vec() {
                if let Value::Object(o) = v {
                    if !o.is_destructed() && complete {
                        complete = visit(vm, &o, filter.as_ref(), &mut out)?;
                    }
                }
            }
            complete
        }
        Some(other) if other.is_zero() => {
            return Err(bad_argument(1, "deep_inventory", "object", other))
        }
        Some(_) => true,
    };
    if !complete {
        out.clear();
    }
    Ok(objects_value(without_hidden(vm, out)?))
}

/// What a deep_inventory filter said about one object.
enum Verdict {
    Skip,
    /// (include the object, look inside it)
    Take(bool, bool),
}

fn judge(
    vm: &mut Vm,
    ob: &ObjectRef,
    filter: Option<&Rc<FunctionPtr>>,
) -> VmResult<Option<Verdict>> {
    let Some(f) = filter else {
        return Ok(Some(Verdict::Take(true, true)));
    };
    let me = vm.this_object();
    let r = vm.call_function(f, vec![Value::Object(ob.clone())])?;
    if me.is_some_and(|m| m.is_destructed()) {
        // FluffOS gives up when the caller destructs itself in a filter.
        return Ok(None);
    }
    Ok(Some(match r {
        Value::Int(n) if n > 0 && !ob.is_destructed() => Verdict::Take(n != 3, n == 1 || n == 3),
        _ => Verdict::Skip,
    }))
}

/// Judges `ob` itself, then its contents. False when the walk was aborted.
fn visit(
    vm: &mut Vm,
    ob: &ObjectRef,
    filter: Option<&Rc<FunctionPtr>>,
    out: &mut Vec<ObjectRef>,
) -> VmResult<bool> {
    match judge(vm, ob, filter)? {
        None => Ok(false),
        Some(Verdict::Skip) => Ok(true),
        Some(Verdict::Take(include, descend)) => {
            if include {
                out.push(ob.clone());
            }
            if descend {
                collect(vm, ob, filter, out)
            } else {
                Ok(true)
            }
        }
    }
}

fn collect(
    vm: &mut Vm,
    ob: &ObjectRef,
    filter: Option<&Rc<FunctionPtr>>,
    out: &mut Vec<ObjectRef>,
) -> VmResult<bool> {
    for item in inventory_of(ob) {
        vm.charge(1)?;
        if !visit(vm, &item, filter, out)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `move_object(dest)`: moves this object into `dest` (an object or a path
/// that is loaded if need be).
pub fn move_object(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let dest = match &args[0] {
        Value::Object(o) if !o.is_destructed() => o.clone(),
        Value::Str(path) => {
            let path = path.to_string();
            load_destination(vm, &path)?
        }
        other => return Err(bad_argument(1, "move_object", "object | string", other)),
    };
    let item = match vm.this_object() {
        Some(o) if !o.is_destructed() => o,
        _ => {
            return Err(LpcError::new(
                "move_object(): can't move a destructed object",
            ))
        }
    };
    move_object_to(vm, &item, &dest)?;
    Ok(Value::Int(0))
}

/// Loads a destination by path. A file that is not there is FluffOS's
/// "could not find destination"; one that fails to compile says why.
fn load_destination(vm: &mut Vm, path: &str) -> VmResult<ObjectRef> {
    match vm.load_object(path) {
        Ok(ob) => Ok(ob),
        Err(e) => {
            let base = ferrum_vm::interp::normalize_object_path(path).unwrap_or_default();
            let exists = ferrum_vm::interp::SOURCE_EXTENSIONS.iter().any(|ext| {
                vm.host
                    .real_path(&format!("{}{}", base, ext))
                    .is_some_and(|p| p.is_file())
            });
            if exists {
                Err(e)
            } else {
                Err(LpcError::new(
                    "move_object failed: could not find destination",
                ))
            }
        }
    }
}

/// Moves `item` into `dest` and makes the `init()` calls of the move.
pub fn move_object_to(vm: &mut Vm, item: &ObjectRef, dest: &ObjectRef) -> VmResult<()> {
    let mut around = Some(dest.clone());
    while let Some(o) = around {
        if o == *item {
            return Err(LpcError::new("Can't move object inside itself."));
        }
        around = environment_of(&o);
    }
    if item.state().shadowing.is_some() {
        return Err(LpcError::new("Can't move an object that is shadowing."));
    }
    if let Some(old) = environment_of(item) {
        crate::commands::forget_actions_on_leave(vm, item, &old);
    }
    let old = item.state_mut().environment.take();
    if let Some(old) = old {
        old.state_mut().inventory.retain(|o| o != item);
    }
    dest.state_mut().inventory.insert(0, item.clone());
    item.state_mut().environment = Some(dest.clone());
    crate::stats::mudlib_stats::count_move(vm, item);
    setup_new_commands(vm, dest, item)
}

/// `init()` in `target`, with `giver` as `this_player()` meanwhile.
fn init_as(vm: &mut Vm, target: &ObjectRef, giver: &ObjectRef) -> VmResult<()> {
    let saved = vm.command_giver.replace(giver.clone());
    let r = vm.apply(target, "init", Vec::new());
    vm.command_giver = saved;
    r.map(|_| ())
}

fn is_living(ob: &ObjectRef) -> bool {
    ob.state().is_living
}

fn is_in(ob: &ObjectRef, env: &ObjectRef) -> bool {
    environment_of(ob).as_ref() == Some(env)
}

/// The `init()` calls after `item` arrives in `dest` (FluffOS
/// `setup_new_commands`): a living item makes `dest` and each object there
/// run init(); each living object there makes the item run init(); a
/// living `dest` makes the item run init(). Each call has the living
/// object as `this_player()`. Stops once the item has moved elsewhere.
/// `enable_commands()` uses this too.
pub fn setup_new_commands(vm: &mut Vm, dest: &ObjectRef, item: &ObjectRef) -> VmResult<()> {
    if is_living(item) {
        init_as(vm, dest, item)?;
        if !is_in(item, dest) {
            return Ok(());
        }
    }
    for ob in inventory_of(dest) {
        if ob == *item {
            continue;
        }
        if ob.is_destructed() {
            return Err(LpcError::new("An object was destructed at call of init()"));
        }
        if !is_in(&ob, dest) {
            return Err(LpcError::new("An object was moved at call of init()"));
        }
        if is_living(&ob) {
            init_as(vm, item, &ob)?;
            if !is_in(item, dest) {
                return Ok(());
            }
        }
        if item.is_destructed() {
            return Err(LpcError::new(
                "The object to be moved was destructed at call of init()",
            ));
        }
        if ob.is_destructed() {
            return Err(LpcError::new("An object was destructed at call of init()"));
        }
        if is_living(item) {
            init_as(vm, &ob, item)?;
            if !is_in(item, dest) {
                return Ok(());
            }
        }
    }
    if dest.is_destructed() {
        return Err(LpcError::new(
            "The destination to move to was destructed at call of init()",
        ));
    }
    if item.is_destructed() {
        return Err(LpcError::new(
            "The object to be moved was destructed at call of init()",
        ));
    }
    if is_living(dest) {
        init_as(vm, item, dest)?;
    }
    Ok(())
}
