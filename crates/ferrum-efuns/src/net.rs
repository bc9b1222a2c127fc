//! The link between the interpreter and the network thread: starts it on
//! first use, remembers which part of the driver owns each network id,
//! and hands arriving events to that part (including the answers of
//! async I/O jobs, which run on the network thread's blocking pool).

use ferrum_net::{Event, NetHandle, NetId};
use ferrum_vm::Vm;
use std::collections::HashMap;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// Who an event is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// An LPC socket, by descriptor.
    Socket(usize),
    /// A player's connection.
    User,
    /// A port players connect to.
    UserPort,
    /// A program started from an external_create() handle.
    External(i64),
}

#[derive(Default)]
pub struct NetLink {
    net: Option<(NetHandle, Receiver<Event>)>,
    pub routes: HashMap<NetId, Route>,
}

impl NetLink {
    /// The network thread, started on first use.
    pub fn handle(&mut self) -> NetHandle {
        if self.net.is_none() {
            self.net = Some(ferrum_net::start());
        }
        self.net.as_ref().expect("started").0.clone()
    }

    pub fn is_started(&self) -> bool {
        self.net.is_some()
    }

    pub fn route(&mut self, id: NetId, r: Route) {
        self.routes.insert(id, r);
    }

    pub fn forget(&mut self, id: NetId) {
        self.routes.remove(&id);
    }

    /// Waits up to `wait` for events and takes all that are ready.
    fn receive(&mut self, wait: Duration) -> Vec<Event> {
        let Some((_, rx)) = &self.net else { return Vec::new() };
        let mut out = Vec::new();
        match rx.recv_timeout(wait) {
            Ok(e) => out.push(e),
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => return out,
        }
        while let Ok(e) = rx.try_recv() {
            out.push(e);
            if out.len() >= 1024 {
                break;
            }
        }
        out
    }
}

fn event_id(e: &Event) -> NetId {
    match e {
        Event::Accepted { listener, .. } => *listener,
        Event::Connected { id, .. }
        | Event::ConnectFailed { id, .. }
        | Event::Data { id, .. }
        | Event::Datagram { id, .. }
        | Event::Drained { id }
        | Event::Closed { id, .. }
        | Event::ListenerFailed { id, .. }
        | Event::SpawnFailed { id, .. }
        | Event::Output { id, .. }
        | Event::Exited { id, .. }
        | Event::JobDone { id, .. } => *id,
        Event::Http(h) => {
            use ferrum_net::http::protocol::HttpEvent;
            match h {
                HttpEvent::Connection { listener, .. } | HttpEvent::Request { listener, .. } => *listener,
                HttpEvent::ConnectionClosed { conn } => *conn,
                HttpEvent::Response { id, .. } | HttpEvent::ListenFailed { id, .. } => *id,
            }
        }
        Event::Users(u) => {
            use ferrum_net::users::protocol::UserEvent;
            match u {
                UserEvent::Connected { listener, .. } => *listener,
                UserEvent::ListenFailed { id, .. } => *id,
                UserEvent::Input { conn, .. }
                | UserEvent::WindowSize { conn, .. }
                | UserEvent::TerminalType { conn, .. }
                | UserEvent::Closed { conn } => *conn,
            }
        }
    }
}

/// Waits (up to a second) until the network thread has carried out every
/// command sent so far, so that exiting loses no datagram.
pub fn flush(vm: &mut Vm) {
    let link = vm.ext::<NetLink>();
    if !link.is_started() {
        return;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    link.handle().send(ferrum_net::Command::Flush { done: tx });
    let _ = rx.recv_timeout(Duration::from_secs(1));
}

/// Waits up to `wait` for network events and dispatches them. Returns
/// false when the network thread was never started (nothing to wait for;
/// the caller should sleep instead).
pub fn pump(vm: &mut Vm, wait: Duration) -> bool {
    if !vm.ext::<NetLink>().is_started() {
        return false;
    }
    crate::sockets::events::run_deferred(vm);
    let events = vm.ext::<NetLink>().receive(wait);
    for e in events {
        // Async file and database jobs answer through the same channel.
        if let Event::JobDone { id, output } = e {
            // resolve() lookups run as jobs too.
            if let Some(output) = crate::resolve::claim(vm, id, output) {
                crate::async_io::on_done(vm, id, output);
            }
            continue;
        }
        let route = vm.ext::<NetLink>().routes.get(&event_id(&e)).copied();
        match route {
            Some(Route::Socket(fd)) => crate::sockets::events::on_event(vm, fd, e),
            Some(Route::User | Route::UserPort) => {
                if let Event::Users(u) = e {
                    crate::interactive::on_event(vm, u);
                }
            }
            Some(Route::External(h)) => crate::external::handles::on_event(vm, h, e),
            // An event for something already gone (closed meanwhile).
            None => {}
        }
    }
    true
}
