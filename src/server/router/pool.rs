//! Keep-alive connections to dynos, reused across requests and clients.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// The sending half of a connection to a dyno; the connection itself runs in its own task.
pub(super) type Sender = SendRequest<super::body::Upload>;

/// At most this many idle connections are kept per dyno.
const MAX_IDLE_PER_DYNO: usize = 256;
/// An idle connection older than this is not reused.
const MAX_IDLE_TIME: Duration = Duration::from_secs(60);
/// Every this many returns, dynos without live idle connections are forgotten.
const SWEEP_EVERY: usize = 4096;

#[derive(Default)]
pub(super) struct Pool {
    idle: Mutex<HashMap<SocketAddr, Vec<(Sender, Instant)>>>,
    returns: AtomicUsize,
}

pub(super) enum ConnectError {
    /// Refused, unreachable, reset: nothing reached the dyno.
    Refused,
    /// The connect timeout passed.
    Timeout,
}

impl Pool {
    /// An idle connection to `addr` that can take a request now, newest first.
    pub fn take(&self, addr: SocketAddr) -> Option<Sender> {
        let mut idle = crate::sync::lock(&self.idle);
        let conns = idle.get_mut(&addr)?;
        while let Some((sender, since)) = conns.pop() {
            if sender.is_ready() && since.elapsed() < MAX_IDLE_TIME {
                return Some(sender);
            }
        }
        None
    }

    /// Returns a connection whose last exchange is over.
    pub fn put(&self, addr: SocketAddr, sender: Sender) {
        if sender.is_closed() {
            return;
        }
        let mut idle = crate::sync::lock(&self.idle);
        let conns = idle.entry(addr).or_default();
        if conns.len() < MAX_IDLE_PER_DYNO {
            conns.push((sender, Instant::now()));
        }
        if self.returns.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            idle.retain(|_, conns| {
                conns.retain(|(s, since)| !s.is_closed() && since.elapsed() < MAX_IDLE_TIME);
                !conns.is_empty()
            });
        }
    }

    /// Returns a connection once the exchange on it is over (the request body may still be
    /// on its way when the response has ended), or drops it if it closes.
    pub fn put_when_ready(self: &Arc<Self>, addr: SocketAddr, mut sender: Sender) {
        if sender.is_ready() {
            self.put(addr, sender);
        } else if !sender.is_closed()
            && let Ok(rt) = tokio::runtime::Handle::try_current()
        {
            let pool = self.clone();
            rt.spawn(async move {
                if sender.ready().await.is_ok() {
                    pool.put(addr, sender);
                }
            });
        }
    }
}

/// Opens a new connection to a dyno.
pub(super) async fn connect(addr: SocketAddr, timeout: Duration) -> Result<Sender, ConnectError> {
    let stream = match tokio::time::timeout(timeout, TcpStream::connect(addr)).await {
        Err(_) => return Err(ConnectError::Timeout),
        Ok(Err(_)) => return Err(ConnectError::Refused),
        Ok(Ok(stream)) => stream,
    };
    let _ = stream.set_nodelay(true);
    let (sender, conn) = hyper::client::conn::http1::Builder::new()
        .handshake(TokioIo::new(stream))
        .await
        .map_err(|_| ConnectError::Refused)?;
    tokio::spawn(async move {
        // Errors here reach the request that was using the connection.
        let _ = conn.with_upgrades().await;
    });
    Ok(sender)
}
