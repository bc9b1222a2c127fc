//! Every option number: its default, a valid value, refused values.

use super::*;
use ferrum_vm::{Mapping, Value};

/// (number, a valid value, values that must be refused)
fn cases() -> Vec<(i64, Value, Vec<Value>)> {
    let m = |pairs: &[(&str, Value)]| Value::Mapping(Mapping::from_pairs(pairs.iter().map(|(k, v)| (Value::from(*k), v.clone()))));
    let s = |x: &str| Value::from(x);
    let route = m(&[("method", s("GET")), ("pattern", s("/a/{id}")), ("handler", s("h"))]);
    vec![
        (SO_TLS_VERIFY_PEER, Value::Int(1), vec![Value::Int(2), s("yes")]),
        (SO_TLS_SNI_HOSTNAME, s("example.org"), vec![Value::Int(1)]),
        (SO_TLS_CERT, s("/etc/cert.pem"), vec![s(""), Value::Int(0)]),
        (SO_TLS_KEY, s("/etc/key.pem"), vec![s(""), Value::Int(0)]),
        (SO_HTTP_HEADERS, m(&[("X-A", s("1"))]), vec![s("X-A: 1"), m(&[("a", Value::Float(1.0))])]),
        (SO_HTTP_METHOD, s("POST"), vec![s("FETCH"), Value::Int(1)]),
        (SO_HTTP_URL, s("http://localhost/"), vec![s("ftp://x"), Value::Int(1)]),
        (SO_HTTP_BODY, s("body"), vec![Value::Int(1)]),
        (SO_HTTP_TIMEOUT, Value::Int(5000), vec![Value::Int(999), Value::Int(300001), s("5000")]),
        (SO_HTTP_USER_AGENT, s("FluffOS/3.0"), vec![Value::Int(3)]),
        (SO_HTTP_FOLLOW_REDIRECTS, Value::Int(1), vec![Value::Int(-1)]),
        (SO_HTTP_MAX_REDIRECTS, Value::Int(20), vec![Value::Int(21), Value::Int(-1)]),
        (SO_HTTP_CONNECT_TIMEOUT, Value::Int(1000), vec![Value::Int(0)]),
        (SO_HTTP_READ_TIMEOUT, Value::Int(1000), vec![Value::Int(0)]),
        (REST_ROUTER_CONFIG, m(&[]), vec![s("x")]),
        (REST_ADD_ROUTE, route, vec![m(&[("method", s("GET"))]), m(&[("method", s("BREW")), ("pattern", s("/")), ("handler", s("h"))]), s("/x")]),
        (REST_OPENAPI_INFO, m(&[("title", s("API"))]), vec![s("API")]),
        (REST_JWT_SECRET, s("secret"), vec![s(""), Value::Int(1)]),
        (REST_DOCS_PATH, s("/docs"), vec![s("docs"), s("/docs/"), s("/")]),
        (REST_VALIDATION_SCHEMA, m(&[("/a", m(&[("type", s("object"))]))]), vec![m(&[("/a", s("object"))])]),
        (REST_MIDDLEWARE, s("check"), vec![Value::Int(1), Value::array(vec![Value::Int(1)])]),
        (REST_ERROR_HANDLER, s("on_error"), vec![Value::Int(1)]),
        (REST_CORS_CONFIG, m(&[("origins", s("*"))]), vec![s("*")]),
        (REST_RATE_LIMIT, m(&[("requests", Value::Int(10)), ("window", Value::Int(60))]), vec![m(&[("requests", Value::Int(0)), ("window", Value::Int(60))])]),
        (WS_PROTOCOL, s("chat"), vec![Value::Int(1)]),
        (WS_EXTENSIONS, s("permessage-deflate"), vec![Value::Int(1)]),
        (WS_ORIGIN, Value::array(vec![s("http://a")]), vec![Value::array(vec![Value::Int(1)])]),
        (WS_MAX_MESSAGE_SIZE, Value::Int(1024), vec![Value::Int(0)]),
        (WS_PING_INTERVAL, Value::Int(30), vec![Value::Int(-1)]),
        (WS_PONG_TIMEOUT, Value::Int(10), vec![Value::Int(-1)]),
        (WS_COMPRESSION, Value::Int(1), vec![Value::Int(2)]),
        (WS_SUBPROTOCOL, s("mud"), vec![Value::Float(1.0)]),
        (MQTT_BROKER, s("mqtt://localhost:1883"), vec![s("http://x"), s("")]),
        (MQTT_CLIENT_ID, s("ferrum"), vec![Value::Int(1)]),
        (MQTT_USERNAME, s("u"), vec![Value::Int(1)]),
        (MQTT_PASSWORD, s("p"), vec![Value::Int(1)]),
        (MQTT_KEEP_ALIVE, Value::Int(10), vec![Value::Int(9), Value::Int(3601)]),
        (MQTT_QOS, Value::Int(2), vec![Value::Int(3), Value::Int(-1)]),
        (MQTT_RETAIN, Value::Int(1), vec![Value::Int(5)]),
        (MQTT_CLEAN_SESSION, Value::Int(0), vec![Value::Int(5)]),
        (MQTT_WILL_TOPIC, s("status"), vec![s("")]),
        (MQTT_WILL_MESSAGE, s("gone"), vec![Value::Int(1)]),
        (EXTERNAL_COMMAND, s("/bin/echo"), vec![s("")]),
        (EXTERNAL_ARGS, Value::array(vec![s("-n")]), vec![Value::array(vec![Value::Int(1)]), s("-n")]),
        (EXTERNAL_ENV, m(&[("PATH", s("/bin"))]), vec![m(&[("A=B", s("x"))])]),
        (EXTERNAL_WATCH_PATH, s("/data"), vec![s("")]),
        (EXTERNAL_WORKING_DIR, s("/tmp"), vec![s("")]),
        (EXTERNAL_USER, s("nobody"), vec![s("")]),
        (EXTERNAL_GROUP, s("nogroup"), vec![s("")]),
        (EXTERNAL_TIMEOUT, Value::Int(5000), vec![Value::Int(-5)]),
        (EXTERNAL_BUFFER_SIZE, Value::Int(4096), vec![Value::Int(1)]),
        (EXTERNAL_ASYNC, Value::Int(0), vec![Value::Int(2)]),
        (SO_CACHE_ENABLE, Value::Int(1), vec![Value::Int(2)]),
        (SO_CACHE_TTL, Value::Int(60), vec![Value::Int(0), Value::Int(86401)]),
        (SO_CACHE_MAX_SIZE, Value::Int(1024), vec![Value::Int(0)]),
        (SO_CACHE_KEY_PATTERN, s("{path}"), vec![s("")]),
        (SO_CACHE_HEADERS, Value::array(vec![s("accept")]), vec![Value::array(vec![Value::Int(1)])]),
        (SO_CACHE_METHODS, Value::array(vec![s("GET")]), vec![s("GET")]),
        (SO_CACHE_EXCLUDE_PATTERNS, Value::array(vec![s("/admin/*")]), vec![s("/admin")]),
        (SO_CACHE_THREAD_POOL_SIZE, Value::Int(4), vec![Value::Int(0)]),
        (SO_APACHE_FASTCGI_ENABLE, Value::Int(1), vec![Value::Int(3)]),
        (SO_APACHE_FASTCGI_SOCKET, s("127.0.0.1 9000"), vec![s("")]),
        (SO_APACHE_PROXY_ENABLE, Value::Int(1), vec![Value::Int(3)]),
        (SO_APACHE_PROXY_UPSTREAM, s("http://127.0.0.1:8080"), vec![s("127.0.0.1"), Value::array(vec![])]),
        (SO_APACHE_STATIC_HANDOFF, s("x-sendfile"), vec![s("sendfile")]),
        (SO_APACHE_DYNAMIC_HANDOFF, Value::array(vec![s("/app")]), vec![s("/app")]),
        (SO_APACHE_CGI_ENV_VARS, Value::Int(1), vec![Value::Int(2)]),
        (SO_APACHE_AUTH_PASSTHROUGH, Value::Int(1), vec![Value::Int(2)]),
        (SO_APACHE_SSL_TERMINATION, Value::Int(1), vec![Value::Int(2)]),
        (SO_APACHE_LOAD_BALANCE, s("least_conn"), vec![s("random")]),
    ]
}

