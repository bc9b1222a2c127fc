//! Test harness for player ports: a network thread with one player
//! listener, helpers to wait for its events, and socket helpers.
#![allow(dead_code)]

use ferrum_net::bind::{bind_tcp, listen, local_addr};
use ferrum_net::users::protocol::{UserCommand, UserEvent, UserPortKind};
use ferrum_net::{start, Command, Event, NetHandle, NetId, TlsServer};
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

pub struct Port {
    pub net: NetHandle,
    pub rx: Receiver<Event>,
    pub addr: SocketAddr,
    pub listener: NetId,
}

/// A network thread with a player listener of `kind` on a free port.
pub fn open(kind: UserPortKind, tls: Option<TlsServer>, web_root: Option<PathBuf>) -> Port {
    let (net, rx) = start();
    let sock = bind_tcp("127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = local_addr(&sock).unwrap();
    let listener = net.next_id();
    net.send(Command::Users(UserCommand::Listen {
        id: listener,
        listener: listen(sock, 64).unwrap(),
        kind,
        tls,
        web_root,
    }));
    Port {
        net,
        rx,
        addr,
        listener,
    }
}

impl Port {
    pub fn send(&self, cmd: UserCommand) {
        self.net.send(Command::Users(cmd));
    }

    pub fn write(&self, conn: NetId, data: &[u8]) {
        self.send(UserCommand::Write {
            conn,
            data: data.to_vec(),
        });
    }

    /// The next player event (any other event fails the test).
    pub fn next(&self) -> UserEvent {
        match self
            .rx
            .recv_timeout(Duration::from_secs(10))
            .expect("an event")
        {
            Event::Users(e) => e,
            other => panic!("not a player event: {:?}", other),
        }
    }

    /// Waits for a connection and returns its id.
    pub fn connected(&self) -> NetId {
        match self.next() {
            UserEvent::Connected {
                listener,
                conn,
                port,
                ..
            } => {
                assert_eq!(listener, self.listener);
                assert_eq!(port, self.addr.port());
                conn
            }
            e => panic!("expected Connected, got {:?}", e),
        }
    }

    /// Input of `conn` until `n` bytes have come (other events fail).
    pub fn input(&self, conn: NetId, n: usize) -> Vec<u8> {
        let mut got = Vec::new();
        while got.len() < n {
            match self.next() {
                UserEvent::Input { conn: c, data } if c == conn => got.extend(data),
                e => panic!(
                    "expected input, got {:?} after {:?}",
                    e,
                    String::from_utf8_lossy(&got)
                ),
            }
        }
        got
    }

    /// True when no event arrives within `wait`.
    pub fn quiet(&self, wait: Duration) -> bool {
        match self.rx.recv_timeout(wait) {
            Err(RecvTimeoutError::Timeout) => true,
            Ok(e) => {
                eprintln!("unexpected event: {:?}", e);
                false
            }
            Err(RecvTimeoutError::Disconnected) => true,
        }
    }

    /// Waits for `Closed` of `conn`, skipping input.
    pub fn closed(&self, conn: NetId) {
        loop {
            match self.next() {
                UserEvent::Closed { conn: c } if c == conn => return,
                UserEvent::Input { .. } => {}
                e => panic!("expected Closed, got {:?}", e),
            }
        }
    }
}

impl Drop for Port {
    fn drop(&mut self) {
        self.net.send(Command::Close { id: self.listener });
    }
}

/// Reads exactly `n` bytes.
pub fn read_n(s: &mut impl Read, n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    s.read_exact(&mut buf).unwrap();
    buf
}

/// Reads until the bytes read end with `end`.
pub fn read_until(s: &mut impl Read, end: &[u8]) -> Vec<u8> {
    let mut got = Vec::new();
    let mut b = [0u8; 1];
    while !got.ends_with(end) {
        let n = s.read(&mut b).unwrap();
        assert!(n > 0, "EOF before {:?}; got {:?}", end, got);
        got.push(b[0]);
    }
    got
}

/// A client socket with a small receive buffer, so that a client that does
/// not read fills up quickly.
pub fn slow_reader(addr: SocketAddr) -> std::net::TcpStream {
    let s = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    s.set_recv_buffer_size(4096).unwrap();
    s.connect(&addr.into()).unwrap();
    s.into()
}

/// A fresh temporary directory.
pub fn temp_dir(name: &str) -> PathBuf {
    static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "ferrum-users-{}-{}-{}",
        name,
        std::process::id(),
        n
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A self-signed certificate for "localhost": the server identity and the
/// certificate file (for clients to trust).
pub fn tls_identity() -> (TlsServer, PathBuf) {
    let dir = temp_dir("tls");
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let cert_path = dir.join("cert.pem");
    let key_path = dir.join("key.pem");
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.key_pair.serialize_pem()).unwrap();
    (
        TlsServer {
            cert: cert_path.clone(),
            key: key_path,
        },
        cert_path,
    )
}

/// A rustls client configuration trusting `cert`.
pub fn tls_client(cert: PathBuf) -> std::sync::Arc<rustls::ClientConfig> {
    ferrum_net::tls::client_config(&ferrum_net::TlsClient {
        verify_peer: true,
        server_name: Some("localhost".into()),
        extra_roots: Some(cert),
    })
    .unwrap()
}

/// Retries `f` until it is true or 10 s have passed.
pub fn eventually(mut f: impl FnMut() -> bool) -> bool {
    let until = Instant::now() + Duration::from_secs(10);
    while Instant::now() < until {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}
