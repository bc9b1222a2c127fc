//! REST server options (110-119).

use super::*;

pub const REST_ROUTER_CONFIG: i64 = 110;
pub const REST_ADD_ROUTE: i64 = 111;
pub const REST_OPENAPI_INFO: i64 = 112;
pub const REST_JWT_SECRET: i64 = 113;
pub const REST_DOCS_PATH: i64 = 114;
pub const REST_VALIDATION_SCHEMA: i64 = 115;
pub const REST_MIDDLEWARE: i64 = 116;
pub const REST_ERROR_HANDLER: i64 = 117;
pub const REST_CORS_CONFIG: i64 = 118;
pub const REST_RATE_LIMIT: i64 = 119;

fn str_field<'a>(m: &'a ferrum_vm::Mapping, key: &str) -> Option<ferrum_vm::LStr> {
    m.get_str(key).and_then(|v| v.as_lstr().cloned())
}

/// A route: method, pattern ("/users/{id}"), handler (name or function).
fn route(v: &Value) -> Result<(), String> {
    let Value::Mapping(m) = v else { return Err("must be a mapping".into()) };
    let method = str_field(m, "method").ok_or("needs a \"method\" string")?;
    const METHODS: &[&str] = &["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "*"];
    if !METHODS.contains(&method.to_ascii_uppercase().as_str()) {
        return Err(format!("unknown method {:?}", method.as_str()));
    }
    let pattern = str_field(m, "pattern").ok_or("needs a \"pattern\" string")?;
    if !pattern.starts_with('/') {
        return Err("pattern must start with '/'".into());
    }
    match m.get_str("handler") {
        Some(Value::Str(_)) | Some(Value::Function(_)) => {}
        _ => return Err("needs a \"handler\" (function name or pointer)".into()),
    }
    for key in ["openapi", "schema"] {
        if let Some(x) = m.get_str(key) {
            if !matches!(x, Value::Mapping(_)) {
                return Err(format!("\"{}\" must be a mapping", key));
            }
        }
    }
    Ok(())
}

fn docs_path(v: &Value) -> Result<(), String> {
    match v.as_str() {
        Some(p) if p.starts_with('/') && p.len() > 1 && !p.ends_with('/') => Ok(()),
        _ => Err("must be a path like \"/docs\"".into()),
    }
}

fn callables(v: &Value) -> Result<(), String> {
    match v {
        Value::Str(_) | Value::Function(_) => Ok(()),
        Value::Array(a) if a.borrow().iter().all(|x| matches!(x, Value::Str(_) | Value::Function(_))) => Ok(()),
        _ => Err("must be a function name or pointer, or an array of them".into()),
    }
}

fn rate_limit(v: &Value) -> Result<(), String> {
    let Value::Mapping(m) = v else { return Err("must be a mapping".into()) };
    match m.get_str("requests").and_then(|x| x.as_int()) {
        Some(n) if n > 0 => {}
        _ => return Err("needs \"requests\" > 0".into()),
    }
    match m.get_str("window").and_then(|x| x.as_int()) {
        Some(n) if n > 0 => {}
        _ => return Err("needs \"window\" (seconds) > 0".into()),
    }
    Ok(())
}

fn schemas(v: &Value) -> Result<(), String> {
    let Value::Mapping(m) = v else { return Err("must be a mapping".into()) };
    for (k, s) in m.borrow().iter() {
        if !matches!(k, Value::Str(_)) || !matches!(s, Value::Mapping(_)) {
            return Err("must map route patterns to JSON schema mappings".into());
        }
    }
    Ok(())
}

pub(super) const OPTIONS: &[OptionSpec] = &[
    OptionSpec { number: REST_ROUTER_CONFIG, name: "REST_ROUTER_CONFIG", kinds: &[Kind::Mapping], default: zero, validate: None, store: Store::Replace },
    OptionSpec { number: REST_ADD_ROUTE, name: "REST_ADD_ROUTE", kinds: &[Kind::Mapping], default: zero, validate: Some(route), store: Store::Append },
    OptionSpec { number: REST_OPENAPI_INFO, name: "REST_OPENAPI_INFO", kinds: &[Kind::Mapping], default: zero, validate: None, store: Store::Replace },
    OptionSpec { number: REST_JWT_SECRET, name: "REST_JWT_SECRET", kinds: &[Kind::String], default: zero, validate: Some(non_empty_string), store: Store::Replace },
    OptionSpec { number: REST_DOCS_PATH, name: "REST_DOCS_PATH", kinds: &[Kind::String], default: zero, validate: Some(docs_path), store: Store::Replace },
    OptionSpec { number: REST_VALIDATION_SCHEMA, name: "REST_VALIDATION_SCHEMA", kinds: &[Kind::Mapping], default: zero, validate: Some(schemas), store: Store::Replace },
    OptionSpec { number: REST_MIDDLEWARE, name: "REST_MIDDLEWARE", kinds: &[Kind::Callable, Kind::Array], default: zero, validate: Some(callables), store: Store::Replace },
    OptionSpec { number: REST_ERROR_HANDLER, name: "REST_ERROR_HANDLER", kinds: &[Kind::Callable], default: zero, validate: None, store: Store::Replace },
    OptionSpec { number: REST_CORS_CONFIG, name: "REST_CORS_CONFIG", kinds: &[Kind::Mapping], default: zero, validate: None, store: Store::Replace },
    OptionSpec { number: REST_RATE_LIMIT, name: "REST_RATE_LIMIT", kinds: &[Kind::Mapping], default: zero, validate: Some(rate_limit), store: Store::Replace },
];
