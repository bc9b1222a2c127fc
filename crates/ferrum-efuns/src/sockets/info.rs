//! socket_error, socket_address, socket_status, socket_set_option,
//! socket_get_option.

use super::constants::*;
use super::convert::{format_address, status_address, UNSET_ADDRESS};
use super::options::SetError;
use super::table;
use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::{bail, Value, Vm};

pub fn socket_error(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::from(error_text(args::int(args, 0)?)))
}

/// `socket_address(fd [, local])`: "ip port"; `socket_address(ob)`: the
/// address of an interactive object (0 for others).
pub fn socket_address(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fd = match &args[0] {
        Value::Int(fd) => *fd,
        Value::Object(_) => return Ok(Value::Undefined),
        _ => bail!("Bad argument 1 to socket_address()"),
    };
    let local = args::int_or(args, 1, 0) != 0;
    let t = table(vm);
    if !t.in_range(fd) {
        return Ok(Value::from(" 0"));
    }
    let addr = t.get(fd).and_then(|s| if local { s.local } else { s.remote });
    Ok(Value::from(addr.map(|a| format_address(&a)).unwrap_or_else(|| UNSET_ADDRESS.to_string())))
}

fn status_of(t: &table::SocketTable, fd: usize) -> Value {
    match t.slots.get(fd).and_then(|s| s.as_ref()) {
        None => Value::array(vec![
            Value::Int(-1),
            Value::from("CLOSED"),
            Value::from("MUD"),
            Value::from(""),
            Value::from(""),
            Value::Int(0),
        ]),
        Some(s) => Value::array(vec![
            Value::Int(fd as i64),
            Value::from(s.state.name()),
            Value::from(mode_name(s.mode)),
            Value::from(status_address(s.local.as_ref())),
            Value::from(status_address(s.remote.as_ref())),
            if s.owner.is_destructed() || s.release_to.is_some() { Value::Int(0) } else { Value::Object(s.owner.clone()) },
        ]),
    }
}

/// `socket_status(fd)`: ({ fd, state, mode, local, remote, owner });
/// without an argument, one such array per descriptor.
pub fn socket_status(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let t = table(vm);
    match args.first() {
        Some(Value::Int(fd)) => {
            if !t.in_range(*fd) {
                return Ok(Value::Int(0));
            }
            Ok(status_of(t, *fd as usize))
        }
        _ => Ok(Value::array((0..t.slots.len()).map(|i| status_of(t, i)).collect())),
    }
}

pub fn socket_set_option(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fd = args::int(args, 0)?;
    let opt = args::int(args, 1)?;
    let value = args::take(args, 2);
    let Some(s) = table(vm).get_mut(fd) else { bail!("Bad socket descriptor: {}", fd) };
    let before = s.options.clone();
    match s.options.set(opt, value) {
        Ok(None) => {
            if super::http::config::is_rest_option(opt) {
                // The routes and settings must still make a working
                // router (no ambiguous patterns, schemas that compile).
                if let Err(why) = super::http::config::check_rest(&s.options) {
                    s.options = before;
                    vm.host.clone().log(&format!("socket_set_option({}, {}): {}\n", fd, opt, why));
                    return Ok(Value::Int(0));
                }
                super::http::server::options_changed(vm, fd);
            }
            Ok(Value::Int(1))
        }
        Ok(Some(action)) => {
            super::events::option_action(vm, fd as usize, opt, action);
            Ok(Value::Int(1))
        }
        Err(SetError::Invalid(_)) => Ok(Value::Int(0)),
        Err(SetError::UnknownOption) => bail!("Unknown socket option: {}", opt),
    }
}

pub fn socket_get_option(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fd = args::int(args, 0)?;
    let opt = args::int(args, 1)?;
    let Some(s) = table(vm).get(fd) else { bail!("Bad socket descriptor: {}", fd) };
    match s.options.get(opt) {
        Some(v) => Ok(v),
        None => bail!("Unknown socket option: {}", opt),
    }
}
