//! REST listeners: the server consults the REST pipeline, forwards matched
//! requests with their outcome and answers the rest itself.

mod http_support;

use ferrum_net::http::protocol::*;
use ferrum_net::Command;
use http_support::*;
use std::io::Write;
use std::time::Duration;

fn route(method: &str, pattern: &str, handler: u32, name: &str) -> RouteConfig {
    RouteConfig {
        method: method.into(),
        pattern: pattern.into(),
        handler,
        handler_name: name.into(),
        auth: false,
        schema: None,
        openapi: None,
    }
}

fn rest_server(rest: RestConfig) -> Server {
    let mut cfg = config();
    cfg.rest = Some(rest);
    serve(cfg, |r| match &r.rest {
        Some(RestOutcome::Matched { handler_name, .. }) => {
            Some(ok(&format!("handled by {}", handler_name)))
        }
        Some(RestOutcome::Error {
            status, message, ..
        }) => Some(HttpResponse {
            status: *status,
            headers: vec![],
            body: format!("lpc says {}", message).into_bytes(),
        }),
        None => Some(ok("not rest?")),
    })
}

fn users() -> RestConfig {
    RestConfig {
        routes: vec![route("GET", "/api/users/{id}", 7, "get_user")],
        ..Default::default()
    }
}

#[test]
fn matched_route_is_forwarded_with_its_outcome() {
    let srv = rest_server(users());
    let reply = exchange(
        srv.addr,
        b"GET /api/users/42?full=1 HTTP/1.1\r\nHost: x\r\n\r\n",
    )
    .unwrap();
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), "handled by get_user");
    let (_, req) = srv.next_request();
    assert_eq!(req.query, "full=1");
    match req.rest {
        Some(RestOutcome::Matched {
            route,
            handler,
            handler_name,
            path_params,
            json,
            auth,
        }) => {
            assert_eq!(route, "/api/users/{id}");
            assert_eq!(handler, 7);
            assert_eq!(handler_name, "get_user");
            assert_eq!(path_params, vec![("id".to_string(), "42".to_string())]);
            assert_eq!(json, None);
            assert_eq!(auth, None);
        }
        other => panic!("{:?}", other),
    }
}

#[test]
fn path_params_are_decoded_from_the_raw_path() {
    let srv = rest_server(users());
    exchange(
        srv.addr,
        b"GET /api/users/a%2Fb HTTP/1.1\r\nHost: x\r\n\r\n",
    )
    .unwrap();
    let (_, req) = srv.next_request();
    assert_eq!(req.path, "/api/users/a/b");
    match req.rest {
        Some(RestOutcome::Matched { path_params, .. }) => {
            assert_eq!(path_params, vec![("id".to_string(), "a/b".to_string())])
        }
        other => panic!("{:?}", other),
    }
}

#[test]
fn unknown_path_and_wrong_method_are_answered_without_lpc() {
    let srv = rest_server(users());
    let reply = exchange(srv.addr, b"GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert_eq!(reply.status, 404);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.header("server"), Some("FerrumTest/1.0"));
    let reply = exchange(srv.addr, b"DELETE /api/users/1 HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert_eq!(reply.status, 405);
    assert!(
        reply.header("allow").is_some_and(|a| a.contains("GET")),
        "{:?}",
        reply
    );
    assert!(no_requests(&srv.drain(Duration::from_millis(200))));
}

#[test]
fn lpc_error_handler_gets_the_errors() {
    let mut rest = users();
    rest.lpc_error_handler = true;
    let srv = rest_server(rest);
    let reply = exchange(srv.addr, b"GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert_eq!(reply.status, 404);
    assert!(reply.text().starts_with("lpc says"), "{}", reply.text());
    let (_, req) = srv.next_request();
    assert!(matches!(
        req.rest,
        Some(RestOutcome::Error { status: 404, .. })
    ));
}

#[test]
fn json_body_is_decoded_for_lpc() {
    let mut rest = users();
    rest.routes.push(route("POST", "/api/users", 8, "add_user"));
    let srv = rest_server(rest);
    let body = br#"{"name":"bob","level":3}"#;
    let mut raw = format!(
        "POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    raw.extend_from_slice(body);
    assert_eq!(exchange(srv.addr, &raw).unwrap().status, 200);
    let (_, req) = srv.next_request();
    match req.rest {
        Some(RestOutcome::Matched { json, .. }) => {
            assert_eq!(json, Some(serde_json::json!({"name": "bob", "level": 3})))
        }
        other => panic!("{:?}", other),
    }
    // Broken JSON is a 400 from the pipeline.
    let reply = exchange(srv.addr, b"POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{bad}")
        .unwrap();
    assert_eq!(reply.status, 400);
}

#[test]
fn routes_added_after_listening_take_effect() {
    let srv = rest_server(users());
    assert_eq!(
        exchange(srv.addr, b"GET /api/items HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap()
            .status,
        404
    );
    let mut rest = users();
    rest.routes
        .push(route("GET", "/api/items", 9, "list_items"));
    srv.net.send(Command::Http(HttpCommand::UpdateRest {
        id: srv.listener,
        rest,
    }));
    std::thread::sleep(Duration::from_millis(100));
    let reply = exchange(srv.addr, b"GET /api/items HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), "handled by list_items");
    // A configuration that does not compile leaves the routes as they were.
    let mut bad = users();
    bad.routes.push(route("GET", "/api/users/{id}", 1, "again"));
    srv.net.send(Command::Http(HttpCommand::UpdateRest {
        id: srv.listener,
        rest: bad,
    }));
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(
        exchange(srv.addr, b"GET /api/items HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap()
            .status,
        200
    );
}

#[test]
fn cors_headers_are_added_to_lpc_answers_and_errors() {
    let mut rest = users();
    rest.cors = Some(CorsConfig {
        origins: vec!["*".into()],
        ..Default::default()
    });
    let srv = rest_server(rest);
    let reply = exchange(
        srv.addr,
        b"GET /api/users/1 HTTP/1.1\r\nHost: x\r\nOrigin: http://game.example\r\n\r\n",
    )
    .unwrap();
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
    let reply = exchange(
        srv.addr,
        b"GET /none HTTP/1.1\r\nHost: x\r\nOrigin: http://game.example\r\n\r\n",
    )
    .unwrap();
    assert_eq!(reply.status, 404);
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
    // A preflight is answered by the pipeline.
    let mut s = connect(srv.addr);
    s.write_all(
        b"OPTIONS /api/users/1 HTTP/1.1\r\nHost: x\r\nOrigin: http://game.example\r\nAccess-Control-Request-Method: GET\r\n\r\n",
    )
    .unwrap();
    let reply = read_reply(&mut s, false).unwrap();
    assert!(reply.status == 204 || reply.status == 200, "{:?}", reply);
    assert!(
        reply.header("access-control-allow-methods").is_some(),
        "{:?}",
        reply
    );
    let seen = srv.drain(Duration::from_millis(200));
    let forwarded = seen
        .iter()
        .filter(|e| matches!(e, Seen::Request { .. }))
        .count();
    assert_eq!(forwarded, 1, "only the matched GET reaches LPC: {:?}", seen);
}

#[test]
fn bad_rest_configuration_fails_the_listener() {
    let mut rest = users();
    rest.routes.push(route("GET", "/api/users/{id}", 1, "dup"));
    let srv = rest_server(rest);
    match srv.next() {
        Seen::ListenFailed(e) => assert!(e.contains("REST"), "{}", e),
        e => panic!("{:?}", e),
    }
}
