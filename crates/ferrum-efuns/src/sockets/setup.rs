//! socket_create, socket_bind, socket_listen, socket_accept,
//! socket_connect.

use super::constants::*;
use super::convert::parse_address;
use super::options::{SO_TLS_CERT, SO_TLS_KEY, SO_TLS_SNI_HOSTNAME, SO_TLS_VERIFY_PEER};
use super::table::{Bound, Socket};
use super::{allowed, check_owned, http, route, table};
use crate::args;
use crate::net::NetLink;
use ferrum_net::bind::{bind_tcp, bind_udp, listen, local_addr, BindError};
use ferrum_net::{Command, Framing, TlsClient, TlsServer};
use ferrum_vm::error::VmResult;
use ferrum_vm::{Value, Vm};
use std::net::SocketAddr;
use std::path::PathBuf;

fn code(c: i64) -> VmResult<Value> {
    Ok(Value::Int(c))
}

/// Modes `socket_create` accepts: FluffOS's and the unified ones.
fn is_known_mode(m: i64) -> bool {
    mode_name(m) != "UNKNOWN"
}

/// The classic FluffOS modes, which the efuns here carry themselves.
fn is_classic_mode(m: i64) -> bool {
    (MUD..=STREAM_TLS_BINARY).contains(&m)
}

pub fn socket_create(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    if !allowed(vm, "create", -1, None)? {
        return code(EESECURITY);
    }
    let mode = args::int(args, 0)?;
    if !is_known_mode(mode) {
        return code(EEMODENOTSUPP);
    }
    let Some(owner) = vm.this_object() else { return code(EESOCKET) };
    let read_cb = args::take(args, 1);
    // Datagram sockets never get a close callback.
    let close_cb = if matches!(mode, DATAGRAM | DATAGRAM_BINARY) { Value::Int(0) } else { args::take(args, 2) };
    let fd = table(vm).insert(Socket::new(mode, owner, read_cb, close_cb));
    code(fd as i64)
}

fn wildcard(port: i64) -> Option<SocketAddr> {
    let port = u16::try_from(port).ok()?;
    Some(SocketAddr::from(([0, 0, 0, 0], port)))
}

pub fn socket_bind(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fd = args::int(args, 0)?;
    if !allowed(vm, "bind", fd, None)? {
        return code(EESECURITY);
    }
    if let Err(c) = check_owned(vm, fd) {
        return code(c);
    }
    let s = table(vm).get(fd).expect("checked");
    if !is_classic_mode(s.mode) && !http::is_server(s.mode) {
        return code(EEMODENOTSUPP);
    }
    if s.state != State::Unbound {
        return code(EEISBOUND);
    }
    // An explicit "ip port" wins over the port argument.
    let addr = match args.get(2) {
        Some(Value::Str(a)) => parse_address(a),
        _ => wildcard(args::int(args, 1)?),
    };
    let Some(addr) = addr else { return code(EEBADADDR) };
    let datagram = s.is_datagram();
    let bind_error = |e: BindError| if e == BindError::AddressInUse { EEADDRINUSE } else { EEBIND };
    if datagram {
        let sock = match bind_udp(addr) {
            Ok(s) => s,
            Err(e) => return code(bind_error(e)),
        };
        let local = sock.local_addr().ok();
        // Datagram sockets receive from the moment they are bound.
        let net = vm.ext::<NetLink>().handle();
        let id = net.next_id();
        route(vm, id, fd as usize);
        net.send(Command::Datagram { id, socket: sock });
        let s = table(vm).get_mut(fd).expect("checked");
        s.net = Some(id);
        s.local = local;
        s.state = State::Bound;
    } else {
        let sock = match bind_tcp(addr) {
            Ok(s) => s,
            Err(e) => return code(bind_error(e)),
        };
        let local = local_addr(&sock);
        let s = table(vm).get_mut(fd).expect("checked");
        s.local = local;
        s.bound = Some(Bound::Tcp(sock));
        s.state = State::Bound;
    }
    code(EESUCCESS)
}

/// A certificate path: absolute, or relative to the mudlib root (the
/// driver's working directory in FluffOS).
fn tls_path(vm: &Vm, p: &str) -> PathBuf {
    let path = PathBuf::from(p);
    if path.is_absolute() {
        return path;
    }
    vm.host.real_path(&format!("/{}", p.trim_start_matches("./"))).unwrap_or(path)
}

/// The TLS identity a server socket was configured with.
pub fn server_tls(vm: &mut Vm, fd: i64) -> Option<TlsServer> {
    let s = table(vm).get(fd)?;
    let cert = s.options.string(SO_TLS_CERT)?;
    let key = s.options.string(SO_TLS_KEY)?;
    Some(TlsServer { cert: tls_path(vm, &cert), key: tls_path(vm, &key) })
}

