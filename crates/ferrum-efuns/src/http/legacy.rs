//! The design guide's original HTTP efuns, kept for code written against
//! it. Deprecated: they are thin wrappers over the HTTP socket modes;
//! new code should use socket_create(HTTP_SERVER / HTTP_CLIENT, ...).

use crate::args;
use crate::sockets::constants::*;
use ferrum_vm::error::VmResult;
use ferrum_vm::{Value, Vm};

fn efun(vm: &mut Vm, name: &str, args: Vec<Value>) -> VmResult<i64> {
    Ok(vm.call_efun_by_name(name, args)?.as_int().unwrap_or(0))
}

/// Sets option mapping entries ("timeout", "headers", ...) by their
/// socket option names.
fn apply_options(vm: &mut Vm, fd: i64, opts: &Value) -> VmResult<()> {
    let Value::Mapping(m) = opts else { return Ok(()) };
    use crate::sockets::options::*;
    for (k, v) in m.pairs() {
        let opt = match k.as_str() {
            Some("timeout") => SO_HTTP_TIMEOUT,
            Some("headers") => SO_HTTP_HEADERS,
            Some("method") => SO_HTTP_METHOD,
            Some("body") => SO_HTTP_BODY,
            Some("user_agent") => SO_HTTP_USER_AGENT,
            Some("follow_redirects") => SO_HTTP_FOLLOW_REDIRECTS,
            Some("max_redirects") => SO_HTTP_MAX_REDIRECTS,
            Some("cert") => SO_TLS_CERT,
            Some("key") => SO_TLS_KEY,
            Some("verify_peer") => SO_TLS_VERIFY_PEER,
            _ => continue,
        };
        efun(vm, "socket_set_option", vec![Value::Int(fd), Value::Int(opt), v])?;
    }
    Ok(())
}

/// `http_start_server(port, callback [, options])`: an HTTP server whose
/// requests go to `callback(conn_fd, request, addr)`; its descriptor.
pub fn http_start_server(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let port = args::int(args, 0)?;
    let cb = args::take(args, 1);
    let opts = args::take(args, 2);
    let tls = matches!(&opts, Value::Mapping(m) if m.get_str("cert").is_some());
    let mode = if tls { HTTPS_SERVER } else { HTTP_SERVER };
    let fd = efun(vm, "socket_create", vec![Value::Int(mode), cb])?;
    if fd < 0 {
        return Ok(Value::Int(fd));
    }
    apply_options(vm, fd, &opts)?;
    for (name, extra) in [("socket_bind", Value::Int(port)), ("socket_listen", Value::Int(0))] {
        let r = efun(vm, name, vec![Value::Int(fd), extra])?;
        if r != EESUCCESS {
            efun(vm, "socket_close", vec![Value::Int(fd)])?;
            return Ok(Value::Int(r));
        }
    }
    Ok(Value::Int(fd))
}

/// `http_stop_server(fd)`.
pub fn http_stop_server(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::Int(efun(vm, "socket_close", vec![args::take(args, 0)])?))
}

/// `http_send_response(conn_fd, response)`.
pub fn http_send_response(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::Int(efun(vm, "socket_write", vec![args::take(args, 0), args::take(args, 1)])?))
}

/// `http_send_request(url, options, callback)`: the response arrives as
/// `callback(fd, response)`; returns the client descriptor.
pub fn http_send_request(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let url = args::string(args, 0)?.to_string();
    let opts = args::take(args, 1);
    let cb = args::take(args, 2);
    let mode = if url.starts_with("https://") { HTTPS_CLIENT } else { HTTP_CLIENT };
    let fd = efun(vm, "socket_create", vec![Value::Int(mode), cb.clone()])?;
    if fd < 0 {
        return Ok(Value::Int(fd));
    }
    apply_options(vm, fd, &opts)?;
    let r = efun(vm, "socket_connect", vec![Value::Int(fd), Value::from(url), cb, Value::Int(0)])?;
    if r != EESUCCESS {
        efun(vm, "socket_close", vec![Value::Int(fd)])?;
        return Ok(Value::Int(r));
    }
    Ok(Value::Int(fd))
}
