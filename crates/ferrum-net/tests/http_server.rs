//! HTTP servers over real loopback sockets: requests as LPC sees them,
//! keep-alive, bodies, HEAD, 100-continue, answers and closing.

mod http_support;

use ferrum_net::http::protocol::*;
use ferrum_net::Command;
use http_support::*;
use std::io::Write;
use std::time::Duration;

#[test]
fn get_request_reaches_lpc_with_every_field() {
    let srv = serve(config(), |_| Some(ok("hello")));
    let mut s = connect(srv.addr);
    s.write_all(b"GET /a%20b/c%2Fd?x=1%202&y=%41 HTTP/1.1\r\nHost: test\r\nX-Multi: one\r\nX-Custom: Value\r\nx-multi: two\r\n\r\n")
        .unwrap();
    let reply = read_reply(&mut s, false).expect("a reply");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), "hello");
    assert_eq!(reply.header("content-length"), Some("5"));
    assert_eq!(reply.header("server"), Some("FerrumTest/1.0"));
    assert!(
        reply.header("date").is_some_and(|d| d.ends_with(" GMT")),
        "{:?}",
        reply
    );

    let conn = match srv.next() {
        Seen::Connection(c) => c,
        e => panic!("{:?}", e),
    };
    let (rconn, req) = srv.next_request();
    assert_eq!(rconn, conn);
    assert_eq!(req.method, "GET");
    assert_eq!(req.uri, "/a%20b/c%2Fd?x=1%202&y=%41");
    assert_eq!(req.path, "/a b/c/d");
    assert_eq!(req.query, "x=1%202&y=%41");
    assert_eq!(req.version, "HTTP/1.1");
    assert_eq!(
        req.headers,
        vec![
            ("host".to_string(), "test".to_string()),
            ("x-multi".to_string(), "one".to_string()),
            ("x-multi".to_string(), "two".to_string()),
            ("x-custom".to_string(), "Value".to_string()),
        ]
    );
    assert!(req.body.is_empty());
    assert_eq!(req.remote, s.local_addr().unwrap());
    assert!(req.rest.is_none());
}

#[test]
fn post_body_arrives_and_the_answer_carries_status_and_headers() {
    let srv = serve(config(), |r| {
        Some(HttpResponse {
            status: 201,
            headers: vec![
                ("X-Echo-Len".into(), r.body.len().to_string()),
                // Framing is the server's job: a wrong length from LPC is ignored.
                ("Content-Length".into(), "999".into()),
                ("bad header".into(), "skipped".into()),
            ],
            body: r.body.clone(),
        })
    });
    let reply = exchange(
        srv.addr,
        b"POST /submit HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world",
    )
    .unwrap();
    assert_eq!(reply.status, 201);
    assert_eq!(reply.text(), "hello world");
    assert_eq!(reply.header("x-echo-len"), Some("11"));
    assert_eq!(reply.header("content-length"), Some("11"));
    assert!(reply.header("bad header").is_none());
    let (_, req) = srv.next_request();
    assert_eq!(req.method, "POST");
    assert_eq!(req.body, b"hello world");
}

