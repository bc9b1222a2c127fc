//! Shared by the socket test files: LPC scripts from tests/net run by
//! `ferrum run`, temporary certificates, raw socket reads.
#![allow(dead_code)] // each test file uses a different part

pub mod http;
pub mod telnet;

use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

pub fn net_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/net")
        .canonicalize()
        .unwrap()
}

pub struct Script {
    child: Child,
    out: BufReader<ChildStdout>,
}

impl Script {
    pub fn start(name: &str, args: &[&str]) -> Script {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ferrum"))
            .arg("run")
            .arg(net_dir().join(name))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("ferrum starts");
        let out = BufReader::new(child.stdout.take().unwrap());
        Script { child, out }
    }

    pub fn line(&mut self) -> String {
        let mut s = String::new();
        self.out.read_line(&mut s).expect("a line");
        s.trim_end().to_string()
    }

    pub fn port(&mut self) -> u16 {
        let l = self.line();
        l.strip_prefix("PORT ")
            .unwrap_or_else(|| panic!("expected PORT, got {:?}", l))
            .parse()
            .unwrap()
    }

    /// Waits for the script to end by itself; its exit status.
    pub fn finish(mut self) -> (i32, String) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let mut rest = String::new();
                self.out.read_to_string(&mut rest).unwrap();
                return (status.code().unwrap_or(-1), rest);
            }
            if Instant::now() > deadline {
                self.child.kill().unwrap();
                panic!("script did not end");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Script {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn read_until(s: &mut TcpStream, want: &str) -> String {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    while !String::from_utf8_lossy(&got).contains(want) {
        let n = s.read(&mut buf).expect("read");
        assert!(
            n > 0,
            "closed before {:?}; got {:?}",
            want,
            String::from_utf8_lossy(&got)
        );
        got.extend_from_slice(&buf[..n]);
    }
    String::from_utf8(got).unwrap()
}

/// A self-signed certificate for "localhost" in a fresh directory; removed
/// when dropped.
pub struct TempCert {
    pub dir: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl TempCert {
    pub fn new(tag: &str) -> TempCert {
        let dir = std::env::temp_dir().join(format!("ferrum-{}-{}", tag, std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let cert = rcgen::generate_simple_self_signed(vec![
            "localhost".to_string(),
            "127.0.0.1".to_string(),
        ])
        .unwrap();
        let (c, k) = (dir.join("cert.pem"), dir.join("key.pem"));
        std::fs::write(&c, cert.cert.pem()).unwrap();
        std::fs::write(&k, cert.key_pair.serialize_pem()).unwrap();
        TempCert {
            dir,
            cert: c,
            key: k,
        }
    }

    pub fn args(&self) -> [&str; 2] {
        [self.cert.to_str().unwrap(), self.key.to_str().unwrap()]
    }
}

impl Drop for TempCert {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A booted mudlib (`ferrum CONFIG`) and the ports it printed.
pub struct Mud {
    child: Child,
    pub out: BufReader<ChildStdout>,
    /// (kind, port) as printed: "ferrum: telnet port 127.0.0.1:4000".
    pub ports: Vec<(String, u16)>,
}

impl Mud {
    /// Boots `config` with `dir` as the working directory and waits for
    /// `n_ports` port lines.
    pub fn boot(dir: &std::path::Path, config: &str, n_ports: usize) -> Mud {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ferrum"))
            .arg(config)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("ferrum starts");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut ports = Vec::new();
        while ports.len() < n_ports {
            let mut line = String::new();
            if out.read_line(&mut line).unwrap_or(0) == 0 {
                panic!("the driver ended before printing its ports");
            }
            if let Some(rest) = line.trim().strip_prefix("ferrum: ") {
                let words: Vec<&str> = rest.split_whitespace().collect();
                if let (Some(kind), Some(addr)) = (words.first(), words.last()) {
                    if let Some(port) = addr.rsplit(':').next().and_then(|p| p.parse().ok()) {
                        ports.push((kind.to_string(), port));
                    }
                }
            }
        }
        Mud { child, out, ports }
    }

    pub fn port(&self, kind: &str) -> u16 {
        self.ports
            .iter()
            .find(|(k, _)| k == kind)
            .unwrap_or_else(|| panic!("no {} port in {:?}", kind, self.ports))
            .1
    }

    /// Whether the driver process is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Mud {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
