//! One request: limits, the request as LPC sees it, REST decisions, waiting
//! for LPC's answer, and the answer on the wire.

use super::conn::Clock;
use super::protocol::{HttpEvent, HttpRequest, HttpResponse};
use super::rest_hook::Decision;
use super::server::Site;
use super::HttpState;
use crate::protocol::{Event, NetId};
use crate::runtime::Shared;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Incoming};
use hyper::header::{self, HeaderMap, HeaderName, HeaderValue};
use hyper::{Request, Response, StatusCode, Version};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::oneshot;

/// What the requests of one connection share.
pub(super) struct ConnCtx {
    pub shared: Shared,
    pub state: Arc<HttpState>,
    pub site: Arc<Site>,
    pub conn: NetId,
    pub peer: SocketAddr,
    pub clock: Arc<Clock>,
}

/// Answers one request (hyper calls this once per request, one at a time
/// per connection).
pub(super) async fn answer(ctx: Arc<ConnCtx>, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let _busy = ctx.clock.in_service();
    let (answer, extra) = match decide(&ctx, req).await {
        Ok((answer, extra)) => (answer, extra),
        Err(refusal) => (refusal, Vec::new()),
    };
    let mut resp = to_response(answer);
    let headers = resp.headers_mut();
    for (name, value) in extra {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            if !headers.contains_key(&name) {
                headers.append(name, value);
            }
        }
    }
    if let Some(server) = &ctx.site.server_name {
        if !headers.contains_key(header::SERVER) {
            headers.insert(header::SERVER, server.clone());
        }
    }
    resp
}

/// The answer and headers to add to it, or a refusal (that closes the
/// connection).
async fn decide(
    ctx: &ConnCtx,
    req: Request<Incoming>,
) -> Result<(HttpResponse, Vec<(String, String)>), HttpResponse> {
    let limits = &ctx.site.limits;
    let (parts, body) = req.into_parts();
    let body =
        match tokio::time::timeout(limits.body_timeout, read_body(body, limits.max_body_bytes))
            .await
        {
            Ok(Ok(b)) => b,
            Ok(Err(BodyError::TooLarge)) => return Err(refusal(413, "Payload Too Large")),
            Ok(Err(BodyError::Broken)) => return Err(refusal(400, "Bad Request")),
            Err(_) => return Err(refusal(408, "Request Timeout")),
        };
    let uri = parts.uri.to_string();
    let path = percent_decode(parts.uri.path());
    let query = parts.uri.query().unwrap_or("").to_string();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let method = parts.method.as_str().to_string();
    let mut data = HttpRequest {
        method,
        uri,
        path,
        query,
        version: version_name(parts.version).to_string(),
        headers,
        body,
        remote: ctx.peer,
        rest: None,
    };
    let mut extra = Vec::new();
    let rest = ctx.site.rest.current();
    if let Some(rest) = rest {
        // CORS headers go on every answer but a preflight's (which has its
        // own), errors included, so browsers can read them.
        extra = rest.response_headers(&data.method, &data.headers);
        match rest.decide(
            &data.method,
            parts.uri.path(),
            &data.headers,
            &data.body,
            ctx.peer.ip(),
        ) {
            Decision::Answer(answer) => return Ok((answer, extra)),
            Decision::Forward(outcome) => data.rest = Some(outcome),
        }
    }
    Ok((ask_lpc(ctx, data).await, extra))
}

/// Hands the request to LPC and waits for its answer (504 when none comes
/// in time).
async fn ask_lpc(ctx: &ConnCtx, data: HttpRequest) -> HttpResponse {
    let request = ctx.shared.next_id();
    let (tx, rx) = oneshot::channel();
    ctx.state
        .pending
        .lock()
        .expect("pending")
        .insert(request, tx);
    let _forget = Forget {
        state: &ctx.state,
        request,
    };
    ctx.shared.send(Event::Http(HttpEvent::Request {
        listener: ctx.site.listener,
        conn: ctx.conn,
        request,
        data,
    }));
    match tokio::time::timeout(ctx.site.limits.response_timeout, rx).await {
        Ok(Ok(answer)) => answer,
        _ => error_response(504, "Gateway Timeout", false),
    }
}

