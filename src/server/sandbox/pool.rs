//! Networks made ahead of time. pasta takes tens of milliseconds to start (most of it the
//! kernel's, setting up its own isolation), which a one-off or a dyno would otherwise wait for:
//! a couple are kept ready, each with its inbound port chosen, and one is made anew in the
//! background whenever one is taken.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use uuid::Uuid;

use super::network::Ready;
use super::spec::{Network, Pasta};

/// How many networks wait ready.
const AHEAD: usize = 3;

/// How long a network taken waits to be replaced: pasta's start (tens of milliseconds, most of
/// it in the kernel, setting up its own isolation) would otherwise run beside the sandbox that
/// took the network, which is starting at that very moment.
const REFILL_AFTER: Duration = Duration::from_millis(150);

pub struct Pool {
    /// Where each network's files go (`net-ID/pasta.pid`).
    scratch: PathBuf,
    pasta: Pasta,
    ready: Mutex<Vec<Ready>>,
    making: AtomicBool,
    /// The thread making networks, if one was started: `close` waits for it, so that a network
    /// it is making as the server stops is ended, not left running.
    maker: Mutex<Option<std::thread::JoinHandle<()>>>,
    closed: AtomicBool,
}

impl Pool {
    pub fn new(scratch: PathBuf, pasta: Pasta) -> Arc<Pool> {
        Arc::new(Pool {
            scratch,
            pasta,
            ready: Mutex::new(Vec::new()),
            making: AtomicBool::new(false),
            maker: Mutex::new(None),
            closed: AtomicBool::new(false),
        })
    }

    /// A ready network whose outbound ports are `outbound`, if one waits; starts making more.
    pub fn take(self: &Arc<Self>, outbound: &[u16]) -> Option<Ready> {
        let (taken, stale) = {
            let mut ready = crate::sync::lock(&self.ready);
            // Made before the ports to let through changed: of no use any more.
            let (fresh, stale): (Vec<Ready>, Vec<Ready>) =
                ready.drain(..).partition(|r| r.outbound() == outbound);
            *ready = fresh;
            (ready.pop(), stale)
        };
        drop(stale);
        self.fill(outbound.to_vec(), REFILL_AFTER);
        taken
    }

    /// Makes networks in the background, from `after` on, until [`AHEAD`] are ready; one
    /// maker at a time.
    pub fn fill(self: &Arc<Self>, outbound: Vec<u16>, after: Duration) {
        if self.making.swap(true, Ordering::SeqCst) {
            return;
        }
        // Held while the thread starts, so that `close` either waits for it or is seen by it.
        let mut slot = crate::sync::lock(&self.maker);
        let pool = self.clone();
        let maker = std::thread::spawn(move || {
            std::thread::sleep(after);
            while pool.count() < AHEAD && !pool.closed.load(Ordering::SeqCst) {
                match pool.make(&outbound) {
                    Ok(ready) => {
                        let mut waiting = crate::sync::lock(&pool.ready);
                        // Made while the server stopped: ended at once (when dropped).
                        if !pool.closed.load(Ordering::SeqCst) {
                            waiting.push(ready);
                        }
                    }
                    Err(e) => {
                        // Each sandbox then makes its own network, and says so if it cannot.
                        tracing::warn!("cannot make a network ahead of time: {e}");
                        break;
                    }
                }
            }
            pool.making.store(false, Ordering::SeqCst);
        });
        // The one before has ended (`making` was false): nothing to wait for there.
        *slot = Some(maker);
    }

    fn count(&self) -> usize {
        crate::sync::lock(&self.ready).len()
    }

    fn make(&self, outbound: &[u16]) -> Result<Ready, String> {
        let dir = self
            .scratch
            .join(format!("net-{}", Uuid::new_v4().simple()));
        std::fs::create_dir(&dir).map_err(|e| format!("cannot make `{}`: {e}", dir.display()))?;
        let port = crate::server::ports::free_port().map_err(|e| e.to_string())?;
        Ready::make(Network {
            pasta: self.pasta.clone(),
            inbound: Some(port),
            outbound: outbound.to_vec(),
            pid_file: dir.join(super::PASTA_PID),
            ready: None,
        })
        .inspect_err(|_| {
            let _ = std::fs::remove_dir_all(&dir);
        })
    }

    /// Ends every waiting network, and the one being made (the server is stopping).
    pub fn close(&self) {
        {
            let mut waiting = crate::sync::lock(&self.ready);
            self.closed.store(true, Ordering::SeqCst);
            waiting.clear();
        }
        // A network made from now on is ended by the maker itself, before the scratch space
        // its pasta's pid file is in goes.
        let maker = crate::sync::lock(&self.maker).take();
        if let Some(maker) = maker {
            let _ = maker.join();
        }
    }
}
