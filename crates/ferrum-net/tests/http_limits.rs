//! HTTP server limits, timeouts and malformed input: the client gets an
//! error or a closed connection, LPC sees nothing.

mod http_support;

use http_support::*;
use std::io::Write;
use std::time::{Duration, Instant};

#[test]
fn declared_body_over_the_limit_gets_413() {
    let srv = serve(config(), |_| Some(ok("no")));
    let reply = exchange(
        srv.addr,
        b"POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\nabc",
    )
    .unwrap();
    assert_eq!(reply.status, 413);
    assert_eq!(
        reply.text(),
        r#"{"error":"Payload Too Large","status":413}"#
    );
    assert!(no_requests(&srv.drain(Duration::from_millis(200))));
}

#[test]
fn chunked_body_over_the_limit_gets_413_while_streaming() {
    let srv = serve(config(), |_| Some(ok("no")));
    let mut s = connect(srv.addr);
    s.write_all(b"POST /big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        .unwrap();
    // 16 KiB chunks: the fifth crosses 64 KiB; the client never finishes.
    let chunk = vec![b'a'; 16 * 1024];
    for _ in 0..5 {
        let _ = s.write_all(format!("{:x}\r\n", chunk.len()).as_bytes());
        let _ = s.write_all(&chunk);
        let _ = s.write_all(b"\r\n");
    }
    let reply = read_reply(&mut s, false).unwrap();
    assert_eq!(reply.status, 413);
    assert!(closed_within(&mut s, Duration::from_secs(2)));
    assert!(no_requests(&srv.drain(Duration::from_millis(200))));
}

#[test]
fn body_exactly_at_the_limit_is_accepted() {
    let srv = serve(config(), |r| Some(ok(&r.body.len().to_string())));
    let mut raw = b"POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 65536\r\n\r\n".to_vec();
    raw.extend(vec![b'z'; 65536]);
    let reply = exchange(srv.addr, &raw).unwrap();
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), "65536");
}

#[test]
fn headers_over_the_limit_get_431() {
    let srv = serve(config(), |_| Some(ok("no")));
    let big = "v".repeat(9000);
    let reply = exchange(
        srv.addr,
        format!("GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", big).as_bytes(),
    )
    .unwrap();
    assert_eq!(reply.status, 431);
    assert!(no_requests(&srv.drain(Duration::from_millis(200))));
}

#[test]
fn small_header_limit_is_exact() {
    let mut cfg = config();
    cfg.limits.max_header_bytes = 200;
    let srv = serve(cfg, |_| Some(ok("fine")));
    assert_eq!(
        exchange(srv.addr, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap()
            .status,
        200
    );
    let pad = "p".repeat(200);
    let reply = exchange(
        srv.addr,
        format!("GET / HTTP/1.1\r\nHost: x\r\nX-Pad: {}\r\n\r\n", pad).as_bytes(),
    )
    .unwrap();
    assert_eq!(reply.status, 431);
}

#[test]
fn slowloris_head_is_cut_off_at_the_header_timeout() {
    let mut cfg = config();
    cfg.limits.header_timeout = Duration::from_millis(600);
    let srv = serve(cfg, |_| Some(ok("no")));
    let mut s = connect(srv.addr);
    let started = Instant::now();
    let mut cut = false;
    for b in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n" {
        if s.write_all(&[*b]).is_err() {
            cut = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        if started.elapsed() > Duration::from_secs(3) {
            break;
        }
    }
    let cut = cut || closed_within(&mut s, Duration::from_millis(100));
    assert!(cut, "a slow head must be cut off");
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_millis(2500), "{:?}", elapsed);
    assert!(no_requests(&srv.drain(Duration::from_millis(200))));
}

#[test]
fn idle_keep_alive_connection_is_closed_and_reported() {
    let mut cfg = config();
    cfg.limits.idle_timeout = Duration::from_millis(400);
    // The head timeout is shorter, but an idle connection has no head yet.
    cfg.limits.header_timeout = Duration::from_millis(100);
    let srv = serve(cfg, |_| Some(ok("x")));
    let mut s = connect(srv.addr);
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    read_reply(&mut s, false).unwrap();
    let started = Instant::now();
    assert!(
        !closed_within(&mut s, Duration::from_millis(250)),
        "closed before the idle timeout"
    );
    assert!(closed_within(&mut s, Duration::from_secs(2)));
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(300) && elapsed < Duration::from_millis(1500),
        "{:?}",
        elapsed
    );
    let seen = srv.drain(Duration::from_millis(200));
    assert!(
        seen.iter().any(|e| matches!(e, Seen::Closed(_))),
        "{:?}",
        seen
    );
}

