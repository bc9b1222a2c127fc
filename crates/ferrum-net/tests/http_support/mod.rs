//! Test harness for the HTTP tests: a thread that plays the interpreter
//! (answers `Request` events with a handler) and logs every HTTP event,
//! plus a small raw HTTP/1.1 client.
#![allow(dead_code)]

use ferrum_net::bind::{bind_tcp, listen, local_addr};
use ferrum_net::http::protocol::*;
use ferrum_net::{start, Command, Event, NetHandle, NetId, TlsClient, TlsServer};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::Duration;

/// What the fake interpreter saw.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Seen {
    Connection(NetId),
    Request {
        conn: NetId,
        request: NetId,
        data: HttpRequest,
    },
    Closed(NetId),
    Response(NetId, ClientResponse),
    ListenFailed(String),
    Other(String),
}

pub type Handler = Box<dyn Fn(&HttpRequest) -> Option<HttpResponse> + Send>;

pub struct Server {
    pub net: NetHandle,
    pub addr: SocketAddr,
    pub listener: NetId,
    pub log: Receiver<Seen>,
}

/// Limits small enough for tests to hit quickly.
pub fn config() -> HttpServerConfig {
    HttpServerConfig {
        limits: HttpLimits {
            max_header_bytes: 8 * 1024,
            max_body_bytes: 64 * 1024,
            header_timeout: Duration::from_secs(5),
            body_timeout: Duration::from_secs(5),
            idle_timeout: Duration::from_secs(10),
            response_timeout: Duration::from_secs(5),
            max_connections: 100,
        },
        tls: None,
        rest: None,
        server_name: "FerrumTest/1.0".into(),
    }
}

pub fn ok(body: &str) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![("content-type".into(), "text/plain".into())],
        body: body.as_bytes().to_vec(),
    }
}

/// Starts a network thread with an HTTP listener whose requests `handler`
/// answers (None: no answer).
pub fn serve(
    config: HttpServerConfig,
    handler: impl Fn(&HttpRequest) -> Option<HttpResponse> + Send + 'static,
) -> Server {
    let (net, rx) = start();
    let sock = bind_tcp("127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = local_addr(&sock).unwrap();
    let listener = net.next_id();
    net.send(Command::Http(HttpCommand::Listen {
        id: listener,
        listener: listen(sock, 128).unwrap(),
        config,
    }));
    let (log_tx, log) = channel();
    let answer_net = net.clone();
    let handler: Handler = Box::new(handler);
    std::thread::spawn(move || {
        for e in rx {
            let seen = match e {
                Event::Http(HttpEvent::Connection { conn, .. }) => Seen::Connection(conn),
                Event::Http(HttpEvent::Request {
                    conn,
                    request,
                    data,
                    ..
                }) => {
                    if let Some(response) = handler(&data) {
                        answer_net.send(Command::Http(HttpCommand::Respond { request, response }));
                    }
                    Seen::Request {
                        conn,
                        request,
                        data,
                    }
                }
                Event::Http(HttpEvent::ConnectionClosed { conn }) => Seen::Closed(conn),
                Event::Http(HttpEvent::Response { id, response }) => Seen::Response(id, response),
                Event::Http(HttpEvent::ListenFailed { error, .. }) => Seen::ListenFailed(error),
                other => Seen::Other(format!("{:?}", other)),
            };
            if log_tx.send(seen).is_err() {
                return;
            }
        }
    });
    Server {
        net,
        addr,
        listener,
        log,
    }
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// The next logged event.
    pub fn next(&self) -> Seen {
        self.log
            .recv_timeout(Duration::from_secs(10))
            .expect("an event")
    }

    /// The next event that is not a connection opening or closing.
    pub fn next_request(&self) -> (NetId, HttpRequest) {
        loop {
            match self.next() {
                Seen::Connection(_) | Seen::Closed(_) => {}
                Seen::Request { conn, data, .. } => return (conn, data),
                e => panic!("expected a request, got {:?}", e),
            }
        }
    }

    /// Every event logged within `wait`.
    pub fn drain(&self, wait: Duration) -> Vec<Seen> {
        let mut out = Vec::new();
        let until = std::time::Instant::now() + wait;
        loop {
            let left = until.saturating_duration_since(std::time::Instant::now());
            match self.log.recv_timeout(left) {
                Ok(s) => out.push(s),
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => return out,
            }
        }
    }

    /// Sends a client request on `id` and waits for its response.
    pub fn fetch(&self, id: NetId, request: ClientRequest) -> ClientResponse {
        self.fetch_seen(id, request).0
    }

    /// `fetch`, also returning the other events logged meanwhile.
    pub fn fetch_seen(&self, id: NetId, request: ClientRequest) -> (ClientResponse, Vec<Seen>) {
        self.net
            .send(Command::Http(HttpCommand::Request { id, request }));
        let mut seen = Vec::new();
        loop {
            match self
                .log
                .recv_timeout(Duration::from_secs(20))
                .expect("a response")
            {
                Seen::Response(rid, r) if rid == id => return (r, seen),
                other => seen.push(other),
            }
        }
    }
}

pub fn no_requests(seen: &[Seen]) -> bool {
    !seen.iter().any(|s| matches!(s, Seen::Request { .. }))
}

pub fn client_request(method: &str, url: &str) -> ClientRequest {
    ClientRequest {
        method: method.into(),
        url: url.into(),
        headers: Vec::new(),
        body: Vec::new(),
        timeout: Duration::from_secs(10),
        connect_timeout: Duration::from_secs(5),
        read_timeout: Duration::from_secs(5),
        user_agent: None,
        follow_redirects: false,
        max_redirects: 5,
        tls: TlsClient::default(),
        https_only: false,
    }
}

/// A self-signed certificate for "localhost" (PEM files in a fresh dir).
pub fn tls_files(tag: &str) -> (TlsServer, PathBuf) {
    let dir = std::env::temp_dir().join(format!("ferrum-http-{}-{}", tag, std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
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

/// A parsed HTTP/1.1 response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

pub fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s
}

/// Reads one response head (up to and including the blank line).
pub fn read_head(s: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match s.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return None,
        }
    }
    Some(String::from_utf8_lossy(&head).into_owned())
}

/// Reads one response; `head_request` when it answers HEAD (no body).
pub fn read_reply(s: &mut TcpStream, head_request: bool) -> Option<Reply> {
    let head = read_head(s)?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter(|l| !l.is_empty())
        .filter_map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        })
        .collect();
    let mut reply = Reply {
        status,
        head: head.clone(),
        headers,
        body: Vec::new(),
    };
    if !head_request {
        let len: usize = reply
            .header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0u8; len];
        s.read_exact(&mut body).ok()?;
        reply.body = body;
    }
    Some(reply)
}

/// Sends raw bytes on a fresh connection and reads one response.
pub fn exchange(addr: SocketAddr, raw: &[u8]) -> Option<Reply> {
    let mut s = connect(addr);
    s.write_all(raw).unwrap();
    read_reply(&mut s, false)
}

/// True when the server closes `s` (EOF or reset) within `wait`.
pub fn closed_within(s: &mut TcpStream, wait: Duration) -> bool {
    s.set_read_timeout(Some(wait)).unwrap();
    let mut buf = [0u8; 1024];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut =>
            {
                return false
            }
            Err(_) => return true,
        }
    }
}

pub fn curl_available() -> bool {
    std::process::Command::new("curl")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}
