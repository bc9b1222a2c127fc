//! Finding, loading, cloning and destructing objects.

use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::{bail, Value, Vm};

fn opt_object(v: Option<ferrum_vm::ObjectRef>) -> Value {
    v.map(Value::Object).unwrap_or(Value::Int(0))
}

pub fn this_object(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    Ok(opt_object(vm.this_object()))
}

/// previous_object(n); previous_object(-1) lists every level.
pub fn previous_object(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let n = args::int_or(args, 0, 0);
    if n == -1 {
        let all = vm.all_previous_objects().into_iter().map(opt_object).collect();
        return Ok(Value::array(all));
    }
    if n < 0 {
        bail!("Bad argument 1 to previous_object()");
    }
    Ok(opt_object(vm.previous_object(n as usize)).live())
}

pub fn this_player(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    // this_player(1) is the user whose input is being handled.
    if args.first().is_some_and(|f| !f.is_false()) {
        return Ok(opt_object(vm.ext::<crate::interactive::Users>().current.clone()).live());
    }
    Ok(opt_object(vm.command_giver.clone()).live())
}

/// load_object(path, load = 1): FluffOS's find_object with loading on
/// by default.
pub fn load_object(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    find_or_load(vm, args, 1)
}

pub fn find_object(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    find_or_load(vm, args, 0)
}

/// Loading a file that does not exist gives 0 rather than an error (a
/// source that fails to compile is still an error), as in FluffOS.
fn find_or_load(vm: &mut Vm, args: &mut [Value], default_load: i64) -> VmResult<Value> {
    let path = args::string(args, 0)?.to_string();
    if args::int_or(args, 1, default_load) == 0 {
        return Ok(opt_object(vm.find_object(&path)));
    }
    match vm.load_object(&path) {
        Ok(ob) => Ok(Value::Object(ob)),
        Err(e) if source_exists(vm, &path) => Err(e),
        Err(_) => Ok(Value::Int(0)),
    }
}

/// Whether an object path has a source file (any source extension).
pub fn source_exists(vm: &Vm, path: &str) -> bool {
    let base = ferrum_vm::interp::normalize_object_path(path).unwrap_or_default();
    ferrum_vm::interp::SOURCE_EXTENSIONS
        .iter()
        .any(|ext| vm.host.real_path(&format!("{}{}", base, ext)).is_some_and(|p| p.is_file()))
}

pub fn clone_object(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    // The clone's euid comes from its maker, so a maker without one may
    // not clone (FluffOS's uids package). An object never given uids (a
    // master without get_root_uid) is let be.
    if let Some(me) = vm.this_object() {
        let refused = {
            let st = me.state();
            st.uid.is_some() && st.euid.is_none()
        };
        if refused && crate::objects::uids::uids_in_use(vm) {
            bail!("Object must call seteuid() prior to calling clone_object().");
        }
    }
    let path = match &args[0] {
        Value::Str(s) => s.to_string(),
        Value::Object(o) if !o.is_destructed() => o.name().to_string(),
        _ => bail!("Bad argument 1 to clone_object()"),
    };
    let rest: Vec<Value> = args[1..].iter_mut().map(std::mem::take).collect();
    Ok(Value::Object(vm.clone_object(&path, rest)?))
}

pub fn destruct(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = match args.first() {
        Some(Value::Object(o)) => o.clone(),
        // An explicit 0 (say, a variable whose object is gone) is an
        // error, not "destruct myself".
        Some(v) if !v.is_undefined() => bail!("Bad argument 1 to destruct()"),
        _ => match vm.this_object() {
            Some(o) => o,
            None => return Ok(Value::Int(0)),
        },
    };
    // Also drops the actions (add_action) the object defined.
    crate::commands::destruct_object(vm, &ob)?;
    Ok(Value::Int(0))
}

pub fn file_name(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = match args.first() {
        Some(Value::Object(o)) if !o.is_destructed() => o.clone(),
        Some(v) if !v.is_zero() => bail!("Bad argument 1 to file_name()"),
        _ => match vm.this_object() {
            Some(o) => o,
            None => return Ok(Value::Int(0)),
        },
    };
    Ok(Value::Str(ob.name()))
}

/// objects([filter [, env]]): every live object, optionally filtered.
pub fn objects(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let all = vm.all_objects();
    let all = crate::objects::hide::without_hidden(vm, all)?;
    let filter = args.first().cloned().unwrap_or(Value::Undefined);
    if filter.is_zero() {
        return Ok(Value::array(all.into_iter().map(Value::Object).collect()));
    }
    let mut out = Vec::new();
    for ob in all {
        if ob.is_destructed() {
            continue;
        }
        let keep = match &filter {
            Value::Function(f) => vm.call_function(f, vec![Value::Object(ob.clone())])?,
            Value::Str(name) => match vm.this_object() {
                Some(me) => vm.apply(&me, name, vec![Value::Object(ob.clone())])?.unwrap_or_default(),
                None => Value::Int(0),
            },
            _ => Value::Int(1),
        };
        if keep.is_true() {
            out.push(Value::Object(ob));
        }
    }
    Ok(Value::array(out))
}

pub fn clonep(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = match args.first() {
        Some(Value::Object(o)) if !o.is_destructed() => Some(o.clone()),
        Some(_) => None,
        None => vm.this_object(),
    };
    Ok(Value::from(ob.is_some_and(|o| o.is_clone())))
}

/// `virtualp(ob)`: whether the object was made by the master's
/// compile_object.
pub fn virtualp(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = args::object(args, 0)?;
    Ok(Value::from(ob.has_flag(ferrum_vm::object::obj_flags::VIRTUAL)))
}

/// `base_name([ob | path])`: the object name without a clone number.
pub fn base_name(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let name = match args.first() {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::Object(o)) if !o.is_destructed() => o.name().to_string(),
        Some(v) if !v.is_zero() => bail!("Bad argument 1 to base_name()"),
        _ => match vm.this_object() {
            Some(o) => o.name().to_string(),
            None => return Ok(Value::Int(0)),
        },
    };
    let base = name.split('#').next().unwrap_or("");
    Ok(Value::from(ferrum_vm::interp::split_extension(base).0))
}
