//! A small telnet client for the player tests: it records the option
//! commands the driver sends and hands back the text with them removed.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

pub const IAC: u8 = 255;
pub const WILL: u8 = 251;
pub const WONT: u8 = 252;
pub const DO: u8 = 253;
pub const ECHO: u8 = 1;
pub const SGA: u8 = 3;

pub struct Telnet {
    stream: TcpStream,
    /// Text received and not yet consumed by `expect`.
    text: String,
    /// Every IAC command seen, as (verb, option) or (SB, first byte).
    pub commands: Vec<(u8, u8)>,
    pending: Vec<u8>,
}

impl Telnet {
    pub fn connect(port: u16) -> Telnet {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        Telnet {
            stream,
            text: String::new(),
            commands: Vec::new(),
            pending: Vec::new(),
        }
    }

    pub fn send_line(&mut self, line: &str) {
        self.stream
            .write_all(format!("{}\r\n", line).as_bytes())
            .expect("send");
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).expect("send");
    }

    /// Reads what is available (up to 100 ms); false once the driver closed.
    fn pump(&mut self) -> bool {
        let mut buf = [0u8; 4096];
        match self.stream.read(&mut buf) {
            Ok(0) => return false,
            Ok(n) => self.pending.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return false,
        }
        self.decode();
        true
    }

    fn decode(&mut self) {
        let mut out = Vec::new();
        let mut i = 0;
        let b = &self.pending;
        while i < b.len() {
            if b[i] != IAC {
                out.push(b[i]);
                i += 1;
                continue;
            }
            let Some(&verb) = b.get(i + 1) else { break };
            match verb {
                IAC => {
                    out.push(IAC);
                    i += 2;
                }
                WILL | WONT | DO | 254 => {
                    let Some(&opt) = b.get(i + 2) else { break };
                    self.commands.push((verb, opt));
                    i += 3;
                }
                250 => {
                    // SB ... IAC SE
                    let Some(end) = b[i..].windows(2).position(|w| w == [IAC, 240]) else {
                        break;
                    };
                    self.commands.push((250, *b.get(i + 2).unwrap_or(&0)));
                    i += end + 2;
                }
                _ => i += 2,
            }
        }
        self.pending.drain(..i);
        self.text.push_str(&String::from_utf8_lossy(&out));
    }

    /// Waits until `want` has arrived; returns everything up to and
    /// including it (and forgets that much).
    pub fn expect(&mut self, want: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(at) = self.text.find(want) {
                let end = at + want.len();
                let got = self.text[..end].to_string();
                self.text.drain(..end);
                return got;
            }
            let open = self.pump();
            assert!(
                open && Instant::now() < deadline,
                "waited for {:?}; have {:?} (open: {})",
                want,
                self.text,
                open
            );
        }
    }

    /// Waits for the driver to close the connection; the text before.
    pub fn expect_closed(&mut self) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.pump() {
            assert!(
                Instant::now() < deadline,
                "still open; have {:?}",
                self.text
            );
        }
        std::mem::take(&mut self.text)
    }

    /// Whether the driver sent IAC `verb` `opt`, waiting up to 2 s for it
    /// (and forgets the record).
    pub fn saw(&mut self, verb: u8, opt: u8) -> bool {
        let deadline = Instant::now() + Duration::from_secs(2);
        while !self.commands.contains(&(verb, opt)) && Instant::now() < deadline {
            if !self.pump() {
                break;
            }
        }
        match self.commands.iter().position(|c| *c == (verb, opt)) {
            Some(i) => {
                self.commands.remove(i);
                true
            }
            None => false,
        }
    }
}
