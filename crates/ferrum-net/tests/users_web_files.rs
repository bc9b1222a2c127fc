//! The HTTP side of WebSocket player ports: the browser client's files,
//! and paths that try to leave the web root.

mod users_support;

use ferrum_net::users::protocol::UserPortKind;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;
use users_support::*;

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One request on a fresh connection, `path` sent exactly as given.
fn request(addr: SocketAddr, method: &str, path: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "{} {} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        method, path
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path)
}

/// A web root with one file of each type, a sub directory, and a secret
/// file beside it (outside).
fn site() -> (std::path::PathBuf, std::path::PathBuf) {
    let base = temp_dir("web");
    let root = base.join("www");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    for (name, body) in [
        ("index.html", "<html>client</html>"),
        ("app.js", "connect();"),
        ("style.css", "body{}"),
        ("data.json", "{}"),
        ("logo.png", "PNG"),
        ("logo.svg", "<svg/>"),
        ("favicon.ico", "ICO"),
        ("notes.txt", "notes"),
        ("blob.bin", "bin"),
        ("sub/index.html", "<html>sub</html>"),
    ] {
        std::fs::write(root.join(name), body).unwrap();
    }
    std::fs::create_dir_all(base.join("outside")).unwrap();
    std::fs::write(base.join("secret.txt"), "TOP SECRET").unwrap();
    std::fs::write(base.join("outside/secret.txt"), "TOP SECRET").unwrap();
    (root, base)
}

#[test]
fn serves_files_with_content_types() {
    let (root, _) = site();
    let port = open(UserPortKind::WebSocket, None, Some(root));
    let index = get(port.addr, "/");
    assert_eq!(index.status, 200);
    assert_eq!(index.body, b"<html>client</html>");
    assert_eq!(
        index.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    for (path, ty) in [
        ("/index.html", "text/html; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/data.json", "application/json"),
        ("/logo.png", "image/png"),
        ("/logo.svg", "image/svg+xml"),
        ("/favicon.ico", "image/x-icon"),
        ("/notes.txt?v=2", "text/plain; charset=utf-8"),
        ("/blob.bin", "application/octet-stream"),
    ] {
        let r = get(port.addr, path);
        assert_eq!(r.status, 200, "{}", path);
        assert_eq!(r.header("content-type"), Some(ty), "{}", path);
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{}", path);
    }
    assert_eq!(get(port.addr, "/sub/").body, b"<html>sub</html>");
    assert_eq!(get(port.addr, "/sub").body, b"<html>sub</html>");
    assert_eq!(get(port.addr, "/no%20such.html").status, 404);
    assert_eq!(get(port.addr, "/missing/deeper.js").status, 404);
    let head = request(port.addr, "HEAD", "/app.js");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(request(port.addr, "POST", "/").status, 405);
    // None of this is a player.
    assert!(port.quiet(Duration::from_millis(100)));
}

fn refused(r: &Reply) -> bool {
    (r.status == 403 || r.status == 404 || r.status == 400)
        && !String::from_utf8_lossy(&r.body).contains("SECRET")
}

#[test]
fn paths_escaping_the_web_root_are_refused() {
    let (root, base) = site();
    std::os::unix::fs::symlink(base.join("outside"), root.join("link_dir")).unwrap();
    std::os::unix::fs::symlink(base.join("secret.txt"), root.join("link_file.txt")).unwrap();
    std::os::unix::fs::symlink(root.join("notes.txt"), root.join("inner_link.txt")).unwrap();
    let port = open(UserPortKind::WebSocket, None, Some(root.clone()));
    let abs = base.join("secret.txt");
    let absolute = format!("/{}", abs.display());
    for path in [
        "/../secret.txt",
        "/sub/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/sub/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        absolute.as_str(),
        "/%2F..%2Fsecret.txt",
        "/link_dir/secret.txt",
        "/link_file.txt",
        "/a%00.txt",
        "/bad%zz",
    ] {
        let r = get(port.addr, path);
        assert!(
            refused(&r),
            "{} gave {} {:?}",
            path,
            r.status,
            String::from_utf8_lossy(&r.body)
        );
    }
    assert_eq!(get(port.addr, "/link_file.txt").status, 403);
    assert_eq!(get(port.addr, "/%2e%2e/secret.txt").status, 403);
    // A symlink that stays inside is fine.
    assert_eq!(get(port.addr, "/inner_link.txt").body, b"notes");
    assert!(Path::new(&root).join("notes.txt").exists());
}

#[test]
fn without_a_web_root_the_built_in_client_is_served() {
    let port = open(UserPortKind::WebSocket, None, None);
    let r = get(port.addr, "/");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let page = String::from_utf8(r.body).unwrap();
    assert!(page.contains("new WebSocket("), "{}", page);
    assert_eq!(get(port.addr, "/app.js").status, 404);
}
