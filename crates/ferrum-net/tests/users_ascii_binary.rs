//! Ascii and binary player ports over real loopback sockets.

mod users_support;

use ferrum_net::users::protocol::{UserCommand, UserEvent, UserPortKind};
use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;
use users_support::*;

#[test]
fn ascii_normalises_lines_but_leaves_telnet_bytes_alone() {
    let port = open(UserPortKind::Ascii, None, None);
    let mut client = TcpStream::connect(port.addr).unwrap();
    let conn = match port.next() {
        UserEvent::Connected { conn, kind, .. } => {
            assert_eq!(kind, UserPortKind::Ascii);
            conn
        }
        e => panic!("{:?}", e),
    };
    client.write_all(b"a\r\nb\xff\xfd\x01\r\0c\n").unwrap();
    assert_eq!(port.input(conn, 9), b"a\nb\xff\xfd\x01\nc\n");
    // No negotiation: echo and char mode say nothing; the first bytes the
    // client sees are our output.
    port.send(UserCommand::Echo { conn, on: false });
    port.send(UserCommand::CharMode { conn, on: true });
    port.write(conn, b"x\ny\xff\r\n");
    assert_eq!(read_n(&mut client, 7), b"x\r\ny\xff\r\n");
    drop(client);
    port.closed(conn);
}

#[test]
fn binary_passes_bytes_untouched_both_ways() {
    let port = open(UserPortKind::Binary, None, None);
    let mut client = TcpStream::connect(port.addr).unwrap();
    let conn = port.connected();
    let all: Vec<u8> = (0..=255u8).collect();
    client.write_all(&all).unwrap();
    assert_eq!(port.input(conn, 256), all);
    port.send(UserCommand::Echo { conn, on: false });
    port.write(conn, b"\n\xff\r");
    assert_eq!(read_n(&mut client, 3), b"\n\xff\r");
    port.send(UserCommand::Close { conn });
    let mut rest = Vec::new();
    std::io::Read::read_to_end(&mut client, &mut rest).unwrap();
    assert!(rest.is_empty());
    assert!(port.quiet(Duration::from_millis(200)));
}
