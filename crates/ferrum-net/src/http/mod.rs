//! HTTP servers (hyper), REST routing and HTTP clients.
//!
//! The dispatcher hands every `Command::Http` to [`Http::handle`]. Server
//! connections are registered in the runtime's registry as streams whose
//! only command is "close" (so `Command::Close` works on them too), HTTP
//! listeners and client ids as tasks (so `Command::Close` aborts them).

mod client;
mod conn;
pub mod protocol;
mod rest_hook;
mod server;
mod service;

use crate::protocol::NetId;
use crate::runtime::Shared;
use protocol::{ClientRequest, HttpCommand, HttpResponse};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, oneshot};

/// The HTTP side of one network thread.
pub(crate) struct Http {
    shared: Shared,
    state: Arc<HttpState>,
}

/// What HTTP tasks of one network thread share.
#[derive(Default)]
pub(crate) struct HttpState {
    /// Requests waiting for LPC's answer, by request id.
    pending: Mutex<HashMap<NetId, oneshot::Sender<HttpResponse>>>,
    /// Each live listener's REST settings (swapped by `UpdateRest`).
    listeners: Mutex<HashMap<NetId, Arc<rest_hook::RestSlot>>>,
    /// Each live client id's request queue.
    clients: Mutex<HashMap<NetId, mpsc::UnboundedSender<ClientRequest>>>,
}

impl Http {
    pub fn new(shared: Shared) -> Self {
        Http {
            shared,
            state: Arc::new(HttpState::default()),
        }
    }

    pub fn handle(&self, cmd: HttpCommand) {
        match cmd {
            HttpCommand::Listen {
                id,
                listener,
                config,
            } => server::listen(&self.shared, &self.state, id, listener, config),
            HttpCommand::UpdateRest { id, rest } => {
                let slot = self
                    .state
                    .listeners
                    .lock()
                    .expect("listeners")
                    .get(&id)
                    .cloned();
                if let Some(slot) = slot {
                    // The interpreter validates routes when they are added,
                    // so this is a safety net: the old routes stay.
                    if let Err(e) = slot.replace(rest) {
                        eprintln!("ferrum-net: REST listener {}: {}", id, e);
                    }
                }
            }
            HttpCommand::Respond { request, response } => {
                // Unknown ids are answers that came too late (504 sent).
                let waiter = self.state.pending.lock().expect("pending").remove(&request);
                if let Some(waiter) = waiter {
                    let _ = waiter.send(response);
                }
            }
            HttpCommand::CloseConnection { conn } => {
                // Dropping the registry entry drops the connection's control
                // channel: it closes after its current answer, silently.
                self.shared.unregister(conn);
            }
            HttpCommand::Request { id, request } => {
                client::submit(&self.shared, &self.state, id, request)
            }
        }
    }
}
