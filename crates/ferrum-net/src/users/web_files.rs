//! Static files of a WebSocket player port: the browser client.
//!
//! A request path is percent-decoded, refused if it could leave the web
//! root (`..`, a path that is absolute after decoding, NUL, backslash), and
//! the file found is refused unless its real path (symlinks resolved) is
//! still inside the real web root.

use super::http::status;
use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE};
use hyper::{Response, StatusCode};
use std::path::{Path, PathBuf};

/// The page served at `/` when the port has no web root.
const BUILT_IN_CLIENT: &str = include_str!("client.html");

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Lookup {
    File(PathBuf),
    NotFound,
    Forbidden,
}

pub(super) async fn answer(web_root: Option<PathBuf>, path: String) -> Response<Full<Bytes>> {
    let Some(root) = web_root else {
        return match path.as_str() {
            "/" | "/index.html" => {
                file_response(Bytes::from_static(BUILT_IN_CLIENT.as_bytes()), "index.html")
            }
            _ => status(StatusCode::NOT_FOUND, "not found"),
        };
    };
    // Path checks and reading touch the disk: off the network thread.
    let found = tokio::task::spawn_blocking(move || match resolve(&root, &path) {
        Lookup::File(p) => match std::fs::read(&p) {
            Ok(data) => Ok((data, p)),
            Err(_) => Err(Lookup::NotFound),
        },
        other => Err(other),
    })
    .await;
    match found {
        Ok(Ok((data, p))) => file_response(Bytes::from(data), &p.to_string_lossy()),
        Ok(Err(Lookup::Forbidden)) => status(StatusCode::FORBIDDEN, "forbidden"),
        _ => status(StatusCode::NOT_FOUND, "not found"),
    }
}

fn file_response(body: Bytes, name: &str) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(body));
    let h = r.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type(name)));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    r
}

pub(super) fn content_type(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Finds the file for a request path (`/` and directories mean their
/// `index.html`).
pub(super) fn resolve(root: &Path, request_path: &str) -> Lookup {
    let Some(decoded) = percent_decode(request_path) else {
        return Lookup::Forbidden;
    };
    let Ok(decoded) = String::from_utf8(decoded) else {
        return Lookup::Forbidden;
    };
    let relative = decoded.strip_prefix('/').unwrap_or(&decoded);
    if relative.starts_with('/') || decoded.contains('\0') || decoded.contains('\\') {
        return Lookup::Forbidden;
    }
    let mut path = root.to_path_buf();
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Lookup::Forbidden,
            s => path.push(s),
        }
    }
    if path.is_dir() {
        path.push("index.html");
    }
    let (Ok(real_root), Ok(real)) = (root.canonicalize(), path.canonicalize()) else {
        return Lookup::NotFound;
    };
    if !real.starts_with(&real_root) {
        return Lookup::Forbidden;
    }
    if real.is_file() {
        Lookup::File(real)
    } else {
        Lookup::NotFound
    }
}

/// `%xx` decoding; None for a malformed escape.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_and_refusals() {
        assert_eq!(percent_decode("/a%20b").unwrap(), b"/a b");
        assert!(percent_decode("/a%2").is_none());
        assert!(percent_decode("/a%zz").is_none());
        let root = std::env::temp_dir();
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2E%2E/%2e%2e/x",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/a%00b",
            "/a%5c..%5cb",
        ] {
            assert_eq!(resolve(&root, bad), Lookup::Forbidden, "{}", bad);
        }
        assert_eq!(content_type("x/app.JS"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
