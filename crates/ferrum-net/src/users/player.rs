//! What every kind of player connection shares: its registration, its
//! ordered command stream, its bounded output queue, and how it ends.

use super::protocol::{UserEvent, UserPortKind};
use super::{Players, ToPlayer};
use crate::protocol::{Event, NetId};
use crate::runtime::{Conn, Shared};
use crate::stream::ConnCmd;
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// A player with more unsent output than this is not reading: dropped.
pub(super) const MAX_QUEUED_OUTPUT: usize = 1024 * 1024;
/// How long output may take to drain after our close.
pub(super) const CLOSE_FLUSH: Duration = Duration::from_secs(30);

/// One listener's settings, shared by its connections.
pub(super) struct Site {
    pub shared: Shared,
    pub players: Players,
    pub listener: NetId,
    pub kind: UserPortKind,
    pub web_root: Option<PathBuf>,
    /// Set once the listener is closed: connections still in their TLS or
    /// HTTP handshake are then turned away.
    pub stopped: AtomicBool,
}

/// A registered player connection: its id and the commands addressed to it.
pub(super) struct Player {
    pub id: NetId,
    shared: Shared,
    players: Players,
    from_users: mpsc::UnboundedReceiver<ToPlayer>,
    from_runtime: mpsc::UnboundedReceiver<ConnCmd>,
    backlog: VecDeque<ToPlayer>,
}

impl Player {
    /// Registers a new connection and announces it. None when its listener
    /// has been closed meanwhile.
    pub fn open(site: &Site, peer: SocketAddr, port: u16) -> Option<Player> {
        if site.stopped.load(Ordering::Acquire) {
            return None;
        }
        let id = site.shared.next_id();
        let (to_player, from_users) = mpsc::unbounded_channel();
        let (to_stream, from_runtime) = mpsc::unbounded_channel();
        // The registry wants a reader to abort on close; aborting ours would
        // lose queued output, so a finished task stands in and closing goes
        // through `from_runtime`.
        let reader = tokio::spawn(async {}).abort_handle();
        site.shared.register(
            id,
            Conn::Stream {
                tx: to_stream,
                reader,
            },
        );
        site.players.insert(id, to_player);
        site.shared.send(Event::Users(UserEvent::Connected {
            listener: site.listener,
            conn: id,
            peer,
            port,
            kind: site.kind,
        }));
        Some(Player {
            id,
            shared: site.shared.clone(),
            players: site.players.clone(),
            from_users,
            from_runtime,
            backlog: VecDeque::new(),
        })
    }

    pub fn report(&self, event: UserEvent) {
        self.shared.send(Event::Users(event));
    }

    pub fn input(&self, data: Vec<u8>) {
        if !data.is_empty() {
            self.report(UserEvent::Input {
                conn: self.id,
                data,
            });
        }
    }

    /// The next command for this connection, in the order the interpreter
    /// sent them. A generic `Command::Write` counts as a player write.
    /// Cancel-safe: nothing is lost when another `select!` branch wins.
    pub async fn next(&mut self) -> ToPlayer {
        if let Some(m) = self.backlog.pop_front() {
            return m;
        }
        tokio::select! {
            m = self.from_users.recv() => m.unwrap_or(ToPlayer::Close),
            c = self.from_runtime.recv() => match c {
                Some(ConnCmd::Write { data, .. }) => ToPlayer::Write(data),
                Some(ConnCmd::Close) | None => {
                    // Whatever the interpreter sent before closing is already
                    // in the other channel: it goes out first.
                    while let Ok(m) = self.from_users.try_recv() {
                        self.backlog.push_back(m);
                    }
                    self.backlog.push_back(ToPlayer::Close);
                    self.backlog.pop_front().unwrap_or(ToPlayer::Close)
                }
            },
        }
    }

    /// The player's side ended it: news, unless the interpreter has closed
    /// the connection meanwhile.
    pub fn gone(&self) {
        if self.shared.unregister(self.id) {
            self.report(UserEvent::Closed { conn: self.id });
        }
    }

    /// We ended it: no news.
    pub fn closed(&self) {
        self.shared.unregister(self.id);
    }
}

impl Drop for Player {
    fn drop(&mut self) {
        self.players.remove(self.id);
    }
}

/// The sending side of a connection's output queue, counting unsent bytes.
pub(super) struct OutQueue<T> {
    tx: mpsc::UnboundedSender<T>,
    queued: Arc<AtomicUsize>,
    /// Tells the writer to drop what is left (the player is gone).
    abandoned: Arc<AtomicBool>,
}

/// The writer's side of the queue.
pub(super) struct OutFeed<T> {
    rx: mpsc::UnboundedReceiver<T>,
    queued: Arc<AtomicUsize>,
    abandoned: Arc<AtomicBool>,
}

pub(super) fn out_queue<T>() -> (OutQueue<T>, OutFeed<T>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let queued = Arc::new(AtomicUsize::new(0));
    let abandoned = Arc::new(AtomicBool::new(false));
    (
        OutQueue {
            tx,
            queued: queued.clone(),
            abandoned: abandoned.clone(),
        },
        OutFeed {
            rx,
            queued,
            abandoned,
        },
    )
}

impl<T> OutQueue<T> {
    /// Queues `item` (`len` bytes). False when more than
    /// [`MAX_QUEUED_OUTPUT`] was still unsent: the player is not reading.
    /// (A single large write to a player who reads is fine.)
    pub fn push(&self, item: T, len: usize) -> bool {
        let before = self.queued.fetch_add(len, Ordering::Relaxed);
        let _ = self.tx.send(item);
        before <= MAX_QUEUED_OUTPUT
    }

    pub fn abandon(&self) {
        self.abandoned.store(true, Ordering::Relaxed);
    }
}

impl<T> OutFeed<T> {
    /// The next item, None once the queue is closed or abandoned.
    pub async fn next(&mut self) -> Option<T> {
        let item = self.rx.recv().await?;
        if self.abandoned.load(Ordering::Relaxed) {
            return None;
        }
        Some(item)
    }

    pub fn sent(&self, len: usize) {
        self.queued.fetch_sub(len, Ordering::Relaxed);
    }

    /// True when nothing else is waiting (time to flush).
    pub fn is_empty(&self) -> bool {
        self.rx.is_empty()
    }
}
