//! HTTPS servers and clients with an rcgen certificate, and the server
//! against curl (when installed).

mod http_support;

use ferrum_net::TlsClient;
use http_support::*;
use std::io::Write;
use std::process::Command as Process;
use std::time::Duration;

fn https_server(tag: &str) -> (Server, std::path::PathBuf) {
    let (tls, cert) = tls_files(tag);
    let mut cfg = config();
    cfg.tls = Some(tls);
    (
        serve(cfg, |r| Some(ok(&format!("secure {}", r.path)))),
        cert,
    )
}

#[test]
fn https_server_answers_our_client() {
    let (srv, cert) = https_server("basic");
    let port = srv.addr.port();
    // Not verifying: any certificate will do.
    let mut req = client_request("GET", &format!("https://127.0.0.1:{}/a", port));
    req.tls = TlsClient {
        verify_peer: false,
        server_name: None,
        extra_roots: None,
    };
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.error, None);
    assert_eq!(r.status, 200);
    assert_eq!(r.body, b"secure /a");

    // Verifying against the test root, by host name.
    let mut req = client_request("GET", &format!("https://localhost:{}/b", port));
    req.tls = TlsClient {
        verify_peer: true,
        server_name: None,
        extra_roots: Some(cert.clone()),
    };
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.error, None);
    assert_eq!(r.body, b"secure /b");

    // Verifying, connecting by address but naming the host in SNI.
    let url = format!("https://127.0.0.1:{}/c", port);
    let mut req = client_request("GET", &url);
    req.tls = TlsClient {
        verify_peer: true,
        server_name: Some("localhost".into()),
        extra_roots: Some(cert.clone()),
    };
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.error, None);
    assert_eq!(r.body, b"secure /c");
    assert_eq!(r.url, url);
}

#[test]
fn untrusted_or_misnamed_certificate_is_status_0() {
    let (srv, cert) = https_server("verify");
    let port = srv.addr.port();
    let mut req = client_request("GET", &format!("https://localhost:{}/", port));
    req.tls = TlsClient {
        verify_peer: true,
        server_name: None,
        extra_roots: None,
    };
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.status, 0);
    assert!(r.error.is_some());

    let mut req = client_request("GET", &format!("https://127.0.0.1:{}/", port));
    req.tls = TlsClient {
        verify_peer: true,
        server_name: Some("example.org".into()),
        extra_roots: Some(cert),
    };
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.status, 0, "{:?}", r);
    // No request got through.
    assert!(no_requests(&srv.drain(Duration::from_millis(200))));
}

#[test]
fn plaintext_to_an_https_server_gets_no_request_through() {
    let (srv, _) = https_server("plain");
    let mut s = connect(srv.addr);
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert!(closed_within(&mut s, Duration::from_secs(3)));
    let seen = srv.drain(Duration::from_millis(200));
    assert!(seen.is_empty(), "{:?}", seen);
}

#[test]
fn stalled_tls_handshake_is_dropped() {
    let (tls, _) = tls_files("stall");
    let mut cfg = config();
    cfg.tls = Some(tls);
    cfg.limits.header_timeout = Duration::from_millis(300);
    let srv = serve(cfg, |_| None);
    let mut s = connect(srv.addr);
    assert!(closed_within(&mut s, Duration::from_secs(2)));
}

