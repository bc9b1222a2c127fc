//! The network thread over real loopback sockets.

use ferrum_net::bind::{bind_tcp, bind_udp, listen, local_addr};
use ferrum_net::{start, CloseReason, Command, Event, Framing, TlsClient, TlsServer};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc::Receiver;
use std::time::Duration;

fn next(rx: &Receiver<Event>) -> Event {
    rx.recv_timeout(Duration::from_secs(10)).expect("an event")
}

fn any_port() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

#[test]
fn accepts_echoes_and_reports_peer_close() {
    let (net, rx) = start();
    let sock = bind_tcp(any_port()).unwrap();
    let addr = local_addr(&sock).unwrap();
    let lid = net.next_id();
    net.send(Command::Listen { id: lid, listener: listen(sock, 16).unwrap(), framing: Framing::Raw, tls: None });
    let mut client = TcpStream::connect(addr).unwrap();
    let conn = match next(&rx) {
        Event::Accepted { listener, id, .. } => {
            assert_eq!(listener, lid);
            id
        }
        e => panic!("{:?}", e),
    };
    client.write_all(b"hello").unwrap();
    let mut got = Vec::new();
    while got.len() < 5 {
        match next(&rx) {
            Event::Data { id, data } if id == conn => got.extend(data),
            e => panic!("{:?}", e),
        }
    }
    assert_eq!(got, b"hello");
    net.send(Command::Write { id: conn, data: b"world".to_vec(), notify: true });
    let mut buf = [0u8; 5];
    client.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"world");
    assert!(matches!(next(&rx), Event::Drained { id } if id == conn));
    drop(client);
    assert!(matches!(next(&rx), Event::Closed { id, reason: CloseReason::PeerClosed } if id == conn));
}

#[test]
fn our_own_close_flushes_and_reports_nothing() {
    let (net, rx) = start();
    let sock = bind_tcp(any_port()).unwrap();
    let addr = local_addr(&sock).unwrap();
    let lid = net.next_id();
    net.send(Command::Listen { id: lid, listener: listen(sock, 16).unwrap(), framing: Framing::Raw, tls: None });
    let mut client = TcpStream::connect(addr).unwrap();
    let conn = match next(&rx) {
        Event::Accepted { id, .. } => id,
        e => panic!("{:?}", e),
    };
    net.send(Command::Write { id: conn, data: b"bye".to_vec(), notify: false });
    net.send(Command::Close { id: conn });
    let mut all = Vec::new();
    client.read_to_end(&mut all).unwrap();
    assert_eq!(all, b"bye");
    assert!(rx.recv_timeout(Duration::from_millis(300)).is_err(), "no event after our own close");
}

#[test]
fn mud_framing_both_ways() {
    let (net, rx) = start();
    let sock = bind_tcp(any_port()).unwrap();
    let addr = local_addr(&sock).unwrap();
    let lid = net.next_id();
    net.send(Command::Listen { id: lid, listener: listen(sock, 16).unwrap(), framing: Framing::Mud, tls: None });
    let mut client = TcpStream::connect(addr).unwrap();
    let conn = match next(&rx) {
        Event::Accepted { id, .. } => id,
        e => panic!("{:?}", e),
    };
    // Two frames in one write, the second split across writes.
    let mut bytes = Vec::new();
    for msg in [&b"\"one\""[..], &b"({1,2,})"[..]] {
        bytes.extend((msg.len() as u32).to_be_bytes());
        bytes.extend(msg);
    }
    client.write_all(&bytes[..10]).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    client.write_all(&bytes[10..]).unwrap();
    assert!(matches!(next(&rx), Event::Data { data, .. } if data == b"\"one\""));
    assert!(matches!(next(&rx), Event::Data { data, .. } if data == b"({1,2,})"));
    net.send(Command::Write { id: conn, data: b"42".to_vec(), notify: false });
    let mut buf = [0u8; 6];
    client.read_exact(&mut buf).unwrap();
    assert_eq!(buf, [0, 0, 0, 2, b'4', b'2']);
    // A frame claiming to be huge is refused and the connection ends.
    client.write_all(&u32::MAX.to_be_bytes()).unwrap();
    assert!(matches!(next(&rx), Event::Closed { reason: CloseReason::Error(_), .. }));
}

