//! Apache/nginx integration options (300-309): FastCGI, proxying,
//! static hand-off.

use super::*;

pub const SO_APACHE_FASTCGI_ENABLE: i64 = 300;
pub const SO_APACHE_FASTCGI_SOCKET: i64 = 301;
pub const SO_APACHE_PROXY_ENABLE: i64 = 302;
pub const SO_APACHE_PROXY_UPSTREAM: i64 = 303;
pub const SO_APACHE_STATIC_HANDOFF: i64 = 304;
pub const SO_APACHE_DYNAMIC_HANDOFF: i64 = 305;
pub const SO_APACHE_CGI_ENV_VARS: i64 = 306;
pub const SO_APACHE_AUTH_PASSTHROUGH: i64 = 307;
pub const SO_APACHE_SSL_TERMINATION: i64 = 308;
pub const SO_APACHE_LOAD_BALANCE: i64 = 309;

fn upstreams(v: &Value) -> Result<(), String> {
    let ok = |s: &str| s.starts_with("http://") || s.starts_with("https://");
    match v {
        Value::Str(s) if ok(s) => Ok(()),
        Value::Array(a) if !a.is_empty() && a.borrow().iter().all(|x| x.as_str().is_some_and(ok)) => Ok(()),
        _ => Err("must be an http(s):// URL or a non-empty array of them".into()),
    }
}

fn handoff(v: &Value) -> Result<(), String> {
    match v.as_str() {
        Some("x-sendfile") | Some("x-accel-redirect") => Ok(()),
        _ => Err("must be \"x-sendfile\" or \"x-accel-redirect\"".into()),
    }
}

fn balance(v: &Value) -> Result<(), String> {
    match v.as_str() {
        Some("round_robin") | Some("least_conn") => Ok(()),
        _ => Err("must be \"round_robin\" or \"least_conn\"".into()),
    }
}

fn round_robin() -> Value {
    Value::from("round_robin")
}

pub(super) const OPTIONS: &[OptionSpec] = &[
    OptionSpec { number: SO_APACHE_FASTCGI_ENABLE, name: "SO_APACHE_FASTCGI_ENABLE", kinds: &[Kind::Int], default: zero, validate: Some(boolean), store: Store::Replace },
    OptionSpec { number: SO_APACHE_FASTCGI_SOCKET, name: "SO_APACHE_FASTCGI_SOCKET", kinds: &[Kind::String], default: zero, validate: Some(non_empty_string), store: Store::Replace },
    OptionSpec { number: SO_APACHE_PROXY_ENABLE, name: "SO_APACHE_PROXY_ENABLE", kinds: &[Kind::Int], default: zero, validate: Some(boolean), store: Store::Replace },
    OptionSpec { number: SO_APACHE_PROXY_UPSTREAM, name: "SO_APACHE_PROXY_UPSTREAM", kinds: &[Kind::String, Kind::Array], default: zero, validate: Some(upstreams), store: Store::Replace },
    OptionSpec { number: SO_APACHE_STATIC_HANDOFF, name: "SO_APACHE_STATIC_HANDOFF", kinds: &[Kind::String], default: zero, validate: Some(handoff), store: Store::Replace },
    OptionSpec { number: SO_APACHE_DYNAMIC_HANDOFF, name: "SO_APACHE_DYNAMIC_HANDOFF", kinds: &[Kind::Array], default: zero, validate: Some(strings_only), store: Store::Replace },
    OptionSpec { number: SO_APACHE_CGI_ENV_VARS, name: "SO_APACHE_CGI_ENV_VARS", kinds: &[Kind::Int], default: zero, validate: Some(boolean), store: Store::Replace },
    OptionSpec { number: SO_APACHE_AUTH_PASSTHROUGH, name: "SO_APACHE_AUTH_PASSTHROUGH", kinds: &[Kind::Int], default: zero, validate: Some(boolean), store: Store::Replace },
    OptionSpec { number: SO_APACHE_SSL_TERMINATION, name: "SO_APACHE_SSL_TERMINATION", kinds: &[Kind::Int], default: zero, validate: Some(boolean), store: Store::Replace },
    OptionSpec { number: SO_APACHE_LOAD_BALANCE, name: "SO_APACHE_LOAD_BALANCE", kinds: &[Kind::String], default: round_robin, validate: Some(balance), store: Store::Replace },
];
