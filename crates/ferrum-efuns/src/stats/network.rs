//! Network traffic counters for `network_stats()`: packets (reads and
//! writes as the interpreter sees them) and bytes, per players' port and
//! for LPC sockets. The interactive and socket code count as data passes.

use ferrum_net::protocol::{NetId, TlsServer};
use ferrum_net::users::protocol::UserPortKind;
use ferrum_vm::error::VmResult;
use ferrum_vm::{Mapping, Value, Vm};
use std::collections::BTreeMap;

#[derive(Default, Clone, Copy)]
struct Counts {
    in_packets: i64,
    in_bytes: i64,
    out_packets: i64,
    out_bytes: i64,
}

impl Counts {
    fn add(&mut self, incoming: bool, bytes: usize) {
        if incoming {
            self.in_packets += 1;
            self.in_bytes += bytes as i64;
        } else {
            self.out_packets += 1;
            self.out_bytes += bytes as i64;
        }
    }
}

#[derive(Default)]
pub struct NetStats {
    ports: BTreeMap<u16, Counts>,
    sockets: Counts,
}

/// Data through a players' port (`incoming`: from the player).
pub fn count_port(vm: &mut Vm, port: u16, incoming: bool, bytes: usize) {
    vm.ext::<NetStats>().ports.entry(port).or_default().add(incoming, bytes);
}

/// Data through an LPC socket.
pub fn count_socket(vm: &mut Vm, incoming: bool, bytes: usize) {
    vm.ext::<NetStats>().sockets.add(incoming, bytes);
}

fn put(m: &Mapping, what: &str, c: &Counts) {
    for (key, n) in [
        ("incoming packets", c.in_packets),
        ("incoming volume", c.in_bytes),
        ("outgoing packets", c.out_packets),
        ("outgoing volume", c.out_bytes),
    ] {
        m.insert(Value::from(format!("{} {}", key, what)), Value::Int(n));
    }
}

/// `mapping network_stats()`: "incoming packets total", "incoming volume
/// total", "outgoing packets total", "outgoing volume total", the same for
/// each players' port that carried data ("... port 4000") and for sockets
/// ("... sockets").
pub fn network_stats(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let stats = vm.ext::<NetStats>();
    let m = Mapping::new();
    let mut total = stats.sockets;
    for (port, c) in &stats.ports {
        put(&m, &format!("port {}", port), c);
        total.in_packets += c.in_packets;
        total.in_bytes += c.in_bytes;
        total.out_packets += c.out_packets;
        total.out_bytes += c.out_bytes;
    }
    put(&m, "sockets", &stats.sockets);
    put(&m, "total", &total);
    Ok(Value::Mapping(m))
}

/// A players' port the driver listens on (config `external_port_<index>`),
/// for `sys_network_ports()` and `sys_reload_tls()`.
pub struct Listening {
    pub index: i64,
    pub kind: UserPortKind,
    pub port: u16,
    /// Its listener on the network thread.
    pub id: NetId,
    pub tls: Option<TlsServer>,
}

#[derive(Default)]
struct ListeningPorts(Vec<Listening>);

/// Records a port the driver opened.
pub fn record_listening_port(vm: &mut Vm, port: Listening) {
    vm.ext::<ListeningPorts>().0.push(port);
}

/// The open port `external_port_<index>`: its listener and TLS identity.
pub fn listening_port(vm: &mut Vm, index: i64) -> Option<(NetId, Option<TlsServer>)> {
    vm.ext::<ListeningPorts>().0.iter().find(|p| p.index == index).map(|p| (p.id, p.tls.clone()))
}

/// `mixed *sys_network_ports()`: ({ ({ external_port number, type, port,
/// tls }), ... }) for each port the driver listens on for players.
pub fn sys_network_ports(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let ports = vm
        .ext::<ListeningPorts>()
        .0
        .iter()
        .map(|p| {
            Value::array(vec![
                Value::Int(p.index),
                Value::from(p.kind.name()),
                Value::Int(p.port as i64),
                Value::Int(p.tls.is_some() as i64),
            ])
        })
        .collect();
    Ok(Value::array(ports))
}
