//! Socket efuns over real loopback sockets: LPC scripts (tests/net/*.c)
//! run by `ferrum run`, driven by Rust and Python peers.

mod support;

use std::io::{Read, Write};
use std::net::{TcpStream, UdpSocket};
use std::process::Command;
use std::time::Duration;
use support::*;

#[test]
fn stream_echo_server_in_lpc() {
    let mut script = Script::start("stream_echo.c", &["1"]);
    let port = script.port();
    let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
    c.write_all("héllo wörld".as_bytes()).unwrap();
    assert_eq!(read_until(&mut c, "wörld"), "héllo wörld");
    c.write_all(b" quit").unwrap();
    read_until(&mut c, "quit");
    let mut rest = Vec::new();
    c.read_to_end(&mut rest).unwrap();
    assert_eq!(script.line(), "DONE 1");
    let (code, _) = script.finish();
    assert_eq!(code, 0);
}

#[test]
fn a_thousand_concurrent_connections_every_byte_accounted_for() {
    const N: usize = 1000;
    let mut script = Script::start("stream_echo.c", &[&N.to_string()]);
    let port = script.port();
    let mut conns: Vec<TcpStream> = (0..N).map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap()).collect();
    // Each connection sends a distinct payload; all are in flight at once.
    for (i, c) in conns.iter_mut().enumerate() {
        c.write_all(format!("conn {} payload {} ", i, "x".repeat(i % 97)).as_bytes()).unwrap();
    }
    for (i, c) in conns.iter_mut().enumerate() {
        let want = format!("conn {} payload {} ", i, "x".repeat(i % 97));
        let got = read_until(c, &want);
        assert_eq!(got, want, "connection {}", i);
    }
    let mut total = 0;
    for (i, c) in conns.iter_mut().enumerate() {
        c.write_all(b"quit").unwrap();
        let got = read_until(c, "quit");
        assert_eq!(got, "quit", "connection {}", i);
        total += 1;
    }
    assert_eq!(total, N);
    assert_eq!(script.line(), format!("DONE {}", N));
    assert_eq!(script.finish().0, 0);
}

#[test]
fn mud_mode_talks_to_a_python_peer() {
    let mut script = Script::start("mud_peer.c", &[]);
    let port = script.port();
    let out = Command::new("python3").arg(net_dir().join("mud_peer.py")).arg(port.to_string()).output().expect("python3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(|s| s.to_string()).collect();
    assert_eq!(
        lines,
        vec![
            r#"({"got","hello",})"#,
            r#"({"got",({1,2,"three",}),})"#,
            r#"({"got",(["k":4.500000,]),})"#,
            r#"({"got",42,})"#,
            r#"({"got","bye",})"#,
        ]
    );
    assert_eq!(script.finish().0, 0);
}

#[test]
fn datagrams_both_ways() {
    let mut script = Script::start("datagram.c", &[]);
    let port = script.port();
    let peer = UdpSocket::bind("127.0.0.1:0").unwrap();
    peer.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut buf = [0u8; 1024];
    for msg in ["one", "two", "stop"] {
        peer.send_to(msg.as_bytes(), ("127.0.0.1", port)).unwrap();
        let (n, from) = peer.recv_from(&mut buf).unwrap();
        assert_eq!(from.port(), port);
        assert_eq!(std::str::from_utf8(&buf[..n]).unwrap(), format!("ack:{}", msg));
    }
    assert_eq!(script.finish().0, 0);
}

#[test]
fn tls_server_and_client_in_lpc() {
    let cert = TempCert::new("tls-lpc");
    let mut script = Script::start("tls_loop.c", &cert.args());
    let line = script.line();
    assert!(line.contains("server-handshake") && line.contains("client-handshake"), "{}", line);
    assert!(line.ends_with("| server got hello over tls"), "{}", line);
    let (code, rest) = script.finish();
    assert_eq!(code, 0, "{}", rest);
    assert!(!rest.contains("early"), "{}", rest);
}

#[test]
fn tls_servers_without_a_usable_certificate_refuse_to_listen() {
    let script = Script::start("tls_badcert.c", &[]);
    let (code, out) = script.finish();
    assert_eq!(code, 0);
    assert_eq!(out, "Problem with listen\nProblem with listen\n");
}

#[test]
fn destructing_the_owner_closes_its_sockets_without_callbacks() {
    let mut script = Script::start("owner_destruct.c", &[]);
    let port = script.port();
    let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
    c.write_all(b"die").unwrap();
    assert_eq!(script.line(), "destructing");
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut rest = Vec::new();
    let n = c.read_to_end(&mut rest).unwrap();
    assert_eq!(n, 0, "connection closed");
    let (code, out) = script.finish();
    assert_eq!(code, 0);
    assert!(!out.contains("close callback"), "{}", out);
}

#[test]
fn outgoing_connections_and_refusals() {
    let server = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = server.local_addr().unwrap().port();
    let mut script = Script::start("client_connect.c", &[&port.to_string()]);
    assert_eq!(script.line(), "connect: 1");
    assert_eq!(script.line(), "early write: -22");
    let (mut peer, _) = server.accept().unwrap();
    assert_eq!(script.line(), "connected");
    assert_eq!(read_until(&mut peer, "\n"), "hello server\n");
    peer.write_all(b"hi client").unwrap();
    assert_eq!(script.line(), "read: hi client");
    assert_eq!(script.finish().0, 0);

    // Nothing listens any more: the close callback reports the refusal.
    drop(server);
    let mut script = Script::start("client_connect.c", &[&port.to_string()]);
    assert_eq!(script.line(), "connect: 1");
    assert_eq!(script.line(), "early write: -22");
    assert_eq!(script.line(), "closed by peer");
    assert_eq!(script.finish().0, 0);
}

/// The design guide's LPC integration test (section 5.2): the options part
/// behaves as the spec says, and nothing reports a failure.
#[test]
fn the_design_guide_integration_test_reports_no_failure() {
    let script = Script::start("guide_integration.c", &[]);
    let (code, out) = script.finish();
    assert_eq!(code, 0, "{}", out);
    assert!(!out.contains('✗'), "{}", out);
    for line in [
        "✓ REST route added successfully",
        "✓ OpenAPI info set successfully",
        "✓ HTTP timeout option set",
        "✓ HTTP timeout option retrieved correctly",
        "✓ HTTP user agent option set",
        "✓ HTTP user agent option retrieved correctly",
        "All tests completed.",
    ] {
        assert!(out.contains(line), "missing {:?} in\n{}", line, out);
    }
}
