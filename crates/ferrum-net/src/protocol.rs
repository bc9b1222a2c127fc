//! The messages between the interpreter thread and the network thread.
//! Everything here is plain `Send` data: no LPC values cross.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Names a connection, listener or datagram socket on both sides.
pub type NetId = u64;

/// How a byte stream is cut into messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framing {
    /// Bytes as they arrive.
    Raw,
    /// FluffOS MUD mode: each message is a 4-byte big-endian length and
    /// that many bytes.
    Mud,
}

/// A TLS server identity: PEM certificate chain and private key files.
#[derive(Clone, Debug)]
pub struct TlsServer {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// How a TLS client checks the server.
#[derive(Clone, Debug, Default)]
pub struct TlsClient {
    /// Verify the certificate chain and name (against webpki roots, plus
    /// `extra_roots` when given).
    pub verify_peer: bool,
    /// The name sent in SNI and checked in the certificate.
    pub server_name: Option<String>,
    /// Extra trusted roots (PEM), e.g. a test CA.
    pub extra_roots: Option<PathBuf>,
}

/// A request from the interpreter to the network thread.
#[derive(Debug)]
pub enum Command {
    /// Start accepting on a bound, listening TCP socket.
    Listen { id: NetId, listener: std::net::TcpListener, framing: Framing, tls: Option<TlsServer> },
    /// Start receiving on a bound UDP socket.
    Datagram { id: NetId, socket: std::net::UdpSocket },
    /// Connect to `host:port` (name or address).
    Connect { id: NetId, host: String, port: u16, framing: Framing, tls: Option<TlsClient> },
    /// Send bytes (one message, in MUD framing). With `notify`, a
    /// `Drained` event follows once everything queued so far is sent.
    Write { id: NetId, data: Vec<u8>, notify: bool },
    /// Send a datagram.
    SendTo { id: NetId, data: Vec<u8>, to: SocketAddr },
    /// Flush what is queued, then close. No event follows.
    Close { id: NetId },
    /// Run a program (no shell). `Write` feeds its stdin, `Close` kills it.
    Spawn { id: NetId, spec: ProcessSpec },
    /// Answered once every earlier command has been carried out (datagrams
    /// sent): lets the driver exit without losing them.
    Flush { done: std::sync::mpsc::Sender<()> },
    /// HTTP servers, REST servers and HTTP clients.
    Http(crate::http::protocol::HttpCommand),
    /// Player (interactive user) ports and connections.
    Users(crate::users::protocol::UserCommand),
    /// Blocking work (file or database I/O) to run on a worker thread;
    /// `JobDone` with the same id follows.
    RunJob { id: NetId, job: Job },
}

/// Blocking work for a worker thread. It carries no LPC values: only
/// what it needs (paths, bytes, a database connection) and gives back its
/// answer as plain data for the interpreter to turn into values.
pub struct Job(pub Box<dyn FnOnce() -> JobOutput + Send>);

impl Job {
    pub fn new<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Job {
        Job(Box::new(move || JobOutput(Box::new(work()))))
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Job")
    }
}

/// What a job produced; the side that sent it knows the type.
pub struct JobOutput(pub Box<dyn std::any::Any + Send>);

impl std::fmt::Debug for JobOutput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JobOutput")
    }
}

/// How to run an external program.
#[derive(Clone, Debug, Default)]
pub struct ProcessSpec {
    pub program: PathBuf,
    pub args: Vec<String>,
    /// The whole environment (nothing is inherited).
    pub env: Vec<(String, String)>,
    pub cwd: Option<PathBuf>,
    /// Drop privileges to this user/group (when running as root).
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    /// Kill the program after this long.
    pub timeout: Option<std::time::Duration>,
}

/// Which output of a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputStream {
    Stdout,
    Stderr,
}

/// Why a connection ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CloseReason {
    /// The peer closed the connection.
    PeerClosed,
    /// A network or protocol error.
    Error(String),
}

/// News from the network thread.
#[derive(Debug)]
pub enum Event {
    /// A listener accepted a connection (TLS already negotiated).
    Accepted { listener: NetId, id: NetId, peer: SocketAddr, local: SocketAddr },
    /// An outgoing connection is ready (TLS already negotiated).
    Connected { id: NetId, local: SocketAddr, peer: SocketAddr },
    /// An outgoing connection could not be made.
    ConnectFailed { id: NetId, error: String },
    /// Bytes (or one MUD message) arrived.
    Data { id: NetId, data: Vec<u8> },
    /// A datagram arrived.
    Datagram { id: NetId, data: Vec<u8>, from: SocketAddr },
    /// Everything queued up to a `notify` write has been sent.
    Drained { id: NetId },
    /// The connection ended without our `Close`.
    Closed { id: NetId, reason: CloseReason },
    /// A listener stopped (its socket failed).
    ListenerFailed { id: NetId, error: String },
    /// A program could not be started.
    SpawnFailed { id: NetId, error: String },
    /// A program wrote output.
    Output { id: NetId, data: Vec<u8>, stream: OutputStream },
    /// A program ended (after all its output was reported). `signal` is
    /// set when a signal killed it.
    Exited { id: NetId, code: Option<i32>, signal: Option<i32> },
    /// HTTP servers, REST servers and HTTP clients.
    Http(crate::http::protocol::HttpEvent),
    /// Player (interactive user) ports and connections.
    Users(crate::users::protocol::UserEvent),
    /// A `RunJob` finished: its output, or the message of its panic.
    JobDone { id: NetId, output: Result<JobOutput, String> },
}
