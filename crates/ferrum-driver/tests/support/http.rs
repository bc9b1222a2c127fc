//! HTTP test clients: curl (a real, independent client) and raw requests
//! over TCP for input no well-behaved client sends.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

/// One HTTP answer as curl saw it.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// Names lower-cased, in order.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({}): {:?}", e, self.body))
    }
}

/// Runs curl with `args` and returns every answer it printed (several when
/// given several URLs), 1xx interim answers left out.
pub fn curl_all(args: &[&str]) -> Vec<Reply> {
    let out = Command::new("curl")
        .args(["-s", "-S", "-i", "--max-time", "20"])
        .args(args)
        .output()
        .expect("curl runs (scripts/test installs it)");
    assert!(
        out.status.success(),
        "curl {:?} failed: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    parse_replies(&String::from_utf8_lossy(&out.stdout))
}

/// Runs curl for one answer.
pub fn curl(args: &[&str]) -> Reply {
    let mut all = curl_all(args);
    assert_eq!(
        all.len(),
        1,
        "expected one answer from curl {:?}: {:?}",
        args,
        all
    );
    all.pop().unwrap()
}

/// Splits `curl -i` output into answers. Bodies are delimited by their
/// Content-Length (every answer of the driver has one).
fn parse_replies(mut text: &str) -> Vec<Reply> {
    let mut replies = Vec::new();
    while let Some(end) = text.find("\r\n\r\n") {
        let head = &text[..end];
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or("");
        let status: u16 = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        text = &text[end + 4..];
        if (100..200).contains(&status) {
            continue;
        }
        let len = headers
            .iter()
            .find(|(k, _)| k == "content-length")
            .and_then(|(_, v)| v.parse::<usize>().ok())
            .unwrap_or(text.len())
            .min(text.len());
        let body = text[..len].to_string();
        text = &text[len..];
        replies.push(Reply {
            status,
            headers,
            body,
        });
    }
    replies
}

/// Sends raw bytes and reads until the server closes (or 10 s pass).
pub fn raw_exchange(port: u16, request: &[u8]) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request).expect("send");
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) => panic!(
                "no close after {:?}: {} (got {:?})",
                String::from_utf8_lossy(request),
                e,
                String::from_utf8_lossy(&got)
            ),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}
