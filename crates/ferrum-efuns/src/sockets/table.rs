//! The socket table: LPC descriptors and what the driver knows of each.

use super::constants::*;
use super::options::OptionValues;
use ferrum_net::NetId;
use ferrum_vm::{ObjectRef, Value};
use std::collections::VecDeque;
use std::net::SocketAddr;

/// Bytes in flight past which a write answers EECALLBACK (FluffOS sets
/// 256 KiB socket buffers).
pub const HIGH_WATER: usize = 256 * 1024;

/// Every this many bytes a write asks the network thread to confirm it
/// was sent, so the bytes in flight are known without an event per write.
pub const ACK_EVERY: usize = 64 * 1024;

/// A bound socket not yet handed to the network thread.
pub enum Bound {
    Tcp(socket2::Socket),
}

/// What an HTTP-family socket is.
pub enum HttpRole {
    /// An HTTP/REST listener. `handlers[i]` answers REST route i.
    Listener { handlers: Vec<Value> },
    /// One client connection of a listener; `pending` is the request
    /// waiting for an answer (and its mapping, for error handlers).
    Connection { listener: usize, pending: Option<(NetId, Value)> },
    /// An HTTP/REST client.
    Client,
}

/// A connection a listener accepted, waiting for `socket_accept`.
pub struct PendingAccept {
    pub id: NetId,
    pub peer: SocketAddr,
    pub local: SocketAddr,
}

pub struct Socket {
    /// The mode socket_create was given.
    pub mode: i64,
    pub state: State,
    pub owner: ObjectRef,
    pub read_cb: Value,
    pub write_cb: Value,
    pub close_cb: Value,
    /// The network thread's id once it carries the socket.
    pub net: Option<NetId>,
    pub bound: Option<Bound>,
    pub local: Option<SocketAddr>,
    pub remote: Option<SocketAddr>,
    /// A connect is in progress or an EECALLBACK write is draining:
    /// further writes answer EEALREADY.
    pub blocked: bool,
    /// Bytes written and not yet confirmed sent.
    pub in_flight_bytes: usize,
    /// Bytes written since the last write that asked for confirmation.
    pub unconfirmed: usize,
    /// For each write awaiting confirmation, the bytes it confirms.
    pub confirms: VecDeque<usize>,
    /// During socket_release: the object offered the socket.
    pub release_to: Option<ObjectRef>,
    pub options: OptionValues,
    /// The tail of a UTF-8 sequence split across reads (text modes).
    pub utf8_carry: Vec<u8>,
    /// Accepted connections waiting for socket_accept (listeners).
    pub pending: VecDeque<PendingAccept>,
    /// TLS handshake done on accept: tell the owner once accepted.
    pub announce_on_accept: bool,
    /// Server modes: called for each new connection.
    pub listen_cb: Value,
    pub http: Option<HttpRole>,
}

impl Socket {
    /// Counts a write; true when it should ask for confirmation.
    pub fn count_write(&mut self, len: usize, force: bool) -> bool {
        self.in_flight_bytes += len;
        self.unconfirmed += len;
        if force || self.unconfirmed >= ACK_EVERY {
            self.confirms.push_back(self.unconfirmed);
            self.unconfirmed = 0;
            true
        } else {
            false
        }
    }

    /// The network thread confirmed the oldest confirming write.
    pub fn confirmed(&mut self) {
        if let Some(n) = self.confirms.pop_front() {
            self.in_flight_bytes -= n;
        }
    }

    pub fn new(mode: i64, owner: ObjectRef, read_cb: Value, close_cb: Value) -> Socket {
        Socket {
            mode,
            state: State::Unbound,
            owner,
            read_cb,
            write_cb: Value::Int(0),
            close_cb,
            net: None,
            bound: None,
            local: None,
            remote: None,
            blocked: false,
            in_flight_bytes: 0,
            unconfirmed: 0,
            confirms: VecDeque::new(),
            release_to: None,
            options: OptionValues::default(),
            utf8_carry: Vec::new(),
            pending: VecDeque::new(),
            announce_on_accept: false,
            listen_cb: Value::Int(0),
            http: None,
        }
    }

    pub fn is_datagram(&self) -> bool {
        matches!(self.mode, DATAGRAM | DATAGRAM_BINARY)
    }

    /// Whether reads arrive as buffers.
    pub fn is_binary(&self) -> bool {
        matches!(self.mode, STREAM_BINARY | DATAGRAM_BINARY | STREAM_TLS_BINARY)
    }

    pub fn is_tls(&self) -> bool {
        matches!(self.mode, STREAM_TLS | STREAM_TLS_BINARY)
    }
}

#[derive(Default)]
pub struct SocketTable {
    /// Index = descriptor. None = CLOSED and free.
    pub slots: Vec<Option<Socket>>,
    /// Write callbacks to run on the next turn of the event loop
    /// (client sockets that became ready without a network event).
    pub deferred_writes: Vec<usize>,
}

impl SocketTable {
    /// The lowest free descriptor (reused at once, as FluffOS does).
    pub fn insert(&mut self, s: Socket) -> usize {
        match self.slots.iter().position(|x| x.is_none()) {
            Some(i) => {
                self.slots[i] = Some(s);
                i
            }
            None => {
                self.slots.push(Some(s));
                self.slots.len() - 1
            }
        }
    }

    pub fn get(&self, fd: i64) -> Option<&Socket> {
        usize::try_from(fd).ok().and_then(|i| self.slots.get(i)).and_then(|s| s.as_ref())
    }

    pub fn get_mut(&mut self, fd: i64) -> Option<&mut Socket> {
        usize::try_from(fd).ok().and_then(|i| self.slots.get_mut(i)).and_then(|s| s.as_mut())
    }

    pub fn in_range(&self, fd: i64) -> bool {
        fd >= 0 && (fd as usize) < self.slots.len()
    }

    pub fn remove(&mut self, fd: usize) -> Option<Socket> {
        self.slots.get_mut(fd).and_then(|s| s.take())
    }

    /// Descriptors owned by an object.
    pub fn owned_by(&self, ob: &ObjectRef) -> Vec<usize> {
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.as_ref().is_some_and(|s| &s.owner == ob))
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether any socket is open (keeps a script's event loop alive).
    pub fn any_open(&self) -> bool {
        self.slots.iter().any(|s| s.as_ref().is_some_and(|s| s.net.is_some() || s.bound.is_some()))
    }
}
