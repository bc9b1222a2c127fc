//! A user's life: a connection arrives (master `connect()`, then
//! `logon()`), is moved between objects (exec), and ends (`net_dead()`,
//! or the object is destructed).

use super::output::{send_command, send_to_conn};
use super::users::{User, Users};
use crate::net::{NetLink, Route};
use crate::runtime::errors::run_guarded;
use crate::runtime::master::master_apply;
use ferrum_net::users::protocol::{UserCommand, UserPortKind};
use ferrum_net::NetId;
use ferrum_vm::object::obj_flags;
use ferrum_vm::{ObjectRef, Value, Vm};
use std::net::SocketAddr;

/// Runs `f` with `ob` as this_player() and this_interactive(), a fresh
/// evaluation budget, and errors reported (not propagated).
pub(super) fn as_user<T>(vm: &mut Vm, ob: &ObjectRef, f: impl FnOnce(&mut Vm) -> ferrum_vm::error::VmResult<T>) -> Option<T> {
    let saved_giver = vm.command_giver.replace(ob.clone());
    let saved_current = vm.ext::<Users>().current.replace(ob.clone());
    let r = run_guarded(vm, f);
    vm.command_giver = saved_giver;
    vm.ext::<Users>().current = saved_current;
    r
}

/// A new connection on one of the driver's ports: the master's
/// `connect(port)` names the object that gets it, which then hears
/// `logon()`.
pub(super) fn connected(vm: &mut Vm, conn: NetId, peer: SocketAddr, port: u16, kind: UserPortKind) {
    crate::runtime::debug_levels::debug(vm, crate::runtime::debug_levels::CONNECTIONS, || {
        format!("connections: new connection from {} on port {}", peer, port)
    });
    let chosen = run_guarded(vm, |vm| master_apply(vm, "connect", vec![Value::Int(port as i64)])).flatten();
    let ob = match chosen {
        Some(Value::Object(ob)) if !ob.is_destructed() && vm.ext::<Users>().conn_of(&ob).is_none() => ob,
        _ => {
            // No login object: say so and hang up.
            send_command(vm, UserCommand::Write { conn, data: b"The mud cannot take connections right now.\r\n".to_vec() });
            send_command(vm, UserCommand::Close { conn });
            vm.host.clone().log("master connect() did not return a usable object\n");
            return;
        }
    };
    attach(vm, conn, &ob, User::new(conn, ob.clone(), peer, port, kind));
    as_user(vm, &ob, |vm| vm.apply(&ob, "logon", vec![]));
}

fn attach(vm: &mut Vm, conn: NetId, ob: &ObjectRef, user: User) {
    vm.ext::<Users>().insert(user);
    vm.ext::<NetLink>().route(conn, Route::User);
    mark_interactive(ob, Some(conn));
}

fn mark_interactive(ob: &ObjectRef, conn: Option<NetId>) {
    ob.state_mut().interactive = conn.map(|c| c as u32);
    if conn.is_some() {
        ob.set_flag(obj_flags::ONCE_INTERACTIVE, true);
    }
}

/// The other side went away: the object stays, no longer interactive,
/// and hears `net_dead()`.
pub(super) fn closed(vm: &mut Vm, conn: NetId) {
    let Some(user) = forget(vm, conn) else { return };
    let ob = user.object;
    crate::runtime::debug_levels::debug(vm, crate::runtime::debug_levels::CONNECTIONS, || {
        format!("connections: {} lost its connection", ob.name())
    });
    if !ob.is_destructed() {
        let saved = vm.command_giver.replace(ob.clone());
        run_guarded(vm, |vm| vm.apply(&ob, "net_dead", vec![]));
        vm.command_giver = saved;
    }
}

/// Drops a connection from the tables (no callbacks).
fn forget(vm: &mut Vm, conn: NetId) -> Option<User> {
    let user = vm.ext::<Users>().remove(conn)?;
    vm.ext::<NetLink>().forget(conn);
    mark_interactive(&user.object, None);
    crate::commands::clear_notify_fail(vm, &user.object);
    // Whoever it snooped stops being snooped.
    let snooped: Vec<NetId> = {
        let users = vm.ext::<Users>();
        users.conns().into_iter().filter(|c| users.get(*c).and_then(|u| u.snooped_by.as_ref()) == Some(&user.object)).collect()
    };
    for c in snooped {
        if let Some(u) = vm.ext::<Users>().get_mut(c) {
            u.snooped_by = None;
        }
    }
    Some(user)
}

/// Closes an object's connection, if it has one (destruct,
/// remove_interactive). Output already written is still sent.
pub fn disconnect(vm: &mut Vm, ob: &ObjectRef) -> bool {
    let Some(conn) = vm.ext::<Users>().conn_of(ob) else { return false };
    forget(vm, conn);
    send_command(vm, UserCommand::Close { conn });
    true
}

/// `exec(to, from)`: the connection of `from` now drives `to`.
pub fn exec(vm: &mut Vm, to: &ObjectRef, from: &ObjectRef) -> bool {
    if to == from || to.is_destructed() || from.is_destructed() {
        return false;
    }
    let users = vm.ext::<Users>();
    let Some(conn) = users.conn_of(from) else { return false };
    if users.conn_of(to).is_some() {
        return false;
    }
    users.rebind(conn, to);
    mark_interactive(from, None);
    mark_interactive(to, Some(conn));
    if vm.command_giver.as_ref() == Some(from) {
        vm.command_giver = Some(to.clone());
    }
    let users = vm.ext::<Users>();
    if users.current.as_ref() == Some(from) {
        users.current = Some(to.clone());
    }
    true
}

/// Text straight to a connection, no catch_tell (the `receive()` efun).
pub fn receive(vm: &mut Vm, ob: &ObjectRef, text: &str) -> bool {
    match vm.ext::<Users>().conn_of(ob) {
        Some(conn) => {
            send_to_conn(vm, conn, text);
            true
        }
        None => false,
    }
}
