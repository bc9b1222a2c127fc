//! Network events become LPC callbacks here. Every callback runs with a
//! fresh evaluation budget and its errors are reported, never propagated:
//! one failing callback cannot stop the driver or another socket.

use super::constants::*;
use super::convert::{decode_datagram, decode_mud, decode_text, format_address};
use super::io::{close_now, forget};
use super::table::PendingAccept;
use super::table;
use crate::files::FileLimits;
use crate::net::NetLink;
use crate::runtime::errors::run_guarded;
use ferrum_net::{CloseReason, Command, Event};
use ferrum_vm::{ObjectRef, Value, Vm};

/// Calls a socket callback in its owner.
fn callback(vm: &mut Vm, owner: &ObjectRef, cb: &Value, args: Vec<Value>) {
    if cb.is_zero() || owner.is_destructed() {
        return;
    }
    let saved = vm.command_giver.take();
    run_guarded(vm, |vm| vm.call_callback(owner, cb, args));
    vm.command_giver = saved;
}

/// (owner, callback) of a socket, when it is still there.
fn cb_of(vm: &mut Vm, fd: usize, pick: fn(&super::table::Socket) -> &Value) -> Option<(ObjectRef, Value)> {
    let s = table(vm).get(fd as i64)?;
    Some((s.owner.clone(), pick(s).clone()))
}

/// The driver ends a connection (peer, error): the close callback runs
/// while the socket is still intact (so socket_close there works), then
/// the descriptor is freed — unless the callback already reused it.
fn closed_by_peer(vm: &mut Vm, fd: usize) {
    let net = table(vm).get(fd as i64).and_then(|s| s.net);
    if let Some((owner, cb)) = cb_of(vm, fd, |s| &s.close_cb) {
        callback(vm, &owner, &cb, vec![Value::Int(fd as i64)]);
    }
    if table(vm).get(fd as i64).is_some_and(|s| s.net == net) {
        forget(vm, fd);
    }
}

pub fn on_event(vm: &mut Vm, fd: usize, e: Event) {
    let Some(state) = table(vm).get(fd as i64).map(|s| s.state) else { return };
    crate::runtime::debug_levels::debug(vm, crate::runtime::debug_levels::SOCKETS, || {
        let mut what = format!("{:?}", e);
        if what.len() > 120 {
            let cut = (0..=120).rev().find(|&i| what.is_char_boundary(i)).unwrap_or(0);
            what.truncate(cut);
            what.push_str("...");
        }
        format!("sockets: fd {}: {}", fd, what)
    });
    match e {
        Event::Accepted { id, peer, local, .. } => {
            if state != State::Listen {
                vm.ext::<NetLink>().handle().send(Command::Close { id });
                return;
            }
            let s = table(vm).get_mut(fd as i64).expect("listener");
            s.pending.push_back(PendingAccept { id, peer, local });
            let (owner, cb) = (s.owner.clone(), s.read_cb.clone());
            callback(vm, &owner, &cb, vec![Value::Int(fd as i64)]);
            // A connection the listen callback did not accept is refused.
            let leftover: Vec<PendingAccept> =
                table(vm).get_mut(fd as i64).map(|s| s.pending.drain(..).collect()).unwrap_or_default();
            for p in leftover {
                vm.ext::<NetLink>().handle().send(Command::Close { id: p.id });
            }
            announce_tls_accepts(vm);
        }
        Event::Connected { local, peer, .. } => {
            let Some(s) = table(vm).get_mut(fd as i64) else { return };
            s.state = State::DataXfer;
            s.blocked = false;
            s.local = Some(local);
            s.remote = Some(peer);
            let (owner, cb) = (s.owner.clone(), s.write_cb.clone());
            callback(vm, &owner, &cb, vec![Value::Int(fd as i64)]);
        }
        Event::ConnectFailed { .. } => {
            // A failed TLS handshake closes silently, as in FluffOS.
            if state == State::Handshake {
                forget(vm, fd);
            } else {
                closed_by_peer(vm, fd);
            }
        }
        Event::Data { data, .. } => {
            crate::stats::network::count_socket(vm, true, data.len());
            on_data(vm, fd, data)
        }
        Event::Datagram { data, from, .. } => {
            crate::stats::network::count_socket(vm, true, data.len());
            let Some(s) = table(vm).get(fd as i64) else { return };
            // A datagram socket that only sent (never bound) reads nothing.
            if s.state != State::Bound {
                return;
            }
            let msg = decode_datagram(data, s.is_binary());
            let (owner, cb) = (s.owner.clone(), s.read_cb.clone());
            callback(vm, &owner, &cb, vec![Value::Int(fd as i64), msg, Value::from(format_address(&from))]);
        }
        Event::Drained { .. } => {
            let Some(s) = table(vm).get_mut(fd as i64) else { return };
            s.confirmed();
            if !s.confirms.is_empty() {
                return;
            }
            if s.state == State::Flushing {
                forget(vm, fd);
            } else if s.blocked {
                s.blocked = false;
                let (owner, cb) = (s.owner.clone(), s.write_cb.clone());
                callback(vm, &owner, &cb, vec![Value::Int(fd as i64)]);
            }
        }
        Event::Closed { reason, .. } => {
            if state == State::Flushing {
                forget(vm, fd);
                return;
            }
            if let CloseReason::Error(e) = &reason {
                vm.host.clone().log(&format!("socket {}: {}\n", fd, e));
            }
            closed_by_peer(vm, fd);
        }
        // External programs (external_start): output reads as text,
        // the end of the program is the peer closing.
        Event::Output { data, .. } => on_data(vm, fd, data),
        Event::Exited { .. } => closed_by_peer(vm, fd),
        Event::SpawnFailed { error, .. } => {
            vm.host.clone().log(&format!("socket {}: {}\n", fd, error));
            closed_by_peer(vm, fd);
        }
        Event::Http(h) => {
            let client = matches!(table(vm).get(fd as i64), Some(super::table::Socket { http: Some(super::table::HttpRole::Client), .. }));
            if client {
                super::http::client::on_event(vm, fd, h);
            } else {
                super::http::server::on_event(vm, fd, h);
            }
        }
        // Players' connections are routed to interactive/, and job answers
        // to async_io/, never here.
        Event::Users(_) | Event::JobDone { .. } => {}
        Event::ListenerFailed { error, .. } => {
            vm.host.clone().log(&format!("socket {}: listener failed: {}\n", fd, error));
            closed_by_peer(vm, fd);
        }
    }
}

