//! The network thread: a tokio runtime, the registry of live sockets, and
//! the dispatcher that carries out the interpreter's commands.

use crate::protocol::{Command, Event, Framing, NetId, TlsClient, TlsServer};
use crate::stream::{self, ConnCmd};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc as std_mpsc, Arc, Mutex};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio::sync::mpsc;
use tokio::task::AbortHandle;

/// How long an outgoing TCP connect may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a TLS handshake may take.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(30);

pub(crate) enum Conn {
    Stream { tx: mpsc::UnboundedSender<ConnCmd>, reader: AbortHandle },
    Datagram { socket: Arc<UdpSocket>, task: AbortHandle },
    Listener { task: AbortHandle },
}

struct Inner {
    conns: Mutex<HashMap<NetId, Conn>>,
    events: Mutex<std_mpsc::Sender<Event>>,
    next_id: Arc<AtomicU64>,
}

/// What every network task shares.
#[derive(Clone)]
pub(crate) struct Shared(Arc<Inner>);

impl Shared {
    pub fn send(&self, e: Event) {
        let _ = self.0.events.lock().expect("events").send(e);
    }

    pub fn register(&self, id: NetId, c: Conn) {
        self.0.conns.lock().expect("conns").insert(id, c);
    }

    /// Forgets a socket; true when it was still known (so its end was
    /// not asked for).
    pub fn unregister(&self, id: NetId) -> bool {
        self.0.conns.lock().expect("conns").remove(&id).is_some()
    }

    pub fn next_id(&self) -> NetId {
        self.0.next_id.fetch_add(1, Ordering::Relaxed)
    }
}

/// The interpreter's handle on the network thread.
#[derive(Clone)]
pub struct NetHandle {
    tx: mpsc::UnboundedSender<Command>,
    next_id: Arc<AtomicU64>,
}

impl NetHandle {
    pub fn send(&self, cmd: Command) {
        let _ = self.tx.send(cmd);
    }

    /// A fresh id for a socket about to be handed over.
    pub fn next_id(&self) -> NetId {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }
}

/// Starts the network thread. Events arrive on the returned receiver.
pub fn start() -> (NetHandle, std_mpsc::Receiver<Event>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let (ev_tx, ev_rx) = std_mpsc::channel();
    let next_id = Arc::new(AtomicU64::new(1));
    let shared = Shared(Arc::new(Inner {
        conns: Mutex::new(HashMap::new()),
        events: Mutex::new(ev_tx),
        next_id: next_id.clone(),
    }));
    std::thread::Builder::new()
        .name("ferrum-net".into())
        .spawn(move || {
            // One thread does all network work: with the interpreter on the
            // other core, this avoids cross-thread wake-ups on every event.
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
            rt.block_on(dispatch(shared, rx));
        })
        .expect("network thread");
    (NetHandle { tx, next_id }, ev_rx)
}

async fn dispatch(shared: Shared, mut rx: mpsc::UnboundedReceiver<Command>) {
    let http = crate::http::Http::new(shared.clone());
    let users = crate::users::Users::new(shared.clone());
    while let Some(cmd) = rx.recv().await {
        match cmd {
            Command::Listen { id, listener, framing, tls } => listen(&shared, id, listener, framing, tls),
            Command::Datagram { id, socket } => datagram(&shared, id, socket),
            Command::Connect { id, host, port, framing, tls } => {
                tokio::spawn(connect(shared.clone(), id, host, port, framing, tls));
            }
            Command::Write { id, data, notify } => {
                if let Some(Conn::Stream { tx, .. }) = shared.0.conns.lock().expect("conns").get(&id) {
                    let _ = tx.send(ConnCmd::Write { data, notify });
                }
            }
            Command::SendTo { id, data, to } => {
                let socket = match shared.0.conns.lock().expect("conns").get(&id) {
                    Some(Conn::Datagram { socket, .. }) => Some(socket.clone()),
                    _ => None,
                };
                if let Some(socket) = socket {
                    // Datagrams go out now, in order; only a full send
                    // buffer defers one to a task.
                    if let Err(e) = socket.try_send_to(&data, to) {
                        if e.kind() == std::io::ErrorKind::WouldBlock {
                            tokio::spawn(async move {
                                let _ = socket.send_to(&data, to).await;
                            });
                        }
                    }
                }
            }
            Command::Spawn { id, spec } => crate::process::spawn(shared.clone(), id, spec),
            Command::Http(cmd) => http.handle(cmd),
            Command::Users(cmd) => users.handle(cmd),
            Command::RunJob { id, job } => run_job(&shared, id, job),
            Command::Flush { done } => {
                let _ = done.send(());
            }
            Command::Close { id } => {
                let conn = shared.0.conns.lock().expect("conns").remove(&id);
                match conn {
                    Some(Conn::Stream { tx, reader }) => {
                        reader.abort();
                        let _ = tx.send(ConnCmd::Close);
                    }
                    Some(Conn::Datagram { task, .. }) | Some(Conn::Listener { task }) => task.abort(),
                    None => {}
                }
            }
        }
    }
}

