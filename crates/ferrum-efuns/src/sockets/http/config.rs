//! Socket options to network-thread configuration: HTTP limits, REST
//! routes and settings, client requests.

use crate::sockets::convert::value_json;
use crate::sockets::options::*;
use ferrum_net::http::protocol::*;
use ferrum_vm::{Mapping, Value};
use std::time::Duration;

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Str(s) => s.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect(),
        Value::Array(a) => a.borrow().iter().filter_map(|x| x.as_str().map(|s| s.to_string())).collect(),
        _ => Vec::new(),
    }
}

fn field(m: &Mapping, k: &str) -> Value {
    m.get_str(k).unwrap_or_default()
}

pub fn limits(o: &OptionValues) -> HttpLimits {
    HttpLimits { response_timeout: Duration::from_millis(o.int(SO_HTTP_TIMEOUT) as u64), ..Default::default() }
}

/// The REST settings of a listener, and the handler of each route (by
/// index: what `RouteConfig.handler` refers to).
pub fn rest(o: &OptionValues) -> (RestConfig, Vec<Value>) {
    let mut routes = Vec::new();
    let mut handlers = Vec::new();
    if let Some(Value::Array(list)) = o.explicit(REST_ADD_ROUTE) {
        for r in list.borrow().iter() {
            let Value::Mapping(m) = r else { continue };
            let handler = field(m, "handler");
            let handler_name = match &handler {
                Value::Str(s) => s.to_string(),
                _ => format!("handler_{}", handlers.len()),
            };
            routes.push(RouteConfig {
                method: field(m, "method").as_str().unwrap_or("GET").to_ascii_uppercase(),
                pattern: field(m, "pattern").as_str().unwrap_or("/").to_string(),
                handler: handlers.len() as u32,
                handler_name,
                auth: field(m, "auth").is_true(),
                schema: m.get_str("schema").as_ref().and_then(value_json),
                openapi: m.get_str("openapi").as_ref().and_then(value_json),
            });
            handlers.push(handler);
        }
    }
    let cors = match o.explicit(REST_CORS_CONFIG) {
        Some(Value::Mapping(m)) => Some(CorsConfig {
            origins: strings(&field(m, "origins")),
            methods: strings(&field(m, "methods")),
            headers: strings(&field(m, "headers")),
            credentials: field(m, "credentials").is_true(),
            max_age: field(m, "max_age").as_int().filter(|n| *n > 0).map(|n| n as u64),
        }),
        _ => None,
    };
    let rate_limit = match o.explicit(REST_RATE_LIMIT) {
        Some(Value::Mapping(m)) => Some(RateLimit {
            requests: field(m, "requests").as_int().unwrap_or(60).max(1) as u32,
            window: Duration::from_secs(field(m, "window").as_int().unwrap_or(60).max(1) as u64),
            key: match field(m, "key").as_str() {
                None | Some("ip") | Some("") => RateKey::Ip,
                Some(h) => RateKey::Header(h.trim_start_matches("header:").to_ascii_lowercase()),
            },
        }),
        _ => None,
    };
    let schemas = match o.explicit(REST_VALIDATION_SCHEMA) {
        Some(Value::Mapping(m)) => m
            .pairs()
            .into_iter()
            .filter_map(|(k, v)| Some((k.as_str()?.to_string(), value_json(&v)?)))
            .collect(),
        _ => Vec::new(),
    };
    let router = match o.explicit(REST_ROUTER_CONFIG) {
        Some(Value::Mapping(m)) => m.clone(),
        _ => Mapping::new(),
    };
    let config = RestConfig {
        routes,
        jwt_secret: o.string(REST_JWT_SECRET),
        docs_path: o.string(REST_DOCS_PATH),
        openapi_info: o.explicit(REST_OPENAPI_INFO).and_then(value_json),
        schemas,
        cors,
        rate_limit,
        lpc_error_handler: o.explicit(REST_ERROR_HANDLER).is_some(),
        ignore_trailing_slash: field(&router, "ignore_trailing_slash").is_true()
            || field(&router, "trailing_slash").as_str() == Some("ignore"),
    };
    (config, handlers)
}

/// Options that shape a REST listener (REST_ROUTER_CONFIG..REST_RATE_LIMIT).
pub fn is_rest_option(opt: i64) -> bool {
    (REST_ROUTER_CONFIG..=REST_RATE_LIMIT).contains(&opt)
}

/// Why these options would not make a working REST router, if they would not.
pub fn check_rest(o: &OptionValues) -> Result<(), String> {
    ferrum_net::rest::RestService::new(rest(o).0).map(|_| ())
}

/// A client request from the socket's options, a URL and (for later
/// requests) a mapping of overrides.
pub fn client_request(o: &OptionValues, url: String, over: Option<&Mapping>, https_only: bool) -> ClientRequest {
    let pick = |key: &str, opt: i64| -> Value {
        over.and_then(|m| m.get_str(key)).filter(|v| !v.is_undefined()).unwrap_or_else(|| o.get(opt).unwrap_or_default())
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    if let Value::Mapping(h) = pick("headers", SO_HTTP_HEADERS) {
        for (k, v) in h.pairs() {
            if let Some(name) = k.as_str() {
                let text = match &v {
                    Value::Str(s) => s.to_string(),
                    other => format!("{}", other.as_int().unwrap_or(0)),
                };
                headers.push((name.to_string(), text));
            }
        }
    }
    let body = match pick("body", SO_HTTP_BODY) {
        Value::Str(s) => s.as_bytes().to_vec(),
        Value::Buffer(b) => b.to_vec(),
        j @ (Value::Mapping(_) | Value::Array(_)) => {
            if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-type")) {
                headers.push(("content-type".into(), "application/json".into()));
            }
            crate::json::encode(&j).unwrap_or_default().into_bytes()
        }
        _ => Vec::new(),
    };
    let method = match pick("method", SO_HTTP_METHOD) {
        Value::Str(m) => m.to_ascii_uppercase(),
        _ => "GET".into(),
    };
    let ms = |opt| Duration::from_millis(o.int(opt).max(1) as u64);
    ClientRequest {
        method,
        url,
        headers,
        body,
        timeout: ms(SO_HTTP_TIMEOUT),
        connect_timeout: ms(SO_HTTP_CONNECT_TIMEOUT),
        read_timeout: ms(SO_HTTP_READ_TIMEOUT),
        user_agent: o.string(SO_HTTP_USER_AGENT),
        follow_redirects: o.int(SO_HTTP_FOLLOW_REDIRECTS) != 0,
        max_redirects: o.int(SO_HTTP_MAX_REDIRECTS) as u32,
        tls: ferrum_net::TlsClient {
            verify_peer: o.int(SO_TLS_VERIFY_PEER) != 0,
            server_name: o.string(SO_TLS_SNI_HOSTNAME),
            extra_roots: None,
        },
        https_only,
    }
}
