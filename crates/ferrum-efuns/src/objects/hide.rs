//! Hidden objects: `set_hide()`. A hidden object is left out of what
//! users(), objects(), livings(), the inventory efuns, present() and
//! find_living()/find_player() show, unless the asking object is hidden
//! itself or the master's `valid_hide(asker)` allows it (FluffOS
//! `object_visible`).

use super::{current_object, master_approves};
use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::object::obj_flags;
use ferrum_vm::{ObjectRef, Value, Vm};

/// Whether the master lets `ob` hide or see hidden objects.
fn valid_hide(vm: &mut Vm, ob: &ObjectRef) -> VmResult<bool> {
    master_approves(vm, "valid_hide", vec![Value::Object(ob.clone())])
}

/// `void set_hide(int hide)`: hides (or shows) this object, when the
/// master's `valid_hide(this_object())` agrees; otherwise nothing happens.
pub fn set_hide(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let me = current_object(vm, "set_hide")?;
    let hide = args::int(args, 0)? != 0;
    if valid_hide(vm, &me)? {
        me.set_flag(obj_flags::HIDDEN, hide);
    }
    Ok(Value::Int(0))
}

/// Whether the running object may see hidden objects (asks the master
/// only when it matters).
pub fn sees_hidden(vm: &mut Vm) -> VmResult<bool> {
    match vm.this_object() {
        Some(me) if me.has_flag(obj_flags::HIDDEN) => Ok(true),
        Some(me) => valid_hide(vm, &me),
        None => Ok(true),
    }
}

/// Whether the running object may see `ob`.
pub fn visible(vm: &mut Vm, ob: &ObjectRef) -> VmResult<bool> {
    if !ob.has_flag(obj_flags::HIDDEN) {
        return Ok(true);
    }
    sees_hidden(vm)
}

/// `objects` without the hidden ones the running object may not see.
pub fn without_hidden(vm: &mut Vm, objects: Vec<ObjectRef>) -> VmResult<Vec<ObjectRef>> {
    if !objects.iter().any(|o| o.has_flag(obj_flags::HIDDEN)) || sees_hidden(vm)? {
        return Ok(objects);
    }
    Ok(objects
        .into_iter()
        .filter(|o| !o.has_flag(obj_flags::HIDDEN))
        .collect())
}

#[cfg(test)]
mod tests {
    use crate::arrays::testutil::{function_def, object_running, run, vm};
    use ferrum_vm::object::obj_flags;
    use ferrum_vm::program::{fn_flags, FunctionSlot, Op, Program};
    use ferrum_vm::value::LStr;
    use ferrum_vm::{ObjectRef, Value, Vm};
    use std::rc::Rc;

    /// A master whose `valid_hide(ob)` allows only `trusted`.
    fn master_trusting(vm: &mut Vm, trusted: &ObjectRef) {
        let mut def = function_def(
            "valid_hide",
            1,
            vec![Op::Local(0), Op::Const(0), Op::Eq, Op::Return],
        );
        Rc::get_mut(&mut def)
            .unwrap()
            .consts
            .push(Value::Object(trusted.clone()));
        let slot = FunctionSlot {
            name: LStr::from("valid_hide"),
            flags: fn_flags::PUBLIC,
            def: Some(def),
            fo: 0,
            vo: 0,
        };
        let program = Rc::new(Program {
            fnames: [(LStr::from("valid_hide"), 0)].into_iter().collect(),
            ftable: vec![slot],
            ..Program::named("/master.c")
        });
        let master = vm
            .new_object(LStr::from("/master"), program, false)
            .unwrap();
        vm.master = Some(master);
    }

    fn seen_by(vm: &mut Vm, viewer: &ObjectRef) -> Vec<ObjectRef> {
        match run(vm, viewer, vec![]).unwrap() {
            Value::Array(a) => a
                .to_vec()
                .into_iter()
                .filter_map(|v| v.as_object().cloned())
                .collect(),
            other => panic!("{:?}", other),
        }
    }

    #[test]
    fn hidden_objects_are_seen_only_by_those_valid_hide_allows() {
        let mut vm = vm();
        let hider = object_running(&mut vm, "/hider", "set_hide", 1, vec![]);
        let other = object_running(&mut vm, "/other", "set_hide", 1, vec![]);
        let viewer = object_running(&mut vm, "/viewer", "objects", 0, vec![]);
        let trusted_viewer = object_running(&mut vm, "/trusted", "objects", 0, vec![]);
        master_trusting(&mut vm, &hider);
        run(&mut vm, &hider, vec![Value::Int(1)]).unwrap();
        assert!(hider.has_flag(obj_flags::HIDDEN));
        // valid_hide refuses `other`: set_hide does nothing.
        run(&mut vm, &other, vec![Value::Int(1)]).unwrap();
        assert!(!other.has_flag(obj_flags::HIDDEN));
        assert!(!seen_by(&mut vm, &viewer).contains(&hider));
        assert!(seen_by(&mut vm, &viewer).contains(&other));
        // Whom valid_hide() allows sees hidden objects.
        master_trusting(&mut vm, &trusted_viewer);
        assert!(seen_by(&mut vm, &trusted_viewer).contains(&hider));
        assert!(!seen_by(&mut vm, &viewer).contains(&hider));
        // So does a hidden object.
        viewer.set_flag(obj_flags::HIDDEN, true);
        assert!(seen_by(&mut vm, &viewer).contains(&hider));
        // set_hide(0) shows the object again (valid_hide still decides).
        master_trusting(&mut vm, &hider);
        run(&mut vm, &hider, vec![Value::Int(0)]).unwrap();
        assert!(!hider.has_flag(obj_flags::HIDDEN));
    }
}
