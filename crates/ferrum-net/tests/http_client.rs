//! HTTP client sockets against our own server: answers, connection reuse,
//! redirects, and failures reported as status 0.

mod http_support;

use ferrum_net::http::protocol::*;
use ferrum_net::Command;
use http_support::*;
use std::time::Duration;

fn redirecting(r: &HttpRequest) -> Option<HttpResponse> {
    let to = |status: u16, location: &str| HttpResponse {
        status,
        headers: vec![("location".into(), location.into())],
        body: Vec::new(),
    };
    Some(match r.path.as_str() {
        "/r1" => to(302, "/r2"),
        "/r2" => to(301, "r3"),
        "/r3" => ok(&format!(
            "{} {} {}",
            r.method,
            r.path,
            String::from_utf8_lossy(&r.body)
        )),
        "/see-other" => to(303, "/r3"),
        "/temporary" => to(307, "/r3"),
        "/loop" => to(302, "/loop"),
        "/to-http" => to(302, "http://127.0.0.1:1/x"),
        _ => ok(&format!("{} {}", r.method, r.path)),
    })
}

#[test]
fn get_returns_status_headers_body_and_url() {
    let srv = serve(config(), |_| Some(ok("payload")));
    let r = srv.fetch(
        srv.net.next_id(),
        client_request("GET", &srv.url("/thing?q=1")),
    );
    assert_eq!(r.error, None);
    assert_eq!(r.status, 200);
    assert_eq!(r.status_text, "OK");
    assert_eq!(r.body, b"payload");
    assert_eq!(r.url, srv.url("/thing?q=1"));
    assert_eq!(r.redirects, 0);
    assert!(r
        .headers
        .iter()
        .any(|(k, v)| k == "content-type" && v == "text/plain"));
    assert!(r
        .headers
        .iter()
        .any(|(k, v)| k == "server" && v == "FerrumTest/1.0"));
}

#[test]
fn post_sends_body_headers_and_user_agent() {
    let srv = serve(config(), |r| Some(ok(&String::from_utf8_lossy(&r.body))));
    let mut req = client_request("post", &srv.url("/p"));
    req.body = b"{\"a\":1}".to_vec();
    req.headers = vec![
        ("Content-Type".into(), "application/json".into()),
        ("X-Token".into(), "abc".into()),
    ];
    req.user_agent = Some("FerrumMud/2".into());
    let (r, log) = srv.fetch_seen(srv.net.next_id(), req);
    assert_eq!(r.status, 200);
    assert_eq!(r.body, b"{\"a\":1}");
    let seen = log
        .into_iter()
        .find_map(|e| match e {
            Seen::Request { data, .. } => Some(data),
            _ => None,
        })
        .expect("the request");
    assert_eq!(seen.method, "POST");
    let h = |n: &str| {
        seen.headers
            .iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(h("content-type").as_deref(), Some("application/json"));
    assert_eq!(h("x-token").as_deref(), Some("abc"));
    assert_eq!(h("user-agent").as_deref(), Some("FerrumMud/2"));
    assert_eq!(h("content-length").as_deref(), Some("7"));
}

#[test]
fn requests_of_one_client_reuse_the_connection() {
    let srv = serve(config(), |r| Some(ok(&r.path)));
    let conns_of = |id, paths: &[&str]| {
        let mut conns = Vec::new();
        for p in paths {
            srv.net.send(Command::Http(HttpCommand::Request {
                id,
                request: client_request("GET", &srv.url(p)),
            }));
            loop {
                match srv.next() {
                    Seen::Request { conn, .. } => conns.push(conn),
                    Seen::Response(rid, r) if rid == id => {
                        assert_eq!(r.body, p.as_bytes());
                        break;
                    }
                    _ => {}
                }
            }
        }
        conns
    };
    let first = conns_of(srv.net.next_id(), &["/x", "/y"]);
    assert_eq!(first.len(), 2);
    assert_eq!(
        first[0], first[1],
        "the second request must reuse the connection"
    );
    // Another client id has its own connections.
    let second = conns_of(srv.net.next_id(), &["/z"]);
    assert_ne!(second[0], first[0]);
}

#[test]
fn redirects_are_followed_and_counted() {
    let srv = serve(config(), redirecting);
    let mut req = client_request("GET", &srv.url("/r1"));
    req.follow_redirects = true;
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.error, None);
    assert_eq!(r.status, 200);
    assert_eq!(r.body, b"GET /r3 ");
    assert_eq!(r.url, srv.url("/r3"));
    assert_eq!(r.redirects, 2);
}

#[test]
fn redirects_are_not_followed_unless_asked() {
    let srv = serve(config(), redirecting);
    let r = srv.fetch(srv.net.next_id(), client_request("GET", &srv.url("/r1")));
    assert_eq!(r.status, 302);
    assert_eq!(r.redirects, 0);
    assert!(r.headers.iter().any(|(k, v)| k == "location" && v == "/r2"));
    assert_eq!(r.url, srv.url("/r1"));
}

#[test]
fn too_many_redirects_is_a_failure() {
    let srv = serve(config(), redirecting);
    let mut req = client_request("GET", &srv.url("/loop"));
    req.follow_redirects = true;
    req.max_redirects = 3;
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.status, 0);
    assert!(
        r.error.as_deref().unwrap().contains("too many redirects"),
        "{:?}",
        r.error
    );
    let mut req = client_request("GET", &srv.url("/r1"));
    req.follow_redirects = true;
    req.max_redirects = 1;
    assert_eq!(srv.fetch(srv.net.next_id(), req).status, 0);
}

