//! Opening the config's ports for players: `port number` and
//! `external_port_N : telnet|websocket|ascii|binary PORT`, with
//! `external_port_N_tls : cert=... key=...`. Each opened port is printed on
//! stdout ("ferrum: telnet port 127.0.0.1:4000"), so port 0 (any free
//! port) is usable by tests and scripts.

use crate::config::{Config, PortKind};
use crate::mudlib::Mudlib;
use ferrum_efuns::interactive::{open_port, PortSpec};
use ferrum_net::users::protocol::UserPortKind;
use ferrum_net::TlsServer;
use ferrum_vm::Vm;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};

/// A file named in the config: absolute, relative to the working
/// directory, or a mudlib path.
fn file_path(name: &str, mudlib: &Mudlib) -> PathBuf {
    let p = Path::new(name);
    if p.is_absolute() || p.exists() {
        return p.to_path_buf();
    }
    mudlib.real_path(name).unwrap_or_else(|| p.to_path_buf())
}

/// Opens every configured port. A port that cannot be opened is an error
/// (the driver stops: a mud nobody can reach is not running).
pub fn open_all(vm: &mut Vm, config: &Config, mudlib: &Mudlib) -> Result<(), String> {
    let ip: IpAddr = match config.get("mud ip").filter(|s| !s.is_empty()) {
        Some(s) => s.parse().map_err(|_| format!("bad mud ip '{}'", s))?,
        None => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
    };
    // The browser client's directory is a mudlib path (else a real one).
    let web_root = config
        .get("websocket http dir")
        .or_else(|| config.get("http directory"))
        .map(|d| mudlib.real_path(d).filter(|p| p.is_dir()).unwrap_or_else(|| file_path(d, mudlib)));
    for port in &config.ports {
        let kind = match port.kind {
            PortKind::Telnet => UserPortKind::Telnet,
            PortKind::WebSocket => UserPortKind::WebSocket,
            PortKind::Ascii => UserPortKind::Ascii,
            PortKind::Binary => UserPortKind::Binary,
            PortKind::Mud => {
                eprintln!("ferrum: external_port_{}: MUD ports for players are not supported; skipped", port.index);
                continue;
            }
        };
        let tls = port.tls.as_ref().map(|(cert, key)| TlsServer { cert: file_path(cert, mudlib), key: file_path(key, mudlib) });
        let secure = tls.is_some();
        let spec = PortSpec {
            index: port.index as i64,
            kind,
            addr: SocketAddr::new(ip, port.port),
            tls,
            web_root: if kind == UserPortKind::WebSocket { web_root.clone() } else { None },
        };
        let addr = open_port(vm, spec).map_err(|e| format!("external_port_{}: {}", port.index, e))?;
        println!("ferrum: {}{} port {}", kind.name(), if secure { " (tls)" } else { "" }, addr);
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();
    Ok(())
}
