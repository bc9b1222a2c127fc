//! The efuns FluffOS groups under "interactive": input, connections,
//! snooping and messages.

use super::connection;
use super::input;
use super::output::{self, write_text};
use super::users::{InputTo, Users};
use crate::args;
use crate::runtime::output::message_text;
use ferrum_vm::error::VmResult;
use ferrum_vm::{bail, ObjectRef, Value, Vm};

fn object_or(v: &Value, default: Option<ObjectRef>) -> Option<ObjectRef> {
    match v {
        Value::Object(o) if !o.is_destructed() => Some(o.clone()),
        Value::Undefined => default,
        _ => None,
    }
}

fn object_value(ob: Option<ObjectRef>) -> Value {
    ob.filter(|o| !o.is_destructed()).map(Value::Object).unwrap_or(Value::Int(0))
}

fn bool_value(b: bool) -> Value {
    Value::Int(b as i64)
}

/// The objects in an exclude argument (one object or an array).
fn excluded(v: &Value) -> Vec<ObjectRef> {
    match v {
        Value::Object(o) => vec![o.clone()],
        Value::Array(a) => a.borrow().iter().filter_map(|x| x.as_object().cloned()).collect(),
        _ => Vec::new(),
    }
}

fn pending_input(vm: &mut Vm, args: &mut [Value], single_char: bool) -> VmResult<Value> {
    let owner = vm.this_object().ok_or_else(|| ferrum_vm::lpc_error!("No current object"))?;
    let func = args::take(args, 0);
    let flags = args::int_or(args, 1, 0);
    let extra = args.get_mut(2..).map(|rest| rest.iter_mut().map(std::mem::take).collect()).unwrap_or_default();
    Ok(bool_value(input::request(vm, InputTo { func, owner, flags, args: extra, single_char })))
}

/// `input_to(fun, flag, args...)`: the player's next line goes to `fun`.
pub fn input_to(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    pending_input(vm, args, false)
}

/// `get_char(fun, flag, args...)`: the player's next key goes to `fun`.
pub fn get_char(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    pending_input(vm, args, true)
}

pub fn in_input(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or(args::opt(args, 0), vm.this_object());
    let pending = ob.and_then(|o| vm.ext::<Users>().of_object(&o).map(|u| u.input_to.is_some()));
    Ok(bool_value(pending == Some(true)))
}

pub fn exec(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let to = args::object(args, 0)?;
    let from = args::object(args, 1)?;
    Ok(bool_value(connection::exec(vm, &to, &from)))
}

pub fn users(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let list = vm.ext::<Users>().objects().into_iter().filter(|o| !o.is_destructed()).collect();
    let list = crate::objects::hide::without_hidden(vm, list)?;
    Ok(Value::array(list.into_iter().map(Value::Object).collect()))
}

pub fn interactive(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or(args::opt(args, 0), vm.this_object());
    Ok(bool_value(ob.is_some_and(|o| vm.ext::<Users>().conn_of(&o).is_some())))
}

pub fn userp(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = args::object(args, 0)?;
    Ok(bool_value(ob.has_flag(ferrum_vm::object::obj_flags::ONCE_INTERACTIVE)))
}

pub fn this_interactive(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    Ok(object_value(vm.ext::<Users>().current.clone()))
}

pub fn query_ip_number(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or(args::opt(args, 0), vm.command_giver.clone());
    let ip = ob.and_then(|o| vm.ext::<Users>().of_object(&o).map(|u| u.peer.ip().to_string()));
    Ok(ip.map(Value::from).unwrap_or(Value::Int(0)))
}

pub fn query_ip_port(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or(args::opt(args, 0), vm.command_giver.clone());
    let port = ob.and_then(|o| vm.ext::<Users>().of_object(&o).map(|u| u.port as i64));
    Ok(Value::Int(port.unwrap_or(0)))
}

pub fn query_idle(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = args::object(args, 0)?;
    match vm.ext::<Users>().of_object(&ob) {
        Some(u) => Ok(Value::Int(u.last_input.elapsed().as_secs() as i64)),
        None => bail!("query_idle() of non-interactive object."),
    }
}

pub fn remove_interactive(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = args::object(args, 0)?;
    Ok(bool_value(connection::disconnect(vm, &ob)))
}

/// `snoop(snooper [, target])`: the snooper sees what the target sees and
/// types; without a target, it stops snooping.
pub fn snoop(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let snooper = args::object(args, 0)?;
    let target = object_or(args::opt(args, 1), None);
    let users = vm.ext::<Users>();
    for c in users.conns() {
        if let Some(u) = users.get_mut(c) {
            if u.snooped_by.as_ref() == Some(&snooper) {
                u.snooped_by = None;
            }
        }
    }
    let Some(target) = target else { return Ok(Value::Object(snooper)) };
    if users.conn_of(&snooper).is_none() || target == snooper {
        return Ok(Value::Int(0));
    }
    // No loops: the snooper must not be (indirectly) snooped by the target.
    let mut watcher = users.of_object(&snooper).and_then(|u| u.snooped_by.clone());
    while let Some(w) = watcher {
        if w == target {
            return Ok(Value::Int(0));
        }
        watcher = users.of_object(&w).and_then(|u| u.snooped_by.clone());
    }
    match users.of_object_mut(&target) {
        Some(u) if u.snooped_by.is_none() => {
            u.snooped_by = Some(snooper);
            Ok(Value::Object(target))
        }
        _ => Ok(Value::Int(0)),
    }
}