#[test]
fn keep_alive_serves_two_requests_on_one_connection() {
    let srv = serve(config(), |r| Some(ok(&r.path)));
    let mut s = connect(srv.addr);
    s.write_all(b"GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert_eq!(read_reply(&mut s, false).unwrap().text(), "/one");
    s.write_all(b"GET /two HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert_eq!(read_reply(&mut s, false).unwrap().text(), "/two");
    let seen = srv.drain(Duration::from_millis(300));
    let conns: Vec<_> = seen
        .iter()
        .filter(|e| matches!(e, Seen::Connection(_)))
        .collect();
    assert_eq!(conns.len(), 1, "{:?}", seen);
    let req_conns: Vec<_> = seen
        .iter()
        .filter_map(|e| match e {
            Seen::Request { conn, .. } => Some(*conn),
            _ => None,
        })
        .collect();
    assert_eq!(req_conns.len(), 2);
    assert_eq!(req_conns[0], req_conns[1]);
}

#[test]
fn pipelined_requests_are_answered_in_order_one_at_a_time() {
    let srv = serve(config(), |r| Some(ok(&r.path)));
    let mut s = connect(srv.addr);
    s.write_all(b"GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert_eq!(read_reply(&mut s, false).unwrap().text(), "/1");
    assert_eq!(read_reply(&mut s, false).unwrap().text(), "/2");
}

#[test]
fn chunked_request_body_is_reassembled() {
    let srv = serve(config(), |r| Some(ok(&String::from_utf8_lossy(&r.body))));
    let reply = exchange(
        srv.addr,
        b"POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n",
    )
    .unwrap();
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), "hello world");
    let (_, req) = srv.next_request();
    assert_eq!(req.body, b"hello world");
}

#[test]
fn head_gets_the_get_headers_without_a_body() {
    let srv = serve(config(), |_| Some(ok("twelve bytes")));
    let mut s = connect(srv.addr);
    s.write_all(b"HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let head = read_reply(&mut s, true).unwrap();
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-length"), Some("12"));
    // Had a body been sent, it would be read as the next response's head.
    s.write_all(b"GET /g HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let get = read_reply(&mut s, false).unwrap();
    assert_eq!(get.status, 200);
    assert_eq!(get.text(), "twelve bytes");
    let (_, req) = srv.next_request();
    assert_eq!(req.method, "HEAD");
}

#[test]
fn expect_100_continue_is_answered_before_the_body() {
    let srv = serve(config(), |r| Some(ok(&String::from_utf8_lossy(&r.body))));
    let mut s = connect(srv.addr);
    s.write_all(b"PUT /e HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        .unwrap();
    let interim = read_head(&mut s).unwrap();
    assert!(interim.starts_with("HTTP/1.1 100 Continue"), "{}", interim);
    s.write_all(b"data").unwrap();
    let reply = read_reply(&mut s, false).unwrap();
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), "data");
}

#[test]
fn expect_100_continue_with_a_body_over_the_limit_gets_413_without_continue() {
    let srv = serve(config(), |_| Some(ok("no")));
    let mut s = connect(srv.addr);
    s.write_all(
        b"PUT /e HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\nExpect: 100-continue\r\n\r\n",
    )
    .unwrap();
    let reply = read_reply(&mut s, false).unwrap();
    assert_eq!(reply.status, 413);
    assert!(no_requests(&srv.drain(Duration::from_millis(200))));
}

#[test]
fn unanswered_request_gets_504_json() {
    let mut cfg = config();
    cfg.limits.response_timeout = Duration::from_millis(300);
    let srv = serve(cfg, |_| None);
    let started = std::time::Instant::now();
    let reply = exchange(srv.addr, b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert_eq!(reply.status, 504);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.text(), r#"{"error":"Gateway Timeout","status":504}"#);
    assert!(started.elapsed() >= Duration::from_millis(300));
    // The request did reach LPC; a late answer is ignored.
    let (_, _) = srv.next_request();
}

#[test]
fn late_answer_after_504_is_ignored_and_the_connection_goes_on() {
    let mut cfg = config();
    cfg.limits.response_timeout = Duration::from_millis(200);
    let srv = serve(cfg, |r| {
        if r.path == "/slow" {
            None
        } else {
            Some(ok("fast"))
        }
    });
    let mut s = connect(srv.addr);
    s.write_all(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert_eq!(read_reply(&mut s, false).unwrap().status, 504);
    let request = loop {
        if let Seen::Request { request, .. } = srv.next() {
            break request;
        }
    };
    srv.net.send(Command::Http(HttpCommand::Respond {
        request,
        response: ok("late"),
    }));
    s.write_all(b"GET /fast HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert_eq!(read_reply(&mut s, false).unwrap().text(), "fast");
}

#[test]
fn answers_may_come_from_another_thread_later() {
    let srv = serve(config(), |_| None);
    let mut s = connect(srv.addr);
    s.write_all(b"GET /later HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let request = loop {
        if let Seen::Request { request, .. } = srv.next() {
            break request;
        }
    };
    std::thread::sleep(Duration::from_millis(100));
    srv.net.send(Command::Http(HttpCommand::Respond {
        request,
        response: ok("later"),
    }));
    assert_eq!(read_reply(&mut s, false).unwrap().text(), "later");
}

#[test]
fn client_hang_up_reports_connection_closed() {
    let srv = serve(config(), |_| Some(ok("x")));
    let mut s = connect(srv.addr);
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    read_reply(&mut s, false).unwrap();
    let conn = match srv.next() {
        Seen::Connection(c) => c,
        e => panic!("{:?}", e),
    };
    drop(s);
    let seen = srv.drain(Duration::from_millis(500));
    assert!(
        seen.iter()
            .any(|e| matches!(e, Seen::Closed(c) if *c == conn)),
        "{:?}",
        seen
    );
}

#[test]
fn close_connection_closes_after_the_current_answer_silently() {
    let srv = serve(config(), |_| None);
    let mut s = connect(srv.addr);
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let (conn, request) = loop {
        if let Seen::Request { conn, request, .. } = srv.next() {
            break (conn, request);
        }
    };
    srv.net
        .send(Command::Http(HttpCommand::CloseConnection { conn }));
    std::thread::sleep(Duration::from_millis(100));
    srv.net.send(Command::Http(HttpCommand::Respond {
        request,
        response: ok("last"),
    }));
    let reply = read_reply(&mut s, false).unwrap();
    assert_eq!(reply.text(), "last");
    assert!(closed_within(&mut s, Duration::from_secs(2)));
    let seen = srv.drain(Duration::from_millis(300));
    assert!(
        !seen.iter().any(|e| matches!(e, Seen::Closed(_))),
        "{:?}",
        seen
    );
}

#[test]
fn plain_close_command_closes_an_idle_connection() {
    let srv = serve(config(), |_| Some(ok("x")));
    let mut s = connect(srv.addr);
    let conn = match srv.next() {
        Seen::Connection(c) => c,
        e => panic!("{:?}", e),
    };
    srv.net.send(Command::Close { id: conn });
    assert!(closed_within(&mut s, Duration::from_secs(2)));
}

#[test]
fn closing_the_listener_stops_accepting() {
    let srv = serve(config(), |_| Some(ok("x")));
    assert_eq!(
        exchange(srv.addr, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap()
            .status,
        200
    );
    srv.net.send(Command::Close { id: srv.listener });
    std::thread::sleep(Duration::from_millis(200));
    assert!(std::net::TcpStream::connect(srv.addr).is_err());
}

#[test]
fn bad_tls_files_fail_the_listener() {
    let mut cfg = config();
    cfg.tls = Some(ferrum_net::TlsServer {
        cert: "/nonexistent/cert.pem".into(),
        key: "/nonexistent/key.pem".into(),
    });
    let srv = serve(cfg, |_| None);
    match srv.next() {
        Seen::ListenFailed(e) => assert!(e.contains("cert.pem"), "{}", e),
        e => panic!("{:?}", e),
    }
}

#[test]
fn informational_or_invalid_status_from_lpc_becomes_500() {
    let srv = serve(config(), |r| {
        let status = if r.path == "/a" { 101 } else { 42 };
        Some(HttpResponse {
            status,
            headers: vec![],
            body: b"x".to_vec(),
        })
    });
    assert_eq!(
        exchange(srv.addr, b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap()
            .status,
        500
    );
    assert_eq!(
        exchange(srv.addr, b"GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap()
            .status,
        500
    );
}

#[test]
fn http_1_0_request_is_reported_as_such() {
    let srv = serve(config(), |_| Some(ok("old")));
    let mut s = connect(srv.addr);
    s.write_all(b"GET /old HTTP/1.0\r\n\r\n").unwrap();
    let reply = read_reply(&mut s, false).unwrap();
    assert_eq!(reply.text(), "old");
    let (_, req) = srv.next_request();
    assert_eq!(req.version, "HTTP/1.0");
    // HTTP/1.0 without keep-alive: closed after the answer.
    assert!(closed_within(&mut s, Duration::from_secs(2)));
}

#[test]
fn client_leaving_while_lpc_thinks_is_reported_at_once() {
    let srv = serve(config(), |r| {
        if r.path == "/alive" {
            Some(ok("alive"))
        } else {
            None
        }
    });
    let mut s = connect(srv.addr);
    s.write_all(b"GET /x HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let (conn, request) = loop {
        if let Seen::Request { conn, request, .. } = srv.next() {
            break (conn, request);
        }
    };
    drop(s);
    let seen = srv.drain(Duration::from_millis(300));
    assert!(
        seen.iter()
            .any(|e| matches!(e, Seen::Closed(c) if *c == conn)),
        "{:?}",
        seen
    );
    // The answer that comes too late goes nowhere.
    srv.net.send(Command::Http(HttpCommand::Respond {
        request,
        response: ok("gone"),
    }));
    assert_eq!(
        exchange(srv.addr, b"GET /alive HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap()
            .text(),
        "alive"
    );
}
