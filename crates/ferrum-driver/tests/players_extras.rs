//! The interactive odds and ends over a real telnet connection
//! (tests/mudlib-extras): telnet_ga/telnet_nop, send_nullbyte, character
//! mode (query_charmode, remove_charmode, remove_get_char), set_encoding
//! transcoding both ways, query_notify_fail, set_hide with valid_hide,
//! has_*, flush_messages, resolve(), the terminal requests
//! (request_term_type, request_term_size), the out-of-band senders,
//! sys_network_ports and network_stats.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use support::Mud;

const IAC: u8 = 255;
const GA: u8 = 249;
const NOP: u8 = 241;

struct Client {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Client {
    fn connect(port: u16) -> Client {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let mut c = Client {
            stream,
            buf: Vec::new(),
        };
        c.until(b"ready\r\n");
        c
    }

    fn send(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).unwrap();
        self.stream.write_all(b"\r\n").unwrap();
    }

    /// The bytes up to and including `want` (consumed).
    fn until(&mut self, want: &[u8]) -> Vec<u8> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(at) = self.buf.windows(want.len()).position(|w| w == want) {
                return self.buf.drain(..at + want.len()).collect();
            }
            assert!(
                Instant::now() < deadline,
                "waited for {:?}; have {:?}",
                String::from_utf8_lossy(want),
                String::from_utf8_lossy(&self.buf)
            );
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => panic!("closed; have {:?}", self.buf),
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(_) => {}
            }
        }
    }

    fn line(&mut self, command: &str, want: &str) -> String {
        self.send(command.as_bytes());
        String::from_utf8_lossy(&self.until(want.as_bytes())).into_owned()
    }
}

fn boot() -> Mud {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/mudlib-extras");
    Mud::boot(&dir, "etc/config.test", 1)
}

#[test]
fn telnet_commands_and_null_bytes_reach_the_client() {
    let mud = boot();
    let mut c = Client::connect(mud.port("telnet"));
    c.send(b"ga");
    let got = c.until(b"after\r\n");
    assert!(got.ends_with(b"before\r\n\xff\xf9after\r\n"), "{:?}", got);
    c.send(b"nop");
    let got = c.until(b"nop done\r\n");
    assert_eq!(
        &got[got.len() - 12..],
        [IAC, NOP, b'n', b'o', b'p', b' ', b'd', b'o', b'n', b'e', b'\r', b'\n']
    );
    c.send(b"nul");
    let got = c.until(b"sent=1\r\n");
    assert!(got.ends_with(b"\0sent=1\r\n"), "{:?}", got);
    assert!(!got.windows(2).any(|w| w == [IAC, GA]));
    assert!(c.line("has", "\r\n").ends_with("has 00000\r\n"));
}

#[test]
fn character_mode_can_be_queried_and_dropped() {
    let mud = boot();
    let port = mud.port("telnet");
    let mut c = Client::connect(port);
    let mut other = Client::connect(port);
    c.line("key", "charmode=1\r\n");
    c.stream.write_all(b"x").unwrap();
    c.until(b"key=[x]\r\n");
    // A pending get_char() taken back: the next line is a command again.
    c.line("key", "charmode=1\r\n");
    other.line("cancel", "removed=1 charmode=0\r\n");
    other.until(b"again=-2\r\n");
    c.line("has", "has 00000\r\n");
    // Back in line mode with get_char() still pending: it gets a line.
    c.line("key", "charmode=1\r\n");
    other.line("linemode", "was=1 now=0\r\n");
    c.line("whole line", "key=[whole line]\r\n");
    other.line("cancel", "removed=-2 charmode=0\r\n");
}

#[test]
fn set_encoding_transcodes_both_ways() {
    let mud = boot();
    let mut c = Client::connect(mud.port("telnet"));
    assert!(c.line("enc", "\r\n").ends_with("set=UTF-8 query=UTF-8\r\n"));
    let got = c.line("cafe", "\r\n");
    assert!(got.as_bytes().ends_with("café\r\n".as_bytes()), "{:?}", got);
    assert!(c
        .line("enc latin1", "\r\n")
        .ends_with("set=windows-1252 query=windows-1252\r\n"));
    c.send(b"cafe");
    let got = c.until(b"\r\n");
    assert!(got.ends_with(b"caf\xe9\r\n"), "{:?}", got);
    c.send(b"same caf\xe9");
    c.until(b"decoded\r\n");
    assert!(c.line("enc", "\r\n").ends_with("set=UTF-8 query=UTF-8\r\n"));
    c.send("same café".as_bytes());
    c.until(b"decoded\r\n");
    c.line("enc klingon", "unknown encoding 'klingon'");
}

