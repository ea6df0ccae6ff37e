//! `tug run`: a one-off dyno attached to this terminal: stdin, stdout and stderr pumped
//! through the attach connection, a raw-mode terminal, and the dyno's exit code.

use std::io::Read;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::request::{RunArgs, request, terminal_size};
use crate::ExitStatus;
use crate::api::Dyno;
use crate::api::attach::{self, Decoder, Frame};
use crate::cli::ctx::Ctx;
use crate::cli::out::Out;

pub(super) fn attached(args: &RunArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let out = &ctx.out;
    let tty = !args.no_tty && out.stdin_tty && out.stdout_tty;
    let body = request(args, true, tty, ctx)?;
    let (app, client) = ctx.app_client(&args.app)?;
    let progress = out.progress(format!(
        "Running {} on {}",
        body.command,
        out.app_name(&app)
    ));
    let dyno: Dyno = ctx.block_on(client.create_dyno(&app, &body))?;
    let Some(url) = dyno.attach_url.clone() else {
        return Err(anyhow::anyhow!(
            "the platform started {} without a way to attach to it",
            dyno.name
        ));
    };
    let code = if url.starts_with("rendezvous://") {
        let io = ctx.block_on(rendezvous(&url))?;
        progress.finish(&format!("up, {}", dyno.name));
        let _raw = if tty { RawMode::enter() } else { None };
        ctx.block_on(pump(io, tty, out))?
    } else {
        let io = ctx.block_on(connect(&url))?;
        progress.finish(&format!("up, {}", dyno.name));
        let _raw = if tty { RawMode::enter() } else { None };
        ctx.block_on(pump(io, tty, out))?
    };
    Ok(match code {
        0 => ExitStatus::Success,
        code => ExitStatus::External(u8::try_from(code).unwrap_or(255)),
    })
}

type Io = hyper_util::rt::TokioIo<hyper::upgrade::Upgraded>;

/// `GET attach_url` with `Upgrade: tug-attach`; the answer is `101` and the connection then
/// carries frames.
async fn connect(url: &str) -> anyhow::Result<Io> {
    let bad = |why: &str| anyhow::anyhow!("cannot attach to `{url}`: {why}");
    let parsed = reqwest::Url::parse(url).map_err(|_| bad("not a URL"))?;
    if parsed.scheme() != "http" {
        return Err(bad(
            "only http:// and rendezvous:// attach URLs are supported",
        ));
    }
    let host = parsed.host_str().ok_or_else(|| bad("no host"))?.to_string();
    let port = parsed.port_or_known_default().unwrap_or(80);
    let stream = tokio::net::TcpStream::connect((host.as_str(), port))
        .await
        .map_err(|e| {
            anyhow::Error::new(e).context(format!("could not connect to {host}:{port}"))
        })?;
    stream.set_nodelay(true)?;
    let (mut sender, conn) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
    tokio::spawn(conn.with_upgrades());
    let path = match parsed.query() {
        Some(q) => format!("{}?{q}", parsed.path()),
        None => parsed.path().to_string(),
    };
    let authority = match parsed.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.clone(),
    };
    let req = hyper::Request::get(path)
        .header(hyper::header::HOST, authority)
        .header(hyper::header::CONNECTION, "Upgrade")
        .header(hyper::header::UPGRADE, attach::PROTOCOL)
        .header(
            hyper::header::USER_AGENT,
            concat!("tug/", env!("CARGO_PKG_VERSION")),
        )
        .body(Empty)?;
    let resp = sender.send_request(req).await?;
    if resp.status() != hyper::StatusCode::SWITCHING_PROTOCOLS {
        return Err(bad(&format!("the platform answered {}", resp.status())));
    }
    let upgraded = hyper::upgrade::on(resp).await?;
    Ok(hyper_util::rt::TokioIo::new(upgraded))
}

