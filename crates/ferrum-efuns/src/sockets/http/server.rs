//! HTTP, HTTPS and REST servers: listening, one descriptor per client
//! connection, requests to LPC callbacks and handlers, answers back.

use super::config;
use crate::net::NetLink;
use crate::runtime::errors::report_uncaught;
use crate::sockets::constants::*;
use crate::sockets::convert::{error_response, request_mapping, response_from};
use crate::sockets::options::*;
use crate::sockets::table::{Bound, HttpRole, Socket};
use crate::sockets::{route, setup, table};
use ferrum_net::http::protocol::{HttpCommand, HttpEvent, HttpResponse, HttpServerConfig, RestOutcome};
use ferrum_net::{Command, NetId};
use ferrum_vm::{Mapping, ObjectRef, Value, Vm};

/// `socket_listen` on a server mode. HTTPS servers need SO_TLS_CERT and
/// SO_TLS_KEY; HTTP and REST servers serve TLS when they are set.
pub fn listen(vm: &mut Vm, fd: i64, listen_cb: Value) -> i64 {
    let tls = setup::server_tls(vm, fd);
    let s = table(vm).get(fd).expect("checked");
    let mode = s.mode;
    let tls = match tls {
        Some(t) if ferrum_net::tls::server_config(&t).is_ok() => Some(t),
        Some(_) => return EELISTEN,
        None if mode == HTTPS_SERVER => return EELISTEN,
        None => None,
    };
    let (rest, handlers) = if mode == REST_SERVER { Some(config::rest(&s.options)).unzip() } else { (None, None) };
    let limits = config::limits(&s.options);
    let s = table(vm).get_mut(fd).expect("checked");
    let Some(Bound::Tcp(sock)) = s.bound.take() else { return EELISTEN };
    let listener = match ferrum_net::bind::listen(sock, 1024) {
        Ok(l) => l,
        Err(_) => return EELISTEN,
    };
    s.listen_cb = listen_cb;
    s.state = State::Listen;
    s.http = Some(HttpRole::Listener { handlers: handlers.unwrap_or_default() });
    let cfg = HttpServerConfig { limits, tls, rest, server_name: format!("Ferrum/{}", env!("CARGO_PKG_VERSION")) };
    let net = vm.ext::<NetLink>().handle();
    let id = net.next_id();
    route(vm, id, fd as usize);
    table(vm).get_mut(fd).expect("checked").net = Some(id);
    net.send(Command::Http(HttpCommand::Listen { id, listener, config: cfg }));
    EESUCCESS
}

/// A REST option changed on a listening server: the network thread gets
/// the new routes and settings.
pub fn options_changed(vm: &mut Vm, fd: i64) {
    let Some(s) = table(vm).get(fd) else { return };
    if s.mode != REST_SERVER || s.state != State::Listen {
        return;
    }
    let (rest, handlers) = config::rest(&s.options);
    let id = s.net;
    if let Some(HttpRole::Listener { handlers: h }) = &mut table(vm).get_mut(fd).expect("listener").http {
        *h = handlers;
    }
    if let Some(id) = id {
        vm.ext::<NetLink>().handle().send(Command::Http(HttpCommand::UpdateRest { id, rest }));
    }
}

fn send_response(vm: &mut Vm, request: NetId, response: HttpResponse) {
    vm.ext::<NetLink>().handle().send(Command::Http(HttpCommand::Respond { request, response }));
}

/// `socket_write(conn_fd, response)`: answers the connection's request.
pub fn respond(vm: &mut Vm, fd: i64, value: &Value) -> i64 {
    let Some(s) = table(vm).get_mut(fd) else { return EEBADF };
    let Some(HttpRole::Connection { pending, .. }) = &mut s.http else { return EEMODENOTSUPP };
    let Some((request, _)) = pending.clone() else { return EENOTCONN };
    let response = match response_from(value) {
        Ok(r) => r,
        Err(_) => return EETYPENOTSUPP,
    };
    *pending = None;
    send_response(vm, request, response);
    EESUCCESS
}

/// Closes a server connection (after its current answer).
pub fn close_connection(vm: &mut Vm, conn: NetId) {
    vm.ext::<NetLink>().handle().send(Command::Http(HttpCommand::CloseConnection { conn }));
}