/// Tells the owners of newly accepted TLS sockets that they may write
/// (their handshake finished before the accept).
fn announce_tls_accepts(vm: &mut Vm) {
    let fds: Vec<usize> = table(vm)
        .slots
        .iter()
        .enumerate()
        .filter(|(_, s)| s.as_ref().is_some_and(|s| s.announce_on_accept))
        .map(|(i, _)| i)
        .collect();
    for fd in fds {
        let Some(s) = table(vm).get_mut(fd as i64) else { continue };
        s.announce_on_accept = false;
        let (owner, cb) = (s.owner.clone(), s.write_cb.clone());
        callback(vm, &owner, &cb, vec![Value::Int(fd as i64)]);
    }
}

fn on_data(vm: &mut Vm, fd: usize, data: Vec<u8>) {
    let max_transfer = vm.ext::<FileLimits>().max_byte_transfer;
    let Some(s) = table(vm).get_mut(fd as i64) else { return };
    if s.state != State::DataXfer {
        return;
    }
    let value = match s.mode {
        MUD => {
            // Messages above "maximum byte transfer" end the connection.
            if data.len() > max_transfer {
                closed_by_peer(vm, fd);
                if table(vm).get(fd as i64).is_some() {
                    close_now(vm, fd);
                }
                return;
            }
            decode_mud(&data)
        }
        _ if s.is_binary() => Value::buffer(data),
        _ => Value::Str(decode_text(&mut s.utf8_carry, &data)),
    };
    let (owner, cb) = (s.owner.clone(), s.read_cb.clone());
    callback(vm, &owner, &cb, vec![Value::Int(fd as i64), value]);
}

/// Runs the write callbacks queued for this turn of the loop.
pub fn run_deferred(vm: &mut Vm) {
    let fds = std::mem::take(&mut table(vm).deferred_writes);
    for fd in fds {
        if let Some((owner, cb)) = cb_of(vm, fd, |s| &s.write_cb) {
            callback(vm, &owner, &cb, vec![Value::Int(fd as i64)]);
        }
    }
}

/// An option whose setting is an action (cache invalidation): carried out
/// by the mode that owns it.
pub fn option_action(_vm: &mut Vm, _fd: usize, _option: i64, _value: Value) {}
