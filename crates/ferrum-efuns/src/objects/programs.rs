//! Programs and inheritance: inherit_list, deep_inherit_list, include_list, inherits,
//! replace_program, children, reload_object, memory_info.

use super::{object_arg, object_or_this};
use crate::args;
use crate::runtime::callouts::CallOuts;
use crate::runtime::heartbeat::HeartBeats;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::interp::{normalize_object_path, split_extension};
use ferrum_vm::program::Program;
use ferrum_vm::{ObjectRef, Value, Vm};
use rustc_hash::FxHashSet;
use std::rc::Rc;

fn names(programs: impl Iterator<Item = Rc<Program>>) -> Value {
    Value::array(programs.map(|p| Value::Str(p.name.clone())).collect())
}

/// `inherit_list([ob])` / `shallow_inherit_list([ob])`: the programs `ob`
/// inherits directly, as "/path/file.c".
pub fn inherit_list(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or_this(vm, args, 0, "inherit_list")?;
    let program = ob.program();
    Ok(names(program.inherits.iter().map(|i| i.program.clone())))
}

/// `include_list([ob])`: the files `ob`'s program opened through
/// `#include` (nested ones too), first-seen order, without its own file.
pub fn include_list(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or_this(vm, args, 0, "include_list")?;
    let program = ob.program();
    Ok(Value::array(program.includes.iter().map(|f| Value::from(f.as_str())).collect()))
}

/// FluffOS lists at most this many programs in `deep_inherit_list`.
const DEEP_INHERIT_LIMIT: usize = 256;

/// `deep_inherit_list([ob])`: every program `ob` inherits, breadth first.
pub fn deep_inherit_list(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or_this(vm, args, 0, "deep_inherit_list")?;
    let mut list: Vec<Rc<Program>> = vec![ob.program()];
    let mut cur = 0;
    while cur < list.len() && list.len() < DEEP_INHERIT_LIMIT {
        let inherited: Vec<Rc<Program>> = list[cur]
            .inherits
            .iter()
            .map(|i| i.program.clone())
            .collect();
        list.extend(inherited);
        cur += 1;
    }
    list.truncate(DEEP_INHERIT_LIMIT);
    Ok(names(list.into_iter().skip(1)))
}

/// 1 when `prog` inherits `target` itself, 2 when it inherits another
/// program of the same file (an older compile), else 0.
fn inherits_program(prog: &Program, target: &Rc<Program>) -> i64 {
    for inh in &prog.inherits {
        if Rc::ptr_eq(&inh.program, target) {
            return 1;
        }
        if inh.program.name == target.name {
            return 2;
        }
        let deeper = inherits_program(&inh.program, target);
        if deeper != 0 {
            return deeper;
        }
    }
    0
}

/// `inherits(file, [ob])`: whether `ob` inherits the program of the loaded
/// object `file` (1), an older version of it (2), or not at all (0).
pub fn inherits(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or_this(vm, args, 1, "inherits")?;
    let file = args::string(args, 0)?.to_string();
    let Some(target) = vm.find_object(&file) else {
        return Ok(Value::Int(0));
    };
    Ok(Value::Int(inherits_program(
        &ob.program(),
        &target.program(),
    )))
}

/// A program or file name without leading slashes or source extension.
fn bare_name(name: &str) -> &str {
    split_extension(name.trim_start_matches('/')).0
}

/// The program named `name` (bare) among those `prog` inherits, and where
/// its variables start.
fn find_inherited(prog: &Program, name: &str) -> Option<(Rc<Program>, u32)> {
    // A name given with a source extension must match the program's file
    // exactly (FluffOS: "x.c" does not name a program compiled from
    // "x.lpc"); without one, any extension matches.
    let exact = split_extension(name).1.is_some();
    for inh in &prog.inherits {
        let matches = if exact {
            inh.program.name.trim_start_matches('/') == name
        } else {
            bare_name(&inh.program.name) == name
        };
        if matches {
            return Some((inh.program.clone(), inh.vo));
        }
        if let Some((p, offset)) = find_inherited(&inh.program, name) {
            return Some((p, offset + inh.vo));
        }
    }
    None
}

