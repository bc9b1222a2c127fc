//! Living names: set_living_name, find_living, livings.
//!
//! Only living objects (those that called `enable_commands()`) are found
//! by name. When several carry the same name, the one named or found most
//! recently wins, as in FluffOS's move-to-front hash chains.

use super::{current_object, object_value};
use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::{ObjectRef, Value, Vm};

/// Objects that have a living name, most recently named or found first.
#[derive(Default)]
pub struct LivingNames {
    named: Vec<ObjectRef>,
}

impl LivingNames {
    fn forget_dead(&mut self) {
        self.named
            .retain(|o| !o.is_destructed() && o.state().living_name.is_some());
    }
}

/// `set_living_name(name)`: this object's name for `find_living()`.
pub fn set_living_name(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let me = current_object(vm, "set_living_name")?;
    let name = args::lstr(args, 0)?;
    me.state_mut().living_name = Some(name);
    let names = vm.ext::<LivingNames>();
    names.named.retain(|o| *o != me);
    names.named.insert(0, me);
    Ok(Value::Int(0))
}

/// `find_living(name)`: the living object of that living name, or 0.
pub fn find_living(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let name = args::string(args, 0)?.to_string();
    let found = find_named(vm, &name, false);
    Ok(object_value(visible_one(vm, found)?))
}

/// The living object named `name` (with `users_only`, only objects that
/// have been interactive: `find_player()`); it moves to the front.
pub fn find_named(vm: &mut Vm, name: &str, users_only: bool) -> Option<ObjectRef> {
    let names = vm.ext::<LivingNames>();
    names.forget_dead();
    let found = names.named.iter().position(|o| {
        let st = o.state();
        st.is_living
            && st.living_name.as_deref() == Some(name)
            && (!users_only || o.has_flag(ferrum_vm::object::obj_flags::ONCE_INTERACTIVE))
    })?;
    let ob = names.named.remove(found);
    names.named.insert(0, ob.clone());
    Some(ob)
}

/// `ob`, unless it is hidden from the running object.
pub fn visible_one(vm: &mut Vm, ob: Option<ObjectRef>) -> VmResult<Option<ObjectRef>> {
    match ob {
        Some(o) if !super::hide::visible(vm, &o)? => Ok(None),
        other => Ok(other),
    }
}

/// `livings()`: every living object, newest first.
pub fn livings(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let all = vm.all_objects();
    let living = all.into_iter().rev().filter(|o| !o.is_destructed() && o.state().is_living).collect();
    let living = super::hide::without_hidden(vm, living)?;
    Ok(Value::array(living.into_iter().map(Value::Object).collect()))
}

/// `named_livings()`: the living objects that have a living name, the
/// most recently named or found first.
pub fn named_livings(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let names = vm.ext::<LivingNames>();
    names.forget_dead();
    let named = names.named.iter().filter(|o| o.state().is_living).cloned().collect();
    let named = super::hide::without_hidden(vm, named)?;
    Ok(Value::array(named.into_iter().map(Value::Object).collect()))
}
