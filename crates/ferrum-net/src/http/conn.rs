//! One HTTP connection: TLS, hyper's HTTP/1.1 state machine, and the
//! deadlines hyper does not keep (idle keep-alive, slow request heads,
//! stalled writes).

use super::protocol::HttpEvent;
use super::server::{Admitted, Site};
use super::service::{self, ConnCtx};
use super::HttpState;
use crate::protocol::{Event, NetId};
use crate::runtime::{Conn, Shared};
use crate::stream::ConnCmd;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Instant;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, Notify};

/// hyper refuses smaller read buffers.
const MIN_BUF: usize = 8192;

/// Serves one accepted connection until it ends.
#[allow(clippy::too_many_arguments)]
pub(super) async fn run(
    shared: Shared,
    state: Arc<HttpState>,
    site: Arc<Site>,
    admitted: Admitted,
    sock: TcpStream,
    peer: SocketAddr,
    conn: NetId,
    acceptor: Option<tokio_rustls::TlsAcceptor>,
) {
    let _admitted = admitted;
    match acceptor {
        None => serve(shared, state, site, sock, peer, conn).await,
        Some(acc) => {
            // A client that never finishes its handshake is dropped like a
            // slow request head.
            if let Ok(Ok(tls)) =
                tokio::time::timeout(site.limits.header_timeout, acc.accept(sock)).await
            {
                serve(shared, state, site, tls, peer, conn).await;
            }
        }
    }
}

async fn serve<S>(
    shared: Shared,
    state: Arc<HttpState>,
    site: Arc<Site>,
    stream: S,
    peer: SocketAddr,
    conn: NetId,
) where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (tx, mut control) = mpsc::unbounded_channel();
    // The registry wants a reader to abort; hyper reads, so a finished task
    // stands in. Closing goes through `control` (its sender is the entry).
    let reader = tokio::spawn(async {}).abort_handle();
    shared.register(conn, Conn::Stream { tx, reader });
    shared.send(Event::Http(HttpEvent::Connection {
        listener: site.listener,
        conn,
        peer,
    }));

    let clock = Arc::new(Clock::new());
    let limits = site.limits.clone();
    let ctx = Arc::new(ConnCtx {
        shared: shared.clone(),
        state,
        site,
        conn,
        peer,
        clock: clock.clone(),
    });
    let svc = hyper::service::service_fn(move |req| {
        let ctx = ctx.clone();
        async move { Ok::<_, Infallible>(service::answer(ctx, req).await) }
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        // hyper's header timer also runs while a kept-alive connection
        // idles; `watchdog` keeps both deadlines separately instead.
        .header_read_timeout(None)
        .keep_alive(true)
        .max_header_size(limits.max_header_bytes)
        .max_buf_size(limits.max_header_bytes.saturating_add(1024).max(MIN_BUF));
    let http = builder.serve_connection(
        TokioIo::new(Watched {
            inner: stream,
            clock: clock.clone(),
        }),
        svc,
    );
    tokio::pin!(http);
    let watchdog = watchdog(clock, limits.idle_timeout, limits.header_timeout);
    tokio::pin!(watchdog);
    let mut closing = false;
    loop {
        tokio::select! {
            _ = http.as_mut() => break,
            _ = &mut watchdog => break,
            cmd = control.recv(), if !closing => match cmd {
                // Answers go through `Respond`; raw writes have no meaning here.
                Some(ConnCmd::Write { .. }) => {}
                Some(ConnCmd::Close) | None => {
                    closing = true;
                    http.as_mut().graceful_shutdown();
                }
            },
        }
    }
    // Only ends we were not asked for are news.
    if shared.unregister(conn) {
        shared.send(Event::Http(HttpEvent::ConnectionClosed { conn }));
    }
}

/// Where a connection is in its request cycle, for the deadlines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for a request (or writing an answer): idle timeout since
    /// the last byte moved.
    Idle,
    /// Part of a request head arrived: the whole head is due within the
    /// header timeout from its first byte.
    Head,
    /// hyper handed the request over; body and answer have their own
    /// deadlines in the service.
    Service,
}

struct Times {
    phase: Phase,
    last_io: Instant,
    head_start: Instant,
}

/// A connection's request phase and I/O times, shared by its I/O, its
/// service and its watchdog.
pub(super) struct Clock {
    times: Mutex<Times>,
    changed: Notify,
}

impl Clock {
    fn new() -> Self {
        let now = Instant::now();
        Clock {
            times: Mutex::new(Times {
                phase: Phase::Idle,
                last_io: now,
                head_start: now,
            }),
            changed: Notify::new(),
        }
    }

    fn set(&self, f: impl FnOnce(&mut Times) -> bool) {
        let changed = match self.times.lock() {
            Ok(mut t) => f(&mut t),
            Err(_) => false,
        };
        if changed {
            self.changed.notify_one();
        }
    }

    fn read(&self) {
        self.set(|t| {
            t.last_io = Instant::now();
            if t.phase == Phase::Idle {
                t.phase = Phase::Head;
                t.head_start = t.last_io;
                return true;
            }
            false
        });
    }

    fn wrote(&self) {
        self.set(|t| {
            t.last_io = Instant::now();
            false
        });
    }

    /// Marks the connection busy until the returned guard is dropped.
    pub fn in_service(self: &Arc<Self>) -> InService {
        self.set(|t| {
            t.phase = Phase::Service;
            true
        });
        InService(self.clone())
    }
}

pub(super) struct InService(Arc<Clock>);

impl Drop for InService {
    fn drop(&mut self) {
        self.0.set(|t| {
            t.phase = Phase::Idle;
            t.last_io = Instant::now();
            true
        });
    }
}

/// Returns when the connection missed a deadline.
async fn watchdog(clock: Arc<Clock>, idle: std::time::Duration, header: std::time::Duration) {
    loop {
        let deadline = match clock.times.lock() {
            Ok(t) => match t.phase {
                Phase::Idle => t.last_io.checked_add(idle),
                Phase::Head => t.head_start.checked_add(header),
                Phase::Service => None,
            },
            Err(_) => return,
        };
        match deadline {
            Some(d) if d <= Instant::now() => return,
            Some(d) => {
                tokio::select! {
                    _ = tokio::time::sleep_until(tokio::time::Instant::from_std(d)) => {}
                    _ = clock.changed.notified() => {}
                }
            }
            None => clock.changed.notified().await,
        }
    }
}

/// A stream that tells its clock when bytes move.
struct Watched<S> {
    inner: S,
    clock: Arc<Clock>,
}

impl<S: AsyncRead + Unpin> AsyncRead for Watched<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(r, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.clock.read();
        }
        r
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.clock.wrote();
        }
        r
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.clock.wrote();
        }
        r
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