pub fn query_snoop(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = args::object(args, 0)?;
    Ok(object_value(vm.ext::<Users>().of_object(&ob).and_then(|u| u.snooped_by.clone())))
}

pub fn query_snooping(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = args::object(args, 0)?;
    let users = vm.ext::<Users>();
    let target = users.conns().into_iter().filter_map(|c| users.get(c)).find(|u| u.snooped_by.as_ref() == Some(&ob)).map(|u| u.object.clone());
    Ok(object_value(target))
}

/// `receive(text)`: straight to this object's connection.
pub fn receive(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let me = vm.this_object().ok_or_else(|| ferrum_vm::lpc_error!("No current object"))?;
    let text = match &args[0] {
        Value::Buffer(b) => String::from_utf8_lossy(&b.to_vec()).into_owned(),
        other => message_text(other),
    };
    connection::receive(vm, &me, &text);
    Ok(Value::Int(0))
}

pub fn tell_object(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = args::object(args, 0)?;
    let text = message_text(&args[1]);
    output::tell_object(vm, &ob, &text)?;
    Ok(Value::Int(0))
}

/// `say(text [, exclude])`: to everyone near this_player() (or this
/// object): its environment, what is there, and what it carries.
pub fn say(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let text = message_text(&args[0]);
    let origin = vm.command_giver.clone().filter(|o| !o.is_destructed()).or_else(|| vm.this_object());
    let Some(origin) = origin else { return Ok(Value::Int(0)) };
    let mut skip = excluded(args::opt(args, 1));
    skip.push(origin.clone());
    let mut targets = Vec::new();
    if let Some(env) = origin.state().environment.clone() {
        targets.push(env.clone());
        targets.extend(env.state().inventory.iter().cloned());
    }
    targets.extend(origin.state().inventory.iter().cloned());
    deliver(vm, targets, &skip, &text)
}

/// `tell_room(room, text [, exclude])`: to everything in the room.
pub fn tell_room(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let room = match &args[0] {
        Value::Object(o) => o.clone(),
        Value::Str(path) => vm.load_object(path)?,
        _ => bail!("Bad argument 1 to tell_room()"),
    };
    let text = message_text(&args[1]);
    let skip = excluded(args::opt(args, 2));
    let targets = room.state().inventory.clone();
    deliver(vm, targets, &skip, &text)
}

/// `shout(text)`: to every user but this_player().
pub fn shout(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let text = message_text(&args[0]);
    let skip: Vec<ObjectRef> = vm.command_giver.clone().into_iter().collect();
    let targets = vm.ext::<Users>().objects();
    deliver(vm, targets, &skip, &text)
}

fn deliver(vm: &mut Vm, targets: Vec<ObjectRef>, skip: &[ObjectRef], text: &str) -> VmResult<Value> {
    for t in targets {
        if !t.is_destructed() && !skip.contains(&t) {
            output::tell_object(vm, &t, text)?;
        }
    }
    Ok(Value::Int(0))
}

/// `message(class, text, targets [, exclude])`: `receive_message(class,
/// text)` in each target; a non-living target passes it to what it holds.
pub fn message(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let class = args::take(args, 0);
    let text = args::take(args, 1);
    let skip = excluded(args::opt(args, 3));
    let listed: Vec<Value> = match &args[2] {
        Value::Array(a) => a.to_vec(),
        other => vec![other.clone()],
    };
    let mut targets = Vec::new();
    for t in listed {
        let ob = match t {
            Value::Object(o) if !o.is_destructed() => o,
            Value::Str(path) => vm.load_object(&path)?,
            _ => continue,
        };
        if ob.state().is_living {
            targets.push(ob);
        } else {
            targets.extend(ob.state().inventory.iter().cloned());
        }
    }
    for t in targets {
        if !t.is_destructed() && !skip.contains(&t) {
            vm.apply(&t, "receive_message", vec![class.clone(), text.clone()])?;
        }
    }
    Ok(Value::Int(0))
}

pub fn find_player(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let name = args::string(args, 0)?.to_string();
    let found = crate::objects::living::find_named(vm, &name, true);
    Ok(object_value(crate::objects::living::visible_one(vm, found)?))
}

/// `write(text)` (here so that players get it).
pub fn write(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let text = message_text(&args[0]);
    write_text(vm, &text)?;
    Ok(Value::Int(0))
}