#[test]
fn connects_out_and_reports_refusal() {
    let (net, rx) = start();
    let server = std::net::TcpListener::bind(any_port()).unwrap();
    let port = server.local_addr().unwrap().port();
    let id = net.next_id();
    net.send(Command::Connect { id, host: "127.0.0.1".into(), port, framing: Framing::Raw, tls: None });
    let (mut peer, _) = server.accept().unwrap();
    assert!(matches!(next(&rx), Event::Connected { id: c, .. } if c == id));
    net.send(Command::Write { id, data: b"ping".to_vec(), notify: false });
    let mut buf = [0u8; 4];
    peer.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"ping");
    drop(server);
    drop(peer);
    assert!(matches!(next(&rx), Event::Closed { .. }));
    // Nothing listens on this port any more.
    let id2 = net.next_id();
    net.send(Command::Connect { id: id2, host: "127.0.0.1".into(), port, framing: Framing::Raw, tls: None });
    assert!(matches!(next(&rx), Event::ConnectFailed { id, .. } if id == id2));
}

#[test]
fn datagrams_both_ways() {
    let (net, rx) = start();
    let sock = bind_udp(any_port()).unwrap();
    let addr = sock.local_addr().unwrap();
    let id = net.next_id();
    net.send(Command::Datagram { id, socket: sock });
    let peer = std::net::UdpSocket::bind(any_port()).unwrap();
    peer.send_to(b"hi there", addr).unwrap();
    let from = match next(&rx) {
        Event::Datagram { data, from, .. } => {
            assert_eq!(data, b"hi there");
            from
        }
        e => panic!("{:?}", e),
    };
    net.send(Command::SendTo { id, data: b"back".to_vec(), to: from });
    let mut buf = [0u8; 16];
    peer.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let (n, _) = peer.recv_from(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"back");
}

#[test]
fn tls_server_and_client_talk() {
    let dir = std::env::temp_dir().join(format!("ferrum-net-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let cert_path = dir.join("cert.pem");
    let key_path = dir.join("key.pem");
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.key_pair.serialize_pem()).unwrap();

    let (net, rx) = start();
    let sock = bind_tcp(any_port()).unwrap();
    let port = local_addr(&sock).unwrap().port();
    let lid = net.next_id();
    let tls = TlsServer { cert: cert_path.clone(), key: key_path };
    net.send(Command::Listen { id: lid, listener: listen(sock, 16).unwrap(), framing: Framing::Raw, tls: Some(tls) });
    let cid = net.next_id();
    let client_tls = TlsClient { verify_peer: true, server_name: Some("localhost".into()), extra_roots: Some(cert_path) };
    net.send(Command::Connect { id: cid, host: "127.0.0.1".into(), port, framing: Framing::Raw, tls: Some(client_tls) });
    let mut server_conn = None;
    let mut connected = false;
    while server_conn.is_none() || !connected {
        match next(&rx) {
            Event::Accepted { id, .. } => server_conn = Some(id),
            Event::Connected { id, .. } if id == cid => connected = true,
            e => panic!("{:?}", e),
        }
    }
    net.send(Command::Write { id: cid, data: b"secret".to_vec(), notify: false });
    match next(&rx) {
        Event::Data { id, data } => {
            assert_eq!(Some(id), server_conn);
            assert_eq!(data, b"secret");
        }
        e => panic!("{:?}", e),
    }
    // A client that checks names refuses a certificate for another name.
    let bad = net.next_id();
    let wrong = TlsClient { verify_peer: true, server_name: Some("example.org".into()), extra_roots: Some(dir.join("cert.pem")) };
    net.send(Command::Connect { id: bad, host: "127.0.0.1".into(), port, framing: Framing::Raw, tls: Some(wrong) });
    loop {
        match next(&rx) {
            Event::ConnectFailed { id, error } if id == bad => {
                assert!(error.contains("TLS"), "{}", error);
                break;
            }
            Event::Accepted { .. } => {}
            e => panic!("{:?}", e),
        }
    }
}
