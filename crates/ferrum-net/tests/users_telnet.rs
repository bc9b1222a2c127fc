//! Telnet player ports over real loopback sockets.

mod users_support;

use ferrum_net::users::protocol::{UserCommand, UserEvent, UserPortKind};
use ferrum_net::{Command, TlsServer};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;
use users_support::*;

const IAC: u8 = 255;
const WILL: u8 = 251;
const WONT: u8 = 252;
const DO: u8 = 253;
const SB: u8 = 250;
const SE: u8 = 240;
const ECHO: u8 = 1;
const SGA: u8 = 3;
const TTYPE: u8 = 24;
const NAWS: u8 = 31;
const GREETING: [u8; 6] = [IAC, DO, NAWS, IAC, DO, TTYPE];

/// A telnet port with one connected client that has read the greeting.
fn telnet_client() -> (Port, TcpStream, u64) {
    let port = open(UserPortKind::Telnet, None, None);
    let mut client = TcpStream::connect(port.addr).unwrap();
    let conn = port.connected();
    assert_eq!(read_n(&mut client, 6), GREETING);
    (port, client, conn)
}

#[test]
fn negotiates_naws_and_ttype() {
    let (port, mut client, conn) = telnet_client();
    client
        .write_all(&[IAC, WILL, NAWS, IAC, SB, NAWS, 0, 80, 0, 24, IAC, SE])
        .unwrap();
    assert!(
        matches!(port.next(), UserEvent::WindowSize { conn: c, width: 80, height: 24 } if c == conn)
    );
    client.write_all(&[IAC, WILL, TTYPE]).unwrap();
    assert_eq!(read_n(&mut client, 6), [IAC, SB, TTYPE, 1, IAC, SE]);
    let mut is = vec![IAC, SB, TTYPE, 0];
    is.extend_from_slice(b"xterm-256color");
    is.extend_from_slice(&[IAC, SE]);
    client.write_all(&is).unwrap();
    match port.next() {
        UserEvent::TerminalType { conn: c, name } => {
            assert_eq!(c, conn);
            assert_eq!(name, "xterm-256color");
        }
        e => panic!("{:?}", e),
    }
    // A resize is reported again; a width of 255 comes doubled.
    client
        .write_all(&[IAC, SB, NAWS, 0, IAC, IAC, 0, 50, IAC, SE])
        .unwrap();
    assert!(matches!(
        port.next(),
        UserEvent::WindowSize {
            width: 255,
            height: 50,
            ..
        }
    ));
    // Unknown options are refused, and nothing else is said.
    client.write_all(&[IAC, DO, 200, IAC, WILL, 201]).unwrap();
    assert_eq!(read_n(&mut client, 6), [IAC, WONT, 200, IAC, 254, 201]);
    port.write(conn, b"end");
    assert_eq!(read_n(&mut client, 3), b"end");
}

#[test]
fn iac_iac_both_ways_and_iac_split_across_reads() {
    let (port, mut client, conn) = telnet_client();
    client.write_all(b"a\xff").unwrap();
    client.flush().unwrap();
    std::thread::sleep(Duration::from_millis(50));
    client.write_all(b"\xffb\xff").unwrap();
    std::thread::sleep(Duration::from_millis(50));
    client.write_all(&[DO, 5, b'c', b'\n']).unwrap();
    assert_eq!(port.input(conn, 5), b"a\xffbc\n");
    assert_eq!(read_n(&mut client, 3), [IAC, WONT, 5]);
    port.write(conn, b"x\xffy\n");
    assert_eq!(read_n(&mut client, 6), b"x\xff\xffy\r\n");
}

#[test]
fn line_ends_are_normalised() {
    let (port, mut client, conn) = telnet_client();
    client.write_all(b"a\r\nb\r\0c\nd\r").unwrap();
    std::thread::sleep(Duration::from_millis(50));
    // The LF of a CR LF split across reads is not a second line end.
    client.write_all(b"\ne\rf\n").unwrap();
    assert_eq!(port.input(conn, 11), b"a\nb\nc\nd\ne\nf\n");
    port.write(conn, b"one\ntwo\r\nthree\r");
    port.write(conn, b"\nfour\n");
    assert_eq!(
        read_until(&mut client, b"four\r\n"),
        b"one\r\ntwo\r\nthree\r\nfour\r\n"
    );
}

