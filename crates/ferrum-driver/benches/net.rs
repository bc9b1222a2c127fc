//! Socket benchmarks: STREAM echo round trips per second through an LPC
//! read callback, and the throughput of a bulk transfer into LPC.
//!
//! `cargo bench -p ferrum-driver --bench net`

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

fn start(script: &str, args: &[&str]) -> (Child, BufReader<std::process::ChildStdout>, u16) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/net").join(script);
    let mut child = Command::new(env!("CARGO_BIN_EXE_ferrum"))
        .arg("run")
        .arg(path)
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("ferrum");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let port = line.trim().strip_prefix("PORT ").expect("PORT line").parse().unwrap();
    (child, out, port)
}

fn echo_round_trips() {
    const N: usize = 20_000;
    let (mut child, _out, port) = start("echo.c", &[]);
    let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
    c.set_nodelay(true).unwrap();
    let msg = [b'x'; 64];
    let mut buf = [0u8; 64];
    let start = Instant::now();
    for _ in 0..N {
        c.write_all(&msg).unwrap();
        c.read_exact(&mut buf).unwrap();
    }
    let secs = start.elapsed().as_secs_f64();
    println!("stream echo: {} round trips of 64 bytes in {:.2} s = {:.0} round trips/s ({:.1} µs each)", N, secs, N as f64 / secs, secs * 1e6 / N as f64);
    c.write_all(b"quit").unwrap();
    let _ = child.wait();
}

fn bulk_transfer() {
    const TOTAL: usize = 256 << 20;
    let (mut child, mut out, port) = start("bulk_sink.c", &[&TOTAL.to_string()]);
    let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let chunk = vec![7u8; 64 * 1024];
    let start = Instant::now();
    let mut sent = 0;
    while sent < TOTAL {
        c.write_all(&chunk).unwrap();
        sent += chunk.len();
    }
    let mut reply = String::new();
    BufReader::new(&c).read_line(&mut reply).unwrap();
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(reply.trim(), format!("GOT {}", TOTAL));
    println!("bulk transfer into LPC: {} MiB in {:.2} s = {:.0} MiB/s", TOTAL >> 20, secs, (TOTAL >> 20) as f64 / secs);
    let mut rest = String::new();
    let _ = out.read_to_string(&mut rest);
    let _ = child.wait();
}

fn main() {
    echo_round_trips();
    bulk_transfer();
}