#[test]
fn every_option_number_of_the_spec_is_registered() {
    let mut want: Vec<i64> = vec![1, 2, 3, 4];
    want.extend(100..=149);
    want.extend(200..=209);
    want.extend(300..=309);
    want.retain(|n| !(128..=129).contains(n));
    let have: Vec<i64> = all().iter().map(|s| s.number).collect();
    assert_eq!(have, want);
}

#[test]
fn defaults_match_the_spec() {
    let v = OptionValues::default();
    assert_eq!(v.get(SO_HTTP_METHOD).unwrap().as_str(), Some("GET"));
    assert_eq!(v.int(SO_HTTP_TIMEOUT), 30000);
    assert_eq!(v.int(SO_HTTP_CONNECT_TIMEOUT), 30000);
    assert_eq!(v.int(SO_HTTP_READ_TIMEOUT), 30000);
    assert_eq!(v.int(SO_HTTP_MAX_REDIRECTS), 5);
    assert_eq!(v.int(SO_HTTP_FOLLOW_REDIRECTS), 0);
    assert_eq!(v.int(WS_MAX_MESSAGE_SIZE), 65536);
    assert_eq!(v.int(WS_PING_INTERVAL), 0);
    assert_eq!(v.int(MQTT_KEEP_ALIVE), 60);
    assert_eq!(v.int(MQTT_QOS), 0);
    assert_eq!(v.int(MQTT_CLEAN_SESSION), 1);
    assert_eq!(v.int(EXTERNAL_ASYNC), 1);
    assert_eq!(v.int(SO_CACHE_TTL), 300);
    assert_eq!(v.int(SO_CACHE_ENABLE), 0);
    assert_eq!(v.int(SO_TLS_VERIFY_PEER), 0);
    // No default: 0.
    assert!(v.get(SO_HTTP_URL).unwrap().is_zero());
    assert!(v.get(REST_JWT_SECRET).unwrap().is_zero());
    match v.get(SO_CACHE_STATISTICS).unwrap() {
        Value::Mapping(m) => {
            for k in ["hits", "misses", "entries", "bytes", "evictions"] {
                assert_eq!(m.get_str(k).and_then(|x| x.as_int()), Some(0), "{}", k);
            }
        }
        other => panic!("{:?}", other),
    }
    assert!(v.get(999).is_none());
}

