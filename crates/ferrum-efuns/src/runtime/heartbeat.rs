//! Heart beats: objects that asked for one get `heart_beat()` called every
//! heartbeat interval.

use super::errors::run_guarded;
use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::{ObjectRef, Value, Vm};

#[derive(Default)]
pub struct HeartBeats {
    /// In the order they were turned on.
    pub objects: Vec<ObjectRef>,
}

impl HeartBeats {
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    pub fn remove(&mut self, ob: &ObjectRef) {
        self.objects.retain(|o| o != ob);
    }
}

/// `set_heart_beat(flag)`: on (non-zero) or off for this object.
pub fn set_heart_beat(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let Some(ob) = vm.this_object() else { return Ok(Value::Int(0)) };
    let on = args::int(args, 0)? != 0;
    let has = ob.program_ref().find_function("heart_beat").is_some();
    let hb = vm.ext::<HeartBeats>();
    hb.remove(&ob);
    if on && has {
        hb.objects.push(ob.clone());
    }
    ob.state_mut().heart_beat = on && has;
    Ok(Value::Int((on && has) as i64))
}

/// `query_heart_beat([ob])`: whether the object has a heart beat.
pub fn query_heart_beat(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = match args.first() {
        Some(Value::Object(o)) => Some(o.clone()),
        _ => vm.this_object(),
    };
    Ok(Value::Int(ob.is_some_and(|o| !o.is_destructed() && o.state().heart_beat) as i64))
}

/// `heart_beats()`: every object with a heart beat.
pub fn heart_beats(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let list = vm.ext::<HeartBeats>().objects.iter().filter(|o| !o.is_destructed()).cloned().map(Value::Object).collect();
    Ok(Value::array(list))
}

/// One round of heart beats. this_player() is the object itself when it
/// is living. An object whose heart_beat errors loses its heart beat, as
/// in FluffOS.
pub fn run_heart_beats(vm: &mut Vm) {
    let list: Vec<ObjectRef> = vm.ext::<HeartBeats>().objects.clone();
    for ob in list {
        if ob.is_destructed() || !ob.state().heart_beat {
            continue;
        }
        let living = ob.state().is_living;
        let saved = std::mem::replace(&mut vm.command_giver, if living { Some(ob.clone()) } else { None });
        crate::stats::mudlib_stats::count_heart_beat(vm, &ob);
        let ok = run_guarded(vm, |vm| vm.apply(&ob, "heart_beat", vec![]));
        vm.command_giver = saved;
        if ok.is_none() {
            ob.state_mut().heart_beat = false;
            vm.ext::<HeartBeats>().remove(&ob);
        }
    }
    vm.ext::<HeartBeats>().objects.retain(|o| !o.is_destructed());
}
