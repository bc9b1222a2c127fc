//! # ferrum-net
//!
//! The network layer. It runs on its own thread with a tokio runtime and
//! talks to the interpreter only through channels of plain data
//! (`protocol::Command` in, `protocol::Event` out), so the LPC thread never
//! blocks on the network and no LPC value ever crosses threads. It also
//! runs the driver's other blocking work (async file and database I/O) as
//! jobs on tokio's blocking pool, answered like network events.
//!
//! Sockets are bound on the interpreter thread (binding is instant and its
//! errors must reach LPC synchronously, as FluffOS reports them) with
//! `bind`; the bound socket is then handed over with a command.

pub mod bind;
pub mod http;
mod process;
pub mod protocol;
pub mod rest;
mod runtime;
mod stream;
pub mod tls;
pub mod users;

pub use protocol::{
    CloseReason, Command, Event, Framing, Job, JobOutput, NetId, OutputStream, ProcessSpec, TlsClient, TlsServer,
};
pub use runtime::{start, NetHandle};
pub use stream::MAX_MUD_MESSAGE;
