//! A player listener rides out running out of file descriptors. (Alone in
//! its own test binary: it exhausts the process's descriptors.)

mod users_support;

use ferrum_net::users::protocol::{UserEvent, UserPortKind};
use std::io::Read;
use std::time::Duration;
use users_support::*;

#[test]
fn running_out_of_descriptors_does_not_stop_the_listener() {
    let port = open(UserPortKind::Telnet, None, None);
    // The network thread must be running (its runtime needs descriptors).
    let (done, ready) = std::sync::mpsc::channel();
    port.net.send(ferrum_net::Command::Flush { done });
    ready.recv_timeout(Duration::from_secs(10)).unwrap();
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    assert_eq!(
        unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) },
        0
    );
    let saved = limit;
    // A low limit keeps the filling quick.
    let used = std::fs::read_dir("/proc/self/fd").unwrap().count() as libc::rlim_t;
    limit.rlim_cur = limit.rlim_cur.min(used + 64);
    assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &limit) }, 0);

    // The client's socket exists before the table fills; connecting needs
    // no new descriptor, but the server's accept does.
    let client = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    let mut fillers = Vec::new();
    loop {
        match std::fs::File::open("/dev/null") {
            Ok(f) => fillers.push(f),
            Err(e) if e.raw_os_error() == Some(libc::EMFILE) => break,
            Err(e) => panic!("{}", e),
        }
    }
    client.connect(&port.addr.into()).unwrap();
    // Accepting fails (EMFILE) meanwhile: the listener must not give up.
    assert!(
        port.quiet(Duration::from_millis(300)),
        "no player and no failure while out of descriptors"
    );
    drop(fillers);
    assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &saved) }, 0);

    let conn = match port.next() {
        UserEvent::Connected { conn, .. } => conn,
        e => panic!("{:?}", e),
    };
    let mut client: std::net::TcpStream = client.into();
    let mut greeting = [0u8; 6];
    client.read_exact(&mut greeting).unwrap();
    port.write(conn, b"welcome");
    assert_eq!(read_n(&mut client, 7), b"welcome");
}
