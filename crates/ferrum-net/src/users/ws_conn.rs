//! WebSocket player connections (after the HTTP upgrade).
//!
//! One task owns the WebSocket and drives both directions itself: it
//! hands queued frames to yawc only as fast as the socket takes them (so
//! the output cap sees what is really unsent), and reads frames meanwhile.
//! yawc answers pings and close frames, and closes with 1009 on a message
//! over the limit.

use super::player::{Player, Site, CLOSE_FLUSH, MAX_QUEUED_OUTPUT};
use super::protocol::UserEvent;
use super::text::Utf8Carry;
use super::ToPlayer;
use futures::SinkExt;
use std::collections::VecDeque;
use std::future::poll_fn;
use std::net::SocketAddr;
use std::task::{Context, Poll};
use std::time::Duration;
use yawc::frame::OpCode;
use yawc::{Frame, HttpWebSocket, WebSocketError};

/// After the close frames, wait this long for the client to hang up.
const LINGER: Duration = Duration::from_secs(2);

enum End {
    Ours,
    /// The client closed, vanished or broke the protocol.
    Gone,
    /// The client does not read its output.
    Overflow,
}

/// The WebSocket with the frames waiting for it.
struct WsIo {
    ws: HttpWebSocket,
    queue: VecDeque<Frame>,
    /// Payload bytes in `queue`.
    queued: usize,
    flushing: bool,
}

impl WsIo {
    /// Queues a frame; false when too much was still unsent.
    fn push(&mut self, frame: Frame) -> bool {
        let before = self.queued;
        self.queued += frame.payload().len();
        self.queue.push_back(frame);
        before <= MAX_QUEUED_OUTPUT
    }

    /// Moves queued frames into the socket as far as it takes them; ready
    /// with the next incoming frame, or with an error of either direction.
    fn poll_step(&mut self, cx: &mut Context<'_>) -> Poll<Result<Frame, WebSocketError>> {
        if let Poll::Ready(Err(e)) = self.poll_output(cx) {
            return Poll::Ready(Err(e));
        }
        self.ws.poll_next_frame(cx)
    }

    /// Ready once everything queued has been written out.
    fn poll_output(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), WebSocketError>> {
        while !self.queue.is_empty() {
            match self.ws.poll_ready_unpin(cx) {
                Poll::Ready(Ok(())) => {
                    if let Some(frame) = self.queue.pop_front() {
                        self.queued -= frame.payload().len();
                        self.ws.start_send_unpin(frame)?;
                        self.flushing = true;
                    }
                }
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        if self.flushing {
            std::task::ready!(self.ws.poll_flush_unpin(cx))?;
            self.flushing = false;
        }
        Poll::Ready(Ok(()))
    }
}

/// Serves one upgraded connection until either side ends it.
pub(super) async fn run(site: &Site, ws: HttpWebSocket, peer: SocketAddr, port: u16) {
    let Some(mut player) = Player::open(site, peer, port) else {
        return;
    };
    let mut io = WsIo {
        ws,
        queue: VecDeque::new(),
        queued: 0,
        flushing: false,
    };
    let mut carry = Utf8Carry::default();
    let mut echo = true;
    let mut char_mode = false;
    let end = loop {
        tokio::select! {
            step = poll_fn(|cx| io.poll_step(cx)) => match step {
                Ok(frame) => match frame.opcode() {
                    OpCode::Text | OpCode::Binary => message(&player, frame.payload(), char_mode),
                    OpCode::Close => break End::Gone,
                    _ => {}
                },
                Err(_) => break End::Gone,
            },
            cmd = player.next() => {
                let json = match cmd {
                    ToPlayer::Close => break End::Ours,
                    ToPlayer::Write(data) => {
                        let text = carry.decode(&data);
                        if text.is_empty() {
                            continue;
                        }
                        serde_json::json!({ "out": text })
                    }
                    ToPlayer::Echo(on) => {
                        if on == echo {
                            continue;
                        }
                        echo = on;
                        serde_json::json!({ "echo": on })
                    }
                    // WebSocket players speak no telnet.
                    ToPlayer::Telnet(_) => continue,
                    ToPlayer::CharMode(on) => {
                        if on == char_mode {
                            continue;
                        }
                        char_mode = on;
                        serde_json::json!({ "charmode": on })
                    }
                };
                if !io.push(Frame::text(json.to_string())) {
                    break End::Overflow;
                }
            }
        }
    };
    match end {
        End::Ours => {
            player.closed();
            tokio::spawn(finish(io, true));
        }
        End::Gone => {
            player.gone();
            tokio::spawn(finish(io, false));
        }
        End::Overflow => player.gone(),
    }
}

/// One client message: a line (or, in char mode, keys), or a window size.
fn message(player: &Player, payload: &[u8], char_mode: bool) {
    if let Some((width, height)) = window_size(payload) {
        player.report(UserEvent::WindowSize {
            conn: player.id,
            width,
            height,
        });
        return;
    }
    let mut data = payload.to_vec();
    if !char_mode {
        data.push(b'\n');
    }
    player.input(data);
}

/// `{"naws":[w,h]}` (that key alone) is a window size, not input.
fn window_size(payload: &[u8]) -> Option<(u16, u16)> {
    if payload.first() != Some(&b'{') {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(payload).ok()?;
    let obj = v.as_object().filter(|o| o.len() == 1)?;
    let size = obj.get("naws")?.as_array().filter(|a| a.len() == 2)?;
    let dim = |i: usize| size[i].as_u64().and_then(|n| u16::try_from(n).ok());
    Some((dim(0)?, dim(1)?))
}

/// Ends a connection politely, within a deadline: our queued output (when
/// we closed), whatever yawc owes the client (its close echoed, or 1009),
/// our close frame (1000) unless one went out already, then a moment for
/// the client to hang up, so closing does not reset the connection.
async fn finish(mut io: WsIo, drain: bool) {
    if !drain {
        io.queue.clear();
        io.queued = 0;
    }
    let _ = tokio::time::timeout(CLOSE_FLUSH, async {
        poll_fn(|cx| io.poll_output(cx)).await?;
        poll_fn(|cx| io.ws.poll_ready_unpin(cx)).await?;
        io.ws.close().await
    })
    .await;
    let _ = tokio::time::timeout(LINGER, async {
        while let Ok(frame) = io.ws.next_frame().await {
            if frame.opcode() == OpCode::Close {
                break;
            }
        }
    })
    .await;
}