fn curl(args: &[&str]) -> (String, String) {
    let out = Process::new("curl")
        .args(["-s", "-S", "--max-time", "10"])
        .args(args)
        .output()
        .expect("curl runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn echo_server() -> Server {
    serve(config(), |r| {
        let mut text = format!(
            "{} {} {}",
            r.method,
            r.path,
            String::from_utf8_lossy(&r.body)
        );
        if r.query.contains("hdr") {
            text = format!("{:?}", r.headers);
        }
        Some(ok(&text))
    })
}

#[test]
fn curl_get_post_head_and_chunked() {
    if !curl_available() {
        eprintln!("curl not installed: skipped");
        return;
    }
    let srv = echo_server();
    assert_eq!(curl(&[&srv.url("/hello")]).0, "GET /hello ");
    assert_eq!(
        curl(&["-d", "a=1&b=2", &srv.url("/form")]).0,
        "POST /form a=1&b=2"
    );
    let (out, _) = curl(&[
        "-H",
        "Transfer-Encoding: chunked",
        "--data-binary",
        "chunky",
        &srv.url("/up"),
    ]);
    assert_eq!(out, "POST /up chunky");
    let (out, _) = curl(&["-I", &srv.url("/head")]);
    assert!(out.starts_with("HTTP/1.1 200"), "{}", out);
    assert!(out.to_lowercase().contains("content-length: 11"), "{}", out);
    let (out, _) = curl(&[
        "-H",
        "Expect: 100-continue",
        "--data-binary",
        "expected",
        &srv.url("/exp"),
    ]);
    assert_eq!(out, "POST /exp expected");
}

#[test]
fn curl_reuses_the_connection_for_two_urls() {
    if !curl_available() {
        return;
    }
    let srv = echo_server();
    let (out, _) = curl(&[&srv.url("/one"), &srv.url("/two")]);
    assert_eq!(out, "GET /one GET /two ");
    let seen = srv.drain(Duration::from_millis(300));
    let conns = seen
        .iter()
        .filter(|e| matches!(e, Seen::Connection(_)))
        .count();
    assert_eq!(conns, 1, "{:?}", seen);
}

#[test]
fn curl_over_https() {
    if !curl_available() {
        return;
    }
    let (srv, cert) = https_server("curl");
    let url = format!("https://localhost:{}/tls", srv.addr.port());
    let (out, err) = curl(&["--cacert", cert.to_str().unwrap(), &url]);
    assert_eq!(out, "secure /tls", "{}", err);
    let (out, _) = curl(&["-k", &format!("https://127.0.0.1:{}/k", srv.addr.port())]);
    assert_eq!(out, "secure /k");
}

#[test]
fn curl_sees_413_and_504() {
    if !curl_available() {
        return;
    }
    let mut cfg = config();
    cfg.limits.response_timeout = Duration::from_millis(200);
    let srv = serve(cfg, |_| None);
    let big = "x".repeat(70_000);
    let (out, _) = curl(&[
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        "--data-binary",
        &big,
        &srv.url("/big"),
    ]);
    assert_eq!(out, "413");
    let (out, _) = curl(&["-w", " %{http_code}", &srv.url("/slow")]);
    assert_eq!(out, r#"{"error":"Gateway Timeout","status":504} 504"#);
}

#[test]
fn https_only_refuses_a_redirect_to_plain_http() {
    let (tls, _) = tls_files("redirect");
    let mut cfg = config();
    cfg.tls = Some(tls);
    let srv = serve(cfg, |r| {
        Some(match r.path.as_str() {
            "/down" => ferrum_net::http::protocol::HttpResponse {
                status: 302,
                headers: vec![("location".into(), "http://127.0.0.1:1/plain".into())],
                body: Vec::new(),
            },
            "/up" => ferrum_net::http::protocol::HttpResponse {
                status: 301,
                headers: vec![("location".into(), "/final".into())],
                body: Vec::new(),
            },
            _ => ok("final"),
        })
    });
    let base = format!("https://127.0.0.1:{}", srv.addr.port());
    let mut req = client_request("GET", &format!("{}/down", base));
    req.follow_redirects = true;
    req.https_only = true;
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.status, 0);
    assert!(
        r.error.as_deref().unwrap().contains("HTTPS"),
        "{:?}",
        r.error
    );
    // https to https is fine.
    let mut req = client_request("GET", &format!("{}/up", base));
    req.follow_redirects = true;
    req.https_only = true;
    let r = srv.fetch(srv.net.next_id(), req);
    assert_eq!(r.error, None);
    assert_eq!(r.body, b"final");
    assert_eq!(r.redirects, 1);
    assert_eq!(r.url, format!("{}/final", base));
}
