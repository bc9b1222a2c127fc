//! The http package: HTTP utility efuns, JWT signing and verification,
//! and the design guide's legacy `http_*` server/client efuns (thin,
//! deprecated wrappers over the HTTP socket modes).

mod dates;
mod legacy;

use crate::args;
use crate::sockets::convert::{header_mapping, percent_decode, percent_encode, value_json, json_value};
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::VmResult;
use ferrum_vm::{bail, efun, Value, Vm};

pub const EFUNS: &[EfunSpec] = &[
    efun!("string http_encode_url(string)", http_encode_url),
    efun!("string http_decode_url(string)", http_decode_url),
    efun!("mapping http_parse_headers(string)", http_parse_headers),
    efun!("string http_format_headers(mapping)", http_format_headers),
    efun!("string http_date(int | void)", dates::http_date),
    efun!("int http_parse_date(string)", dates::http_parse_date),
    efun!("string http_status_text(int)", http_status_text),
    efun!("string jwt_sign(mapping, string, int | void)", jwt_sign),
    efun!("mapping jwt_verify(string, string)", jwt_verify),
    efun!("int http_start_server(int, string | function, mapping | void)", legacy::http_start_server),
    efun!("int http_stop_server(int)", legacy::http_stop_server),
    efun!("int http_send_response(int, mapping | string)", legacy::http_send_response),
    efun!("int http_send_request(string, mapping | void, string | function | void)", legacy::http_send_request),
];

/// Percent-encodes everything but unreserved characters.
fn http_encode_url(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::from(percent_encode(args::string(args, 0)?)))
}

/// Decodes %XX escapes and '+' (as a space).
fn http_decode_url(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::from(percent_decode(args::string(args, 0)?, true)))
}

/// "Name: value" lines to a mapping: lower-cased names, repeated headers
/// joined with ", ", folded lines joined.
fn http_parse_headers(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let text = args::string(args, 0)?;
    let mut pairs: Vec<(String, String)> = Vec::new();
    for line in text.split('\n').map(|l| l.trim_end_matches('\r')) {
        if line.is_empty() {
            continue;
        }
        if line.starts_with(' ') || line.starts_with('\t') {
            if let Some(last) = pairs.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            if !k.is_empty() && !k.contains(' ') {
                pairs.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
    }
    Ok(Value::Mapping(header_mapping(&pairs)))
}

/// A mapping to "Name: value\r\n" lines (array values repeat the header).
fn http_format_headers(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let m = args::mapping(args, 0)?;
    let mut out = String::new();
    for (k, v) in m.pairs() {
        let Some(name) = k.as_str() else { continue };
        if name.contains(['\r', '\n', ':']) {
            bail!("http_format_headers(): bad header name {:?}", name);
        }
        let values: Vec<String> = match &v {
            Value::Array(a) => a.borrow().iter().map(text_of).collect(),
            other => vec![text_of(other)],
        };
        for val in values {
            if val.contains(['\r', '\n']) {
                bail!("http_format_headers(): line break in the value of {}", name);
            }
            out.push_str(&format!("{}: {}\r\n", name, val));
        }
    }
    Ok(Value::from(out))
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        _ => String::new(),
    }
}

/// The reason phrase of a status code ("" when unknown).
pub fn status_text(code: i64) -> &'static str {
    match code {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        422 => "Unprocessable Content",
        426 => "Upgrade Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

fn http_status_text(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::from(status_text(args::int(args, 0)?)))
}

/// `jwt_sign(claims, secret [, expires_in])`: an HS256 token.
fn jwt_sign(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let claims = value_json(&args[0]).ok_or_else(|| ferrum_vm::lpc_error!("jwt_sign(): claims are not JSON"))?;
    let secret = args::string(args, 1)?.to_string();
    let expires = match args.get(2) {
        Some(Value::Int(n)) if *n > 0 => Some(*n as u64),
        _ => None,
    };
    match ferrum_net::rest::sign_jwt(&secret, &claims, expires) {
        Ok(t) => Ok(Value::from(t)),
        Err(e) => bail!("jwt_sign(): {}", e),
    }
}

/// `jwt_verify(token, secret)`: the claims of a valid HS256 token, or 0.
fn jwt_verify(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let token = args::string(args, 0)?.to_string();
    let secret = args::string(args, 1)?.to_string();
    Ok(match ferrum_net::rest::verify_jwt(&secret, &token) {
        Ok(claims) => json_value(&claims),
        Err(_) => Value::Int(0),
    })
}
