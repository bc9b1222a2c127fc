//! HTTP client sockets: one task per client id runs its requests in order
//! on reusable reqwest clients (so connections are kept between requests).

use super::protocol::{ClientRequest, ClientResponse, HttpEvent};
use super::HttpState;
use crate::protocol::{Event, NetId};
use crate::runtime::{Conn, Shared};
use reqwest::header::{HeaderName, HeaderValue};
use reqwest::{Method, StatusCode, Url};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// The largest response body kept (a bigger one is a failure).
pub const MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;
/// Distinct client settings kept per id (each has its connection pool).
const CLIENTS_PER_ID: usize = 4;

/// Queues a request on its id's task (starting the task on first use).
/// `Command::Close` on the id aborts the task: in-flight requests are
/// dropped and no `Response` follows.
pub(super) fn submit(shared: &Shared, state: &Arc<HttpState>, id: NetId, request: ClientRequest) {
    let mut clients = state.clients.lock().expect("clients");
    let request = match clients.get(&id) {
        Some(queue) => match queue.send(request) {
            Ok(()) => return,
            Err(mpsc::error::SendError(r)) => r,
        },
        None => request,
    };
    let (queue, rx) = mpsc::unbounded_channel();
    let _ = queue.send(request);
    clients.insert(id, queue);
    let task = tokio::spawn(run(shared.clone(), state.clone(), id, rx));
    shared.register(
        id,
        Conn::Listener {
            task: task.abort_handle(),
        },
    );
}

/// Forgets a client id's queue when its task ends (or is aborted).
struct ClientGone {
    state: Arc<HttpState>,
    id: NetId,
}

impl Drop for ClientGone {
    fn drop(&mut self) {
        if let Ok(mut c) = self.state.clients.lock() {
            c.remove(&self.id);
        }
    }
}

async fn run(
    shared: Shared,
    state: Arc<HttpState>,
    id: NetId,
    mut rx: mpsc::UnboundedReceiver<ClientRequest>,
) {
    let _gone = ClientGone { state, id };
    let mut pool = Pool::default();
    while let Some(request) = rx.recv().await {
        let response = perform(&mut pool, request).await;
        shared.send(Event::Http(HttpEvent::Response { id, response }));
    }
}

/// The settings a reqwest client is built with (the rest is per request).
#[derive(Clone, PartialEq, Eq)]
struct ClientKey {
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    verify_peer: bool,
    extra_roots: Option<PathBuf>,
    /// An SNI name that differs from the URL's host, and that host.
    sni: Option<(String, String, u16)>,
}

#[derive(Default)]
struct Pool {
    clients: Vec<(ClientKey, reqwest::Client)>,
}

impl Pool {
    async fn client(&mut self, key: &ClientKey) -> Result<reqwest::Client, String> {
        if let Some((_, c)) = self.clients.iter().find(|(k, _)| k == key) {
            return Ok(c.clone());
        }
        let client = build(key).await?;
        if self.clients.len() >= CLIENTS_PER_ID {
            self.clients.remove(0);
        }
        self.clients.push((key.clone(), client.clone()));
        Ok(client)
    }
}

async fn build(key: &ClientKey) -> Result<reqwest::Client, String> {
    let tls = crate::protocol::TlsClient {
        verify_peer: key.verify_peer,
        server_name: None,
        extra_roots: key.extra_roots.clone(),
    };
    let tls = crate::tls::client_config(&tls)?;
    let mut b = reqwest::Client::builder()
        .tls_backend_preconfigured((*tls).clone())
        // Redirects are followed by hand (per-request limits, counting,
        // and https_only on every hop).
        .redirect(reqwest::redirect::Policy::none())
        // The driver's behaviour does not depend on proxy variables.
        .no_proxy()
        .tcp_nodelay(true);
    if let Some(t) = key.connect_timeout {
        b = b.connect_timeout(t);
    }
    if let Some(t) = key.read_timeout {
        b = b.read_timeout(t);
    }
    if let Some((name, host, port)) = &key.sni {
        // The URL names the SNI host; connect to where the real host is.
        let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), *port))
            .await
            .map_err(|e| format!("cannot resolve {}: {}", host, e))?
            .collect();
        b = b.resolve_to_addrs(name, &addrs);
    }
    b.build().map_err(|e| describe(&e))
}

/// Zero means "no limit".
fn limit(d: Duration) -> Option<Duration> {
    Some(d).filter(|d| !d.is_zero())
}

async fn perform(pool: &mut Pool, req: ClientRequest) -> ClientResponse {
    let start = Instant::now();
    let url = req.url.clone();
    let result = match limit(req.timeout) {
        Some(total) => match tokio::time::timeout(total, exchange(pool, &req)).await {
            Ok(r) => r,
            Err(_) => Err(format!("timed out after {} ms", total.as_millis())),
        },
        None => exchange(pool, &req).await,
    };
    let elapsed_ms = start.elapsed().as_millis() as u64;
    match result {
        Ok(mut r) => {
            r.elapsed_ms = elapsed_ms;
            r
        }
        Err(error) => ClientResponse {
            status: 0,
            status_text: String::new(),
            headers: Vec::new(),
            body: Vec::new(),
            url,
            redirects: 0,
            elapsed_ms,
            error: Some(error),
        },
    }
}

fn check_url(url: &Url, https_only: bool) -> Result<(), String> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if https_only => Err(format!("HTTPS required, refusing {}", url)),
        "http" => Ok(()),
        other => Err(format!("unsupported URL scheme {:?}", other)),
    }
}

