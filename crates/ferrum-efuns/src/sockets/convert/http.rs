//! HTTP requests and responses as LPC mappings, URL and header text.

use crate::json;
use ferrum_net::http::protocol::{ClientResponse, HttpRequest, HttpResponse, RestOutcome};
use ferrum_vm::{Mapping, Value};

/// `%XX` escapes decoded; `+` is a space when `plus` (query strings).
pub fn percent_decode(s: &str, plus: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' if plus => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes everything but unreserved characters (RFC 3986).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~') {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{:02X}", c));
        }
    }
    out
}

/// "a=1&b=2&a=3" -> ([ "a": ({ "1", "3" }), "b": "2" ]).
pub fn query_params(query: &str) -> Mapping {
    let m = Mapping::new();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let (k, v) = (Value::from(percent_decode(k, true)), Value::from(percent_decode(v, true)));
        match m.get(&k) {
            None => m.insert(k, v),
            Some(Value::Array(a)) => a.borrow_mut().push(v),
            Some(first) => m.insert(k, Value::array(vec![first, v])),
        }
    }
    m
}

/// Header pairs as a mapping: lower-cased names, repeats joined by ", ".
pub fn header_mapping(headers: &[(String, String)]) -> Mapping {
    let m = Mapping::new();
    for (k, v) in headers {
        let key = Value::from(k.to_ascii_lowercase());
        match m.get(&key) {
            Some(Value::Str(prev)) => m.insert(key, Value::from(format!("{}, {}", prev, v))),
            _ => m.insert(key, Value::from(v.as_str())),
        }
    }
    m
}

/// Bytes as LPC sees a body: a string when it is UTF-8, else a buffer.
pub fn body_value(body: &[u8]) -> Value {
    match std::str::from_utf8(body) {
        Ok(s) => Value::from(s),
        Err(_) => Value::buffer(body.to_vec()),
    }
}

/// JSON from the network thread as an LPC value (true 1, false/null 0).
pub fn json_value(j: &serde_json::Value) -> Value {
    json::decode(&j.to_string()).unwrap_or(Value::Undefined)
}

/// An LPC value as JSON for the network thread.
pub fn value_json(v: &Value) -> Option<serde_json::Value> {
    serde_json::from_str(&json::encode(v).ok()?).ok()
}

fn set(m: &Mapping, k: &str, v: Value) {
    m.insert(Value::from(k), v);
}

/// The request mapping the spec defines.
pub fn request_mapping(r: &HttpRequest) -> Mapping {
    let m = Mapping::new();
    set(&m, "method", Value::from(r.method.as_str()));
    set(&m, "uri", Value::from(r.uri.as_str()));
    set(&m, "path", Value::from(r.path.as_str()));
    set(&m, "query", Value::from(r.query.as_str()));
    set(&m, "query_params", Value::Mapping(query_params(&r.query)));
    set(&m, "version", Value::from(r.version.as_str()));
    set(&m, "headers", Value::Mapping(header_mapping(&r.headers)));
    set(&m, "body", body_value(&r.body));
    set(&m, "remote_addr", Value::from(format!("{} {}", r.remote.ip(), r.remote.port())));
    if let Some(RestOutcome::Matched { route, handler_name, path_params, json, auth, .. }) = &r.rest {
        let params = Mapping::new();
        for (k, v) in path_params {
            params.insert(Value::from(k.as_str()), Value::from(v.as_str()));
        }
        set(&m, "path_params", Value::Mapping(params));
        set(&m, "route", Value::from(route.as_str()));
        set(&m, "handler", Value::from(handler_name.as_str()));
        if let Some(j) = json {
            set(&m, "json", json_value(j));
        }
        if let Some(a) = auth {
            set(&m, "auth", json_value(a));
        }
    }
    m
}

/// Whether a mapping is a response envelope (has "status", "headers" or
/// "body") rather than data to send as JSON.
fn is_envelope(m: &Mapping) -> bool {
    ["status", "headers", "body"].iter().any(|k| m.get_str(k).is_some_and(|v| !v.is_undefined()))
}