pub fn socket_listen(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fd = args::int(args, 0)?;
    if !allowed(vm, "listen", fd, None)? {
        return code(EESECURITY);
    }
    if let Err(c) = check_owned(vm, fd) {
        return code(c);
    }
    let s = table(vm).get(fd).expect("checked");
    let http_server = http::is_server(s.mode);
    if s.is_datagram() || (!is_classic_mode(s.mode) && !http_server) {
        return code(EEMODENOTSUPP);
    }
    match s.state {
        State::Unbound => return code(EENOADDR),
        State::Bound => {}
        _ => return code(EEISCONN),
    }
    if http_server {
        let cb = args::take(args, 1);
        return code(http::server::listen(vm, fd, cb));
    }
    let tls_mode = s.is_tls();
    let framing = if s.mode == MUD { Framing::Mud } else { Framing::Raw };
    // TLS servers need their identity before they listen; a bad one fails
    // here, synchronously, as FluffOS's EELISTEN does.
    let tls = if tls_mode {
        match server_tls(vm, fd) {
            Some(t) if ferrum_net::tls::server_config(&t).is_ok() => Some(t),
            _ => return code(EELISTEN),
        }
    } else {
        None
    };
    let s = table(vm).get_mut(fd).expect("checked");
    let Some(Bound::Tcp(sock)) = s.bound.take() else { return code(EELISTEN) };
    let listener = match listen(sock, 128) {
        Ok(l) => l,
        Err(_) => return code(EELISTEN),
    };
    s.read_cb = args::take(args, 1);
    s.state = State::Listen;
    let net = vm.ext::<NetLink>().handle();
    let id = net.next_id();
    route(vm, id, fd as usize);
    table(vm).get_mut(fd).expect("checked").net = Some(id);
    net.send(Command::Listen { id, listener, framing, tls });
    code(EESUCCESS)
}

pub fn socket_accept(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fd = args::int(args, 0)?;
    if !allowed(vm, "accept", fd, None)? {
        return code(EESECURITY);
    }
    if let Err(c) = check_owned(vm, fd) {
        return code(c);
    }
    let Some(owner) = vm.this_object() else { return code(EEACCEPT) };
    let s = table(vm).get_mut(fd).expect("checked");
    if s.is_datagram() || !is_classic_mode(s.mode) {
        return code(EEMODENOTSUPP);
    }
    if s.state != State::Listen {
        return code(EENOTLISTN);
    }
    let Some(p) = s.pending.pop_front() else { return code(EEWOULDBLOCK) };
    let (mode, close_cb, tls) = (s.mode, s.close_cb.clone(), s.is_tls());
    let mut conn = Socket::new(mode, owner, args::take(args, 1), close_cb);
    conn.write_cb = args::take(args, 2);
    conn.state = State::DataXfer;
    conn.net = Some(p.id);
    conn.local = Some(p.local);
    conn.remote = Some(p.peer);
    // The TLS handshake is already done: the write callback says so.
    conn.announce_on_accept = tls;
    let new_fd = table(vm).insert(conn);
    route(vm, p.id, new_fd);
    code(new_fd as i64)
}

pub fn socket_connect(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fd = args::int(args, 0)?;
    let target = args::string(args, 1)?.to_string();
    let shown = target.split_once(' ').map(|(h, p)| (h.to_string(), p.trim().parse().unwrap_or(0)));
    if !allowed(vm, "connect", fd, shown)? {
        return code(EESECURITY);
    }
    if let Err(c) = check_owned(vm, fd) {
        return code(c);
    }
    let s = table(vm).get_mut(fd).expect("checked");
    if http::is_client(s.mode) {
        if matches!(s.state, State::Listen | State::Handshake) {
            return code(EEISCONN);
        }
        let (r, w) = (args::take(args, 2), args::take(args, 3));
        return code(http::client::connect(vm, fd, &target, r, w));
    }
    if s.is_datagram() || !is_classic_mode(s.mode) {
        return code(EEMODENOTSUPP);
    }
    match s.state {
        State::Listen => return code(EEISLISTEN),
        State::Handshake | State::DataXfer => return code(EEISCONN),
        _ => {}
    }
    // The callbacks are installed even if the address is bad (FluffOS).
    s.read_cb = args::take(args, 2);
    s.write_cb = args::take(args, 3);
    let Some(addr) = parse_address(&target) else { return code(EEBADADDR) };
    let framing = if s.mode == MUD { Framing::Mud } else { Framing::Raw };
    let tls = s.is_tls().then(|| TlsClient {
        verify_peer: s.options.int(SO_TLS_VERIFY_PEER) != 0,
        server_name: s.options.string(SO_TLS_SNI_HOSTNAME),
        extra_roots: None,
    });
    s.bound = None;
    // Plain sockets read as connected at once, but writes wait (blocked)
    // until the connection is made; TLS ones are in the handshake.
    if tls.is_some() {
        s.state = State::Handshake;
    } else {
        s.state = State::DataXfer;
        s.blocked = true;
    }
    s.remote = Some(addr);
    let net = vm.ext::<NetLink>().handle();
    let id = net.next_id();
    route(vm, id, fd as usize);
    table(vm).get_mut(fd).expect("checked").net = Some(id);
    net.send(Command::Connect { id, host: addr.ip().to_string(), port: addr.port(), framing, tls });
    code(EESUCCESS)
}