#[test]
fn echo_and_char_mode_bytes_only_on_change() {
    let (port, mut client, conn) = telnet_client();
    let echo = |on| UserCommand::Echo { conn, on };
    let char_mode = |on| UserCommand::CharMode { conn, on };
    port.send(echo(false));
    port.send(echo(false));
    port.write(conn, b"|");
    assert_eq!(read_until(&mut client, b"|"), [IAC, WILL, ECHO, b'|']);
    // The client agrees; the agreement is not answered.
    client.write_all(&[IAC, DO, ECHO]).unwrap();
    port.send(echo(true));
    port.send(echo(true));
    port.send(char_mode(true));
    port.send(char_mode(true));
    port.send(echo(false));
    port.send(char_mode(false));
    port.send(echo(true));
    port.write(conn, b"|");
    let got = read_until(&mut client, b"|");
    assert_eq!(
        got,
        [IAC, WONT, ECHO, IAC, WILL, SGA, IAC, WILL, ECHO, IAC, WONT, SGA, IAC, WONT, ECHO, b'|']
    );
    assert!(port.quiet(Duration::from_millis(100)));
}

#[test]
fn our_close_flushes_then_closes_without_event() {
    let (port, mut client, conn) = telnet_client();
    port.write(conn, b"bye\n");
    port.send(UserCommand::Close { conn });
    let mut rest = Vec::new();
    client.read_to_end(&mut rest).unwrap();
    assert_eq!(rest, b"bye\r\n");
    assert!(
        port.quiet(Duration::from_millis(300)),
        "no event after our own close"
    );
}

#[test]
fn generic_close_also_closes_a_player_after_its_output() {
    let (port, mut client, conn) = telnet_client();
    port.write(conn, b"so long\n");
    port.net.send(Command::Close { id: conn });
    let mut rest = Vec::new();
    client.read_to_end(&mut rest).unwrap();
    assert_eq!(rest, b"so long\r\n");
    assert!(port.quiet(Duration::from_millis(300)));
}

#[test]
fn client_hang_up_gives_closed() {
    let (port, client, conn) = telnet_client();
    drop(client);
    assert!(matches!(port.next(), UserEvent::Closed { conn: c } if c == conn));
    // Commands for the gone connection are ignored.
    port.write(conn, b"anyone?");
    port.send(UserCommand::Close { conn });
    assert!(port.quiet(Duration::from_millis(100)));
}

#[test]
fn a_player_who_does_not_read_is_dropped_after_1_mib() {
    let port = open(UserPortKind::Telnet, None, None);
    let client = slow_reader(port.addr);
    let conn = port.connected();
    let chunk = vec![b'x'; 64 * 1024];
    let mut sent = 0usize;
    let closed = loop {
        assert!(sent < 256 * 1024 * 1024, "never dropped");
        port.write(conn, &chunk);
        sent += chunk.len();
        match port.rx.try_recv() {
            Ok(ferrum_net::Event::Users(UserEvent::Closed { conn: c })) => break c,
            Ok(e) => panic!("{:?}", e),
            Err(_) => {}
        }
        if sent.is_multiple_of(4 * 1024 * 1024) {
            // Let the network thread catch up with what was sent.
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    assert_eq!(closed, conn);
    drop(client);
}

#[test]
fn closing_the_listener_stops_accepting() {
    let port = open(UserPortKind::Telnet, None, None);
    let _first = TcpStream::connect(port.addr).unwrap();
    port.connected();
    port.net.send(Command::Close { id: port.listener });
    assert!(eventually(|| TcpStream::connect(port.addr).is_err()));
}

#[test]
fn bad_tls_files_fail_the_listener() {
    let dir = temp_dir("badtls");
    let tls = TlsServer {
        cert: dir.join("missing.pem"),
        key: dir.join("missing.key"),
    };
    let port = open(UserPortKind::Telnet, Some(tls), None);
    match port.next() {
        UserEvent::ListenFailed { id, error } => {
            assert_eq!(id, port.listener);
            assert!(error.contains("missing.pem"), "{}", error);
        }
        e => panic!("{:?}", e),
    }
}

#[test]
fn telnet_over_tls() {
    let (identity, cert) = tls_identity();
    let port = open(UserPortKind::Telnet, Some(identity), None);
    let tcp = TcpStream::connect(port.addr).unwrap();
    let session =
        rustls::ClientConnection::new(tls_client(cert), "localhost".try_into().unwrap()).unwrap();
    let mut client = rustls::StreamOwned::new(session, tcp);
    // The handshake runs on the first read: the greeting comes through it.
    assert_eq!(read_n(&mut client, 6), GREETING);
    let conn = port.connected();
    client.write_all(b"secret word\r\n").unwrap();
    client.flush().unwrap();
    assert_eq!(port.input(conn, 12), b"secret word\n");
    port.write(conn, b"ok\n");
    assert_eq!(read_n(&mut client, 4), b"ok\r\n");
    drop(client);
    port.closed(conn);
}
