//! Shadows: `shadow()` and `query_shadowing()`.
//!
//! A shadow sits on top of another object and receives the calls made to
//! it for every function it defines itself (see the VM's
//! `shadow_target`). `shadowed_by` points up the chain, `shadowing` down.

use super::{current_object, master_approves, object_arg, object_value};
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::program::fn_flags;
use ferrum_vm::{ObjectRef, Value, Vm};

/// `shadow(ob [, flag])`: with flag 0, the object shadowing `ob`; otherwise
/// makes this object the outermost shadow of `ob`'s chain and returns the
/// object it now shadows (0 when the master refuses).
pub fn shadow(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_arg(args, 0, "shadow")?;
    let flag = crate::args::int_or(args, 1, 1);
    if flag == 0 {
        return Ok(object_value(ob.state().shadowed_by.clone()));
    }
    let me = current_object(vm, "shadow")?;
    if ob == me {
        return Err(LpcError::new("shadow: Can't shadow self"));
    }
    if !validate_shadowing(vm, &me, &ob)? {
        return Ok(Value::Int(0));
    }
    if me.is_destructed() {
        return Ok(Value::Int(0));
    }
    let mut victim = ob;
    loop {
        let above = victim.state().shadowed_by.clone();
        match above {
            Some(a) => victim = a,
            None => break,
        }
    }
    me.state_mut().shadowing = Some(victim.clone());
    victim.state_mut().shadowed_by = Some(me);
    Ok(Value::Object(victim))
}

/// The checks FluffOS makes before `me` may shadow `ob`; the master's
/// `valid_shadow(ob)` has the last word.
fn validate_shadowing(vm: &mut Vm, me: &ObjectRef, ob: &ObjectRef) -> VmResult<bool> {
    {
        let st = me.state();
        if st.shadowing.is_some() {
            return Err(LpcError::new("shadow: Already shadowing."));
        }
        if st.shadowed_by.is_some() {
            return Err(LpcError::new("shadow: Can't shadow when shadowed."));
        }
        if st.environment.is_some() {
            return Err(LpcError::new(
                "shadow: The shadow must not reside inside another object.",
            ));
        }
    }
    if vm.master.as_ref() == Some(ob) {
        return Err(LpcError::new("shadow: cannot shadow the master object."));
    }
    if ob.state().shadowing.is_some() {
        return Err(LpcError::new("shadow: Can't shadow a shadow."));
    }
    if let Some(name) = masked_nomask_function(me, ob) {
        return Err(LpcError::new(format!(
            "Illegal to shadow 'nomask' function \"{}\".",
            name
        )));
    }
    let approved = master_approves(vm, "valid_shadow", vec![Value::Object(ob.clone())])?;
    Ok(approved && !ob.is_destructed())
}

/// A function the shadow defines that the victim declares `nomask`.
fn masked_nomask_function(shadow: &ObjectRef, victim: &ObjectRef) -> Option<String> {
    let shadow_prog = shadow.program();
    let victim_prog = victim.program();
    shadow_prog
        .ftable
        .iter()
        .filter(|f| f.def.is_some())
        .find_map(|f| {
            let (_, v) = victim_prog.find_function_lstr(&f.name)?;
            (v.flags & fn_flags::NOMASK != 0).then(|| f.name.to_string())
        })
}

/// `query_shadowing(ob)`: the object `ob` shadows, or 0.
pub fn query_shadowing(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    match &args[0] {
        Value::Object(o) if !o.is_destructed() => Ok(object_value(o.state().shadowing.clone())),
        _ => Ok(Value::Int(0)),
    }
}

/// `remove_shadow(ob)`: takes the shadow `ob` out of its chain, joining
/// the objects above and below it. 1 when `ob` was shadowing something,
/// else 0.
pub fn remove_shadow(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = match args.first() {
        Some(Value::Object(o)) if !o.is_destructed() => o.clone(),
        _ => return Ok(Value::Int(0)),
    };
    let (above, below) = {
        let st = ob.state();
        (st.shadowed_by.clone(), st.shadowing.clone())
    };
    let Some(below) = below else { return Ok(Value::Int(0)) };
    below.state_mut().shadowed_by = above.clone();
    if let Some(above) = &above {
        above.state_mut().shadowing = Some(below.clone());
    }
    let mut st = ob.state_mut();
    st.shadowing = None;
    st.shadowed_by = None;
    Ok(Value::Int(1))
}