#[test]
fn every_option_accepts_good_values_and_refuses_bad_ones_keeping_the_old() {
    for (number, good, bads) in cases() {
        let mut v = OptionValues::default();
        let before = v.get(number).unwrap();
        for bad in &bads {
            assert!(matches!(v.set(number, bad.clone()), Err(SetError::Invalid(_))), "option {} took {:?}", number, bad);
            assert_eq!(format!("{:?}", v.get(number).unwrap()), format!("{:?}", before), "option {} changed on a refused value", number);
        }
        assert_eq!(v.set(number, good.clone()), Ok(None), "option {} refused {:?}", number, good);
        let got = v.get(number).unwrap();
        if number == REST_ADD_ROUTE {
            assert_eq!(got.as_array().unwrap().len(), 1);
        } else {
            assert!(got == good || got.lpc_eq(&good), "option {}: set {:?}, got {:?}", number, good, got);
        }
        v.clear();
        assert_eq!(format!("{:?}", v.get(number).unwrap()), format!("{:?}", before), "option {} survived clear()", number);
    }
}

#[test]
fn routes_accumulate_actions_do_not_store_and_statistics_are_read_only() {
    let mut v = OptionValues::default();
    for p in ["/a", "/b"] {
        let r = Mapping::new();
        r.insert(Value::from("method"), Value::from("GET"));
        r.insert(Value::from("pattern"), Value::from(p));
        r.insert(Value::from("handler"), Value::from("h"));
        v.set(REST_ADD_ROUTE, Value::Mapping(r)).unwrap();
    }
    assert_eq!(v.get(REST_ADD_ROUTE).unwrap().as_array().unwrap().len(), 2);
    assert_eq!(v.set(SO_CACHE_INVALIDATE_PATTERN, Value::from("/a*")), Ok(Some(Value::from("/a*"))));
    assert!(v.explicit(SO_CACHE_INVALIDATE_PATTERN).is_none());
    assert!(matches!(v.set(SO_CACHE_STATISTICS, Value::Mapping(Mapping::new())), Err(SetError::Invalid(_))));
    assert_eq!(v.set(12345, Value::Int(1)), Err(SetError::UnknownOption));
}

/// `#define NAME number` lines of a header.
fn defines(text: &str) -> Vec<(String, i64)> {
    text.lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            if w.next()? != "#define" {
                return None;
            }
            let name = w.next()?.to_string();
            let n = w.next()?.parse().ok()?;
            Some((name, n))
        })
        .collect()
}

fn header(name: &str) -> String {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../mudlib/include").join(name);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn socket_options_h_matches_the_registry() {
    let defs = defines(&header("socket_options.h"));
    let specs = all();
    assert_eq!(defs.len(), specs.len());
    for s in specs {
        assert!(defs.contains(&(s.name.to_string(), s.number)), "{} {} missing from socket_options.h", s.name, s.number);
    }
}

#[test]
fn socket_err_h_matches_the_error_table() {
    let defs = defines(&header("socket_err.h"));
    let names = crate::sockets::constants::error_names();
    assert_eq!(defs.len(), names.len());
    for (n, v) in names {
        assert!(defs.contains(&(n.to_string(), v)), "{} {}", n, v);
    }
}

#[test]
fn socket_h_matches_the_modes() {
    use crate::sockets::constants::*;
    let defs = defines(&header("socket.h"));
    for (n, v) in defs {
        assert_eq!(mode_name(v), n, "socket.h: {} = {}", n, v);
    }
}
