//! Telnet option requests and out-of-band protocols: request_term_type,
//! start_request_term_type, request_term_size (asked of this_player()'s
//! client), send_gmcp, send_zmp, send_msdp_variable, telnet_msp_oob (sent
//! only to a client that agreed to the protocol).

use super::output::send_command;
use super::users::Users;
use ferrum_net::users::protocol::{UserCommand, UserPortKind};
use ferrum_vm::error::VmResult;
use ferrum_vm::{Value, Vm};

const IAC: u8 = 255;
const DONT: u8 = 254;
const DO: u8 = 253;
const SB: u8 = 250;
const SE: u8 = 240;
const OPT_TTYPE: u8 = 24;
const OPT_NAWS: u8 = 31;
const TTYPE_SEND: u8 = 1;

/// Sends raw telnet bytes to this_player(), when it is on a telnet port.
pub(super) fn to_player(vm: &mut Vm, bytes: Vec<u8>) {
    let Some(player) = vm.command_giver.clone() else {
        return;
    };
    let Some(user) = vm.ext::<Users>().of_object(&player) else {
        return;
    };
    if user.kind != UserPortKind::Telnet {
        return;
    }
    let conn = user.conn;
    send_command(vm, UserCommand::Telnet { conn, bytes });
}

/// `void request_term_type()`: asks this_player()'s client for its
/// terminal name (TTYPE SEND); the answer arrives as terminal_type().
pub fn request_term_type(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    to_player(vm, vec![IAC, SB, OPT_TTYPE, TTYPE_SEND, IAC, SE]);
    Ok(Value::Int(0))
}

/// `void start_request_term_type()`: asks the client to enable TTYPE
/// (DO TTYPE); when it agrees its name is asked for and reported.
pub fn start_request_term_type(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    to_player(vm, vec![IAC, DO, OPT_TTYPE]);
    Ok(Value::Int(0))
}

/// `void request_term_size(int on = 1)`: asks the client to report its
/// window size (DO NAWS; answers arrive as window_size()), or with 0 to
/// stop (DONT NAWS).
pub fn request_term_size(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let on = match args.first() {
        None | Some(Value::Undefined) => true,
        Some(v) => !v.is_zero(),
    };
    to_player(vm, vec![IAC, if on { DO } else { DONT }, OPT_NAWS]);
    Ok(Value::Int(0))
}

/// `send_gmcp(string)`, `send_zmp(string, string *)`,
/// `send_msdp_variable(string, string | int | float | buffer)` and
/// `telnet_msp_oob(string)`: FluffOS sends them only to a client that
/// agreed to the protocol (has_gmcp() ...). Ferrum's telnet negotiates
/// none of GMCP, ZMP, MSDP and MSP yet, so no client has agreed and these
/// send nothing (the arguments are still type-checked).
pub fn send_out_of_band(_vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::Int(0))
}

