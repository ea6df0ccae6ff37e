//! The HTTPS accept loop: each connection's TLS handshake runs in its own task (a slow client
//! holds up nobody), then the connection is served as HTTP/2 or HTTP/1.1, as ALPN chose,
//! through the same request handling as plain HTTP.

use std::sync::Arc;

use hyper::server::conn::{http1, http2};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tokio::sync::{mpsc, watch};

use super::{accept, proxy, serve_until_stopped, stopped};

pub(super) async fn accept_loop(
    listener: tokio::net::TcpListener,
    config: Arc<rustls::ServerConfig>,
    http1: http1::Builder,
    shared: Arc<proxy::Shared>,
    mut stop: watch::Receiver<bool>,
    open: mpsc::Sender<()>,
) {
    let acceptor = tokio_rustls::TlsAcceptor::from(config);
    let mut http2 = http2::Builder::new(TokioExecutor::new());
    http2.timer(TokioTimer::new());
    while let Some((stream, peer)) = accept(&listener, &mut stop, "a TLS connection").await {
        let port = stream.local_addr().map_or(0, |a| a.port());
        let client = Arc::new(proxy::Client::new(peer, port, true));
        let (acceptor, http1, http2) = (acceptor.clone(), http1.clone(), http2.clone());
        let shared = shared.clone();
        let mut stop = stop.clone();
        let open = open.clone();
        tokio::spawn(async move {
            let _open = open;
            // The handshake gets as long as a request head does.
            let handshake = shared.config.header_read_timeout;
            let tls = match tokio::time::timeout(handshake, acceptor.accept(stream)).await {
                Ok(Ok(tls)) => tls,
                Ok(Err(e)) => {
                    tracing::debug!("router: TLS handshake with {peer} failed: {e}");
                    return;
                }
                Err(_) => return,
            };
            let h2 = tls.get_ref().1.alpn_protocol() == Some(b"h2");
            let service = hyper::service::service_fn(move |req| {
                proxy::handle(shared.clone(), client.clone(), req)
            });
            let io = TokioIo::new(tls);
            if h2 {
                serve_until_stopped!(http2.serve_connection(io, service), stop);
            } else {
                serve_until_stopped!(http1.serve_connection(io, service).with_upgrades(), stop);
            }
        });
    }
}
