//! Interactive users (players) on the driver's telnet and WebSocket ports:
//! connections (`connection.rs`), input with input_to/get_char and the
//! command parser (`input.rs`), output to users and objects
//! (`output.rs`), and the efuns FluffOS groups under "interactive"
//! (`efuns.rs`). The network side is `ferrum_net::users`.

mod connection;
mod efuns;
pub mod extras;
mod input;
pub(crate) mod output;
mod telnet_opts;
mod tls_ports;
mod users;

pub use connection::disconnect;
pub use output::{tell_object, write_text};
pub use users::Users;

use crate::net::{NetLink, Route};
use crate::stats::network::Listening;
use ferrum_net::users::protocol::{UserCommand, UserEvent, UserPortKind};
use ferrum_net::{Command, TlsServer};
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::{efun, ObjectRef, Vm};
use std::net::SocketAddr;
use std::path::PathBuf;

pub const EFUNS: &[EfunSpec] = &[
    efun!("int input_to(string | function, int | void, mixed ...)", efuns::input_to),
    efun!("int get_char(string | function, int | void, mixed ...)", efuns::get_char),
    efun!("int in_input(object | void)", efuns::in_input),
    efun!("int exec(object, object)", efuns::exec),
    efun!("object *users()", efuns::users),
    efun!("int interactive(object | void)", efuns::interactive),
    efun!("int userp(object)", efuns::userp),
    efun!("object this_interactive()", efuns::this_interactive),
    efun!("string query_ip_number(object | void)", efuns::query_ip_number),
    efun!("string query_ip_name(object | void)", efuns::query_ip_number),
    efun!("int query_ip_port(object | void)", efuns::query_ip_port),
    efun!("int query_idle(object)", efuns::query_idle),
    efun!("int remove_interactive(object)", efuns::remove_interactive),
    efun!("object snoop(object, object | void)", efuns::snoop),
    efun!("object query_snoop(object)", efuns::query_snoop),
    efun!("object query_snooping(object)", efuns::query_snooping),
    efun!("void receive(string | buffer)", efuns::receive),
    efun!("void tell_object(object, string)", efuns::tell_object),
    efun!("void say(string, object | object * | void)", efuns::say),
    efun!("void tell_room(object | string, string | object | int | float, object * | void)", efuns::tell_room),
    efun!("void shout(string)", efuns::shout),
    efun!("void message(mixed, mixed, string | string * | object | object *, object | object * | void)", efuns::message),
    efun!("object find_player(string)", efuns::find_player),
    efun!("void write(mixed)", efuns::write),
    efun!("void telnet_ga()", extras::telnet_ga),
    efun!("void telnet_nop()", extras::telnet_nop),
    efun!("int has_gmcp(object | void)", extras::has_protocol),
    efun!("int has_msdp(object | void)", extras::has_protocol),
    efun!("int has_msp(object | void)", extras::has_protocol),
    efun!("int has_mxp(object | void)", extras::has_protocol),
    efun!("int has_zmp(object | void)", extras::has_protocol),
    efun!("void flush_messages(object | void)", extras::flush_messages),
    efun!("string set_encoding(string | void)", extras::set_encoding),
    efun!("string query_encoding()", extras::query_encoding),
    efun!("void request_term_type()", telnet_opts::request_term_type),
    efun!("void start_request_term_type()", telnet_opts::start_request_term_type),
    efun!("void request_term_size(int | void)", telnet_opts::request_term_size),
    efun!("void send_gmcp(string)", telnet_opts::send_out_of_band),
    efun!("void send_zmp(string, string *)", telnet_opts::send_out_of_band),
    efun!("void send_msdp_variable(string, string | float | int | buffer)", telnet_opts::send_out_of_band),
    efun!("void telnet_msp_oob(string)", telnet_opts::send_out_of_band),
    efun!("void sys_reload_tls(int)", tls_ports::sys_reload_tls),
];

/// A port the driver opens for players.
pub struct PortSpec {
    /// N of the config's `external_port_N`.
    pub index: i64,
    pub kind: UserPortKind,
    pub addr: SocketAddr,
    pub tls: Option<TlsServer>,
    /// WebSocket ports: the directory the browser client is served from.
    pub web_root: Option<PathBuf>,
}

/// Opens a players' port; the address it got (port 0 picks one).
pub fn open_port(vm: &mut Vm, spec: PortSpec) -> Result<SocketAddr, String> {
    let socket = ferrum_net::bind::bind_tcp(spec.addr).map_err(|e| format!("cannot bind {}: {:?}", spec.addr, e))?;
    let addr = ferrum_net::bind::local_addr(&socket).unwrap_or(spec.addr);
    let listener = ferrum_net::bind::listen(socket, 128)?;
    let link = vm.ext::<NetLink>();
    let handle = link.handle();
    let id = handle.next_id();
    link.route(id, Route::UserPort);
    let listening = Listening { index: spec.index, kind: spec.kind, port: addr.port(), id, tls: spec.tls.clone() };
    crate::stats::network::record_listening_port(vm, listening);
    handle.send(Command::Users(UserCommand::Listen { id, listener, kind: spec.kind, tls: spec.tls, web_root: spec.web_root }));
    Ok(addr)
}

/// An event from the players' ports.
pub fn on_event(vm: &mut Vm, e: UserEvent) {
    match e {
        UserEvent::Connected { conn, peer, port, kind, .. } => connection::connected(vm, conn, peer, port, kind),
        UserEvent::Input { conn, data } => {
            if let Some(port) = vm.ext::<Users>().get(conn).map(|u| u.port) {
                crate::stats::network::count_port(vm, port, true, data.len());
            }
            input::received(vm, conn, data)
        }
        UserEvent::WindowSize { conn, width, height } => {
            let ob = vm.ext::<Users>().get_mut(conn).map(|u| {
                u.window = Some((width, height));
                u.object.clone()
            });
            if let Some(ob) = ob {
                let args = vec![(width as i64).into(), (height as i64).into()];
                connection::as_user(vm, &ob, |vm| vm.apply(&ob, "window_size", args));
            }
        }
        UserEvent::TerminalType { conn, name } => {
            let ob = vm.ext::<Users>().get_mut(conn).map(|u| {
                u.terminal = Some(name.clone());
                u.object.clone()
            });
            if let Some(ob) = ob {
                connection::as_user(vm, &ob, |vm| vm.apply(&ob, "terminal_type", vec![name.as_str().into()]));
            }
        }
        UserEvent::Closed { conn } => connection::closed(vm, conn),
        UserEvent::ListenFailed { id, error } => {
            vm.ext::<NetLink>().forget(id);
            vm.host.clone().log(&format!("players' port stopped: {}\n", error));
        }
    }
}

/// A destructed object loses its connection.
pub fn object_destructed(vm: &mut Vm, ob: &ObjectRef) {
    disconnect(vm, ob);
}

/// Whether any user is connected (a script keeps running while one is).
pub fn any_connected(vm: &mut Vm) -> bool {
    !vm.ext::<Users>().conns().is_empty()
}
