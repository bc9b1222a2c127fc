//! The messages about players (interactive users) between the interpreter
//! and the network thread.

use crate::protocol::{NetId, TlsServer};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserPortKind {
    /// Telnet with option negotiation (FluffOS `telnet`).
    Telnet,
    /// HTTP port serving the browser client from `web_root`; a WebSocket upgrade becomes a player.
    WebSocket,
    /// Plain text lines, no telnet processing (FluffOS `ascii`).
    Ascii,
    /// Raw bytes, no processing at all (FluffOS `binary`).
    Binary,
}

impl UserPortKind {
    /// The name the config and `sys_network_ports()` use.
    pub fn name(self) -> &'static str {
        match self {
            UserPortKind::Telnet => "telnet",
            UserPortKind::WebSocket => "websocket",
            UserPortKind::Ascii => "ascii",
            UserPortKind::Binary => "binary",
        }
    }
}

#[derive(Debug)]
pub enum UserCommand {
    /// Accept players on a bound, listening socket (bound by the driver with crate::bind, so port 0 works).
    /// A WebSocket port without `web_root` serves a small built-in client page at `/`.
    Listen {
        id: NetId,
        listener: std::net::TcpListener,
        kind: UserPortKind,
        tls: Option<TlsServer>,
        web_root: Option<PathBuf>,
    },
    /// Output to a player. Telnet: "\n" becomes "\r\n" (a "\r\n" already there stays), 0xFF is doubled
    /// (IAC IAC). Ascii: "\n" → "\r\n". Binary: as is. WebSocket: a text frame {"out": "<text>"} (JSON;
    /// bytes that are not UTF-8 are replaced; a UTF-8 character split across two Writes is kept whole:
    /// the incomplete tail waits for the next Write).
    Write { conn: NetId, data: Vec<u8> },
    /// Echo off (`on: false`) for password input: telnet sends IAC WILL ECHO (the client stops its local
    /// echo and the server echoes nothing); `on: true` sends IAC WONT ECHO. WebSocket: {"echo": false|true}.
    /// Ascii/Binary: nothing. Only sent when the state changes.
    Echo { conn: NetId, on: bool },
    /// Character mode for get_char(): telnet `on` sends IAC WILL SGA and IAC WILL ECHO (and the driver then
    /// receives each key as it is typed), `off` sends IAC WONT SGA, IAC WONT ECHO unless echo is still off.
    /// WebSocket: {"charmode": true|false}. Only sent when the state changes.
    CharMode { conn: NetId, on: bool },
    /// A telnet command sent as is (no IAC doubling), e.g. IAC GA or IAC NOP; in order with Writes.
    /// Only telnet connections send it; others ignore it.
    Telnet { conn: NetId, bytes: Vec<u8> },
    /// Flush queued output, then close. No event follows.
    Close { conn: NetId },
    /// A TLS port's new certificate and key (already loaded, so errors
    /// were reported by the caller): new connections use it, open ones
    /// keep the one they started with.
    ReloadTls { id: NetId, config: std::sync::Arc<rustls::ServerConfig> },
}

#[derive(Debug)]
pub enum UserEvent {
    /// A new player connection on listener `listener`. `port` is the local port it came in on.
    Connected {
        listener: NetId,
        conn: NetId,
        peer: SocketAddr,
        port: u16,
        kind: UserPortKind,
    },
    /// Input, telnet commands removed. Telnet/Ascii: line ends normalised so that CR LF, CR NUL and a
    /// lone LF each become one "\n" (a lone CR followed by anything else also ends a line); bytes are
    /// otherwise passed as they arrive (the interpreter assembles lines; in char mode it takes single
    /// bytes). Binary: raw. WebSocket: each text (or binary) message is one line: its bytes + "\n"
    /// (in char mode the message's bytes alone, since each message is then a key).
    Input { conn: NetId, data: Vec<u8> },
    /// Telnet NAWS, or the WebSocket text message {"naws":[w,h]}.
    WindowSize {
        conn: NetId,
        width: u16,
        height: u16,
    },
    /// Telnet TTYPE (first name reported).
    TerminalType { conn: NetId, name: String },
    /// The player's side closed, errored or timed out. Not sent after our own Close.
    Closed { conn: NetId },
    /// The listener stopped (accept error that is not transient).
    ListenFailed { id: NetId, error: String },
}
