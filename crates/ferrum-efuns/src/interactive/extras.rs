//! The smaller interactive efuns: character mode (query_charmode,
//! remove_charmode, remove_get_char), raw telnet output (send_nullbyte,
//! telnet_ga, telnet_nop), protocol queries (has_gmcp ... has_zmp),
//! flush_messages, and the client's character set (set_encoding,
//! query_encoding).

use super::input::set_modes;
use super::output::send_command;
use super::users::Users;
use crate::objects::{object_arg, object_or_this};
use ferrum_net::users::protocol::UserCommand;
use ferrum_net::NetId;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{ObjectRef, Value, Vm};

const IAC: u8 = 255;
const NOP: u8 = 241;
const GA: u8 = 249;

/// Not interactive: what the character-mode efuns answer.
const NOT_INTERACTIVE: i64 = -1;

fn conn_of(vm: &mut Vm, ob: &ObjectRef) -> Option<NetId> {
    vm.ext::<Users>().conn_of(ob)
}

/// `int query_charmode(object ob)`: 1 when `ob`'s connection is in
/// character mode (a get_char() is pending), 0 in line mode, -1 when `ob`
/// is not interactive.
pub fn query_charmode(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_arg(args, 0, "query_charmode")?;
    Ok(Value::Int(match vm.ext::<Users>().of_object(&ob) {
        Some(u) => u.char_mode as i64,
        None => NOT_INTERACTIVE,
    }))
}

/// `int remove_charmode(object ob)`: puts `ob`'s connection back in line
/// mode (a pending get_char() then gets whole lines); the mode it was in
/// (1 or 0), or -1 when `ob` is not interactive.
pub fn remove_charmode(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_arg(args, 0, "remove_charmode")?;
    let Some(conn) = conn_of(vm, &ob) else {
        return Ok(Value::Int(NOT_INTERACTIVE));
    };
    let user = vm.ext::<Users>().get_mut(conn).expect("connected user");
    let was = user.char_mode;
    let echo_off = user.echo_off;
    if let Some(pending) = user.input_to.as_mut() {
        pending.single_char = false;
    }
    set_modes(vm, conn, echo_off, false);
    Ok(Value::Int(was as i64))
}

/// `int remove_get_char(object ob)`: cancels `ob`'s pending get_char()
/// (echo and line mode come back): 1 when there was one, -2 when none is
/// pending, -1 when `ob` is not interactive.
pub fn remove_get_char(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_arg(args, 0, "remove_get_char")?;
    let Some(conn) = conn_of(vm, &ob) else {
        return Ok(Value::Int(NOT_INTERACTIVE));
    };
    let user = vm.ext::<Users>().get_mut(conn).expect("connected user");
    if !user.input_to.as_ref().is_some_and(|i| i.single_char) {
        return Ok(Value::Int(-2));
    }
    user.input_to = None;
    set_modes(vm, conn, false, false);
    Ok(Value::Int(1))
}

/// `int send_nullbyte(object ob)`: sends one NUL byte to `ob`'s
/// connection (some clients take it as a keep-alive); 1 when sent.
pub fn send_nullbyte(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_arg(args, 0, "send_nullbyte")?;
    let Some(conn) = conn_of(vm, &ob) else {
        return Ok(Value::Int(0));
    };
    send_command(
        vm,
        UserCommand::Write {
            conn,
            data: vec![0],
        },
    );
    Ok(Value::Int(1))
}

/// Sends a telnet command to this_player(), when it is on a telnet port.
fn telnet_to_player(vm: &mut Vm, command: u8) {
    super::telnet_opts::to_player(vm, vec![IAC, command]);
}

/// `void telnet_ga()`: IAC GA (go ahead) to this_player(), which tells
/// telnet clients a prompt is complete.
pub fn telnet_ga(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    telnet_to_player(vm, GA);
    Ok(Value::Int(0))
}

/// `void telnet_nop()`: IAC NOP to this_player() (a keep-alive).
pub fn telnet_nop(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    telnet_to_player(vm, NOP);
    Ok(Value::Int(0))
}

/// `int has_gmcp(object ob = this_object())` and the has_msdp, has_msp,
/// has_mxp, has_zmp alike: whether `ob`'s client agreed to that protocol.
/// Ferrum offers none of them yet, so the answer is 0.
pub fn has_protocol(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    object_or_this(vm, args, 0, "has_gmcp")?;
    Ok(Value::Int(0))
}

/// `void flush_messages(object ob)`: FluffOS writes a user's pending
/// output now. Ferrum hands output to the network thread as it is
/// produced, and that thread writes it at once, so nothing is held back.
pub fn flush_messages(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    if let Some(v) = args.first() {
        if !v.is_undefined() {
            object_arg(args, 0, "flush_messages")?;
        }
    }
    Ok(Value::Int(0))
}

/// this_player()'s connection, when it is interactive.
fn player_conn(vm: &mut Vm) -> Option<NetId> {
    let player = vm.command_giver.clone()?;
    conn_of(vm, &player)
}

/// `string set_encoding(string name)`: this_player()'s client uses the
/// character set `name`: what it is sent is transcoded from UTF-8, what it
/// types is decoded. Returns the set's canonical name; without `name` (or
/// with UTF-8) transcoding stops and "UTF-8" is returned. 0 when
/// this_player() is not interactive; an unknown set is an error.
pub fn set_encoding(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let name = match args.first() {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    let encoding = match &name {
        Some(n) => Some(
            encoding_rs::Encoding::for_label(n.trim().as_bytes())
                .ok_or_else(|| LpcError::new(format!("set_encoding: unknown encoding '{}'.", n)))?,
        ),
        None => None,
    };
    let Some(conn) = player_conn(vm) else {
        return Ok(Value::Int(0));
    };
    let encoding = encoding.filter(|e| *e != encoding_rs::UTF_8);
    vm.ext::<Users>()
        .get_mut(conn)
        .expect("connected user")
        .encoding = encoding;
    Ok(Value::from(encoding.map(|e| e.name()).unwrap_or("UTF-8")))
}

/// `string query_encoding()`: this_player()'s character set ("UTF-8"
/// unless set_encoding() chose another), 0 when it is not interactive.
pub fn query_encoding(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let Some(conn) = player_conn(vm) else {
        return Ok(Value::Int(0));
    };
    let encoding = vm.ext::<Users>().get(conn).and_then(|u| u.encoding);
    Ok(Value::from(encoding.map(|e| e.name()).unwrap_or("UTF-8")))
}