/// Runs blocking work on tokio's blocking pool, so neither this thread
/// nor the interpreter waits for it. A panic becomes an error answer: the
/// interpreter always hears back.
fn run_job(shared: &Shared, id: NetId, job: crate::protocol::Job) {
    let s = shared.clone();
    tokio::task::spawn_blocking(move || {
        let output = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job.0)).map_err(|panic| {
            panic
                .downcast_ref::<&str>()
                .map(|m| m.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "job panicked".to_string())
        });
        s.send(Event::JobDone { id, output });
    });
}

fn listen(shared: &Shared, id: NetId, listener: std::net::TcpListener, framing: Framing, tls: Option<TlsServer>) {
    let acceptor = match tls.as_ref().map(crate::tls::server_config) {
        Some(Ok(cfg)) => Some(tokio_rustls::TlsAcceptor::from(cfg)),
        Some(Err(e)) => {
            shared.send(Event::ListenerFailed { id, error: e });
            return;
        }
        None => None,
    };
    let listener = match listener.set_nonblocking(true).and_then(|_| TcpListener::from_std(listener)) {
        Ok(l) => l,
        Err(e) => {
            shared.send(Event::ListenerFailed { id, error: e.to_string() });
            return;
        }
    };
    let s = shared.clone();
    let task = tokio::spawn(async move {
        loop {
            let (sock, peer) = match listener.accept().await {
                Ok(x) => x,
                Err(e) => {
                    // Out of descriptors and the like: back off, go on.
                    eprintln!("ferrum-net: accept on listener {}: {}", id, e);
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let _ = sock.set_nodelay(true);
            let local = sock.local_addr().unwrap_or(peer);
            let conn = s.next_id();
            let first = Event::Accepted { listener: id, id: conn, peer, local };
            match &acceptor {
                None => stream::spawn(s.clone(), conn, sock, framing, first),
                Some(acc) => {
                    let acc = acc.clone();
                    let s2 = s.clone();
                    tokio::spawn(async move {
                        // A client that never finishes the handshake is dropped.
                        if let Ok(Ok(tls)) = tokio::time::timeout(HANDSHAKE_TIMEOUT, acc.accept(sock)).await {
                            stream::spawn(s2, conn, tls, framing, first);
                        }
                    });
                }
            }
        }
    });
    shared.register(id, Conn::Listener { task: task.abort_handle() });
}

fn datagram(shared: &Shared, id: NetId, socket: std::net::UdpSocket) {
    let socket = match socket.set_nonblocking(true).and_then(|_| UdpSocket::from_std(socket)) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            shared.send(Event::ListenerFailed { id, error: e.to_string() });
            return;
        }
    };
    let s = shared.clone();
    let rx_socket = socket.clone();
    let task = tokio::spawn(async move {
        let mut buf = vec![0u8; 65536];
        loop {
            match rx_socket.recv_from(&mut buf).await {
                Ok((n, from)) => s.send(Event::Datagram { id, data: buf[..n].to_vec(), from }),
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            }
        }
    });
    shared.register(id, Conn::Datagram { socket, task: task.abort_handle() });
}

async fn connect(shared: Shared, id: NetId, host: String, port: u16, framing: Framing, tls: Option<TlsClient>) {
    let fail = |error: String| shared.send(Event::ConnectFailed { id, error });
    let sock = match tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect((host.as_str(), port))).await {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => return fail(e.to_string()),
        Err(_) => return fail("connection timed out".into()),
    };
    let _ = sock.set_nodelay(true);
    let local = sock.local_addr().unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)));
    let peer = sock.peer_addr().unwrap_or(local);
    let first = Event::Connected { id, local, peer };
    match tls {
        None => stream::spawn(shared.clone(), id, sock, framing, first),
        Some(t) => {
            let cfg = match crate::tls::client_config(&t) {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            let name = match crate::tls::server_name(&t, &host) {
                Ok(n) => n,
                Err(e) => return fail(e),
            };
            let connector = tokio_rustls::TlsConnector::from(cfg);
            match tokio::time::timeout(HANDSHAKE_TIMEOUT, connector.connect(name, sock)).await {
                Ok(Ok(s)) => stream::spawn(shared.clone(), id, s, framing, first),
                Ok(Err(e)) => fail(format!("TLS handshake failed: {}", e)),
                Err(_) => fail("TLS handshake timed out".into()),
            }
        }
    }
}