#[test]
fn notify_fail_hiding_and_resolve() {
    let mud = boot();
    let mut c = Client::connect(mud.port("telnet"));
    c.line("nf", "nf=custom failure\r\n");
    c.line("hide", "spy sees me: 0, I see me: 1\r\n");
    c.until(b"shown: 1\r\n");
    c.line("resolve", "key=1\r\n");
    let got = c.until(b"\r\n");
    let got = String::from_utf8_lossy(&got).into_owned();
    assert!(
        got.ends_with("resolved \"localhost\" \"127.0.0.1\" 1\r\n")
            || got.ends_with("resolved \"localhost\" \"::1\" 1\r\n"),
        "{:?}",
        got
    );
}

#[test]
fn a_script_waits_for_its_resolve_callbacks() {
    let dir = std::env::temp_dir().join(format!("ferrum-resolve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("lookup.c");
    std::fs::write(
        &file,
        "void done(mixed name, mixed addr, int key) { write(sprintf(\"%O %O %d\\n\", name, addr, key)); }\n\
         void main() { resolve(\"127.0.0.1\", \"done\"); resolve(\"localhost\", (: done :)); }\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ferrum"))
        .arg("run")
        .arg(&file)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{:?}", out);
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_by_key(|l| l.chars().last());
    assert_eq!(lines.len(), 2, "{:?}", text);
    assert!(
        lines[0].ends_with("\"127.0.0.1\" 1") && lines[0].starts_with('"'),
        "{:?}",
        lines
    );
    assert!(
        lines[1].starts_with("\"localhost\" ") && lines[1].ends_with(" 2"),
        "{:?}",
        lines
    );
}

const SB: u8 = 250;
const SE: u8 = 240;
const WILL: u8 = 251;
const DO: u8 = 253;
const DONT: u8 = 254;
const TTYPE: u8 = 24;
const NAWS: u8 = 31;

#[test]
fn terminal_requests_oob_senders_and_port_stats() {
    let mud = boot();
    let port = mud.port("telnet");
    let mut c = Client::connect(port);
    // The client takes TTYPE; the driver asks for the name once by itself.
    c.stream.write_all(&[IAC, WILL, TTYPE]).unwrap();
    c.until(&[IAC, SB, TTYPE, 1, IAC, SE]);
    c.stream.write_all(&[IAC, SB, TTYPE, 0, b'x', b't', IAC, SE]).unwrap();
    c.until(b"ttype=xt\r\n");
    // request_term_type() asks again and the new answer is reported.
    c.send(b"ttype");
    let got = c.until(b"asked\r\n");
    assert!(got.windows(6).any(|w| w == [IAC, SB, TTYPE, 1, IAC, SE]), "{:?}", got);
    c.stream.write_all(&[IAC, SB, TTYPE, 0, b'v', b't', IAC, SE]).unwrap();
    c.until(b"ttype=vt\r\n");
    // NAWS was asked for at connection; request_term_size(0) withdraws it
    // and request_term_size() asks again.
    c.send(b"naws 0");
    let got = c.until(b"naws asked\r\n");
    assert!(got.windows(3).any(|w| w == [IAC, DONT, NAWS]), "{:?}", got);
    c.send(b"naws");
    let got = c.until(b"naws asked\r\n");
    assert!(got.windows(3).any(|w| w == [IAC, DO, NAWS]), "{:?}", got);
    // No out-of-band protocol was agreed: nothing is sent.
    c.send(b"oob");
    let got = c.until(b"oob done\r\n");
    assert!(!got.contains(&IAC), "{:?}", got);
    let ports = c.line("ports", "  })\r\n})\r\n");
    assert!(ports.contains(&format!("1,\r\n    \"telnet\",\r\n    {},\r\n    0", port)), "{}", ports);
    let net = c.line("net", "\r\n");
    let at = net.find("in ").unwrap_or_else(|| panic!("{:?}", net));
    let (inn, out) = net[at + 3..].trim().split_once(" out ").expect("in/out");
    assert!(inn.parse::<i64>().unwrap() > 0 && out.parse::<i64>().unwrap() > 0, "{}", net);
}

#[test]
fn mudlib_stats_count_per_author_and_domain() {
    let mud = boot();
    let mut c = Client::connect(mud.port("telnet"));
    // The user and the spy are the tester's and in domain "objs"; moving
    // the user counts one move there; set_author moves it to alice.
    let got = c.line("stats", "\r\n");
    assert!(got.ends_with("stats 1 1 1 1 1 0\r\n"), "{:?}", got);
}
