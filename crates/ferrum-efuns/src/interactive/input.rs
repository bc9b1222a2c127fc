//! A user's input: lines (or, for get_char, single keys) go to a pending
//! input_to() / get_char(), else through `process_input()` to the command
//! parser; then the prompt.

use super::connection::as_user;
use super::output::{prompt, send_command, send_to_conn, tell_object};
use super::users::{InputTo, Users, I_NOECHO, I_NOESC};
use crate::commands::{execute_command, CommandOutcome};
use ferrum_net::users::protocol::UserCommand;
use ferrum_net::NetId;
use ferrum_vm::error::VmResult;
use ferrum_vm::{ObjectRef, Value, Vm};
use std::time::Instant;

/// Longest line taken; the rest of a longer one is cut off (FluffOS cuts
/// too, at a smaller size).
const MAX_LINE: usize = 8 * 1024;

pub(super) fn received(vm: &mut Vm, conn: NetId, data: Vec<u8>) {
    let Some(user) = vm.ext::<Users>().get_mut(conn) else { return };
    user.last_input = Instant::now();
    user.partial.extend_from_slice(&data);
    loop {
        let Some(user) = vm.ext::<Users>().get_mut(conn) else { return };
        let single = user.input_to.as_ref().is_some_and(|i| i.single_char);
        let piece = if single { take_char(&mut user.partial) } else { take_line(&mut user.partial) };
        let Some(bytes) = piece else { return };
        let text = match user.transcoding() {
            Some(encoding) => encoding.decode_without_bom_handling(&bytes).0.into_owned(),
            None => String::from_utf8_lossy(&bytes).into_owned(),
        };
        let ob = user.object.clone();
        handle(vm, conn, &ob, text);
    }
}

/// One whole line, without its "\n" (and a "\r" before it), if there is one.
fn take_line(buf: &mut Vec<u8>) -> Option<Vec<u8>> {
    let end = match buf.iter().position(|b| *b == b'\n') {
        Some(end) => end,
        None if buf.len() > MAX_LINE => buf.len(),
        None => return None,
    };
    let mut line: Vec<u8> = buf.drain(..end).collect();
    if !buf.is_empty() {
        buf.remove(0);
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    line.truncate(MAX_LINE);
    Some(line)
}

/// One character (a whole UTF-8 sequence), if one has arrived.
fn take_char(buf: &mut Vec<u8>) -> Option<Vec<u8>> {
    let first = *buf.first()?;
    let len = match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    };
    if buf.len() < len {
        return None;
    }
    Some(buf.drain(..len).collect())
}

fn handle(vm: &mut Vm, conn: NetId, ob: &ObjectRef, text: String) {
    // A player in ed() talks to the editor, which prompts itself.
    if crate::ed::is_editing(vm, ob) {
        snoop_input(vm, conn, &text);
        as_user(vm, ob, |vm| {
            crate::ed::player_input(vm, ob, &text);
            Ok(())
        });
        // Back from the editor: the usual prompt.
        if !crate::ed::is_editing(vm, ob) && !in_input(vm, conn) && !ob.is_destructed() {
            as_user(vm, ob, |vm| prompt(vm, ob));
        }
        return;
    }
    // "!cmd" escapes a pending input_to (unless it said I_NOESC).
    let pending = vm.ext::<Users>().get_mut(conn).and_then(|u| {
        let escape = text.starts_with('!') && u.input_to.as_ref().is_some_and(|i| !i.single_char && i.flags & I_NOESC == 0);
        if escape {
            None
        } else {
            u.input_to.take()
        }
    });
    match pending {
        Some(it) => {
            if it.flags & I_NOECHO == 0 {
                snoop_input(vm, conn, &text);
            }
            let mut args = vec![Value::from(text)];
            args.extend(it.args);
            as_user(vm, ob, |vm| vm.call_callback(&it.owner, &it.func, args));
            // Echo and line mode come back unless the callback asked again.
            if !in_input(vm, conn) {
                set_modes(vm, conn, false, false);
            }
        }
        None => {
            snoop_input(vm, conn, &text);
            let command = text.strip_prefix('!').filter(|_| in_input(vm, conn)).unwrap_or(&text).to_string();
            as_user(vm, ob, |vm| run_command(vm, ob, command));
        }
    }
    // The prompt, unless the user is waiting in an input_to (or is gone).
    let waiting = vm.ext::<Users>().get(conn).map(|u| u.input_to.is_some());
    if waiting == Some(false) {
        let current = vm.ext::<Users>().get(conn).map(|u| u.object.clone());
        if let Some(ob) = current {
            as_user(vm, &ob, |vm| prompt(vm, &ob));
        }
    }
}

fn in_input(vm: &mut Vm, conn: NetId) -> bool {
    vm.ext::<Users>().get(conn).is_some_and(|u| u.input_to.is_some())
}

/// `process_input()` may rewrite the line (a string) or take it (nonzero);
/// then the actions (add_action) parse it.
fn run_command(vm: &mut Vm, ob: &ObjectRef, line: String) -> VmResult<()> {
    let mut line = line;
    if ob.program_ref().find_function("process_input").is_some() {
        match vm.apply(ob, "process_input", vec![Value::from(line.as_str())])? {
            Some(Value::Str(s)) => line = s.to_string(),
            Some(v) if !v.is_false() => return Ok(()),
            _ => {}
        }
    }
    if ob.is_destructed() || line.trim().is_empty() {
        return Ok(());
    }
    if let CommandOutcome::Failed { message } = execute_command(vm, ob, &line)? {
        let text = message.unwrap_or_else(|| crate::commands::default_fail_message(vm));
        tell_object(vm, ob, &text)?;
    }
    Ok(())
}

fn snoop_input(vm: &mut Vm, conn: NetId, text: &str) {
    let snooper = vm.ext::<Users>().get(conn).and_then(|u| u.snooped_by.clone());
    if let Some(s) = snooper {
        if let Some(to) = vm.ext::<Users>().conn_of(&s) {
            send_to_conn(vm, to, &format!("%{}\n", text));
        }
    }
}

/// Tells the network side about echo and character mode, when they change.
pub(super) fn set_modes(vm: &mut Vm, conn: NetId, echo_off: bool, char_mode: bool) {
    let Some(u) = vm.ext::<Users>().get_mut(conn) else { return };
    let echo_changed = u.echo_off != echo_off;
    let char_changed = u.char_mode != char_mode;
    u.echo_off = echo_off;
    u.char_mode = char_mode;
    if echo_changed {
        send_command(vm, UserCommand::Echo { conn, on: !echo_off });
    }
    if char_changed {
        send_command(vm, UserCommand::CharMode { conn, on: char_mode });
    }
}

/// input_to() / get_char() for the current player: false when one is
/// already pending or there is no interactive player.
pub fn request(vm: &mut Vm, it: InputTo) -> bool {
    let Some(player) = vm.command_giver.clone() else { return false };
    let Some(conn) = vm.ext::<Users>().conn_of(&player) else { return false };
    let (echo_off, char_mode) = (it.flags & I_NOECHO != 0, it.single_char);
    let u = vm.ext::<Users>().get_mut(conn).expect("user");
    if u.input_to.is_some() {
        return false;
    }
    u.input_to = Some(it);
    set_modes(vm, conn, echo_off, char_mode);
    true
}