/// One request and the redirects it leads to.
async fn exchange(pool: &mut Pool, req: &ClientRequest) -> Result<ClientResponse, String> {
    let mut url = Url::parse(&req.url).map_err(|e| format!("bad URL {:?}: {}", req.url, e))?;
    let mut method = Method::from_bytes(req.method.to_ascii_uppercase().as_bytes())
        .map_err(|_| format!("bad method {:?}", req.method))?;
    let mut headers = Vec::with_capacity(req.headers.len() + 1);
    for (name, value) in &req.headers {
        let n = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("bad header name {:?}", name))?;
        let v = HeaderValue::from_bytes(value.as_bytes())
            .map_err(|_| format!("bad value for header {}", name))?;
        headers.push((n, v));
    }
    if let Some(ua) = &req.user_agent {
        if !headers
            .iter()
            .any(|(n, _)| n == reqwest::header::USER_AGENT)
        {
            let v =
                HeaderValue::from_bytes(ua.as_bytes()).map_err(|_| "bad user agent".to_string())?;
            headers.push((reqwest::header::USER_AGENT, v));
        }
    }
    let mut body = Some(req.body.clone());
    let mut redirects = 0u32;
    loop {
        check_url(&url, req.https_only)?;
        let (client, target) = client_for(pool, req, &url).await?;
        let mut rb = client.request(method.clone(), target);
        for (n, v) in &headers {
            rb = rb.header(n.clone(), v.clone());
        }
        if let Some(b) = body.as_ref().filter(|b| !b.is_empty()) {
            rb = rb.body(b.clone());
        }
        let resp = rb.send().await.map_err(|e| describe(&e))?;
        let status = resp.status();
        let location = resp
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .map(str::to_string);
        if let (true, true, Some(location)) =
            (req.follow_redirects, status.is_redirection(), location)
        {
            if redirects >= req.max_redirects {
                return Err(format!(
                    "too many redirects (more than {})",
                    req.max_redirects
                ));
            }
            let next = url
                .join(&location)
                .map_err(|e| format!("bad redirect location {:?}: {}", location, e))?;
            if switches_to_get(status, &method) {
                method = Method::GET;
                body = None;
                headers.retain(|(n, _)| {
                    n != reqwest::header::CONTENT_TYPE && n != reqwest::header::CONTENT_LENGTH
                });
            }
            if next.host_str() != url.host_str()
                || next.port_or_known_default() != url.port_or_known_default()
            {
                // Credentials are for the host they were given to.
                headers.retain(|(n, _)| {
                    n != reqwest::header::AUTHORIZATION && n != reqwest::header::COOKIE
                });
            }
            url = next;
            redirects += 1;
            continue;
        }
        return collect(resp, &url, redirects).await;
    }
}

/// 303 turns anything but HEAD into GET; 301/302 turn POST into GET (as
/// browsers and curl do); 307/308 keep method and body.
fn switches_to_get(status: StatusCode, method: &Method) -> bool {
    match status {
        StatusCode::SEE_OTHER => method != Method::HEAD,
        StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND => method == Method::POST,
        _ => false,
    }
}

/// The client for a request to `url`, and the URL to ask it for (the SNI
/// name replaces the host when one is set for an https URL).
async fn client_for(
    pool: &mut Pool,
    req: &ClientRequest,
    url: &Url,
) -> Result<(reqwest::Client, Url), String> {
    let mut target = url.clone();
    let sni = match (&req.tls.server_name, url.host_str()) {
        (Some(name), Some(host)) if url.scheme() == "https" && !name.is_empty() && name != host => {
            let port = url.port_or_known_default().unwrap_or(443);
            target
                .set_host(Some(name))
                .map_err(|e| format!("bad TLS server name {:?}: {}", name, e))?;
            Some((
                name.clone(),
                host.trim_start_matches('[')
                    .trim_end_matches(']')
                    .to_string(),
                port,
            ))
        }
        _ => None,
    };
    let key = ClientKey {
        connect_timeout: limit(req.connect_timeout),
        read_timeout: limit(req.read_timeout),
        verify_peer: req.tls.verify_peer,
        extra_roots: req.tls.extra_roots.clone(),
        sni,
    };
    Ok((pool.client(&key).await?, target))
}

async fn collect(
    mut resp: reqwest::Response,
    url: &Url,
    redirects: u32,
) -> Result<ClientResponse, String> {
    let status = resp.status();
    // hyper keeps the server's own reason phrase only when it is not the
    // canonical one.
    let status_text = match resp.extensions().get::<hyper::ext::ReasonPhrase>() {
        Some(reason) => String::from_utf8_lossy(reason.as_bytes()).into_owned(),
        None => status.canonical_reason().unwrap_or("").to_string(),
    };
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| describe(&e))? {
        if chunk.len() > MAX_RESPONSE_BYTES - body.len() {
            return Err(format!(
                "response body larger than {} bytes",
                MAX_RESPONSE_BYTES
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(ClientResponse {
        status: status.as_u16(),
        status_text,
        headers,
        body,
        url: url.to_string(),
        redirects,
        elapsed_ms: 0,
        error: None,
    })
}

/// A reqwest error with its causes ("error sending request: ...: connection
/// refused").
fn describe(e: &reqwest::Error) -> String {
    let mut text = if e.is_timeout() {
        "timed out".to_string()
    } else {
        e.to_string()
    };
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let s_text = s.to_string();
        if !text.contains(&s_text) {
            text.push_str(": ");
            text.push_str(&s_text);
        }
        source = s.source();
    }
    text
}
