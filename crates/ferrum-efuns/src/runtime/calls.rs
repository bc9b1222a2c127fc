//! call_other, function_exists, call_stack, defer.

use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::program::fn_flags;
use ferrum_vm::{bail, Value, Vm};

/// call_other(ob, "fn", args...) or call_other(ob, ({ "fn", args... })).
pub fn call_other(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let (name, mut rest): (String, Vec<Value>) = match &args[1] {
        Value::Str(s) => (s.to_string(), args[2..].iter_mut().map(std::mem::take).collect()),
        Value::Array(a) => {
            let items = a.to_vec();
            match items.first() {
                Some(Value::Str(s)) => (s.to_string(), items[1..].to_vec()),
                _ => bail!("Bad argument 2 to call_other()"),
            }
        }
        _ => bail!("Bad argument 2 to call_other()"),
    };
    let target = std::mem::take(&mut args[0]);
    if let Value::Array(list) = &target {
        let mut out = Vec::new();
        for t in list.to_vec() {
            let r = match vm.resolve_target(&t) {
                Ok(ob) => vm.call_other(&ob, &name, rest.clone())?.unwrap_or_default(),
                Err(_) => Value::Int(0),
            };
            out.push(r);
        }
        return Ok(Value::array(out));
    }
    let ob = vm.resolve_target(&target)?;
    Ok(vm.call_other(&ob, &name, std::mem::take(&mut rest))?.unwrap_or(Value::Undefined))
}

/// function_exists(name [, ob [, flag]]): the defining program's name
/// (without its source extension), or 0. Without flag, static functions are not found.
pub fn function_exists(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let name = args::string(args, 0)?.to_string();
    let ob = match args.get(1) {
        Some(Value::Object(o)) if !o.is_destructed() => o.clone(),
        Some(v) if !v.is_zero() => bail!("Bad argument 2 to function_exists()"),
        _ => match vm.this_object() {
            Some(o) => o,
            None => return Ok(Value::Int(0)),
        },
    };
    let all = args::int_or(args, 2, 0) != 0;
    let prog = ob.program();
    match prog.find_function(&name) {
        Some((_, e)) if e.def.is_some() && (all || e.flags & (fn_flags::PROTECTED | fn_flags::PRIVATE) == 0) => {
            let def = e.def.as_ref().expect("def");
            let p = def.program_name.as_str();
            Ok(Value::from(ferrum_vm::interp::split_extension(p).0))
        }
        _ => Ok(Value::Int(0)),
    }
}

/// call_stack(0): programs; 1: objects; 2: functions; 3: origins;
/// 4: "file:line" of each frame. Anything else is an error, as in FluffOS.
pub fn call_stack(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let which = args::int_or(args, 0, 0);
    if !(0..=4).contains(&which) {
        bail!("Bad argument 1 to call_stack()");
    }
    if which == 4 {
        let lines = vm.trace().into_iter().map(|f| Value::from(format!("{}:{}", f.file, f.line))).collect();
        return Ok(Value::array(lines));
    }
    let stack = vm.call_stack();
    let items = stack
        .into_iter()
        .map(|(func, ob, prog)| match which {
            1 => Value::Object(ob),
            2 => Value::Str(func),
            // Frames do not record how they were entered; every frame
            // reads as a local call.
            3 => Value::from("local"),
            _ => Value::Str(prog),
        })
        .collect();
    Ok(Value::array(items))
}

/// `defer(f)`: `f` runs when the calling function ends, even by an error;
/// several run last-deferred first, each with the this_player() of its
/// defer() call.
pub fn defer(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    vm.defer(std::mem::take(&mut args[0]));
    Ok(Value::Int(0))
}
