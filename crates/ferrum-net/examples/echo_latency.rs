//! Measures the network thread's own echo latency (no interpreter).
use ferrum_net::bind::{bind_tcp, listen, local_addr};
use ferrum_net::{start, Command, Event, Framing};
use std::io::{Read, Write};
use std::time::{Duration, Instant};

fn main() {
    let (net, rx) = start();
    let sock = bind_tcp("127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = local_addr(&sock).unwrap();
    let lid = net.next_id();
    net.send(Command::Listen { id: lid, listener: listen(sock, 16).unwrap(), framing: Framing::Raw, tls: None });
    let t = std::thread::spawn(move || {
        let mut c = std::net::TcpStream::connect(addr).unwrap();
        c.set_nodelay(true).unwrap();
        let mut buf = [0u8; 64];
        let start = Instant::now();
        for _ in 0..20000 {
            c.write_all(&[1u8; 64]).unwrap();
            c.read_exact(&mut buf).unwrap();
        }
        println!("{:.1} µs per round trip", start.elapsed().as_secs_f64() * 1e6 / 20000.0);
    });
    loop {
        match rx.recv_timeout(Duration::from_secs(5)) {
            Ok(Event::Data { id, data }) => net.send(Command::Write { id, data, notify: false }),
            Ok(_) => {}
            Err(_) => break,
        }
        if t.is_finished() {
            break;
        }
    }
    t.join().unwrap();
}