#[test]
fn see_other_turns_post_into_get_and_307_keeps_it() {
    let srv = serve(config(), redirecting);
    let mut req = client_request("POST", &srv.url("/see-other"));
    req.body = b"data".to_vec();
    req.follow_redirects = true;
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.body, b"GET /r3 ");
    let mut req = client_request("POST", &srv.url("/temporary"));
    req.body = b"data".to_vec();
    req.follow_redirects = true;
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.body, b"POST /r3 data");
}

#[test]
fn refused_port_is_status_0() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let srv = serve(config(), |_| None);
    let r = srv.fetch(
        srv.net.next_id(),
        client_request("GET", &format!("http://127.0.0.1:{}/", port)),
    );
    assert_eq!(r.status, 0);
    let e = r.error.unwrap();
    assert!(e.to_lowercase().contains("refused"), "{}", e);
}

#[test]
fn bad_urls_and_methods_are_status_0() {
    let srv = serve(config(), |_| None);
    for url in ["not a url", "ftp://example.org/", "http://", ""] {
        let r = srv.fetch(srv.net.next_id(), client_request("GET", url));
        assert_eq!(r.status, 0, "{}", url);
        assert!(r.error.is_some(), "{}", url);
    }
    let r = srv.fetch(
        srv.net.next_id(),
        client_request("BAD METHOD", &srv.url("/")),
    );
    assert_eq!(r.status, 0);
    let mut req = client_request("GET", &srv.url("/"));
    req.headers = vec![("bad name".into(), "x".into())];
    assert_eq!(srv.fetch(srv.net.next_id(), req).status, 0);
}

#[test]
fn unknown_host_is_status_0() {
    let srv = serve(config(), |_| None);
    let r = srv.fetch(
        srv.net.next_id(),
        client_request("GET", "http://no-such-host.invalid/"),
    );
    assert_eq!(r.status, 0);
    assert!(r.error.is_some());
}

#[test]
fn total_timeout_is_status_0() {
    let srv = serve(config(), |_| None);
    let mut req = client_request("GET", &srv.url("/never"));
    req.timeout = Duration::from_millis(300);
    let started = std::time::Instant::now();
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.status, 0);
    assert!(
        r.error.as_deref().unwrap().contains("timed out"),
        "{:?}",
        r.error
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(r.elapsed_ms >= 300);
}

#[test]
fn read_timeout_is_status_0() {
    let srv = serve(config(), |_| None);
    let mut req = client_request("GET", &srv.url("/never"));
    req.read_timeout = Duration::from_millis(300);
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.status, 0);
    assert!(r.error.is_some());
    assert!(r.elapsed_ms < 3000);
}

#[test]
fn https_only_refuses_http_urls_and_redirects_to_them() {
    let srv = serve(config(), redirecting);
    let mut req = client_request("GET", &srv.url("/"));
    req.https_only = true;
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.status, 0);
    assert!(
        r.error.as_deref().unwrap().contains("HTTPS"),
        "{:?}",
        r.error
    );
    // Nothing was sent.
    assert!(no_requests(&srv.drain(Duration::from_millis(200))));
}

#[test]
fn closing_a_client_drops_its_request_silently() {
    let srv = serve(config(), |_| None);
    let id = srv.net.next_id();
    srv.net.send(Command::Http(HttpCommand::Request {
        id,
        request: client_request("GET", &srv.url("/hang")),
    }));
    let _ = srv.next_request();
    srv.net.send(Command::Close { id });
    let seen = srv.drain(Duration::from_millis(500));
    assert!(
        !seen.iter().any(|e| matches!(e, Seen::Response(..))),
        "{:?}",
        seen
    );
    // The id can be used again (a new client).
    let r = srv.fetch(id, client_request("GET", "not a url"));
    assert_eq!(r.status, 0);
}

#[test]
fn the_servers_own_reason_phrase_and_odd_statuses_come_through() {
    let raw = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = raw.local_addr().unwrap();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for answer in [
            &b"HTTP/1.1 299 Quite Fine\r\nContent-Length: 2\r\n\r\nok"[..],
            b"HTTP/1.1 418 I'm a teapot\r\nContent-Length: 0\r\n\r\n",
        ] {
            let (mut s, _) = raw.accept().unwrap();
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf);
            s.write_all(answer).unwrap();
        }
    });
    let srv = serve(config(), |_| None);
    let r = srv.fetch(
        srv.net.next_id(),
        client_request("GET", &format!("http://{}/", addr)),
    );
    assert_eq!(
        (r.status, r.status_text.as_str(), r.body.as_slice()),
        (299, "Quite Fine", &b"ok"[..])
    );
    let r = srv.fetch(
        srv.net.next_id(),
        client_request("GET", &format!("http://{}/", addr)),
    );
    assert_eq!((r.status, r.status_text.as_str()), (418, "I'm a teapot"));
}

#[test]
fn connect_timeout_is_status_0() {
    // A listener whose accept queue is full drops further SYNs: connecting
    // to it hangs, as to a black-holed host.
    let sock = ferrum_net::bind::bind_tcp("127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = ferrum_net::bind::local_addr(&sock).unwrap();
    let _listener = ferrum_net::bind::listen(sock, 0).unwrap();
    let mut fillers = Vec::new();
    let mut hangs = false;
    for _ in 0..8 {
        match std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            Ok(s) => fillers.push(s),
            Err(_) => {
                hangs = true;
                break;
            }
        }
    }
    if !hangs {
        eprintln!("could not fill the accept queue: skipped");
        return;
    }
    let srv = serve(config(), |_| None);
    let mut req = client_request("GET", &format!("http://{}/", addr));
    req.connect_timeout = Duration::from_millis(300);
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.status, 0);
    assert!(r.error.is_some());
    assert!(
        r.elapsed_ms >= 250 && r.elapsed_ms < 3000,
        "{}",
        r.elapsed_ms
    );
}