/// An LPC answer as an HTTP response: a string (HTML), a response mapping
/// (`status`, `headers`, `body`), or any other mapping or an array, sent
/// as JSON with status 200. The error says why a value cannot be one.
pub fn response_from(v: &Value) -> Result<HttpResponse, String> {
    match v {
        Value::Mapping(m) if !is_envelope(m) => json_response(v),
        Value::Str(s) => Ok(HttpResponse {
            status: 200,
            headers: vec![("content-type".into(), "text/html; charset=utf-8".into())],
            body: s.as_bytes().to_vec(),
        }),
        Value::Mapping(m) => {
            let status = match m.get_str("status") {
                Some(Value::Int(n)) if (100..=999).contains(&n) => n as u16,
                None | Some(Value::Undefined) => 200,
                Some(other) => return Err(format!("bad response status {:?}", other)),
            };
            let mut headers: Vec<(String, String)> = Vec::new();
            if let Some(Value::Mapping(h)) = m.get_str("headers") {
                for (k, val) in h.borrow().iter() {
                    let name = k.as_str().ok_or("header names must be strings")?.to_string();
                    let text = match val {
                        Value::Str(s) => s.to_string(),
                        Value::Int(i) => i.to_string(),
                        Value::Array(a) => {
                            for item in a.borrow().iter() {
                                headers.push((name.clone(), item.as_str().unwrap_or("").to_string()));
                            }
                            continue;
                        }
                        _ => return Err(format!("bad value for header {}", name)),
                    };
                    headers.push((name, text));
                }
            }
            let has_type = headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-type"));
            let body = match m.get_str("body") {
                None | Some(Value::Undefined) => Vec::new(),
                Some(Value::Int(0)) => Vec::new(),
                Some(Value::Str(s)) => {
                    if !has_type {
                        headers.push(("content-type".into(), "text/html; charset=utf-8".into()));
                    }
                    s.as_bytes().to_vec()
                }
                Some(Value::Buffer(b)) => {
                    if !has_type {
                        headers.push(("content-type".into(), "application/octet-stream".into()));
                    }
                    b.to_vec()
                }
                Some(j @ (Value::Mapping(_) | Value::Array(_))) => {
                    if !has_type {
                        headers.push(("content-type".into(), "application/json".into()));
                    }
                    json::encode(&j).map_err(|e| e.message())?.into_bytes()
                }
                Some(other) => return Err(format!("bad response body of type {}", other.type_name())),
            };
            Ok(HttpResponse { status, headers, body })
        }
        Value::Array(_) => json_response(v),
        other => Err(format!("a response must be a string or a mapping, not {}", other.type_name())),
    }
}

fn json_response(v: &Value) -> Result<HttpResponse, String> {
    Ok(HttpResponse {
        status: 200,
        headers: vec![("content-type".into(), "application/json".into())],
        body: json::encode(v).map_err(|e| e.message())?.into_bytes(),
    })
}

/// A JSON error answer: {"error": message, "status": code}.
pub fn error_response(status: u16, message: &str, extra: &[(String, String)]) -> HttpResponse {
    let body = serde_json::json!({ "error": message, "status": status }).to_string();
    let mut headers = vec![("content-type".to_string(), "application/json".to_string())];
    headers.extend(extra.iter().cloned());
    HttpResponse { status, headers, body: body.into_bytes() }
}

/// The response mapping a client gets.
pub fn client_response_mapping(r: &ClientResponse, decode_json: bool) -> Mapping {
    let m = Mapping::new();
    set(&m, "status", Value::Int(r.status as i64));
    set(&m, "status_text", Value::from(r.status_text.as_str()));
    set(&m, "headers", Value::Mapping(header_mapping(&r.headers)));
    set(&m, "body", body_value(&r.body));
    set(&m, "url", Value::from(r.url.as_str()));
    set(&m, "redirects", Value::Int(r.redirects as i64));
    set(&m, "elapsed_ms", Value::Int(r.elapsed_ms as i64));
    if let Some(e) = &r.error {
        set(&m, "error", Value::from(e.as_str()));
    }
    if decode_json && !r.body.is_empty() {
        if let Ok(text) = std::str::from_utf8(&r.body) {
            if let Ok(v) = json::decode(text) {
                set(&m, "json", v);
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_escapes_round_trip() {
        assert_eq!(percent_encode("a b/ü"), "a%20b%2F%C3%BC");
        assert_eq!(percent_decode("a%20b%2F%C3%BC", false), "a b/ü");
        assert_eq!(percent_decode("a+b", true), "a b");
        assert_eq!(percent_decode("100%", false), "100%");
        assert_eq!(percent_decode("%zz", false), "%zz");
    }

    #[test]
    fn query_params_collect_repeats() {
        let m = query_params("a=1&b=x+y&a=3&flag");
        assert_eq!(format!("{:?}", m.get_str("a").unwrap()), r#"["1", "3"]"#);
        assert_eq!(m.get_str("b").unwrap().as_str(), Some("x y"));
        assert_eq!(m.get_str("flag").unwrap().as_str(), Some(""));
    }

    #[test]
    fn responses_from_values() {
        let r = response_from(&Value::from("<p>hi</p>")).unwrap();
        assert_eq!((r.status, r.body.as_slice()), (200, &b"<p>hi</p>"[..]));
        let m = Mapping::new();
        m.insert(Value::from("status"), Value::Int(201));
        let body = Mapping::new();
        body.insert(Value::from("ok"), Value::Int(1));
        m.insert(Value::from("body"), Value::Mapping(body));
        let r = response_from(&Value::Mapping(m)).unwrap();
        assert_eq!(r.status, 201);
        assert_eq!(r.body, br#"{"ok":1}"#);
        assert!(r.headers.contains(&("content-type".into(), "application/json".into())));
        assert!(response_from(&Value::Int(3)).is_err());
    }
}
