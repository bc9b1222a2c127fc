//! Text to users and objects: write(), tell_object() and the message
//! efuns all end here. An interactive object's text goes to its
//! connection (and its snooper); any other object gets `catch_tell(text)`.

use super::users::Users;
use crate::net::NetLink;
use ferrum_net::users::protocol::UserCommand;
use ferrum_net::{Command, NetId};
use ferrum_vm::error::VmResult;
use ferrum_vm::{ObjectRef, Value, Vm};

pub(super) fn send_command(vm: &mut Vm, cmd: UserCommand) {
    if let UserCommand::Write { conn, data } = &cmd {
        if let Some(port) = vm.ext::<Users>().get(*conn).map(|u| u.port) {
            crate::stats::network::count_port(vm, port, false, data.len());
        }
    }
    vm.ext::<NetLink>().handle().send(Command::Users(cmd));
}

/// Bytes to one connection, copied to whoever snoops it.
pub(super) fn send_to_conn(vm: &mut Vm, conn: NetId, text: &str) {
    if text.is_empty() {
        return;
    }
    let data = match vm.ext::<Users>().get(conn).and_then(|u| u.transcoding()) {
        Some(encoding) => encoding.encode(text).0.into_owned(),
        None => text.as_bytes().to_vec(),
    };
    send_command(vm, UserCommand::Write { conn, data });
    let snooper = vm.ext::<Users>().get(conn).and_then(|u| u.snooped_by.clone());
    if let Some(s) = snooper {
        let to = vm.ext::<Users>().conn_of(&s);
        if let Some(to) = to {
            let copy = text.lines().map(|l| format!("%{}\n", l)).collect::<String>();
            send_command(vm, UserCommand::Write { conn: to, data: copy.into_bytes() });
        }
    }
}

/// `tell_object(ob, text)`: to the connection of an interactive object,
/// else to its `catch_tell()` (if it has one).
pub fn tell_object(vm: &mut Vm, ob: &ObjectRef, text: &str) -> VmResult<()> {
    if ob.is_destructed() {
        return Ok(());
    }
    match vm.ext::<Users>().conn_of(ob) {
        Some(conn) => send_to_conn(vm, conn, text),
        None => {
            vm.apply(ob, "catch_tell", vec![Value::from(text)])?;
        }
    }
    Ok(())
}

/// `write()` and `printf()`: to this_player() when there is one, else to
/// the driver's output (stdout for scripts and boot messages).
pub fn write_text(vm: &mut Vm, text: &str) -> VmResult<()> {
    match vm.command_giver.clone().filter(|p| !p.is_destructed()) {
        Some(player) => tell_object(vm, &player, text),
        None => {
            vm.write(text);
            Ok(())
        }
    }
}

/// The prompt after a command: the user object's `write_prompt()` when it
/// has one, else "> ".
pub(super) fn prompt(vm: &mut Vm, ob: &ObjectRef) -> VmResult<()> {
    if ob.program_ref().find_function("write_prompt").is_some() {
        vm.apply(ob, "write_prompt", vec![])?;
        return Ok(());
    }
    tell_object(vm, ob, "> ")
}