#[test]
fn never_sending_anything_hits_the_idle_timeout() {
    let mut cfg = config();
    cfg.limits.idle_timeout = Duration::from_millis(300);
    let srv = serve(cfg, |_| Some(ok("x")));
    let mut s = connect(srv.addr);
    assert!(closed_within(&mut s, Duration::from_secs(2)));
}

#[test]
fn stalled_body_gets_408() {
    let mut cfg = config();
    cfg.limits.body_timeout = Duration::from_millis(300);
    let srv = serve(cfg, |_| Some(ok("no")));
    let mut s = connect(srv.addr);
    s.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        .unwrap();
    let reply = read_reply(&mut s, false).unwrap();
    assert_eq!(reply.status, 408);
    assert!(closed_within(&mut s, Duration::from_secs(2)));
    assert!(no_requests(&srv.drain(Duration::from_millis(200))));
}

#[test]
fn connections_over_the_cap_are_refused() {
    let mut cfg = config();
    cfg.limits.max_connections = 2;
    let srv = serve(cfg, |_| Some(ok("x")));
    let a = connect(srv.addr);
    let b = connect(srv.addr);
    for _ in 0..2 {
        assert!(matches!(srv.next(), Seen::Connection(_)));
    }
    let mut c = connect(srv.addr);
    let _ = c.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    // Either told 503 or closed (or reset) without an answer.
    if let Some(r) = read_reply(&mut c, false) {
        assert_eq!(r.status, 503);
    }
    assert!(closed_within(&mut c, Duration::from_secs(2)));
    drop(a);
    // The freed slot is counted once the server sees the hang-up.
    let seen = srv.drain(Duration::from_millis(300));
    assert!(
        seen.iter().any(|e| matches!(e, Seen::Closed(_))),
        "{:?}",
        seen
    );
    assert!(
        !seen.iter().any(|e| matches!(e, Seen::Connection(_))),
        "{:?}",
        seen
    );
    let reply = exchange(srv.addr, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert_eq!(reply.status, 200);
    drop(b);
}

#[test]
fn bad_request_line_gets_400_and_no_event() {
    let srv = serve(config(), |_| Some(ok("no")));
    let reply = exchange(srv.addr, b"THIS IS NOT HTTP\r\n\r\n").unwrap();
    assert_eq!(reply.status, 400);
    let mut s = connect(srv.addr);
    s.write_all(b"GET /\x01bad HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    if let Some(r) = read_reply(&mut s, false) {
        assert_eq!(r.status, 400);
    }
    assert!(closed_within(&mut s, Duration::from_secs(2)));
    assert!(no_requests(&srv.drain(Duration::from_millis(200))));
}

#[test]
fn bad_header_line_gets_400() {
    let srv = serve(config(), |_| Some(ok("no")));
    let reply = exchange(srv.addr, b"GET / HTTP/1.1\r\nHost x\r\n\r\n").unwrap();
    assert_eq!(reply.status, 400);
    assert!(no_requests(&srv.drain(Duration::from_millis(200))));
}

#[test]
fn invalid_chunk_size_gets_400_and_close() {
    let srv = serve(config(), |_| Some(ok("no")));
    let mut s = connect(srv.addr);
    s.write_all(
        b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
    )
    .unwrap();
    let reply = read_reply(&mut s, false).unwrap();
    assert_eq!(reply.status, 400);
    assert!(closed_within(&mut s, Duration::from_secs(2)));
    assert!(no_requests(&srv.drain(Duration::from_millis(200))));
}

#[test]
fn conflicting_lengths_are_rejected() {
    let srv = serve(config(), |_| Some(ok("no")));
    let reply = exchange(
        srv.addr,
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
    );
    if let Some(r) = reply {
        assert_eq!(r.status, 400);
    }
    assert!(no_requests(&srv.drain(Duration::from_millis(200))));
}

#[test]
fn garbage_never_takes_the_server_down() {
    let srv = serve(config(), |_| Some(ok("alive")));
    let inputs: [&[u8]; 8] = [
        b"\x00\x01\x02\x03\r\n\r\n",
        b"GET",
        b"\r\n\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
        b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
    ];
    for raw in inputs {
        let mut s = connect(srv.addr);
        let _ = s.write_all(raw);
        let _ = s.shutdown(std::net::Shutdown::Write);
        let _ = closed_within(&mut s, Duration::from_secs(2));
    }
    assert!(no_requests(&srv.drain(Duration::from_millis(200))));
    assert_eq!(
        exchange(srv.addr, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap()
            .text(),
        "alive"
    );
}