/// `replace_program(file)`: this object will run the inherited program
/// `file` instead of its own, keeping that program's variables. As in
/// FluffOS it happens once the current execution is over (the outermost
/// call from the driver returns).
pub fn replace_program(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let me = match vm.this_object() {
        Some(o) => o,
        None => {
            return Err(LpcError::new(
                "replace_program called with no current object",
            ))
        }
    };
    if vm.simul_efun.as_ref() == Some(&me) {
        return Err(LpcError::new("replace_program on simul_efun object"));
    }
    let name = args::string(args, 0)?.trim_start_matches('/').to_string();
    let Some((program, offset)) = find_inherited(&me.program(), &name) else {
        return Err(LpcError::new(
            "program to replace the current with has to be inherited",
        ));
    };
    vm.schedule_replace_program(&me, program, offset);
    Ok(Value::Int(0))
}

/// `children(file)`: the loaded object `file` and its clones.
pub fn children(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let Ok(base) = normalize_object_path(args::string(args, 0)?) else {
        return Ok(Value::array(Vec::new()));
    };
    let found = vm
        .all_objects()
        .into_iter()
        .filter(|o| {
            let name = o.name();
            let stem = name.split('#').next().unwrap_or("");
            stem == base
        })
        .map(Value::Object)
        .collect();
    Ok(Value::array(found))
}

/// `reload_object(ob)`: makes `ob` as new: its shadows are destructed,
/// its living name, heart beat and call_outs go, its euid is reset to its
/// uid, and its variable initialisers and `create()` run again.
pub fn reload_object(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_arg(args, 0, "reload_object")?;
    let (shadowed_by, shadowing) = {
        let st = ob.state();
        (st.shadowed_by.clone(), st.shadowing.clone())
    };
    if shadowing.is_none() {
        let mut next = shadowed_by.clone();
        while let Some(s) = next {
            next = s.state_mut().shadowed_by.take();
            s.state_mut().shadowing = None;
            vm.destruct_object(&s)?;
        }
    } else if let Some(below) = &shadowing {
        below.state_mut().shadowed_by = shadowed_by.clone();
        if let Some(above) = &shadowed_by {
            above.state_mut().shadowing = Some(below.clone());
        }
    }
    {
        let mut st = ob.state_mut();
        st.shadowed_by = None;
        st.shadowing = None;
        st.living_name = None;
        st.is_living = false;
        st.heart_beat = false;
        st.euid = st.uid.clone();
    }
    vm.ext::<HeartBeats>().remove(&ob);
    vm.ext::<CallOuts>().remove_object(&ob);
    vm.reinitialize_object(&ob)?;
    Ok(Value::Int(0))
}

/// A rough size in bytes of a program: its tables and code.
fn program_size(program: &Program) -> i64 {
    let mut seen = FxHashSet::default();
    let mut size = 256 + 32 * (program.ftable.len() + program.vars.len()) as i64;
    for def in program.ftable.iter().filter_map(|f| f.def.as_ref()) {
        if seen.insert(Rc::as_ptr(def)) {
            size += 64 + 12 * def.code.len() as i64 + 16 * def.consts.len() as i64;
        }
    }
    size
}

fn object_size(ob: &ObjectRef) -> i64 {
    128 + 16 * ob.vars().len() as i64 + 16 * ob.state().inventory.len() as i64
}

/// `memory_info([ob])`: an estimate of the memory `ob` uses (its program
/// included, as FluffOS counts it), or of all objects and programs.
pub fn memory_info(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    if !args.is_empty() {
        let ob = object_arg(args, 0, "memory_info")?;
        return Ok(Value::Int(program_size(&ob.program()) + object_size(&ob)));
    }
    let mut programs = FxHashSet::default();
    let mut values = FxHashSet::default();
    let mut total = 0;
    for ob in vm.all_objects() {
        let program = ob.program();
        if programs.insert(Rc::as_ptr(&program)) {
            total += program_size(&program);
        }
        total += object_size(&ob);
        // What the variables hold, as FluffOS's totals include arrays,
        // mappings and strings.
        let vars = ob.vars();
        total += vars.iter().map(|v| crate::stats::memory::value_share(v, &mut values) as i64).sum::<i64>();
    }
    Ok(Value::Int(total))
}
