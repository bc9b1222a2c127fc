//! HTTP benchmark with wrk as the load generator:
//!   (a) a REST route whose LPC handler returns a small JSON mapping,
//!   (b) HTTP_SERVER answering a fixed string from LPC,
//!   (c) a minimal hyper server (same hyper, one current-thread runtime,
//!       like Ferrum's network thread) as the ceiling.
//! Prints requests/s and p99 latency of each, and (a)/(c).
//!
//! `scripts/bench-http` (installs wrk when missing), or
//! `cargo bench -p ferrum-driver --bench http`. Environment: BENCH_SECS
//! (default 5), BENCH_CONNECTIONS (default 16).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

struct Server {
    child: Option<Child>,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(c) = &mut self.child {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn lpc_server(script: &str) -> Server {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/http").join(script);
    let mut child = Command::new(env!("CARGO_BIN_EXE_ferrum"))
        .arg("run")
        .arg(path)
        .stdout(Stdio::piped())
        .spawn()
        .expect("ferrum starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = line.trim().strip_prefix("PORT ").expect("a PORT line").parse().unwrap();
    Server { child: Some(child), port }
}

/// The ceiling: hyper answering a fixed string, no interpreter.
fn hyper_server() -> Server {
    use http_body_util::Full;
    use hyper::{body::Bytes, server::conn::http1, service::service_fn, Response};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let (stream, _) = listener.accept().await.unwrap();
                stream.set_nodelay(true).unwrap();
                tokio::spawn(async move {
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let service = service_fn(|_req| async {
                        Ok::<_, std::convert::Infallible>(
                            Response::builder()
                                .header("content-type", "text/html; charset=utf-8")
                                .body(Full::new(Bytes::from_static(b"Hello from Ferrum")))
                                .unwrap(),
                        )
                    });
                    let _ = http1::Builder::new().serve_connection(io, service).await;
                });
            }
        });
    });
    Server { child: None, port }
}

struct Load {
    requests_per_sec: f64,
    p99_ms: f64,
    errors: String,
}

fn wrk(url: &str) -> Load {
    let secs = std::env::var("BENCH_SECS").unwrap_or_else(|_| "5".into());
    let conns = std::env::var("BENCH_CONNECTIONS").unwrap_or_else(|_| "16".into());
    let out = Command::new("wrk")
        .args(["-t1", "-c", &conns, "-d", &format!("{}s", secs), "--latency", url])
        .output()
        .expect("wrk (scripts/bench-http installs it)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |prefix: &str| text.lines().map(str::trim).find(|l| l.starts_with(prefix)).map(|l| l.to_string());
    let requests_per_sec = field("Requests/sec:")
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or_else(|| panic!("no Requests/sec in wrk's output:\n{}", text));
    let p99_ms = field("99%").and_then(|l| l.split_whitespace().nth(1).map(millis)).unwrap_or(f64::NAN);
    let errors = [field("Non-2xx"), field("Socket errors")].into_iter().flatten().collect::<Vec<_>>().join("; ");
    Load { requests_per_sec, p99_ms, errors }
}

/// wrk's latency ("850.00us", "1.20ms", "2.00s") in milliseconds.
fn millis(s: &str) -> f64 {
    let (num, factor) = if let Some(n) = s.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = s.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1000.0)
    } else {
        (s, 1.0)
    };
    num.parse::<f64>().map(|v| v * factor).unwrap_or(f64::NAN)
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return; // `cargo test --benches` only checks that it builds
    }
    let runs = [
        ("(a) REST route, LPC handler, JSON", lpc_server("rest_json.c"), "/api/status"),
        ("(b) HTTP_SERVER, LPC fixed string", lpc_server("http_text.c"), "/"),
        ("(c) minimal hyper server (ceiling)", hyper_server(), "/"),
    ];
    let mut results = Vec::new();
    for (name, server, path) in &runs {
        let load = wrk(&format!("http://127.0.0.1:{}{}", server.port, path));
        println!(
            "{:<38} {:>10.0} requests/s   p99 {:>7.2} ms{}",
            name,
            load.requests_per_sec,
            load.p99_ms,
            if load.errors.is_empty() { String::new() } else { format!("   ({})", load.errors) }
        );
        results.push(load.requests_per_sec);
    }
    println!("(a)/(c) = {:.2}   (b)/(c) = {:.2}", results[0] / results[2], results[1] / results[2]);
}
