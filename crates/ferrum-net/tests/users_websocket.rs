//! WebSocket players over real loopback sockets, with tokio-tungstenite
//! as an independent client.

mod users_support;

use ferrum_net::users::protocol::{UserCommand, UserEvent, UserPortKind};
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;
use users_support::*;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

type Ws = WebSocketStream<tokio::net::TcpStream>;

async fn connect(addr: std::net::SocketAddr, path: &str) -> Ws {
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (ws, _) = tokio_tungstenite::client_async(format!("ws://{}{}", addr, path), tcp)
        .await
        .unwrap();
    ws
}

/// The next message (pongs included), failing after 10 s.
async fn recv<S: AsyncRead + AsyncWrite + Unpin>(ws: &mut WebSocketStream<S>) -> Message {
    tokio::time::timeout(Duration::from_secs(10), ws.next())
        .await
        .expect("a message in time")
        .expect("the stream still open")
        .expect("no error")
}

async fn recv_json<S: AsyncRead + AsyncWrite + Unpin>(ws: &mut WebSocketStream<S>) -> Value {
    match recv(ws).await {
        Message::Text(t) => serde_json::from_str(t.as_str()).unwrap(),
        m => panic!("expected a text frame, got {:?}", m),
    }
}

async fn expect_close<S: AsyncRead + AsyncWrite + Unpin>(
    ws: &mut WebSocketStream<S>,
    code: CloseCode,
) {
    loop {
        match recv(ws).await {
            Message::Close(Some(frame)) => {
                assert_eq!(frame.code, code);
                return;
            }
            Message::Text(_) => {}
            m => panic!("expected close {:?}, got {:?}", code, m),
        }
    }
}

/// A WebSocket port with one connected player.
fn player(rt: &tokio::runtime::Runtime) -> (Port, Ws, u64) {
    let port = open(UserPortKind::WebSocket, None, None);
    let ws = rt.block_on(connect(port.addr, "/ws"));
    let conn = match port.next() {
        UserEvent::Connected {
            conn,
            kind,
            port: p,
            ..
        } => {
            assert_eq!(kind, UserPortKind::WebSocket);
            assert_eq!(p, port.addr.port());
            conn
        }
        e => panic!("{:?}", e),
    };
    (port, ws, conn)
}

