//! HTTP listeners: accepting, the connection cap, handing connections over.

use super::protocol::{HttpEvent, HttpLimits, HttpServerConfig};
use super::rest_hook::RestSlot;
use super::HttpState;
use crate::protocol::{Event, NetId};
use crate::runtime::{Conn, Shared};
use hyper::header::HeaderValue;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// What every connection of one listener shares.
pub(super) struct Site {
    pub listener: NetId,
    pub limits: HttpLimits,
    /// The `Server` header (None when no name is configured).
    pub server_name: Option<HeaderValue>,
    pub rest: Arc<RestSlot>,
    /// Connections open right now (for the cap).
    live: AtomicUsize,
}

/// Starts serving HTTP on a bound, listening socket.
pub(super) fn listen(
    shared: &Shared,
    state: &Arc<HttpState>,
    id: NetId,
    listener: std::net::TcpListener,
    config: HttpServerConfig,
) {
    let fail = |error: String| shared.send(Event::Http(HttpEvent::ListenFailed { id, error }));
    let acceptor = match config.tls.as_ref().map(crate::tls::server_config) {
        Some(Ok(cfg)) => Some(tokio_rustls::TlsAcceptor::from(cfg)),
        Some(Err(e)) => return fail(e),
        None => None,
    };
    let listener = match listener
        .set_nonblocking(true)
        .and_then(|_| TcpListener::from_std(listener))
    {
        Ok(l) => l,
        Err(e) => return fail(e.to_string()),
    };
    let rest = match RestSlot::new(config.rest) {
        Ok(slot) => Arc::new(slot),
        Err(e) => return fail(format!("bad REST configuration: {}", e)),
    };
    state
        .listeners
        .lock()
        .expect("listeners")
        .insert(id, rest.clone());
    let site = Arc::new(Site {
        listener: id,
        limits: config.limits,
        server_name: Some(config.server_name)
            .filter(|n| !n.is_empty())
            .and_then(|n| HeaderValue::from_str(&n).ok()),
        rest,
        live: AtomicUsize::new(0),
    });
    let task = tokio::spawn(accept_loop(
        shared.clone(),
        state.clone(),
        site,
        listener,
        acceptor,
    ));
    shared.register(
        id,
        Conn::Listener {
            task: task.abort_handle(),
        },
    );
}

/// Forgets a listener's REST slot when its accept loop ends (or is aborted).
struct ListenerGone {
    state: Arc<HttpState>,
    id: NetId,
}

impl Drop for ListenerGone {
    fn drop(&mut self) {
        if let Ok(mut l) = self.state.listeners.lock() {
            l.remove(&self.id);
        }
    }
}

/// Counts a connection against the cap while it lives.
pub(super) struct Admitted(Arc<Site>);

impl Drop for Admitted {
    fn drop(&mut self) {
        self.0.live.fetch_sub(1, Ordering::Relaxed);
    }
}

async fn accept_loop(
    shared: Shared,
    state: Arc<HttpState>,
    site: Arc<Site>,
    listener: TcpListener,
    acceptor: Option<tokio_rustls::TlsAcceptor>,
) {
    let _gone = ListenerGone {
        state: state.clone(),
        id: site.listener,
    };
    loop {
        let (sock, peer) = match listener.accept().await {
            Ok(x) => x,
            Err(e) => {
                // Out of descriptors and the like: back off, go on.
                eprintln!(
                    "ferrum-net: accept on HTTP listener {}: {}",
                    site.listener, e
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = sock.set_nodelay(true);
        if site.live.load(Ordering::Relaxed) >= site.limits.max_connections {
            refuse(sock, acceptor.is_none());
            continue;
        }
        site.live.fetch_add(1, Ordering::Relaxed);
        let admitted = Admitted(site.clone());
        let conn = shared.next_id();
        tokio::spawn(super::conn::run(
            shared.clone(),
            state.clone(),
            site.clone(),
            admitted,
            sock,
            peer,
            conn,
            acceptor.clone(),
        ));
    }
}

/// Over the cap: a plain-HTTP client is told 503 (if its socket takes it
/// right away), a TLS client is just closed (a handshake costs too much).
fn refuse(sock: tokio::net::TcpStream, plain: bool) {
    if plain {
        let _ = sock.try_write(
            b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        );
    }
    drop(sock);
}
