//! External programs: spawned without a shell, stdin fed by writes,
//! stdout and stderr read concurrently, killed (with their process group)
//! on close or timeout, always reaped.

use crate::protocol::{Event, NetId, OutputStream, ProcessSpec};
use crate::runtime::{Conn, Shared};
use crate::stream::ConnCmd;
use std::process::Stdio;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::process::Command;
use tokio::sync::mpsc;

pub(crate) fn spawn(shared: Shared, id: NetId, spec: ProcessSpec) {
    let mut cmd = Command::new(&spec.program);
    cmd.args(&spec.args)
        .env_clear()
        .envs(spec.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        // Its own process group, so a kill reaches its children too.
        .process_group(0);
    if let Some(dir) = &spec.cwd {
        cmd.current_dir(dir);
    }
    if let Some(gid) = spec.gid {
        cmd.gid(gid);
    }
    if let Some(uid) = spec.uid {
        cmd.uid(uid);
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            shared.send(Event::SpawnFailed { id, error: format!("{}: {}", spec.program.display(), e) });
            return;
        }
    };
    let pid = child.id();
    let stdin = child.stdin.take();
    let stdout = child.stdout.take().expect("piped stdout");
    let stderr = child.stderr.take().expect("piped stderr");
    let (tx, mut rx) = mpsc::unbounded_channel::<ConnCmd>();
    let (kill_tx, mut kill_rx) = mpsc::unbounded_channel::<()>();
    // Writes go to stdin; Close (or a dropped channel) kills the program.
    let writer = tokio::spawn(async move {
        let mut stdin = stdin;
        while let Some(cmd) = rx.recv().await {
            match cmd {
                ConnCmd::Write { data, .. } => {
                    if let Some(s) = stdin.as_mut() {
                        if s.write_all(&data).await.is_err() {
                            stdin = None;
                        }
                    }
                }
                ConnCmd::Close => break,
            }
        }
        let _ = kill_tx.send(());
    });
    shared.register(id, Conn::Stream { tx, reader: writer.abort_handle() });
    let s = shared.clone();
    let timeout = spec.timeout;
    tokio::spawn(async move {
        let out = tokio::spawn(pump(s.clone(), id, stdout, OutputStream::Stdout));
        let err = tokio::spawn(pump(s.clone(), id, stderr, OutputStream::Stderr));
        let killed = async {
            match timeout {
                Some(t) => {
                    tokio::select! {
                        _ = kill_rx.recv() => {}
                        _ = tokio::time::sleep(t) => {}
                    }
                }
                None => {
                    kill_rx.recv().await;
                }
            }
        };
        let status = tokio::select! {
            st = child.wait() => st.ok(),
            _ = killed => {
                if let Some(pid) = pid {
                    // SIGKILL to the whole group, then reap.
                    unsafe { libc::kill(-(pid as i32), libc::SIGKILL) };
                }
                let _ = child.kill().await;
                child.wait().await.ok()
            }
        };
        let _ = out.await;
        let _ = err.await;
        use std::os::unix::process::ExitStatusExt;
        let (code, signal) = match status {
            Some(st) => (st.code(), st.signal()),
            None => (None, None),
        };
        if s.unregister(id) {
            s.send(Event::Exited { id, code, signal });
        }
    });
}

async fn pump<R: AsyncRead + Unpin>(shared: Shared, id: NetId, mut r: R, stream: OutputStream) {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match r.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => shared.send(Event::Output { id, data: buf[..n].to_vec(), stream }),
        }
    }
}
