//! HTTP_SERVER, HTTPS_SERVER, REST_SERVER, HTTP_CLIENT and REST_CLIENT in
//! LPC (tests/net/http_*.c, rest_*.c), checked with curl, raw malformed
//! requests, an OpenAPI validator and schemathesis.

mod support;

use std::process::Command;
use support::http::*;
use support::*;

fn base(port: u16) -> String {
    format!("http://127.0.0.1:{}", port)
}

#[test]
fn http_server_answers_what_lpc_writes() {
    let mut script = Script::start("http_server.c", &[]);
    let b = base(script.port());

    let r = curl(&["-H", "X-Test: yes", &format!("{}/echo?a=1&b=%20x&a=2", b)]);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("x-method"), Some("GET"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert!(r.header("date").is_some() && r.header("server").is_some(), "{:?}", r.headers);
    let j = r.json();
    assert_eq!(j["method"], "GET");
    assert_eq!(j["path"], "/echo");
    assert_eq!(j["query"], "a=1&b=%20x&a=2");
    assert_eq!(j["uri"], "/echo?a=1&b=%20x&a=2");
    assert_eq!(j["params"]["b"], " x");
    assert_eq!(j["params"]["a"], serde_json::json!(["1", "2"]));
    assert_eq!(j["header"], "yes");
    assert_eq!(j["version"], "HTTP/1.1");
    assert_eq!(j["remote"], 1);

    // A body, sent plainly, chunked, and after Expect: 100-continue.
    let r = curl(&["-d", "hello", &format!("{}/echo", b)]);
    assert_eq!((r.json()["method"].as_str(), r.json()["body"].as_str()), (Some("POST"), Some("hello")));
    let r = curl(&["-H", "Transfer-Encoding: chunked", "-d", "in chunks", &format!("{}/echo", b)]);
    assert_eq!(r.json()["body"], "in chunks");
    let big = "x".repeat(50_000);
    let r = curl(&["-H", "Expect: 100-continue", "--expect100-timeout", "5", "-d", &big, &format!("{}/echo", b)]);
    assert_eq!(r.json()["body"].as_str().map(str::len), Some(50_000));

    // A plain string is HTML; an answer may come later (call_out).
    let r = curl(&[&format!("{}/text", b)]);
    assert_eq!((r.status, r.body.as_str()), (200, "<p>hello</p>"));
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let r = curl(&[&format!("{}/later", b)]);
    assert_eq!((r.status, r.body.as_str()), (202, "later"));

    // HEAD: the headers of the answer, no body.
    let r = curl(&["-I", &format!("{}/text", b)]);
    assert_eq!((r.status, r.header("content-length"), r.body.as_str()), (200, Some("12"), ""));

    // Keep-alive: two requests from one curl share a connection.
    let rs = curl_all(&[&format!("{}/echo", b), &format!("{}/echo", b)]);
    assert_eq!(rs.len(), 2);
    assert_eq!(rs[0].json()["connections"], rs[1].json()["connections"]);
    assert_eq!(rs[0].json()["requests"].as_i64().unwrap() + 1, rs[1].json()["requests"].as_i64().unwrap());

    let r = curl(&[&format!("{}/stop", b)]);
    assert_eq!(r.body, "bye");
    let (code, rest) = script.finish();
    assert_eq!(code, 0, "{}", rest);
}

#[test]
fn failures_get_their_status_and_the_server_keeps_serving() {
    let mut script = Script::start("http_server.c", &[]);
    let b = base(script.port());

    // No answer within SO_HTTP_TIMEOUT (1 s in the script): 504.
    let r = curl(&[&format!("{}/never", b)]);
    assert_eq!(r.status, 504);
    assert_eq!(r.json(), serde_json::json!({ "error": "Gateway Timeout", "status": 504 }));
    // A runtime error and an endless loop in the callback: 500, as JSON.
    let r = curl(&[&format!("{}/error", b)]);
    assert_eq!((r.status, r.json()["error"].as_str()), (500, Some("boom")));
    let r = curl(&[&format!("{}/loop", b)]);
    assert_eq!(r.status, 500);
    assert!(r.json()["error"].as_str().unwrap().contains("Too long evaluation"), "{}", r.body);
    // Over the body limit (1 MiB) and the header limit (16 KiB).
    let body = "y".repeat(2 * 1024 * 1024);
    let path = std::env::temp_dir().join(format!("ferrum-big-body-{}", std::process::id()));
    std::fs::write(&path, &body).unwrap();
    let r = curl(&["--data-binary", &format!("@{}", path.display()), &format!("{}/echo", b)]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(r.status, 413);
    let r = curl(&["-H", &format!("X-Big: {}", "h".repeat(20_000)), &format!("{}/echo", b)]);
    assert_eq!(r.status, 431);

    // Everyone else is still served.
    let r = curl(&[&format!("{}/echo", b)]);
    assert_eq!(r.status, 200);
    // Only the requests that reached LPC were counted (never, error, loop, echo).
    assert_eq!(r.json()["requests"], 4);
}

#[test]
fn malformed_requests_get_4xx_and_never_reach_lpc() {
    let mut script = Script::start("http_server.c", &[]);
    let port = script.port();
    let corpus: &[&[u8]] = &[
        b"GARBAGE\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n",
        b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n",
        b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        b"GET /\x00\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\n\x7fweird: 1\r\n\r\n",
    ];
    for req in corpus {
        let answer = raw_exchange(port, req);
        let status: u16 = answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
        assert!((400..500).contains(&status), "{:?} answered {:?}", String::from_utf8_lossy(req), answer);
    }
    // A request line far over the header limit.
    let long = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(40_000));
    let answer = raw_exchange(port, long.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 414") || answer.starts_with("HTTP/1.1 431"), "{:?}", answer);

    let r = curl(&[&format!("{}/echo", base(port))]);
    assert_eq!(r.json()["requests"], 1, "a malformed request reached LPC");
}

#[test]
fn https_server_needs_a_certificate_and_serves_tls() {
    let cert = TempCert::new("https");
    let mut script = Script::start("https_server.c", &cert.args());
    assert_eq!(script.line(), "without certificate: Problem with listen");
    let port = script.port();
    let resolve = format!("localhost:{}:127.0.0.1", port);
    let url = |p: &str| format!("https://localhost:{}{}", port, p);
    let r = curl(&["--cacert", cert.cert.to_str().unwrap(), "--resolve", &resolve, &url("/hello")]);
    assert_eq!((r.status, r.body.as_str()), (200, "secure /hello"));
    // Without trusting the certificate, curl refuses: the handshake is real.
    let out = Command::new("curl").args(["-s", "--max-time", "10", "--resolve", &resolve, &url("/")]).output().unwrap();
    assert_eq!(out.status.code(), Some(60), "curl should reject the self-signed certificate");
    let r = curl(&["--cacert", cert.cert.to_str().unwrap(), "--resolve", &resolve, &url("/stop")]);
    assert_eq!(r.body, "secure /stop");
    let (code, rest) = script.finish();
    assert_eq!(code, 0, "{}", rest);
}

#[test]
fn http_and_rest_clients_report_every_outcome() {
    let script = Script::start("http_client.c", &[]);
    let (code, out) = script.finish();
    assert_eq!(code, 0, "{}", out);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.contains(&"https client on http: Problem with address format"), "{}", out);
    assert_eq!(lines.iter().filter(|l| l.starts_with("ready ")).count(), 7, "{}", out);
    let by_fd = |fd: &str| lines.iter().find(|l| l.starts_with(&format!("fd{} ", fd))).copied().unwrap_or("");
    assert_eq!(by_fd("1"), "fd1 418 I'm a teapot teapot redirects=0 json=0 error=0");
    assert!(by_fd("2").starts_with("fd2 200 OK {\"agent\":0,\"got\":\"\",\"method\":\"GET\"} redirects=1"), "{}", out);
    // REST_CLIENT sent the mapping as JSON and decoded the JSON answer.
    assert_eq!(by_fd("3"), r#"fd3 200 OK {"agent":0,"got":"{\"x\":1}","method":"POST"} redirects=0 json="POST" error=0"#);
    // A refused connection is status 0 with an error, not a runtime error.
    assert!(by_fd("4").starts_with("fd4 0 ") && by_fd("4").ends_with("error=1"), "{}", out);
    assert!(by_fd("5").starts_with("fd5 200 OK from options "), "SO_HTTP_HEADERS: {}", out);
    assert!(by_fd("6").starts_with("fd6 0 ") && by_fd("6").ends_with("error=1"), "SO_HTTP_MAX_REDIRECTS: {}", out);
    assert!(by_fd("7").starts_with("fd7 0 ") && by_fd("7").ends_with("error=1"), "SO_HTTP_READ_TIMEOUT: {}", out);
}

struct Rest {
    script: Script,
    base: String,
    token: String,
}

impl Rest {
    fn start() -> Rest {
        let mut script = Script::start("rest_server.c", &[]);
        let base = base(script.port());
        let token = script.line().strip_prefix("TOKEN ").expect("a token line").to_string();
        Rest { script, base, token }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Stops the server through its route; the script must then end.
    fn stop(self) {
        let r = curl(&["-X", "DELETE", &self.url("/api/stop")]);
        assert_eq!(r.body, "stopping");
        let (code, rest) = self.script.finish();
        assert_eq!(code, 0, "{}", rest);
    }
}

#[test]
fn rest_routes_handlers_and_errors() {
    let api = Rest::start();
    let json = ["-H", "Content-Type: application/json"];

    // A handler's mapping is the JSON body; path parameters are decoded.
    let r = curl(&[&api.url("/api/users/1")]);
    assert_eq!((r.status, r.json()), (200, serde_json::json!({ "id": 1, "name": "ada" })));
    let r = curl(&[&api.url("/api/users/9")]);
    assert_eq!((r.status, r.json()["error"].as_str()), (404, Some("no such user")));
    let r = curl(&[&json[..], &["-d", r#"{"name":"bob"}"#, &api.url("/api/users")]].concat());
    assert_eq!((r.status, r.json()), (201, serde_json::json!({ "id": 2, "name": "bob" })));

    // Driver-made errors pass through REST_ERROR_HANDLER (it adds "hint").
    let r = curl(&[&json[..], &["-d", r#"{"name":""}"#, &api.url("/api/users")]].concat());
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("/name"), "{}", r.body);
    assert_eq!(r.json()["hint"], "see /docs");
    let r = curl(&[&json[..], &["-d", "{bad", &api.url("/api/users")]].concat());
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().starts_with("invalid JSON"), "{}", r.body);
    let r = curl(&["-X", "PUT", &api.url("/api/users/1")]);
    assert_eq!((r.status, r.header("allow")), (405, Some("GET, HEAD, OPTIONS")));
    let r = curl(&[&api.url("/nothing")]);
    assert_eq!((r.status, r.json()["hint"].as_str()), (404, Some("see /docs")));

    // Runtime errors and endless loops in handlers: 500, the server lives.
    let r = curl(&[&api.url("/api/crash")]);
    assert_eq!((r.status, r.json()["error"].as_str()), (500, Some("handler failed")));
    let r = curl(&[&api.url("/api/spin")]);
    assert_eq!(r.status, 500);

    // Later answers, undefined handlers (to the read callback), routes
    // added while listening, middleware.
    let r = curl(&[&api.url("/api/slow")]);
    assert_eq!((r.status, r.body.as_str()), (200, "slow answer"));
    let r = curl(&[&api.url("/api/undefined")]);
    assert_eq!(r.json(), serde_json::json!({ "via": "read callback", "handler": "no_such_function" }));
    let r = curl(&[&api.url("/api/late")]);
    assert_eq!(r.body, "late route");
    let r = curl(&["-H", "X-Block: 1", &api.url("/api/users/1")]);
    assert_eq!((r.status, r.json()["error"].as_str()), (403, Some("blocked")));

    // REST_ROUTER_CONFIG: a trailing slash is ignored.
    let r = curl(&[&api.url("/api/users/1/")]);
    assert_eq!((r.status, r.json()["name"].as_str()), (200, Some("ada")));
    // REST_VALIDATION_SCHEMA: checked before the handler runs.
    let r = curl(&[&json[..], &["-d", r#"{"text":"hi"}"#, &api.url("/api/notes")]].concat());
    assert_eq!((r.status, r.json()), (201, serde_json::json!({ "text": "hi" })));
    let r = curl(&[&json[..], &["-d", r#"{"text":"far too long for the schema"}"#, &api.url("/api/notes")]].concat());
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("/text"), "{}", r.body);
    api.stop();
}

#[test]
fn rest_jwt_and_cors() {
    let api = Rest::start();
    let r = curl(&[&api.url("/api/me")]);
    assert_eq!((r.status, r.header("www-authenticate")), (401, Some("Bearer")));
    let bearer = format!("Authorization: Bearer {}", api.token);
    let r = curl(&["-H", &bearer, &api.url("/api/me")]);
    assert_eq!(r.status, 200);
    assert_eq!((r.json()["claims"]["sub"].as_str(), r.json()["claims"]["role"].as_str()), (Some("ada"), Some("admin")));
    // A token signed with another secret, and a tampered one.
    let (head, rest) = api.token.split_once('.').unwrap();
    let tampered = format!("Authorization: Bearer {}.{}x", head, rest);
    let r = curl(&["-H", &tampered, &api.url("/api/me")]);
    assert_eq!(r.status, 401);
    assert!(r.header("www-authenticate").unwrap().contains("invalid_token"));

    // CORS: a preflight from an allowed origin, and from another.
    let pre = |origin: &str| {
        curl(&["-X", "OPTIONS", "-H", &format!("Origin: {}", origin), "-H", "Access-Control-Request-Method: POST", &api.url("/api/users")])
    };
    let r = pre("http://app.example");
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some("http://app.example"));
    assert_eq!(r.header("access-control-allow-methods"), Some("GET, POST"));
    assert_eq!(r.header("access-control-max-age"), Some("600"));
    let r = pre("http://evil.example");
    assert_eq!(r.status, 403);
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = curl(&["-H", "Origin: http://app.example", &api.url("/api/users/1")]);
    assert_eq!(r.header("access-control-allow-origin"), Some("http://app.example"));
    api.stop();
}

#[test]
fn rest_docs_are_valid_openapi_and_survive_schemathesis() {
    let api = Rest::start();
    let page = curl(&[&api.url("/docs")]);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("swagger-ui") && page.body.contains("openapi.json"), "{}", page.body);
    let doc = curl(&[&api.url("/docs/openapi.json")]);
    let j = doc.json();
    assert_eq!(j["info"]["title"], "Test API");
    assert_eq!(j["paths"]["/api/users/{id}"]["get"]["summary"], "Get user by ID");
    assert_eq!(j["paths"]["/api/users/{id}"]["get"]["parameters"][0]["schema"]["type"], "integer");
    assert!(j["paths"]["/api/late"]["get"].is_object(), "routes added later are documented");

    let file = std::env::temp_dir().join(format!("ferrum-openapi-{}.json", std::process::id()));
    std::fs::write(&file, &doc.body).unwrap();
    let out = Command::new("python3").args(["-m", "openapi_spec_validator"]).arg(&file).output().expect("python3");
    std::fs::remove_file(&file).unwrap();
    assert!(
        out.status.success(),
        "openapi-spec-validator (pip, installed by scripts/test): {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    // schemathesis generates requests from the document and checks the
    // answers against it (status codes, content types, no 5xx). The
    // deliberately failing and stopping routes are left out.
    let out = Command::new("python3")
        .args(["-m", "schemathesis.cli", "run", &api.url("/docs/openapi.json")])
        .args(["-H", &format!("Authorization: Bearer {}", api.token)])
        .args(["--exclude-path-regex", "/api/(crash|spin|stop|slow)"])
        .args(["--max-examples", "40", "--generation-deterministic", "--no-color", "--request-timeout", "10"])
        .current_dir(std::env::temp_dir())
        .output()
        .expect("schemathesis (pip, installed by scripts/test)");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "schemathesis found problems:\n{}{}", report, String::from_utf8_lossy(&out.stderr));
    assert!(report.contains("No issues found"), "{}", report);
    api.stop();
}

#[test]
fn rest_rate_limit_answers_429_with_retry_after() {
    let mut script = Script::start("rest_limits.c", &[]);
    let b = base(script.port());
    let url = format!("{}/api/ping", b);
    let statuses: Vec<u16> = (0..4).map(|_| curl(&[&url]).status).collect();
    assert_eq!(statuses, vec![200, 200, 200, 429]);
    let r = curl(&[&url]);
    assert_eq!(r.status, 429);
    let retry: u64 = r.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=60).contains(&retry), "{}", retry);
    // Another client key (X-Api-Key) has its own budget.
    let r = curl(&["-H", "X-Api-Key: other", &url]);
    assert_eq!(r.status, 200);
    let r = curl(&["-H", "X-Api-Key: stopper", &format!("{}/stop", b)]);
    assert_eq!(r.status, 200);
    let (code, rest) = script.finish();
    assert_eq!(code, 0, "{}", rest);
}

#[test]
fn legacy_http_efuns_wrap_the_socket_modes() {
    let script = Script::start("http_legacy.c", &[]);
    let (code, out) = script.finish();
    assert_eq!((code, out.as_str()), (0, "201 yes POST /legacy hi\n"));
}

#[test]
fn slow_and_silent_clients_do_not_hold_up_others() {
    use std::io::Write;
    let mut script = Script::start("http_server.c", &[]);
    let port = script.port();
    // Slowloris: a request head trickling in a byte at a time, and a
    // connection that never sends anything.
    let mut slow = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let _silent = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let head = b"GET /echo HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    for (i, byte) in head.iter().enumerate() {
        slow.write_all(&[*byte]).unwrap();
        if i % 8 == 0 {
            // Meanwhile everyone else is served at once.
            assert_eq!(curl(&[&format!("{}/text", base(port))]).status, 200);
        }
    }
    // None of that reached LPC: only the /text requests did.
    let r = curl(&[&format!("{}/echo", base(port))]);
    let texts = head.len().div_ceil(8) as i64;
    assert_eq!(r.json()["requests"].as_i64(), Some(texts + 1));
}
