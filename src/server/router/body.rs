//! The body of every response the router sends: its own short pages, or a dyno's body streamed
//! through frame by frame. A streamed body writes the request's log line when it ends (or is
//! abandoned) and hands the dyno connection back to the pool.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, ready};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use hyper::body::Incoming;

use super::Backend;
use super::line::{AtDyno, Code, Entry};
use super::pool::Sender;

pub(super) enum RouterBody {
    Page(Option<Bytes>),
    Proxied(Box<Proxied>),
}

/// A dyno's response body on its way to the client.
pub(super) struct Proxied {
    pub inner: Incoming,
    pub entry: Entry,
    pub backends: Arc<[Backend]>,
    pub index: usize,
    pub connect: Duration,
    pub sent: Instant,
    pub status: u16,
    pub bytes: u64,
    /// The connection, until the body is over.
    pub conn: Option<(SocketAddr, Sender)>,
    pub logged: bool,
    /// How long the dyno may send nothing before the response is cut off (H15).
    pub idle: Duration,
    /// Armed the first time the dyno makes the body wait.
    pub idle_timer: Option<Pin<Box<tokio::time::Sleep>>>,
}

/// Why the router cut a body off.
#[derive(Debug)]
pub(super) struct Idle(&'static str);

impl std::fmt::Display for Idle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Idle {}

pub(super) type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// One poll of a body: a frame, its end, or not yet.
type Polled<B> = Poll<Option<Result<Frame<<B as Body>::Data>, <B as Body>::Error>>>;

/// Polls a body frame with an idle limit: the timer is armed only when the body makes the
/// reader wait (most bodies never do), and re-armed by every frame. `Err(())` once idle.
fn poll_idle<B: Body + Unpin>(
    inner: &mut B,
    timer: &mut Option<Pin<Box<tokio::time::Sleep>>>,
    idle: Duration,
    cx: &mut Context<'_>,
) -> Result<Polled<B>, ()> {
    match Pin::new(inner).poll_frame(cx) {
        Poll::Ready(frame) => {
            if let Some(t) = timer.as_mut() {
                t.as_mut().reset(tokio::time::Instant::now() + idle);
            }
            Ok(Poll::Ready(frame))
        }
        Poll::Pending => {
            let t = timer.get_or_insert_with(|| Box::pin(tokio::time::sleep(idle)));
            match t.as_mut().poll(cx) {
                Poll::Ready(()) => Err(()),
                Poll::Pending => Ok(Poll::Pending),
            }
        }
    }
}

/// A client's request body on its way to a dyno: when the client sends nothing for the idle
/// limit, the upload fails and `idled` says why (H28).
pub(super) struct Upload {
    inner: Incoming,
    idle: Duration,
    timer: Option<Pin<Box<tokio::time::Sleep>>>,
    pub idled: Arc<AtomicBool>,
}

impl Upload {
    pub fn new(inner: Incoming, idle: Duration) -> Upload {
        Upload {
            inner,
            idle,
            timer: None,
            idled: Arc::default(),
        }
    }
}

impl Body for Upload {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        match poll_idle(&mut this.inner, &mut this.timer, this.idle, cx) {
            Ok(poll) => poll.map(|frame| frame.map(|r| r.map_err(BoxError::from))),
            Err(()) => {
                this.idled.store(true, Ordering::Relaxed);
                Poll::Ready(Some(Err(Box::new(Idle("the client sent nothing in time")))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

enum End {
    Complete,
    /// The dyno's side failed mid-body (H18).
    Backend,
    /// The client went away before the body was over (H27).
    Client,
    /// The dyno sent nothing for the idle limit (H15).
    Idle,
}

impl RouterBody {
    pub fn page(bytes: Bytes) -> RouterBody {
        RouterBody::Page(Some(bytes))
    }

    pub fn empty() -> RouterBody {
        RouterBody::Page(None)
    }
}

impl Proxied {
    fn finish(&mut self, end: End) {
        if self.logged {
            return;
        }
        self.logged = true;
        let conn = self.conn.take();
        let (code, status) = match end {
            End::Complete => {
                if let Some((addr, sender)) = conn {
                    self.entry.shared.pool.put_when_ready(addr, sender);
                }
                (None, self.status)
            }
            End::Backend => (Some(Code::H18), self.status),
            End::Client => (Some(Code::H27), 499),
            End::Idle => (Some(Code::H15), 503),
        };
        let dyno = AtDyno {
            dyno: self
                .backends
                .get(self.index)
                .map_or("", |b| b.dyno.as_str()),
            connect: self.connect,
            service: Some(self.sent.elapsed()),
        };
        self.entry.log(code, Some(dyno), status, Some(self.bytes));
    }
}

impl Drop for Proxied {
    fn drop(&mut self) {
        if self.inner.is_end_stream() {
            self.finish(End::Complete);
        } else {
            self.finish(End::Client);
        }
    }
}

impl Body for RouterBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        match self.get_mut() {
            RouterBody::Page(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            RouterBody::Proxied(p) => {
                let polled = poll_idle(&mut p.inner, &mut p.idle_timer, p.idle, cx);
                let Ok(polled) = polled else {
                    // Cut off: the client sees the response end early, never a silent end.
                    p.finish(End::Idle);
                    return Poll::Ready(Some(Err(Box::new(Idle("the dyno sent nothing in time")))));
                };
                let frame = ready!(polled);
                match &frame {
                    Some(Ok(f)) => {
                        if let Some(data) = f.data_ref() {
                            p.bytes += data.len() as u64;
                        }
                        if p.inner.is_end_stream() {
                            p.finish(End::Complete);
                        }
                    }
                    Some(Err(_)) => p.finish(End::Backend),
                    None => p.finish(End::Complete),
                }
                Poll::Ready(frame.map(|r| r.map_err(BoxError::from)))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            RouterBody::Page(bytes) => bytes.is_none(),
            RouterBody::Proxied(p) => p.inner.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            RouterBody::Page(bytes) => {
                SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64))
            }
            RouterBody::Proxied(p) => p.inner.size_hint(),
        }
    }
}
