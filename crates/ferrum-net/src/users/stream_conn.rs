//! Telnet, ascii and binary player connections over a byte stream (TCP or
//! TLS): the reading/command task and its writer.

use super::player::{out_queue, OutFeed, Player, Site, CLOSE_FLUSH};
use super::protocol::{UserEvent, UserPortKind};
use super::telnet::{Telnet, TelnetEvent};
use super::text::{LineEnds, LineOut};
use super::ToPlayer;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadHalf};

/// After our close, input still arriving is read and dropped for this long:
/// closing a socket with unread input resets it, which can destroy output
/// the player has not read yet.
const LINGER: Duration = Duration::from_secs(2);

enum End {
    /// Closed by the interpreter: output drains first.
    Ours,
    /// The player closed, failed, or stopped reading.
    Gone,
}

/// How input bytes become events, by port kind.
enum Decoder {
    Telnet(Box<Telnet>),
    Ascii(LineEnds),
    Binary,
}

/// Serves one player until either side ends the connection.
pub(super) async fn run<S>(site: &Site, io: S, peer: SocketAddr, port: u16)
where
    S: AsyncRead + AsyncWrite + Send + 'static,
{
    let Some(mut player) = Player::open(site, peer, port) else {
        return;
    };
    let (mut rd, wr) = tokio::io::split(io);
    let (out, feed) = out_queue::<Vec<u8>>();
    let mut writer = tokio::spawn(write_loop(wr, feed));
    let mut decoder = match site.kind {
        UserPortKind::Telnet => Decoder::Telnet(Box::new(Telnet::new())),
        UserPortKind::Ascii => Decoder::Ascii(LineEnds::default()),
        _ => Decoder::Binary,
    };
    let mut encoder = match site.kind {
        UserPortKind::Binary => None,
        kind => Some(LineOut::new(kind == UserPortKind::Telnet)),
    };
    let push = |bytes: Vec<u8>| {
        let len = bytes.len();
        len == 0 || out.push(bytes, len)
    };
    if let Decoder::Telnet(t) = &mut decoder {
        push(t.greeting());
    }
    let mut buf = vec![0u8; 16 * 1024];
    let end = loop {
        tokio::select! {
            r = rd.read(&mut buf) => {
                let n = match r {
                    Ok(0) | Err(_) => break End::Gone,
                    Ok(n) => n,
                };
                if !receive(&player, &mut decoder, &buf[..n], &push) {
                    break End::Gone;
                }
            }
            cmd = player.next() => {
                let bytes = match (cmd, &mut decoder) {
                    (ToPlayer::Close, _) => break End::Ours,
                    (ToPlayer::Write(data), _) => match &mut encoder {
                        Some(e) => e.encode(&data),
                        None => data,
                    },
                    (ToPlayer::Echo(on), Decoder::Telnet(t)) => t.set_echo(on),
                    (ToPlayer::CharMode(on), Decoder::Telnet(t)) => t.set_char_mode(on),
                    (ToPlayer::Telnet(bytes), Decoder::Telnet(t)) => t.outgoing(bytes),
                    // Ascii and binary players have no echo or modes.
                    _ => Vec::new(),
                };
                if !push(bytes) {
                    break End::Gone;
                }
            }
            _ = &mut writer => break End::Gone,
        }
    };
    match end {
        End::Gone => {
            out.abandon();
            writer.abort();
            player.gone();
        }
        End::Ours => {
            player.closed();
            drop(out);
            tokio::spawn(close_gently(writer, rd));
        }
    }
}

/// Turns input into events; false when the replies overflow the queue.
fn receive(
    player: &Player,
    decoder: &mut Decoder,
    bytes: &[u8],
    push: &impl Fn(Vec<u8>) -> bool,
) -> bool {
    match decoder {
        Decoder::Telnet(t) => {
            let mut events = Vec::new();
            let mut reply = Vec::new();
            t.receive(bytes, &mut events, &mut reply);
            for e in events {
                match e {
                    TelnetEvent::Input(data) => player.input(data),
                    TelnetEvent::WindowSize { width, height } => {
                        player.report(UserEvent::WindowSize {
                            conn: player.id,
                            width,
                            height,
                        })
                    }
                    TelnetEvent::TerminalType(name) => player.report(UserEvent::TerminalType {
                        conn: player.id,
                        name,
                    }),
                }
            }
            push(reply)
        }
        Decoder::Ascii(lines) => {
            let mut data = Vec::with_capacity(bytes.len());
            for &b in bytes {
                lines.push(b, &mut data);
            }
            player.input(data);
            true
        }
        Decoder::Binary => {
            player.input(bytes.to_vec());
            true
        }
    }
}

/// Writes queued output; when the queue closes (our close), flushes and
/// ends the stream. Returns on the first write error.
async fn write_loop<W: AsyncWrite>(wr: W, mut feed: OutFeed<Vec<u8>>) -> std::io::Result<()> {
    tokio::pin!(wr);
    while let Some(chunk) = feed.next().await {
        wr.write_all(&chunk).await?;
        feed.sent(chunk.len());
        if feed.is_empty() {
            wr.flush().await?;
        }
    }
    wr.flush().await?;
    wr.shutdown().await
}

/// After our close: let the output drain (not forever), then keep reading
/// for a moment so that the close does not reset the connection.
async fn close_gently<S: AsyncRead>(
    mut writer: tokio::task::JoinHandle<std::io::Result<()>>,
    mut rd: ReadHalf<S>,
) {
    if tokio::time::timeout(CLOSE_FLUSH, &mut writer)
        .await
        .is_err()
    {
        writer.abort();
        return;
    }
    let _ = tokio::time::timeout(LINGER, async {
        let mut buf = [0u8; 4096];
        while matches!(rd.read(&mut buf).await, Ok(n) if n > 0) {}
    })
    .await;
}