/// `rendezvous://HOST:PORT/SECRET` (a platform on TLS): TLS to HOST:PORT, trusted as the API
/// is, then `tug-attach SECRET` asks for the same frames the HTTP upgrade carries.
async fn rendezvous(
    url: &str,
) -> anyhow::Result<tokio_rustls::client::TlsStream<tokio::net::TcpStream>> {
    use rustls_platform_verifier::ConfigVerifierExt;
    let bad = |why: &str| anyhow::anyhow!("cannot attach to the dyno: {why}");
    let parsed = reqwest::Url::parse(url).map_err(|_| bad("the attach URL is not a URL"))?;
    let host = parsed.host_str().ok_or_else(|| bad("no host"))?.to_string();
    let port = parsed.port().ok_or_else(|| bad("no port"))?;
    let secret = parsed.path().trim_start_matches('/').to_string();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let config = rustls::ClientConfig::with_platform_verifier()
        .map_err(|e| bad(&format!("no trust roots: {e}")))?;
    let name = rustls::pki_types::ServerName::try_from(host.trim_matches(['[', ']']).to_string())
        .map_err(|_| bad("the host is not a name"))?;
    let tcp = tokio::net::TcpStream::connect((host.trim_matches(['[', ']']), port))
        .await
        .map_err(|e| {
            anyhow::Error::new(e).context(format!("could not connect to {host}:{port}"))
        })?;
    tcp.set_nodelay(true)?;
    let mut tls = tokio_rustls::TlsConnector::from(std::sync::Arc::new(config))
        .connect(name, tcp)
        .await
        .map_err(|e| anyhow::Error::new(e).context(format!("TLS to {host}:{port} failed")))?;
    tls.write_all(format!("{} {secret}\r\n", attach::RENDEZVOUS_FRAMED).as_bytes())
        .await?;
    tls.flush().await?;
    Ok(tls)
}

/// Moves stdin to the dyno and its output here until it sends its exit code.
async fn pump<S: tokio::io::AsyncRead + tokio::io::AsyncWrite>(
    io: S,
    tty: bool,
    out: &Out,
) -> anyhow::Result<i32> {
    let (mut rd, mut wr) = tokio::io::split(io);
    if tty && let Some((cols, rows)) = terminal_size() {
        wr.write_all(&Frame::Resize(cols, rows).encode()).await?;
    }
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Option<Vec<u8>>>(16);
    // A plain thread: a blocking read of stdin must not hold up the end of the run.
    std::thread::spawn(move || {
        let mut stdin = std::io::stdin().lock();
        let mut buf = [0u8; 16 * 1024];
        loop {
            match stdin.read(&mut buf) {
                Ok(0) | Err(_) => {
                    let _ = tx.blocking_send(None);
                    break;
                }
                Ok(n) => {
                    if tx.blocking_send(Some(buf[..n].to_vec())).is_err() {
                        break;
                    }
                }
            }
        }
    });
    let mut winch = if tty {
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::window_change()).ok()
    } else {
        None
    };
    let mut decoder = Decoder::default();
    let mut buf = vec![0u8; 64 * 1024];
    let mut stdin_open = true;
    loop {
        tokio::select! {
            n = rd.read(&mut buf) => {
                let n = n?;
                if n == 0 {
                    return Err(anyhow::anyhow!(
                        "the connection to the dyno closed before the command's exit code arrived"
                    ));
                }
                decoder.push(&buf[..n]);
                while let Some(frame) = decoder
                    .next_frame()
                    .map_err(|e| anyhow::anyhow!("the dyno's connection sent garbage: {e}"))?
                {
                    match frame {
                        Frame::Stdout(bytes) => out.raw(&bytes)?,
                        Frame::Stderr(bytes) => out.raw_stderr(&bytes),
                        Frame::Exit(code) => return Ok(code),
                        Frame::Error(message) => {
                            return Err(anyhow::anyhow!("the platform could not run the command: {message}"));
                        }
                        Frame::Stdin(_) | Frame::Resize(..) | Frame::Eof => {}
                    }
                }
            }
            chunk = rx.recv(), if stdin_open => {
                match chunk {
                    Some(Some(bytes)) => wr.write_all(&Frame::Stdin(bytes).encode()).await?,
                    _ => {
                        stdin_open = false;
                        wr.write_all(&Frame::Eof.encode()).await?;
                    }
                }
            }
            Some(()) = async { winch.as_mut()?.recv().await }, if winch.is_some() => {
                if let Some((cols, rows)) = terminal_size() {
                    wr.write_all(&Frame::Resize(cols, rows).encode()).await?;
                }
            }
        }
    }
}

/// The local terminal in raw mode while attached; restored when dropped, on every way out.
struct RawMode {
    saved: rustix::termios::Termios,
}

impl RawMode {
    fn enter() -> Option<RawMode> {
        let stdin = std::io::stdin();
        let saved = rustix::termios::tcgetattr(&stdin).ok()?;
        let mut raw = saved.clone();
        raw.make_raw();
        rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, &raw).ok()?;
        Some(RawMode { saved })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = rustix::termios::tcsetattr(
            std::io::stdin(),
            rustix::termios::OptionalActions::Now,
            &self.saved,
        );
    }
}

/// An empty request body.
struct Empty;

impl http_body::Body for Empty {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        Poll::Ready(None)
    }

    fn is_end_stream(&self) -> bool {
        true
    }
}
