//! Byte-stream connections (TCP, TLS over TCP): one reader task and one
//! writer task per connection.

use crate::protocol::{CloseReason, Event, Framing, NetId};
use crate::runtime::{Conn, Shared};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

/// Largest MUD-mode message accepted (FluffOS caps them too).
pub const MAX_MUD_MESSAGE: usize = 16 * 1024 * 1024;

pub(crate) enum ConnCmd {
    Write { data: Vec<u8>, notify: bool },
    Close,
}

/// Runs a connected stream until either side ends it. `first` (Accepted
/// or Connected) is announced after the connection can take writes and
/// before any data is reported.
pub(crate) fn spawn<S>(shared: Shared, id: NetId, stream: S, framing: Framing, first: Event)
where
    S: AsyncRead + AsyncWrite + Send + 'static,
{
    let (rd, wr) = tokio::io::split(stream);
    let (tx, rx) = mpsc::unbounded_channel();
    let (start_tx, start_rx) = tokio::sync::oneshot::channel::<()>();
    let reader = {
        let shared = shared.clone();
        tokio::spawn(async move {
            if start_rx.await.is_ok() {
                read_loop(shared, id, rd, framing).await;
            }
        })
    };
    shared.register(id, Conn::Stream { tx, reader: reader.abort_handle() });
    tokio::spawn(write_loop(shared.clone(), id, wr, rx, framing));
    shared.send(first);
    let _ = start_tx.send(());
}

async fn read_loop<R: AsyncRead + Unpin>(shared: Shared, id: NetId, mut rd: R, framing: Framing) {
    let reason = match framing {
        Framing::Raw => read_raw(&shared, id, &mut rd).await,
        Framing::Mud => read_frames(&shared, id, &mut rd).await,
    };
    // Only report ends we did not ask for.
    if shared.unregister(id) {
        shared.send(Event::Closed { id, reason });
    }
}

async fn read_raw<R: AsyncRead + Unpin>(shared: &Shared, id: NetId, rd: &mut R) -> CloseReason {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match rd.read(&mut buf).await {
            Ok(0) => return CloseReason::PeerClosed,
            Ok(n) => shared.send(Event::Data { id, data: buf[..n].to_vec() }),
            Err(e) => return CloseReason::Error(e.to_string()),
        }
    }
}

async fn read_frames<R: AsyncRead + Unpin>(shared: &Shared, id: NetId, rd: &mut R) -> CloseReason {
    loop {
        let mut len = [0u8; 4];
        match rd.read_exact(&mut len).await {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return CloseReason::PeerClosed,
            Err(e) => return CloseReason::Error(e.to_string()),
        }
        let n = u32::from_be_bytes(len) as usize;
        if n > MAX_MUD_MESSAGE {
            return CloseReason::Error(format!("MUD message of {} bytes is too large", n));
        }
        let mut data = vec![0u8; n];
        if let Err(e) = rd.read_exact(&mut data).await {
            return CloseReason::Error(format!("truncated MUD message: {}", e));
        }
        shared.send(Event::Data { id, data });
    }
}

async fn write_loop<W: AsyncWrite + Unpin>(
    shared: Shared,
    id: NetId,
    mut wr: W,
    mut rx: mpsc::UnboundedReceiver<ConnCmd>,
    framing: Framing,
) {
    while let Some(cmd) = rx.recv().await {
        match cmd {
            ConnCmd::Write { data, notify } => {
                let sent = match framing {
                    Framing::Raw => wr.write_all(&data).await,
                    Framing::Mud => {
                        let len = (data.len() as u32).to_be_bytes();
                        match wr.write_all(&len).await {
                            Ok(()) => wr.write_all(&data).await,
                            Err(e) => Err(e),
                        }
                    }
                };
                let sent = match sent {
                    Ok(()) => wr.flush().await,
                    Err(e) => Err(e),
                };
                if let Err(e) = sent {
                    if shared.unregister(id) {
                        shared.send(Event::Closed { id, reason: CloseReason::Error(e.to_string()) });
                    }
                    return;
                }
                if notify {
                    shared.send(Event::Drained { id });
                }
            }
            ConnCmd::Close => {
                let _ = wr.flush().await;
                let _ = wr.shutdown().await;
                return;
            }
        }
    }
}
