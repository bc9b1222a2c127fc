//! The sockets package: FluffOS's socket efuns and the unified socket
//! modes, over the network thread of `ferrum-net`.
//!
//! - `table.rs`: descriptors and their state;
//! - `setup.rs`: create, bind, listen, accept, connect;
//! - `io.rs`: write, close, release, acquire;
//! - `info.rs`: error texts, addresses, status, options;
//! - `events.rs`: network events turned into LPC callbacks;
//! - `convert.rs`: the one place LPC values become bytes and back;
//! - `options/`: the option manager and each family's options.

pub mod constants;
pub mod convert;
pub mod events;
pub mod http;
mod info;
pub mod io;
pub mod options;
pub mod setup;
pub mod table;

use crate::net::{NetLink, Route};
use crate::runtime::master::valid;
use constants::*;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::VmResult;
use ferrum_vm::{efun, ObjectRef, Value, Vm};
use table::SocketTable;

pub const EFUNS: &[EfunSpec] = &[
    efun!("int socket_create(int, string | function, string | function | void)", setup::socket_create),
    efun!("int socket_bind(int, int, string | void)", setup::socket_bind),
    efun!("int socket_listen(int, string | function | void)", setup::socket_listen),
    efun!("int socket_accept(int, string | function, string | function)", setup::socket_accept),
    efun!("int socket_connect(int, string, string | function, string | function | void)", setup::socket_connect),
    efun!("int socket_write(int, mixed, string | void)", io::socket_write),
    efun!("int socket_close(int)", io::socket_close),
    efun!("int socket_release(int, object, string | function)", io::socket_release),
    efun!("int socket_acquire(int, string | function, string | function, string | function)", io::socket_acquire),
    efun!("string socket_error(int)", info::socket_error),
    efun!("string socket_address(int | object, int | void)", info::socket_address),
    efun!("mixed *socket_status(int | void)", info::socket_status),
    efun!("int socket_set_option(int, int, mixed)", info::socket_set_option),
    efun!("mixed socket_get_option(int, int)", info::socket_get_option),
];

/// The socket table (package state).
pub fn table(vm: &mut Vm) -> &mut SocketTable {
    vm.ext::<SocketTable>()
}

/// The master's `valid_socket(caller, what, ({ fd, owner, addr, port }))`.
/// A master without the apply denies.
pub fn allowed(vm: &mut Vm, what: &str, fd: i64, target: Option<(String, i64)>) -> VmResult<bool> {
    let caller = vm.this_object().map(Value::Object).unwrap_or(Value::Int(0));
    let info = if fd < 0 {
        vec![Value::Int(-1), caller.clone(), Value::from("N/A"), Value::Int(-1)]
    } else {
        let t = table(vm);
        let (owner, addr, port) = match t.get(fd) {
            Some(s) => {
                let (addr, port) = match (&target, &s.remote) {
                    (Some((a, p)), _) => (a.clone(), *p),
                    (None, Some(r)) => (r.ip().to_string(), r.port() as i64),
                    (None, None) => ("0.0.0.0".to_string(), 0),
                };
                (Value::Object(s.owner.clone()), addr, port)
            }
            None if t.in_range(fd) => (Value::Int(0), "0.0.0.0".to_string(), 0),
            None => (Value::Int(0), String::new(), 0),
        };
        vec![Value::Int(fd), owner, Value::from(addr), Value::Int(port)]
    };
    valid(vm, "valid_socket", vec![caller, Value::from(what), Value::array(info)], false)
}

/// FluffOS's common checks: range, open, owned by the caller.
pub(crate) fn check_owned(vm: &mut Vm, fd: i64) -> Result<(), i64> {
    let me = vm.this_object();
    let t = table(vm);
    if !t.in_range(fd) {
        return Err(EEFDRANGE);
    }
    match t.get(fd) {
        None => Err(EEBADF),
        Some(s) if s.state == State::Flushing => Err(EEBADF),
        Some(s) if Some(&s.owner) != me.as_ref() => Err(EESECURITY),
        Some(_) => Ok(()),
    }
}

/// Closes every socket an object owns, silently (its destruct).
pub fn owner_destructed(vm: &mut Vm, ob: &ObjectRef) {
    let fds = table(vm).owned_by(ob);
    for fd in fds {
        io::close_now(vm, fd);
    }
}

/// Whether any socket is open (keeps a script running).
pub fn any_open(vm: &mut Vm) -> bool {
    table(vm).any_open()
}

pub fn route(vm: &mut Vm, id: ferrum_net::NetId, fd: usize) {
    vm.ext::<NetLink>().route(id, Route::Socket(fd));
}
