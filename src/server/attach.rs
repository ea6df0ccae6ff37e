//! Attaching a client to a one-off dyno: the one implementation behind both ways in. A one-off
//! started with `attach: true` waits here under a secret; the client then claims it either
//! through the API's HTTP upgrade (`Upgrade: tug-attach`, what `tug run` uses over plain
//! HTTP) or through the rendezvous listener (`rendezvous.rs`, Heroku's protocol, what the
//! official CLI and heroku3 use over TLS). Then the bytes move one of two ways:
//! - `Framing::Frames`: `api::attach` frames both ways (stdout and stderr apart, resizes, end
//!   of input, the exit code at the end);
//! - `Framing::Raw`: raw bytes both ways, the dyno's output merged, as Heroku's rendezvous
//!   does; the connection closes when the process exits.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use crate::api::attach::{Decoder, Frame};
use crate::server::runtime::{OneOff, OneOffOutput};

/// How long an attached one-off waits for its client before it is stopped.
const ATTACH_WAIT: Duration = Duration::from_secs(30);

/// How long a raw connection stays open after the process exited, waiting for the client's EOT.
const RAW_CLOSE_WAIT: Duration = Duration::from_millis(500);

/// The end-of-transmission byte the official CLI sends when its (non-terminal) stdin ends.
const EOT: u8 = 0x04;

/// How the bytes of an attach connection are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    Frames,
    Raw,
}

/// A one-off waiting for its client.
struct Waiting {
    oneoff: OneOff,
    /// Whether it has a terminal: raw input then goes to it as typed, ^D included.
    tty: bool,
}

/// What an attached client reads when the server stopping ended its one-off.
const STOPPED: &[u8] = b"\r\ntug server is stopping: the one-off dyno was stopped\r\n";

/// Attached one-offs waiting for their client, by capability secret.
pub struct Attaches {
    waiting: Mutex<HashMap<String, Waiting>>,
    /// Turns true when the server stops, which stops every one-off.
    stopping: tokio::sync::watch::Receiver<bool>,
}

impl Attaches {
    pub fn new(stopping: tokio::sync::watch::Receiver<bool>) -> Attaches {
        Attaches {
            waiting: Mutex::default(),
            stopping,
        }
    }

    /// Keeps a one-off for the client that knows `secret`; stops it if none comes in time.
    pub fn offer(self: &Arc<Self>, secret: String, oneoff: OneOff, tty: bool) {
        self.lock().insert(secret.clone(), Waiting { oneoff, tty });
        let this = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(ATTACH_WAIT).await;
            if let Some(left) = this.lock().remove(&secret) {
                left.oneoff.control.stop();
            }
        });
    }

    /// The one-off waiting under `secret`, once: a second claim finds nothing.
    pub fn claim(&self, secret: &str) -> Option<Claimed> {
        self.lock().remove(secret).map(|w| Claimed {
            oneoff: w.oneoff,
            tty: w.tty,
            stopping: self.stopping.clone(),
        })
    }

    /// Whether a one-off waits under `secret` (without claiming it).
    pub fn is_waiting(&self, secret: &str) -> bool {
        self.lock().contains_key(secret)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Waiting>> {
        crate::sync::lock(&self.waiting)
    }
}

/// A one-off its client has claimed.
pub struct Claimed {
    oneoff: OneOff,
    tty: bool,
    stopping: tokio::sync::watch::Receiver<bool>,
}

impl Claimed {
    /// Nobody will attach after all (the connection failed before it started).
    pub fn abandon(self) {
        self.oneoff.control.stop();
    }

    /// Carries the dyno's input and output over `io` until the process exits.
    pub async fn attach<S: AsyncRead + AsyncWrite + Unpin + Send + 'static>(
        self,
        io: S,
        framing: Framing,
        early: Vec<u8>,
    ) {
        let Claimed {
            mut oneoff,
            tty,
            stopping,
        } = self;
        let (read, mut write) = tokio::io::split(io);
        // Input that came with the client's first line is read first.
        let read = std::io::Cursor::new(early).chain(read);
        let (ended_tx, ended_rx) = tokio::sync::oneshot::channel();
        let input = tokio::spawn(feed(
            read,
            oneoff.stdin.take(),
            oneoff.control.clone(),
            framing,
            tty,
            ended_tx,
        ));
        while let Some(out) = oneoff.output.recv().await {
            let bytes = match (framing, out) {
                (Framing::Frames, OneOffOutput::Stdout(b)) => Frame::Stdout(b).encode(),
                (Framing::Frames, OneOffOutput::Stderr(b)) => Frame::Stderr(b).encode(),
                (Framing::Raw, OneOffOutput::Stdout(b) | OneOffOutput::Stderr(b)) => b,
            };
            if write.write_all(&bytes).await.is_err() || write.flush().await.is_err() {
                // The client went away: hang up on the process.
                input.abort();
                return;
            }
        }
        let code = oneoff.wait().await;
        if *stopping.borrow() {
            // Otherwise the client sees its command end with SIGTERM's status and no reason.
            let notice = match framing {
                Framing::Frames => Frame::Stderr(STOPPED.to_vec()).encode(),
                Framing::Raw => STOPPED.to_vec(),
            };
            let _ = write.write_all(&notice).await;
        }
        if framing == Framing::Frames {
            let _ = write.write_all(&Frame::Exit(code).encode()).await;
        } else {
            // The official CLI writes an EOT when its stdin ends, and fails if the connection
            // closed first: a quick command must not close before that (or a short wait).
            let _ = tokio::time::timeout(RAW_CLOSE_WAIT, ended_rx).await;
        }
        let _ = write.shutdown().await;
        input.abort();
    }
}

/// The client's side: input to the dyno (and, framed, resizes) until the connection ends.
async fn feed<R: AsyncRead + Unpin>(
    mut read: R,
    mut stdin: Option<crate::server::runtime::DynoInput>,
    control: crate::server::runtime::OneOffControl,
    framing: Framing,
    tty: bool,
    ended: tokio::sync::oneshot::Sender<()>,
) {
    let mut ended = Some(ended);
    let mut decoder = Decoder::default();
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = match read.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if framing == Framing::Raw {
            let chunk = &buf[..n];
            // Without a terminal there is nobody to read ^D: the official CLI's EOT at the end
            // of its stdin is the end of the dyno's input.
            if chunk.contains(&EOT)
                && let Some(tx) = ended.take()
            {
                let _ = tx.send(());
            }
            let (data, eot) = match chunk.iter().position(|b| *b == EOT) {
                Some(at) if !tty => (&chunk[..at], true),
                _ => (chunk, false),
            };
            if let Some(s) = stdin.as_mut()
                && s.write_all(data).await.is_err()
            {
                stdin = None;
            }
            if eot && let Some(mut s) = stdin.take() {
                let _ = s.shutdown().await;
            }
            continue;
        }
        decoder.push(&buf[..n]);
        loop {
            match decoder.next_frame() {
                Ok(Some(Frame::Stdin(bytes))) => {
                    if let Some(s) = stdin.as_mut()
                        && s.write_all(&bytes).await.is_err()
                    {
                        stdin = None;
                    }
                }
                Ok(Some(Frame::Resize(c, r))) => control.resize(c, r),
                Ok(Some(Frame::Eof)) => {
                    if let Some(mut s) = stdin.take() {
                        let _ = s.shutdown().await;
                    }
                }
                Ok(Some(_)) => {}
                Ok(None) => break,
                Err(e) => {
                    tracing::debug!("bad attach frame: {e}");
                    return;
                }
            }
        }
    }
}
