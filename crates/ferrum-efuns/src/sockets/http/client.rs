//! HTTP, HTTPS and REST clients: each request goes out on the network
//! thread; each answer (or failure) comes back as a response mapping.

use super::config;
use crate::net::NetLink;
use crate::sockets::constants::*;
use crate::sockets::convert::client_response_mapping;
use crate::sockets::options::SO_HTTP_URL;
use crate::sockets::table::HttpRole;
use crate::sockets::{route, table};
use ferrum_net::http::protocol::{HttpCommand, HttpEvent};
use ferrum_net::Command;
use ferrum_vm::{Mapping, Value, Vm};

/// A path ("/users/1") against a base URL ("http://host:8080/api").
fn resolve(base: &str, path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") {
        return path.to_string();
    }
    format!("{}/{}", base.trim_end_matches('/'), path.trim_start_matches('/'))
}

/// The URL of a request: the argument (absolute, or for REST clients a
/// path under SO_HTTP_URL), else SO_HTTP_URL itself.
fn url_for(vm: &mut Vm, fd: i64, given: &str) -> Option<String> {
    let s = table(vm).get(fd)?;
    let base = s.options.string(SO_HTTP_URL);
    match (given.is_empty(), base) {
        (true, base) => base,
        (false, _) if given.starts_with("http://") || given.starts_with("https://") => Some(given.to_string()),
        (false, Some(base)) => Some(resolve(&base, given)),
        (false, None) => None,
    }
}

fn send(vm: &mut Vm, fd: i64, url: String, over: Option<&Mapping>) -> i64 {
    let Some(s) = table(vm).get(fd) else { return EEBADF };
    let https_only = s.mode == HTTPS_CLIENT;
    if https_only && !url.starts_with("https://") {
        return EEBADADDR;
    }
    let request = config::client_request(&s.options, url, over, https_only);
    let id = match s.net {
        Some(id) => id,
        None => {
            let id = vm.ext::<NetLink>().handle().next_id();
            route(vm, id, fd as usize);
            table(vm).get_mut(fd).expect("socket").net = Some(id);
            id
        }
    };
    vm.ext::<NetLink>().handle().send(Command::Http(HttpCommand::Request { id, request }));
    EESUCCESS
}

/// `socket_connect(fd, url, read_cb, write_cb)` on a client mode: sends
/// the first request; write_cb(fd) follows once it is on its way.
pub fn connect(vm: &mut Vm, fd: i64, target: &str, read_cb: Value, write_cb: Value) -> i64 {
    let Some(url) = url_for(vm, fd, target) else { return EEBADADDR };
    let s = table(vm).get_mut(fd).expect("checked");
    s.read_cb = read_cb;
    s.write_cb = write_cb;
    s.http = Some(HttpRole::Client);
    let r = send(vm, fd, url, None);
    if r == EESUCCESS {
        let t = table(vm);
        t.get_mut(fd).expect("socket").state = State::DataXfer;
        t.deferred_writes.push(fd as usize);
    }
    r
}

/// `socket_write(fd, ([ "method", "url" or "path", "headers", "body" ]))`
/// on a client: another request on the same socket.
pub fn write(vm: &mut Vm, fd: i64, value: &Value) -> i64 {
    let Value::Mapping(m) = value else { return EETYPENOTSUPP };
    let target = m.get_str("url").or_else(|| m.get_str("path")).and_then(|v| v.as_str().map(|s| s.to_string())).unwrap_or_default();
    let Some(url) = url_for(vm, fd, &target) else { return EEBADADDR };
    send(vm, fd, url, Some(m))
}

pub fn on_event(vm: &mut Vm, fd: usize, e: HttpEvent) {
    if let HttpEvent::Response { response, .. } = e {
        let Some(s) = table(vm).get(fd as i64) else { return };
        let mapping = client_response_mapping(&response, s.mode == REST_CLIENT);
        let (owner, cb) = (s.owner.clone(), s.read_cb.clone());
        if cb.is_zero() || owner.is_destructed() {
            return;
        }
        vm.reset_eval_cost();
        if let Err(err) = vm.call_callback(&owner, &cb, vec![Value::Int(fd as i64), Value::Mapping(mapping)]) {
            crate::runtime::errors::report_uncaught(vm, &err);
        }
    }
}
