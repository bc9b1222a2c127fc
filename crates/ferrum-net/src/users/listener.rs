//! Player listeners: accepting (riding out transient errors), socket
//! options, TLS, and handing each connection to its protocol.

use super::player::Site;
use super::protocol::{UserEvent, UserPortKind};
use super::Players;
use crate::protocol::{Event, NetId, TlsServer};
use crate::runtime::{Conn, Shared};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};

/// How long a TLS handshake may take.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(30);
/// Back-off after a transient accept error, doubling up to the maximum.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);
const MAX_ACCEPT_BACKOFF: Duration = Duration::from_secs(1);
/// TCP keepalive, so that a player whose machine vanished is noticed.
const KEEPALIVE_IDLE: Duration = Duration::from_secs(120);
const KEEPALIVE_INTERVAL: Duration = Duration::from_secs(30);

/// A TLS port's acceptor, replaceable while the port runs
/// (`sys_reload_tls`): each new connection takes the one current then.
pub(super) type TlsSlot = Arc<RwLock<Option<tokio_rustls::TlsAcceptor>>>;

/// Starts accepting players on a bound, listening socket. A TLS port's
/// acceptor slot is returned so its certificate can be replaced later.
pub(super) fn start(
    shared: &Shared,
    players: &Players,
    id: NetId,
    listener: std::net::TcpListener,
    kind: UserPortKind,
    tls: Option<TlsServer>,
    web_root: Option<PathBuf>,
) -> Option<TlsSlot> {
    let fail = |error: String| {
        shared.send(Event::Users(UserEvent::ListenFailed { id, error }));
        None
    };
    let acceptor = match tls.as_ref().map(crate::tls::server_config) {
        Some(Ok(cfg)) => Some(tokio_rustls::TlsAcceptor::from(cfg)),
        Some(Err(e)) => return fail(e),
        None => None,
    };
    let is_tls = acceptor.is_some();
    let acceptor: TlsSlot = Arc::new(RwLock::new(acceptor));
    let listener = match listener
        .set_nonblocking(true)
        .and_then(|_| TcpListener::from_std(listener))
    {
        Ok(l) => l,
        Err(e) => return fail(e.to_string()),
    };
    let site = Arc::new(Site {
        shared: shared.clone(),
        players: players.clone(),
        listener: id,
        kind,
        web_root,
        stopped: AtomicBool::new(false),
    });
    let task = tokio::spawn(accept_loop(site, listener, acceptor.clone()));
    shared.register(
        id,
        Conn::Listener {
            task: task.abort_handle(),
        },
    );
    is_tls.then_some(acceptor)
}

/// Marks the site stopped when the accept loop ends or is aborted.
struct StopOnDrop(Arc<Site>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.stopped.store(true, Ordering::Release);
    }
}

async fn accept_loop(
    site: Arc<Site>,
    listener: TcpListener,
    acceptor: TlsSlot,
) {
    let _stop = StopOnDrop(site.clone());
    let mut backoff = ACCEPT_BACKOFF;
    loop {
        match listener.accept().await {
            Ok((sock, peer)) => {
                backoff = ACCEPT_BACKOFF;
                tune(&sock);
                let acceptor = acceptor.read().map(|a| a.clone()).unwrap_or(None);
                tokio::spawn(serve(site.clone(), sock, peer, acceptor));
            }
            Err(e) if is_transient(&e) => {
                // Out of descriptors and the like: the listener is fine.
                eprintln!("ferrum-net: accept on player port {}: {}", site.listener, e);
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(MAX_ACCEPT_BACKOFF);
            }
            Err(e) => {
                if site.shared.unregister(site.listener) {
                    site.shared.send(Event::Users(UserEvent::ListenFailed {
                        id: site.listener,
                        error: e.to_string(),
                    }));
                }
                return;
            }
        }
    }
}

/// Accept errors that say something about the listening socket itself end
/// the listener; everything else (EMFILE, ENFILE, ENOBUFS, ENOMEM, a
/// connection aborted before it was taken...) passes.
fn is_transient(e: &std::io::Error) -> bool {
    !matches!(
        e.raw_os_error(),
        Some(libc::EBADF)
            | Some(libc::EINVAL)
            | Some(libc::ENOTSOCK)
            | Some(libc::EOPNOTSUPP)
            | Some(libc::EFAULT)
    )
}

fn tune(sock: &TcpStream) {
    let _ = sock.set_nodelay(true);
    let keepalive = socket2::TcpKeepalive::new()
        .with_time(KEEPALIVE_IDLE)
        .with_interval(KEEPALIVE_INTERVAL);
    let _ = socket2::SockRef::from(sock).set_tcp_keepalive(&keepalive);
}

async fn serve(
    site: Arc<Site>,
    sock: TcpStream,
    peer: SocketAddr,
    acceptor: Option<tokio_rustls::TlsAcceptor>,
) {
    let port = sock.local_addr().map(|a| a.port()).unwrap_or(0);
    match acceptor {
        None => speak(&site, sock, peer, port).await,
        Some(acc) => {
            // A client that never finishes its handshake is dropped.
            if let Ok(Ok(tls)) = tokio::time::timeout(HANDSHAKE_TIMEOUT, acc.accept(sock)).await {
                speak(&site, tls, peer, port).await;
            }
        }
    }
}

/// Runs the port's protocol on a connected (and decrypted) stream.
async fn speak<S>(site: &Arc<Site>, io: S, peer: SocketAddr, port: u16)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    match site.kind {
        UserPortKind::WebSocket => super::http::serve(site.clone(), io, peer, port).await,
        _ => super::stream_conn::run(site, io, peer, port).await,
    }
}
