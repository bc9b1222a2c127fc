//! A TLS players' port (`external_port_N_tls`) and `sys_reload_tls(N)`:
//! after the certificate files are replaced and the efun is called, new
//! connections get the new certificate while open sessions carry on.

mod support;

use ferrum_net::protocol::TlsClient;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use support::{Mud, TempCert};

type Session = rustls::StreamOwned<rustls::ClientConnection, TcpStream>;

/// A TLS session to the port that trusts only `root`; Err when the
/// handshake fails.
fn connect(port: u16, root: &Path) -> Result<Session, String> {
    let client = TlsClient { verify_peer: true, server_name: Some("localhost".into()), extra_roots: Some(root.into()) };
    let config = ferrum_net::tls::client_config(&client)?;
    let name = ferrum_net::tls::server_name(&client, "localhost")?;
    let conn = rustls::ClientConnection::new(Arc::clone(&config), name).map_err(|e| e.to_string())?;
    let sock = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    sock.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut tls = rustls::StreamOwned::new(conn, sock);
    // Reading drives the handshake; the console greets first.
    read_until(&mut tls, "> ")?;
    Ok(tls)
}

fn read_until(s: &mut Session, want: &str) -> Result<String, String> {
    let mut seen = Vec::new();
    let mut buf = [0u8; 1024];
    while !String::from_utf8_lossy(&seen).contains(want) {
        let n = s.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err(format!("closed before {:?}: {:?}", want, String::from_utf8_lossy(&seen)));
        }
        seen.extend_from_slice(&buf[..n]);
    }
    Ok(String::from_utf8_lossy(&seen).into_owned())
}

fn command(s: &mut Session, line: &str) -> String {
    s.write_all(format!("{}\r\n", line).as_bytes()).unwrap();
    s.flush().unwrap();
    read_until(s, "> ").unwrap()
}

#[test]
fn a_tls_port_reloads_its_certificate_for_new_connections() {
    let mudlib = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/mudlib-tls").canonicalize().unwrap();
    let live = TempCert::new("tls-port");
    // The first identity, kept aside to be trusted by the first clients.
    let first = live.dir.join("first.pem");
    std::fs::copy(&live.cert, &first).unwrap();
    let config = live.dir.join("config.test");
    std::fs::write(
        &config,
        format!(
            "name : ferrum-tls\nmudlib directory : {}\nlog directory : /log\nmaster file : /secure/master\n\
             mud ip : 127.0.0.1\nexternal_port_1 : telnet 0\nexternal_port_1_tls : cert={} key={}\n\
             external_port_2 : ascii 0\n",
            mudlib.display(),
            live.cert.display(),
            live.key.display()
        ),
    )
    .unwrap();
    let mud = Mud::boot(&mudlib, config.to_str().unwrap(), 2);
    let port = mud.port("telnet");

    let mut old_session = connect(port, &first).expect("the first certificate is served");
    assert!(command(&mut old_session, "ping").contains("pong"));

    // Errors leave the port as it was: no such port, a port without TLS.
    assert!(command(&mut old_session, "reload 9").contains("refused: *sys_reload_tls: no port external_port_9"));
    assert!(command(&mut old_session, "reload 2").contains("external_port_2 is not a TLS port"));

    // A new identity on disk, then the reload.
    let next = TempCert::new("tls-port-next");
    std::fs::copy(&next.cert, &live.cert).unwrap();
    std::fs::copy(&next.key, &live.key).unwrap();
    assert!(command(&mut old_session, "reload 1").contains("reloaded"));

    // New connections present the new certificate...
    let err = connect(port, &first).err().expect("the old certificate is no longer served");
    assert!(err.to_lowercase().contains("certificate"), "{}", err);
    let mut new_session = connect(port, &next.cert).expect("the new certificate is served");
    assert!(command(&mut new_session, "ping").contains("pong"));
    // ...and the session opened before the reload goes on.
    assert!(command(&mut old_session, "ping").contains("pong"));

    // Broken files: the reload fails and the port keeps serving.
    std::fs::write(&live.cert, "not a certificate").unwrap();
    assert!(command(&mut old_session, "reload 1").contains("refused: *sys_reload_tls:"));
    assert!(connect(port, &next.cert).is_ok());
    drop(mud);
}
