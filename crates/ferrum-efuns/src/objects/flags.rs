//! Per-object switches and the light level: set_notify_destruct /
//! query_notify_destruct, enable_wizard / disable_wizard / wizardp, and
//! set_light.

use super::{current_object, object_or_this};
use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::object::obj_flags;
use ferrum_vm::{ObjectRef, Value, Vm};

/// `void set_notify_destruct(int flag)`: whether destructing this_object()
/// first calls its `on_destruct()`.
pub fn set_notify_destruct(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = current_object(vm, "set_notify_destruct")?;
    ob.set_flag(obj_flags::NOTIFY_DESTRUCT, !args[0].is_zero());
    Ok(Value::Int(0))
}

/// `int query_notify_destruct(object ob = this_object())`.
pub fn query_notify_destruct(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or_this(vm, args, 0, "query_notify_destruct")?;
    Ok(Value::Int(ob.has_flag(obj_flags::NOTIFY_DESTRUCT) as i64))
}

/// `void enable_wizard()`: this_object() becomes a wizard (`wizardp()`).
/// Only an interactive object can; for others it does nothing (FluffOS).
pub fn enable_wizard(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let me = current_object(vm, "enable_wizard")?;
    if me.state().interactive.is_some() {
        me.set_flag(obj_flags::WIZARD, true);
    }
    Ok(Value::Int(0))
}

/// `void disable_wizard()`.
pub fn disable_wizard(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let me = current_object(vm, "disable_wizard")?;
    if me.state().interactive.is_some() {
        me.set_flag(obj_flags::WIZARD, false);
    }
    Ok(Value::Int(0))
}

/// `int wizardp(object ob)`.
pub fn wizardp(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = args::object(args, 0)?;
    Ok(Value::Int(ob.has_flag(obj_flags::WIZARD) as i64))
}

/// The object's private-data slot for the light it gives off itself.
const LIGHT_SLOT: u32 = u32::from_be_bytes(*b"LITE");

fn own_light(ob: &ObjectRef) -> i64 {
    let st = ob.state();
    st.private_data
        .iter()
        .find(|(k, _)| *k == LIGHT_SLOT)
        .and_then(|(_, v)| v.as_int())
        .unwrap_or(0)
}

/// An object's own light plus that of everything inside it. FluffOS keeps
/// this total up to date on every move; summing on demand gives the same
/// number without touching move_object.
fn total_light(ob: &ObjectRef) -> i64 {
    let inv: Vec<ObjectRef> = ob.state().inventory.clone();
    own_light(ob) + inv.iter().map(total_light).sum::<i64>()
}

/// `int set_light(int n)`: this_object() gives off `n` more light; the
/// total light of its outermost environment (everything in it included).
pub fn set_light(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = current_object(vm, "set_light")?;
    let n = args::int(args, 0)?;
    let light = own_light(&ob) + n;
    {
        let mut st = ob.state_mut();
        st.private_data.retain(|(k, _)| *k != LIGHT_SLOT);
        if light != 0 {
            st.private_data.push((LIGHT_SLOT, Value::Int(light)));
        }
    }
    let mut top = ob;
    loop {
        let env = top.state().environment.clone();
        match env {
            Some(e) => top = e,
            None => break,
        }
    }
    Ok(Value::Int(total_light(&top)))
}