pub fn on_event(vm: &mut Vm, fd: usize, e: HttpEvent) {
    match e {
        HttpEvent::Connection { conn, peer, .. } => new_connection(vm, fd, conn, peer),
        HttpEvent::Request { conn, request, data, .. } => {
            let conn_fd = match vm.ext::<NetLink>().routes.get(&conn) {
                Some(crate::net::Route::Socket(c)) => *c,
                _ => {
                    send_response(vm, request, error_response(503, "Service Unavailable", &[]));
                    return;
                }
            };
            let mapping = Value::Mapping(request_mapping(&data));
            if let Some(Socket { http: Some(HttpRole::Connection { pending, .. }), .. }) = table(vm).get_mut(conn_fd as i64) {
                *pending = Some((request, mapping.clone()));
            }
            let mode = table(vm).get(fd as i64).map(|s| s.mode).unwrap_or(HTTP_SERVER);
            if mode == REST_SERVER {
                rest_request(vm, fd, conn_fd, mapping, data.rest);
            } else {
                let addr = Value::from(format!("{} {}", data.remote.ip(), data.remote.port()));
                let read_cb = table(vm).get(fd as i64).map(|s| s.read_cb.clone()).unwrap_or_default();
                let outcome = call(vm, fd, &read_cb, vec![Value::Int(conn_fd as i64), mapping, addr]);
                if let Err(msg) = outcome {
                    answer_error(vm, fd, conn_fd, 500, &msg);
                }
            }
        }
        HttpEvent::ConnectionClosed { conn } => {
            // The client went away: the connection's close callback.
            if let Some(crate::net::Route::Socket(conn_fd)) = vm.ext::<NetLink>().routes.get(&conn).copied() {
                let cb = table(vm).get(conn_fd as i64).map(|s| (s.owner.clone(), s.close_cb.clone()));
                if let Some((owner, cb)) = cb {
                    guarded(vm, &owner, &cb, vec![Value::Int(conn_fd as i64)]);
                }
                if table(vm).get(conn_fd as i64).is_some_and(|s| s.net == Some(conn)) {
                    crate::sockets::io::forget(vm, conn_fd);
                }
            }
        }
        HttpEvent::ListenFailed { error, .. } => {
            vm.host.clone().log(&format!("socket {}: HTTP listener failed: {}\n", fd, error));
            crate::sockets::io::forget(vm, fd);
        }
        HttpEvent::Response { .. } => {}
    }
}

fn new_connection(vm: &mut Vm, listener_fd: usize, conn: NetId, peer: std::net::SocketAddr) {
    let Some(l) = table(vm).get(listener_fd as i64) else {
        close_connection(vm, conn);
        return;
    };
    let mut s = Socket::new(l.mode, l.owner.clone(), l.read_cb.clone(), l.close_cb.clone());
    s.state = State::DataXfer;
    s.net = Some(conn);
    s.remote = Some(peer);
    s.local = l.local;
    s.http = Some(HttpRole::Connection { listener: listener_fd, pending: None });
    let (owner, listen_cb) = (l.owner.clone(), l.listen_cb.clone());
    let conn_fd = table(vm).insert(s);
    route(vm, conn, conn_fd);
    // listen_cb(listen_fd, conn_fd, addr); closing conn_fd there refuses.
    guarded(vm, &owner, &listen_cb, vec![Value::Int(listener_fd as i64), Value::Int(conn_fd as i64), Value::from(format!("{} {}", peer.ip(), peer.port()))]);
}

/// Runs a callback with a fresh budget; errors are reported.
fn guarded(vm: &mut Vm, owner: &ObjectRef, cb: &Value, args: Vec<Value>) {
    if cb.is_zero() || owner.is_destructed() {
        return;
    }
    vm.reset_eval_cost();
    if let Err(e) = vm.call_callback(owner, cb, args) {
        report_uncaught(vm, &e);
    }
}

/// Calls a callback in the listener's owner for a request. An error is
/// reported and comes back as its message.
fn call(vm: &mut Vm, listener_fd: usize, cb: &Value, args: Vec<Value>) -> Result<Value, String> {
    let Some(l) = table(vm).get(listener_fd as i64) else { return Err("listener closed".into()) };
    let owner = l.owner.clone();
    if owner.is_destructed() {
        return Err("server object destructed".into());
    }
    vm.reset_eval_cost();
    vm.call_callback(&owner, cb, args).map_err(|e| {
        report_uncaught(vm, &e);
        e.message()
    })
}

/// Whether the connection still waits for an answer to `request`.
fn still_pending(vm: &mut Vm, conn_fd: usize) -> bool {
    matches!(table(vm).get(conn_fd as i64), Some(Socket { http: Some(HttpRole::Connection { pending: Some(_), .. }), .. }))
}

/// Answers with what a handler returned: a mapping or string is the
/// answer; 0 means the handler answers later with socket_write.
fn answer_with(vm: &mut Vm, listener_fd: usize, conn_fd: usize, v: &Value) {
    if v.is_zero() || !still_pending(vm, conn_fd) {
        return;
    }
    if respond(vm, conn_fd as i64, v) == EETYPENOTSUPP {
        answer_error(vm, listener_fd, conn_fd, 500, "handler returned an invalid response");
    }
}

/// An error answer, through REST_ERROR_HANDLER when one is set.
fn answer_error(vm: &mut Vm, listener_fd: usize, conn_fd: usize, status: u16, message: &str) {
    answer_error_with(vm, listener_fd, conn_fd, status, message, &[]);
}