#[test]
fn messages_are_lines_and_window_sizes() {
    let rt = runtime();
    let (port, mut ws, conn) = player(&rt);
    rt.block_on(ws.send(Message::text("look"))).unwrap();
    assert_eq!(port.input(conn, 5), b"look\n");
    rt.block_on(ws.send(Message::binary(b"say hi".to_vec())))
        .unwrap();
    assert_eq!(port.input(conn, 7), b"say hi\n");
    rt.block_on(ws.send(Message::text("one\ntwo"))).unwrap();
    assert_eq!(port.input(conn, 8), b"one\ntwo\n");
    rt.block_on(ws.send(Message::text(r#"{"naws":[120,40]}"#)))
        .unwrap();
    assert!(
        matches!(port.next(), UserEvent::WindowSize { conn: c, width: 120, height: 40 } if c == conn)
    );
    // Other JSON is just text.
    rt.block_on(ws.send(Message::text(r#"{"naws":[1,2],"x":1}"#)))
        .unwrap();
    assert_eq!(port.input(conn, 21), b"{\"naws\":[1,2],\"x\":1}\n");
}

#[test]
fn output_is_json_and_keeps_split_characters_whole() {
    let rt = runtime();
    let (port, mut ws, conn) = player(&rt);
    port.write(conn, "héllo\n".as_bytes());
    assert_eq!(rt.block_on(recv_json(&mut ws)), json!({"out": "héllo\n"}));
    let euro = "€".as_bytes();
    port.write(conn, &[b'a', euro[0], euro[1]]);
    port.write(conn, &[euro[2], b'b']);
    assert_eq!(rt.block_on(recv_json(&mut ws)), json!({"out": "a"}));
    assert_eq!(rt.block_on(recv_json(&mut ws)), json!({"out": "€b"}));
    port.write(conn, b"bad \xff byte \"quoted\"");
    assert_eq!(
        rt.block_on(recv_json(&mut ws)),
        json!({"out": "bad \u{FFFD} byte \"quoted\""})
    );
}

#[test]
fn echo_and_char_mode_are_sent_on_change_only() {
    let rt = runtime();
    let (port, mut ws, conn) = player(&rt);
    port.send(UserCommand::Echo { conn, on: true });
    port.send(UserCommand::Echo { conn, on: false });
    port.send(UserCommand::Echo { conn, on: false });
    port.send(UserCommand::CharMode { conn, on: true });
    port.send(UserCommand::CharMode { conn, on: true });
    port.write(conn, b"|");
    assert_eq!(rt.block_on(recv_json(&mut ws)), json!({"echo": false}));
    assert_eq!(rt.block_on(recv_json(&mut ws)), json!({"charmode": true}));
    assert_eq!(rt.block_on(recv_json(&mut ws)), json!({"out": "|"}));
    // In char mode each message is keys, not a line.
    rt.block_on(ws.send(Message::text("x"))).unwrap();
    assert_eq!(port.input(conn, 1), b"x");
    port.send(UserCommand::CharMode { conn, on: false });
    port.send(UserCommand::Echo { conn, on: true });
    assert_eq!(rt.block_on(recv_json(&mut ws)), json!({"charmode": false}));
    assert_eq!(rt.block_on(recv_json(&mut ws)), json!({"echo": true}));
    rt.block_on(ws.send(Message::text("y"))).unwrap();
    assert_eq!(port.input(conn, 2), b"y\n");
}

#[test]
fn our_close_sends_output_then_close_1000() {
    let rt = runtime();
    let (port, mut ws, conn) = player(&rt);
    port.write(conn, b"bye");
    port.send(UserCommand::Close { conn });
    assert_eq!(rt.block_on(recv_json(&mut ws)), json!({"out": "bye"}));
    rt.block_on(expect_close(&mut ws, CloseCode::Normal));
    assert!(
        port.quiet(Duration::from_millis(300)),
        "no event after our own close"
    );
}

#[test]
fn an_oversized_message_closes_with_1009() {
    let rt = runtime();
    let (port, mut ws, conn) = player(&rt);
    let limit = 64 * 1024;
    rt.block_on(ws.send(Message::text("a".repeat(limit))))
        .unwrap();
    assert_eq!(port.input(conn, limit + 1).len(), limit + 1);
    rt.block_on(ws.send(Message::text("a".repeat(limit + 1))))
        .unwrap();
    rt.block_on(expect_close(&mut ws, CloseCode::Size));
    port.closed(conn);
}

#[test]
fn client_close_and_vanishing_give_closed() {
    let rt = runtime();
    let (port, mut ws, conn) = player(&rt);
    rt.block_on(ws.close(None)).unwrap();
    port.closed(conn);
    // The close was answered.
    rt.block_on(async {
        while let Some(Ok(m)) = ws.next().await {
            if let Message::Close(_) = m {
                return;
            }
        }
        panic!("no close answer");
    });
    let ws2 = rt.block_on(connect(port.addr, "/anything"));
    let conn2 = port.connected();
    drop(ws2);
    port.closed(conn2);
}

#[test]
fn pings_are_answered() {
    let rt = runtime();
    let (_port, mut ws, _conn) = player(&rt);
    rt.block_on(ws.send(Message::Ping(b"are you there".to_vec().into())))
        .unwrap();
    match rt.block_on(recv(&mut ws)) {
        Message::Pong(p) => assert_eq!(&p[..], b"are you there"),
        m => panic!("{:?}", m),
    }
}

#[test]
fn a_player_who_does_not_read_is_dropped() {
    let rt = runtime();
    let port = open(UserPortKind::WebSocket, None, None);
    let tcp = slow_reader(port.addr);
    tcp.set_nonblocking(true).unwrap();
    let _ws = rt.block_on(async {
        let tcp = tokio::net::TcpStream::from_std(tcp).unwrap();
        tokio_tungstenite::client_async(format!("ws://{}/ws", port.addr), tcp)
            .await
            .unwrap()
            .0
    });
    let conn = port.connected();
    let chunk = vec![b'x'; 64 * 1024];
    let mut sent = 0usize;
    loop {
        assert!(sent < 256 * 1024 * 1024, "never dropped");
        port.write(conn, &chunk);
        sent += chunk.len();
        match port.rx.try_recv() {
            Ok(ferrum_net::Event::Users(UserEvent::Closed { conn: c })) if c == conn => break,
            Ok(e) => panic!("{:?}", e),
            Err(_) => {}
        }
        if sent.is_multiple_of(4 * 1024 * 1024) {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn permessage_deflate_is_negotiated() {
    let port = open(UserPortKind::WebSocket, None, None);
    let mut s = std::net::TcpStream::connect(port.addr).unwrap();
    write!(
        s,
        "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n"
    )
    .unwrap();
    let head = read_until(&mut s, b"\r\n\r\n");
    let head = String::from_utf8(head).unwrap().to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 101"), "{}", head);
    assert!(
        head.contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo="),
        "{}",
        head
    );
    assert!(
        head.contains("sec-websocket-extensions: permessage-deflate"),
        "{}",
        head
    );
    port.connected();
    // A handshake without a key is refused and is no player.
    let mut bad = std::net::TcpStream::connect(port.addr).unwrap();
    write!(
        bad,
        "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = Vec::new();
    bad.read_to_end(&mut reply).unwrap();
    assert!(
        reply.starts_with(b"HTTP/1.1 400"),
        "{}",
        String::from_utf8_lossy(&reply)
    );
    assert!(port.quiet(Duration::from_millis(100)));
}

#[test]
fn websocket_over_tls() {
    let rt = runtime();
    let (identity, cert) = tls_identity();
    let port = open(UserPortKind::WebSocket, Some(identity), None);
    let mut ws = rt.block_on(async {
        let tcp = tokio::net::TcpStream::connect(port.addr).await.unwrap();
        let tls = tokio_rustls::TlsConnector::from(tls_client(cert))
            .connect("localhost".try_into().unwrap(), tcp)
            .await
            .unwrap();
        tokio_tungstenite::client_async("wss://localhost/ws", tls)
            .await
            .unwrap()
            .0
    });
    let conn = port.connected();
    rt.block_on(ws.send(Message::text("over tls"))).unwrap();
    assert_eq!(port.input(conn, 9), b"over tls\n");
    port.write(conn, b"secure");
    assert_eq!(rt.block_on(recv_json(&mut ws)), json!({"out": "secure"}));
}

#[test]
fn compressed_messages_both_ways() {
    let rt = runtime();
    let port = open(UserPortKind::WebSocket, None, None);
    let options = yawc::Options::default().with_balanced_compression();
    let mut ws = rt.block_on(async {
        let tcp = tokio::net::TcpStream::connect(port.addr).await.unwrap();
        yawc::WebSocket::handshake(
            format!("ws://{}/ws", port.addr).parse().unwrap(),
            tcp,
            options,
        )
        .await
        .unwrap()
    });
    let conn = port.connected();
    let line = "the quick brown fox ".repeat(500);
    rt.block_on(ws.send(yawc::Frame::text(line.clone())))
        .unwrap();
    assert_eq!(
        port.input(conn, line.len() + 1),
        format!("{}\n", line).into_bytes()
    );
    port.write(conn, line.as_bytes());
    let frame = rt.block_on(async {
        tokio::time::timeout(Duration::from_secs(10), ws.next())
            .await
            .unwrap()
            .unwrap()
    });
    let got: Value = serde_json::from_slice(frame.payload()).unwrap();
    assert_eq!(got, json!({ "out": line }));
}
