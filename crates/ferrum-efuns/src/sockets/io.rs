//! socket_write, socket_close, socket_release, socket_acquire.

use super::constants::*;
use super::convert::{encode_write, parse_address};
use super::table::HIGH_WATER;
use super::table::HttpRole;
use super::{allowed, check_owned, http, route, table};
use crate::args;
use crate::net::NetLink;
use ferrum_net::Command;
use ferrum_vm::error::VmResult;
use ferrum_vm::{Value, Vm};
use std::net::SocketAddr;

fn code(c: i64) -> VmResult<Value> {
    Ok(Value::Int(c))
}

pub fn socket_write(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fd = args::int(args, 0)?;
    if !allowed(vm, "write", fd, None)? {
        return code(EESECURITY);
    }
    if let Err(c) = check_owned(vm, fd) {
        return code(c);
    }
    let addr = match args.get(2) {
        Some(Value::Str(a)) => Some(a.to_string()),
        _ => None,
    };
    let s = table(vm).get(fd).expect("checked");
    let mode = s.mode;
    match &s.http {
        Some(HttpRole::Connection { .. }) => return code(http::server::respond(vm, fd, &args[1])),
        Some(HttpRole::Client) => return code(http::client::write(vm, fd, &args[1])),
        Some(HttpRole::Listener { .. }) => return code(EENOTCONN),
        None if http::is_http(mode) => return code(EENOTCONN),
        None => {}
    }
    if s.is_datagram() {
        let Some(addr) = addr else { return code(EENOADDR) };
        let Some(to) = parse_address(&addr) else { return code(EEBADADDR) };
        let data = match encode_write(mode, &args[1]) {
            Ok(d) => d,
            Err(c) => return code(c),
        };
        let id = match s.net {
            Some(id) => id,
            None => match implicit_datagram(vm, fd as usize) {
                Some(id) => id,
                None => return code(EESENDTO),
            },
        };
        crate::stats::network::count_socket(vm, false, data.len());
        vm.ext::<NetLink>().handle().send(Command::SendTo { id, data, to });
        return code(EESUCCESS);
    }
    if s.state != State::DataXfer {
        return code(EENOTCONN);
    }
    if addr.is_some() {
        return code(EEBADADDR);
    }
    if s.blocked {
        return code(EEALREADY);
    }
    let data = match encode_write(mode, &args[1]) {
        Ok(d) => d,
        Err(c) => return code(c),
    };
    if data.is_empty() {
        return code(EESUCCESS);
    }
    let Some(id) = s.net else { return code(EENOTCONN) };
    let s = table(vm).get_mut(fd).expect("checked");
    // Past the high-water mark the data is still taken, but the owner
    // must wait for the write callback before writing more.
    let over = s.in_flight_bytes + data.len() > HIGH_WATER;
    let notify = s.count_write(data.len(), over);
    let result = if over {
        s.blocked = true;
        EECALLBACK
    } else {
        EESUCCESS
    };
    crate::stats::network::count_socket(vm, false, data.len());
    vm.ext::<NetLink>().handle().send(Command::Write { id, data, notify });
    code(result)
}

/// A datagram socket used to send before being bound: it gets an
/// ephemeral port, but reads nothing until bound (as in FluffOS).
fn implicit_datagram(vm: &mut Vm, fd: usize) -> Option<ferrum_net::NetId> {
    let sock = ferrum_net::bind::bind_udp(SocketAddr::from(([0, 0, 0, 0], 0))).ok()?;
    let net = vm.ext::<NetLink>().handle();
    let id = net.next_id();
    route(vm, id, fd);
    net.send(Command::Datagram { id, socket: sock });
    table(vm).get_mut(fd as i64)?.net = Some(id);
    Some(id)
}

pub fn socket_close(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fd = args::int(args, 0)?;
    if !allowed(vm, "close", fd, None)? {
        return code(EESECURITY);
    }
    if let Err(c) = check_owned(vm, fd) {
        return code(c);
    }
    let s = table(vm).get_mut(fd).expect("checked");
    s.read_cb = Value::Int(0);
    s.write_cb = Value::Int(0);
    s.close_cb = Value::Int(0);
    if s.in_flight_bytes > 0 {
        // Queued data still goes out; the slot is freed once an empty
        // confirming write says it has.
        s.state = State::Flushing;
        let confirm = s.unconfirmed > 0 || s.confirms.is_empty();
        if confirm {
            s.count_write(0, true);
        }
        let id = s.net;
        if let Some(id) = id {
            let net = vm.ext::<NetLink>().handle();
            if confirm {
                net.send(Command::Write { id, data: Vec::new(), notify: true });
            }
            net.send(Command::Close { id });
        }
        return code(EESUCCESS);
    }
    close_now(vm, fd as usize);
    code(EESUCCESS)
}

/// Closes and frees a descriptor without callbacks.
pub fn close_now(vm: &mut Vm, fd: usize) {
    let Some(s) = table(vm).remove(fd) else { return };
    if let Some(id) = s.net {
        vm.ext::<NetLink>().forget(id);
        if let Some(HttpRole::Connection { .. }) = s.http {
            http::server::close_connection(vm, id);
        } else {
            vm.ext::<NetLink>().handle().send(Command::Close { id });
        }
    }
    for p in s.pending {
        vm.ext::<NetLink>().handle().send(Command::Close { id: p.id });
    }
}

/// Frees a descriptor whose connection the network thread already ended.
pub fn forget(vm: &mut Vm, fd: usize) {
    if let Some(s) = table(vm).remove(fd) {
        if let Some(id) = s.net {
            vm.ext::<NetLink>().forget(id);
        }
    }
}

pub fn socket_release(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fd = args::int(args, 0)?;
    if !allowed(vm, "release", fd, None)? {
        return code(EESECURITY);
    }
    if let Err(c) = check_owned(vm, fd) {
        return code(c);
    }
    let target = args::object(args, 1)?;
    let s = table(vm).get_mut(fd).expect("checked");
    if s.release_to.is_some() {
        return code(EESOCKRLSD);
    }
    s.release_to = Some(target.clone());
    // The target may take the socket inside the callback.
    let cb = args::take(args, 2);
    vm.reset_eval_cost();
    let r = vm.call_callback(&target, &cb, vec![Value::Int(fd), Value::Object(target.clone())]);
    if let Err(e) = r {
        crate::runtime::errors::report_uncaught(vm, &e);
    }
    match table(vm).get_mut(fd) {
        Some(s) if s.release_to.is_some() => {
            s.release_to = None;
            code(EESOCKNOTRLSD)
        }
        _ => code(EESUCCESS),
    }
}

pub fn socket_acquire(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fd = args::int(args, 0)?;
    if !allowed(vm, "acquire", fd, None)? {
        return code(EESECURITY);
    }
    let me = vm.this_object();
    let t = table(vm);
    if !t.in_range(fd) {
        return code(EEFDRANGE);
    }
    let Some(s) = t.get_mut(fd) else { return code(EEBADF) };
    if s.state == State::Flushing {
        return code(EEBADF);
    }
    let Some(to) = s.release_to.clone() else { return code(EESOCKNOTRLSD) };
    if Some(&to) != me.as_ref() {
        return code(EESECURITY);
    }
    s.release_to = None;
    s.owner = to;
    s.read_cb = args::take(args, 1);
    s.write_cb = args::take(args, 2);
    s.close_cb = args::take(args, 3);
    code(EESUCCESS)
}