fn answer_error_with(vm: &mut Vm, listener_fd: usize, conn_fd: usize, status: u16, message: &str, extra: &[(String, String)]) {
    let Some(Socket { http: Some(HttpRole::Connection { pending: Some((request, req_map)), .. }), .. }) = table(vm).get(conn_fd as i64) else {
        return;
    };
    let (request, req_map) = (*request, req_map.clone());
    let default = error_response(status, message, extra);
    let handler = table(vm).get(listener_fd as i64).and_then(|l| l.options.explicit(REST_ERROR_HANDLER).cloned());
    let response = match handler {
        Some(h) => {
            let err = Mapping::new();
            err.insert(Value::from("error"), Value::from(message));
            err.insert(Value::from("status"), Value::Int(status as i64));
            match call(vm, listener_fd, &h, vec![Value::Int(conn_fd as i64), Value::Mapping(err), req_map]) {
                Ok(v) => error_handler_answer(&v, status, extra).unwrap_or(default),
                Err(_) => default,
            }
        }
        None => default,
    };
    if let Some(Socket { http: Some(HttpRole::Connection { pending, .. }), .. }) = table(vm).get_mut(conn_fd as i64) {
        *pending = None;
    }
    send_response(vm, request, response);
}

/// What an error handler returned, as an answer: a full response mapping
/// (with "body" or "headers"), or a body sent with the error's status.
fn error_handler_answer(v: &Value, status: u16, extra: &[(String, String)]) -> Option<HttpResponse> {
    match v {
        Value::Mapping(m) if m.get_str("body").is_some() || m.get_str("headers").is_some() => {
            if m.get_str("status").is_none() {
                m.insert(Value::from("status"), Value::Int(status as i64));
            }
            response_from(v).ok()
        }
        Value::Mapping(m) => {
            let st = m.get_str("status").and_then(|s| s.as_int()).unwrap_or(status as i64);
            let full = Mapping::new();
            full.insert(Value::from("status"), Value::Int(st));
            full.insert(Value::from("body"), v.clone());
            let mut r = response_from(&Value::Mapping(full)).ok()?;
            r.headers.extend(extra.iter().cloned());
            Some(r)
        }
        Value::Str(_) | Value::Array(_) => {
            let full = Mapping::new();
            full.insert(Value::from("status"), Value::Int(status as i64));
            full.insert(Value::from("body"), v.clone());
            let mut r = response_from(&Value::Mapping(full)).ok()?;
            r.headers.extend(extra.iter().cloned());
            Some(r)
        }
        _ => None,
    }
}

/// A REST request: checks the network thread failed go to the error
/// handler; otherwise middleware, then the route's handler.
fn rest_request(vm: &mut Vm, listener_fd: usize, conn_fd: usize, request: Value, outcome: Option<RestOutcome>) {
    let handler_idx = match outcome {
        Some(RestOutcome::Matched { handler, .. }) => handler as usize,
        Some(RestOutcome::Error { status, message, headers }) => {
            answer_error_with(vm, listener_fd, conn_fd, status, &message, &headers);
            return;
        }
        None => {
            answer_error(vm, listener_fd, conn_fd, 404, "Not Found");
            return;
        }
    };
    // Middleware: each may answer (a response) or let the request pass (0).
    let middleware = table(vm).get(listener_fd as i64).and_then(|l| l.options.explicit(REST_MIDDLEWARE).cloned());
    let chain: Vec<Value> = match middleware {
        Some(Value::Array(a)) => a.to_vec(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    let conn = Value::Int(conn_fd as i64);
    for mw in chain {
        match call(vm, listener_fd, &mw, vec![conn.clone(), request.clone()]) {
            Ok(v) if v.is_zero() => {}
            Ok(v) => {
                answer_with(vm, listener_fd, conn_fd, &v);
                return;
            }
            Err(msg) => {
                answer_error(vm, listener_fd, conn_fd, 500, &msg);
                return;
            }
        }
    }
    let (handler, owner) = match table(vm).get(listener_fd as i64) {
        Some(Socket { http: Some(HttpRole::Listener { handlers }), owner, .. }) => (handlers.get(handler_idx).cloned().unwrap_or_default(), owner.clone()),
        _ => return,
    };
    // A handler named but not defined: the request goes to the read callback.
    let defined = match &handler {
        Value::Str(name) => owner.program_ref().find_function(name).is_some(),
        Value::Function(_) => true,
        _ => false,
    };
    let result = if defined {
        call(vm, listener_fd, &handler, vec![conn.clone(), request.clone()])
    } else {
        let addr = request.as_mapping().and_then(|m| m.get_str("remote_addr")).unwrap_or_default();
        let read_cb = table(vm).get(listener_fd as i64).map(|s| s.read_cb.clone()).unwrap_or_default();
        call(vm, listener_fd, &read_cb, vec![conn.clone(), request.clone(), addr])
    };
    match result {
        Ok(v) => answer_with(vm, listener_fd, conn_fd, &v),
        Err(msg) => answer_error(vm, listener_fd, conn_fd, 500, &msg),
    }
}

