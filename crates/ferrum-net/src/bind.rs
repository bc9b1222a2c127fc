//! Binding sockets synchronously (on the interpreter thread), so that
//! `socket_bind`'s errors are immediate.

use socket2::{Domain, Protocol, SockAddr, Socket, Type};
use std::net::SocketAddr;

#[derive(Debug, PartialEq, Eq)]
pub enum BindError {
    AddressInUse,
    Other(String),
}

/// A TCP socket bound to `addr` (not yet listening).
pub fn bind_tcp(addr: SocketAddr) -> Result<Socket, BindError> {
    let s = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP)).map_err(|e| BindError::Other(e.to_string()))?;
    let _ = s.set_reuse_address(true);
    s.bind(&SockAddr::from(addr)).map_err(classify)?;
    Ok(s)
}

/// Starts listening on a bound TCP socket.
pub fn listen(s: Socket, backlog: i32) -> Result<std::net::TcpListener, String> {
    s.listen(backlog).map_err(|e| e.to_string())?;
    Ok(s.into())
}

/// A UDP socket bound to `addr`.
pub fn bind_udp(addr: SocketAddr) -> Result<std::net::UdpSocket, BindError> {
    let s = Socket::new(Domain::for_address(addr), Type::DGRAM, Some(Protocol::UDP)).map_err(|e| BindError::Other(e.to_string()))?;
    s.bind(&SockAddr::from(addr)).map_err(classify)?;
    Ok(s.into())
}

/// The address a bound socket got (for port 0).
pub fn local_addr(s: &Socket) -> Option<SocketAddr> {
    s.local_addr().ok()?.as_socket()
}

fn classify(e: std::io::Error) -> BindError {
    if e.kind() == std::io::ErrorKind::AddrInUse {
        BindError::AddressInUse
    } else {
        BindError::Other(e.to_string())
    }
}
