//! The HTTP side of a WebSocket player port (hyper, HTTP/1.1): files for
//! the browser client, and WebSocket upgrades that become players.

use super::player::Site;
use super::web_files;
use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{HeaderValue, ALLOW, CONNECTION, UPGRADE};
use hyper::server::conn::http1;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};

/// A request head must arrive within this (also the keep-alive idle time).
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// An HTTP connection that has not become a WebSocket ends after this.
const HTTP_LIFETIME: Duration = Duration::from_secs(60);
/// Read buffer, which bounds a request head.
const MAX_HEAD: usize = 16 * 1024;
/// Largest message a player may send; over it the connection is closed
/// with 1009. yawc's limits are exclusive, hence the + 1.
pub(super) const MAX_MESSAGE: usize = 64 * 1024;

/// Serves one connection: files until it upgrades, then a player.
pub(super) async fn serve<S>(site: Arc<Site>, io: S, peer: SocketAddr, port: u16)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let svc = hyper::service::service_fn(move |req| {
        let site = site.clone();
        async move { Ok::<_, Infallible>(answer(site, req, peer, port).await) }
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_buf_size(MAX_HEAD);
    let conn = builder
        .serve_connection(TokioIo::new(io), svc)
        .with_upgrades();
    // After an upgrade the connection future ends and the WebSocket lives
    // on in its own task, so this bounds only plain HTTP use.
    let _ = tokio::time::timeout(HTTP_LIFETIME, conn).await;
}

async fn answer(
    site: Arc<Site>,
    mut req: Request<Incoming>,
    peer: SocketAddr,
    port: u16,
) -> Response<Full<Bytes>> {
    if wants_websocket(&req) {
        return match yawc::WebSocket::upgrade_with_options(&mut req, ws_options()) {
            Ok((response, upgrade)) => {
                tokio::spawn(async move {
                    if let Ok(ws) = upgrade.await {
                        super::ws_conn::run(&site, ws, peer, port).await;
                    }
                });
                response.map(|_| Full::new(Bytes::new()))
            }
            Err(e) => status(
                StatusCode::BAD_REQUEST,
                &format!("bad WebSocket handshake: {}", e),
            ),
        };
    }
    match *req.method() {
        Method::GET | Method::HEAD => {
            web_files::answer(site.web_root.clone(), req.uri().path().to_string()).await
        }
        _ => {
            let mut r = status(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
            r.headers_mut()
                .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
            r
        }
    }
}

fn ws_options() -> yawc::Options {
    yawc::Options::default()
        .with_limits(MAX_MESSAGE + 1, MAX_MESSAGE + 1)
        .with_utf8()
        .with_low_latency_compression()
}

/// `Connection: upgrade` with `Upgrade: websocket` (any path).
fn wants_websocket<B>(req: &Request<B>) -> bool {
    let has = |name, token: &str| {
        req.headers()
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    };
    has(UPGRADE, "websocket") && has(CONNECTION, "upgrade")
}

pub(super) fn status(code: StatusCode, text: &str) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(format!("{}\n", text))));
    *r.status_mut() = code;
    r.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}
