//! `sys_reload_tls(N)`: a TLS players' port (`external_port_N_tls`) takes
//! its certificate and key from disk again, without a restart.

use crate::args;
use crate::net::NetLink;
use ferrum_net::protocol::Command;
use ferrum_net::users::protocol::UserCommand;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{Value, Vm};

/// `void sys_reload_tls(int port_index)`. The files are read here, so a
/// missing or bad certificate is this call's error and the port keeps
/// the identity it had. New connections get the new one; open sessions
/// keep theirs.
pub fn sys_reload_tls(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let index = args::int(args, 0)?;
    let (id, tls) = match crate::stats::network::listening_port(vm, index) {
        None => return Err(LpcError::new(format!("sys_reload_tls: no port external_port_{} is open.", index))),
        Some((_, None)) => {
            return Err(LpcError::new(format!("sys_reload_tls: external_port_{} is not a TLS port.", index)))
        }
        Some((id, Some(tls))) => (id, tls),
    };
    let config = ferrum_net::tls::server_config(&tls).map_err(|e| LpcError::new(format!("sys_reload_tls: {}", e)))?;
    vm.ext::<NetLink>().handle().send(Command::Users(UserCommand::ReloadTls { id, config }));
    Ok(Value::Int(0))
}
