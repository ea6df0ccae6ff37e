//! The body of every response the router sends: its own short pages, or a dyno's body streamed
//! through frame by frame. A streamed body writes the request's log line when it ends (or is
//! abandoned) and hands the dyno connection back to the pool.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
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
}

enum End {
    Complete,
    /// The dyno's side failed mid-body (H18).
    Backend,
    /// The client went away before the body was over (H27).
    Client,
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
    type Error = hyper::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        match self.get_mut() {
            RouterBody::Page(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            RouterBody::Proxied(p) => {
                let frame = ready!(Pin::new(&mut p.inner).poll_frame(cx));
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
                Poll::Ready(frame)
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
