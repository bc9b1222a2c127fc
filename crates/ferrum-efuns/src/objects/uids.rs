//! The uids package: getuid, geteuid, seteuid, export_uid, and how a new
//! object gets its uids.
//!
//! An object's uid says who is responsible for it (the master's
//! `creator_file()` decides); its euid is the identity it acts with, which
//! it may change through `seteuid()` as far as the master's
//! `valid_seteuid()` allows. Ferrum behaves as FluffOS built with
//! AUTO_SETEUID: a new object's euid starts equal to its uid.

use super::{bad_argument, current_object, master_approves, object_arg, object_or_this};
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::LStr;
use ferrum_vm::{ObjectRef, Value, Vm};

fn uid_value(uid: Option<LStr>) -> Value {
    uid.map(Value::Str).unwrap_or(Value::Int(0))
}

/// `getuid([ob])`.
pub fn getuid(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or_this(vm, args, 0, "getuid")?;
    let uid = ob.state().uid.clone();
    match uid {
        Some(u) => Ok(Value::Str(u)),
        None => Err(LpcError::new(
            "Object has no UID: This could happen if you call getuid() in master:creator_file().",
        )),
    }
}

/// `geteuid([ob | f])`: an object's euid, or that of a function's owner;
/// 0 when there is none.
pub fn geteuid(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    if let Some(Value::Function(f)) = args.first() {
        let euid = f
            .owner
            .as_ref()
            .filter(|o| !o.is_destructed())
            .and_then(|o| o.state().euid.clone());
        return Ok(uid_value(euid));
    }
    let ob = object_or_this(vm, args, 0, "geteuid")?;
    let euid = ob.state().euid.clone();
    Ok(uid_value(euid))
}

/// `seteuid(euid | 0)`: 0 clears this object's euid; a string becomes its
/// euid when the master's `valid_seteuid(ob, euid)` agrees. 1 on success.
pub fn seteuid(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let me = current_object(vm, "seteuid")?;
    match &args[0] {
        Value::Str(euid) => {
            let euid = euid.clone();
            let ok = master_approves(
                vm,
                "valid_seteuid",
                vec![Value::Object(me.clone()), Value::Str(euid.clone())],
            )?;
            if !ok {
                return Ok(Value::Int(0));
            }
            me.state_mut().euid = Some(euid);
            Ok(Value::Int(1))
        }
        v if v.is_zero() => {
            me.state_mut().euid = None;
            Ok(Value::Int(1))
        }
        other => Err(bad_argument(1, "seteuid", "string | int", other)),
    }
}

/// `export_uid(ob)`: gives `ob`, which has no euid yet, this object's euid
/// as its uid. 1 when it did.
pub fn export_uid(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let me = current_object(vm, "export_uid")?;
    let ob = object_arg(args, 0, "export_uid")?;
    let Some(euid) = me.state().euid.clone() else {
        return Err(LpcError::new("Illegal to export uid 0"));
    };
    if ob.state().euid.is_some() {
        return Ok(Value::Int(0));
    }
    ob.state_mut().uid = Some(euid);
    Ok(Value::Int(1))
}

/// Gives a new object its uids as FluffOS does when it is created: the
/// master's `creator_file("/name")` names the uid; an object made by an
/// object of the same uid shares that object's uid and euid; otherwise
/// the euid equals the uid. Without a master the uid is "NONAME". A master
/// whose `creator_file()` answers no string refuses the object: it is
/// destructed and an error raised. For the host's `object_created`.
/// The master's `get_bb_uid()` answer: objects whose creator is this uid
/// take the uid of the object that loads them.
#[derive(Default)]
pub struct BackboneUid(pub Option<LStr>);

/// Whether objects are given uids: the master has a `creator_file()`.
pub fn uids_in_use(vm: &Vm) -> bool {
    vm.master
        .as_ref()
        .is_some_and(|m| !m.is_destructed() && m.program_ref().find_function("creator_file").is_some())
}

/// After the master loads: its uid and euid become `get_root_uid()`, and
/// `get_bb_uid()` names the backbone uid (FluffOS asks both at start-up).
pub fn master_loaded(vm: &mut Vm, master: &ObjectRef) -> VmResult<()> {
    if let Some(Value::Str(root)) = vm.apply(master, "get_root_uid", vec![])? {
        let mut st = master.state_mut();
        st.uid = Some(root.clone());
        st.euid = Some(root);
    }
    if let Some(Value::Str(bb)) = vm.apply(master, "get_bb_uid", vec![])? {
        vm.ext::<BackboneUid>().0 = Some(bb);
    }
    Ok(())
}

pub fn give_uid_to_object(vm: &mut Vm, ob: &ObjectRef) -> VmResult<()> {
    let master = match vm.master.clone() {
        Some(m) if !m.is_destructed() => m,
        _ => {
            let mut st = ob.state_mut();
            st.uid = Some(LStr::from("NONAME"));
            st.euid = st.uid.clone();
            return Ok(());
        }
    };
    let answer = vm.apply(&master, "creator_file", vec![Value::Str(ob.name())])?;
    let creator = match answer {
        Some(Value::Str(s)) => s,
        None => {
            return Err(LpcError::new(
                "master object: No function creator_file() defined!",
            ));
        }
        Some(_) => {
            vm.destruct_object(ob)?;
            return Err(LpcError::new(
                "Illegal object to load: return value of master::creator_file() was not a string.",
            ));
        }
    };
    let maker = vm.this_object().filter(|m| !m.is_destructed() && m != ob);
    let backbone = vm.ext::<BackboneUid>().0.clone();
    let same = maker.as_ref().and_then(|m| {
        let st = m.state();
        if st.uid.as_ref() == Some(&creator) {
            Some((st.uid.clone(), st.euid.clone()))
        } else if backbone.as_ref() == Some(&creator) {
            // Backbone files are trusted: they act as whoever loads them.
            Some((st.euid.clone(), st.euid.clone()))
        } else {
            None
        }
    });
    let mut st = ob.state_mut();
    match same {
        Some((uid, euid)) => {
            st.uid = uid;
            st.euid = euid;
        }
        None => {
            st.uid = Some(creator.clone());
            st.euid = Some(creator);
        }
    }
    Ok(())
}