/// Drops a pending request however its wait ends (answer, timeout, the
/// client leaving).
struct Forget<'a> {
    state: &'a HttpState,
    request: NetId,
}

impl Drop for Forget<'_> {
    fn drop(&mut self) {
        if let Ok(mut p) = self.state.pending.lock() {
            p.remove(&self.request);
        }
    }
}

enum BodyError {
    TooLarge,
    /// Bad chunking, or the client went away mid-body.
    Broken,
}

/// Reads the whole body, never holding more than `max` bytes.
async fn read_body(mut body: Incoming, max: usize) -> Result<Vec<u8>, BodyError> {
    // A declared length over the limit is refused before anything is
    // read (and before `100 Continue` is sent).
    let declared = body.size_hint().lower();
    if declared > max as u64 {
        return Err(BodyError::TooLarge);
    }
    let mut out = Vec::with_capacity(declared as usize);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| BodyError::Broken)?;
        if let Ok(data) = frame.into_data() {
            if data.len() > max - out.len() {
                return Err(BodyError::TooLarge);
            }
            out.extend_from_slice(&data);
        }
    }
    Ok(out)
}

fn version_name(v: Version) -> &'static str {
    match v {
        Version::HTTP_09 => "HTTP/0.9",
        Version::HTTP_10 => "HTTP/1.0",
        Version::HTTP_2 => "HTTP/2",
        Version::HTTP_3 => "HTTP/3",
        _ => "HTTP/1.1",
    }
}

/// Decodes %XX escapes (bytes that do not form UTF-8 become U+FFFD);
/// malformed escapes stay as they are. `+` is not a space in a path.
pub(super) fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// A JSON error answer: `{"error": reason, "status": code}`.
pub(super) fn error_response(status: u16, reason: &str, close: bool) -> HttpResponse {
    let body = serde_json::json!({ "error": reason, "status": status })
        .to_string()
        .into_bytes();
    let mut headers = vec![("content-type".to_string(), "application/json".to_string())];
    if close {
        headers.push(("connection".to_string(), "close".to_string()));
    }
    HttpResponse {
        status,
        headers,
        body,
    }
}

/// An error after which the connection cannot go on (the request's body
/// was not read to its end).
fn refusal(status: u16, reason: &str) -> HttpResponse {
    error_response(status, reason, true)
}

/// LPC's answer on the wire. hyper writes Content-Length (and Date) itself,
/// so framing headers from LPC are dropped; invalid names or values are
/// skipped rather than failing the answer.
fn to_response(answer: HttpResponse) -> Response<Full<Bytes>> {
    let status = StatusCode::from_u16(answer.status)
        .ok()
        .filter(|s| !s.is_informational())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut resp = Response::new(Full::new(Bytes::from(answer.body)));
    *resp.status_mut() = status;
    let headers: &mut HeaderMap = resp.headers_mut();
    for (name, value) in answer.headers {
        let Ok(name) = HeaderName::from_bytes(name.as_bytes()) else {
            continue;
        };
        if name == header::CONTENT_LENGTH || name == header::TRANSFER_ENCODING {
            continue;
        }
        let Ok(value) = HeaderValue::from_bytes(value.as_bytes()) else {
            continue;
        };
        headers.append(name, value);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn percent_decoding_of_paths() {
        assert_eq!(percent_decode("/a%20b"), "/a b");
        assert_eq!(percent_decode("/%E2%82%AC"), "/€");
        assert_eq!(percent_decode("/a+b"), "/a+b");
        assert_eq!(percent_decode("/100%"), "/100%");
        assert_eq!(percent_decode("/%4"), "/%4");
        assert_eq!(percent_decode("/%zz%41"), "/%zzA");
        assert_eq!(percent_decode("/%ff"), "/\u{fffd}");
    }
}
