//! Player (interactive user) ports: telnet, ascii and binary ports, and
//! WebSocket ports whose HTTP side serves the browser client.
//!
//! The dispatcher hands every `Command::Users` to [`Users::handle`]. Each
//! player connection is one task that owns its socket's read side and a
//! writer task for its output. It is registered in the runtime's registry
//! as a stream (so `Command::Close` closes it, after the output queued so
//! far) and listed here for the player commands (write, echo, char mode).

mod http;
mod listener;
mod player;
pub mod protocol;
mod stream_conn;
mod telnet;
#[cfg(test)]
mod telnet_tests;
mod text;
mod web_files;
mod ws_conn;

use crate::protocol::NetId;
use crate::runtime::Shared;
use protocol::UserCommand;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

/// What a player connection is asked to do, in the interpreter's order.
#[derive(Debug)]
pub(crate) enum ToPlayer {
    Write(Vec<u8>),
    Echo(bool),
    CharMode(bool),
    /// Raw telnet command bytes (telnet connections only).
    Telnet(Vec<u8>),
    Close,
}

/// The live player connections of one network thread, by id.
#[derive(Clone, Default)]
pub(crate) struct Players(Arc<Mutex<HashMap<NetId, mpsc::UnboundedSender<ToPlayer>>>>);

impl Players {
    fn send(&self, conn: NetId, msg: ToPlayer) {
        if let Some(tx) = self.0.lock().expect("players").get(&conn) {
            let _ = tx.send(msg);
        }
    }

    fn insert(&self, conn: NetId, tx: mpsc::UnboundedSender<ToPlayer>) {
        self.0.lock().expect("players").insert(conn, tx);
    }

    fn remove(&self, conn: NetId) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(&conn);
        }
    }
}

/// The player side of one network thread.
pub(crate) struct Users {
    shared: Shared,
    players: Players,
    /// The TLS ports' acceptors, by listener id.
    tls_ports: Mutex<HashMap<NetId, listener::TlsSlot>>,
}

impl Users {
    pub fn new(shared: Shared) -> Self {
        Users {
            shared,
            players: Players::default(),
            tls_ports: Mutex::default(),
        }
    }

    pub fn handle(&self, cmd: UserCommand) {
        match cmd {
            UserCommand::Listen {
                id,
                listener,
                kind,
                tls,
                web_root,
            } => {
                let slot = listener::start(&self.shared, &self.players, id, listener, kind, tls, web_root);
                if let (Some(slot), Ok(mut ports)) = (slot, self.tls_ports.lock()) {
                    ports.insert(id, slot);
                }
            }
            UserCommand::ReloadTls { id, config } => {
                let slot = self.tls_ports.lock().ok().and_then(|p| p.get(&id).cloned());
                if let Some(slot) = slot {
                    if let Ok(mut acceptor) = slot.write() {
                        *acceptor = Some(tokio_rustls::TlsAcceptor::from(config));
                    }
                }
            }
            UserCommand::Write { conn, data } => self.players.send(conn, ToPlayer::Write(data)),
            UserCommand::Echo { conn, on } => self.players.send(conn, ToPlayer::Echo(on)),
            UserCommand::CharMode { conn, on } => self.players.send(conn, ToPlayer::CharMode(on)),
            UserCommand::Telnet { conn, bytes } => self.players.send(conn, ToPlayer::Telnet(bytes)),
            UserCommand::Close { conn } => {
                // Out of the registry first: an end we asked for is no news.
                self.shared.unregister(conn);
                self.players.send(conn, ToPlayer::Close);
            }
        }
    }
}
