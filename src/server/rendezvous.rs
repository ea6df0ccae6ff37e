//! The rendezvous listener: Heroku's way to reach a one-off dyno, served when the API is on
//! TLS (same certificate). A one-off's `attach_url` is `rendezvous://HOST:PORT/SECRET`; the
//! client opens TLS to HOST:PORT and writes `SECRET\r\n` (or just `SECRET`); the server answers one line
//! (`rendezvous\r\n`, which clients skip) and from then on the dyno's terminal flows both ways
//! as raw bytes until the process exits and the server closes. `tug run` comes the same way
//! but writes `tug-attach SECRET\r\n` and gets framed bytes (stderr apart, the exit code).

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio_rustls::TlsAcceptor;

use crate::api::attach::RENDEZVOUS_FRAMED;
use crate::server::attach::{Attaches, Framing};

/// How long a client has for the TLS handshake and its secret line.
const HELLO_WITHIN: Duration = Duration::from_secs(10);
/// The longest first line: a secret and a word.
const MAX_LINE: usize = 256;

/// Accepts rendezvous connections until `stop` turns true.
pub async fn serve(
    listener: TcpListener,
    tls: Arc<rustls::ServerConfig>,
    attaches: Arc<Attaches>,
    mut stop: watch::Receiver<bool>,
) {
    let acceptor = TlsAcceptor::from(tls);
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.wait_for(|s| *s) => return,
        };
        let (stream, peer) = match accepted {
            Ok(a) => a,
            Err(e) => {
                tracing::debug!("rendezvous accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let (acceptor, attaches) = (acceptor.clone(), attaches.clone());
        tokio::spawn(async move {
            if let Err(e) = connection(stream, acceptor, &attaches).await {
                tracing::debug!("rendezvous from {peer}: {e}");
            }
        });
    }
}

async fn connection(
    stream: tokio::net::TcpStream,
    acceptor: TlsAcceptor,
    attaches: &Attaches,
) -> std::io::Result<()> {
    let hello = async {
        let mut tls = acceptor.accept(stream).await?;
        let (line, early) = read_hello(&mut tls, attaches).await?;
        Ok::<_, std::io::Error>((tls, line, early))
    };
    let (mut tls, line, early) = tokio::time::timeout(HELLO_WITHIN, hello)
        .await
        .map_err(|_| std::io::Error::other("no secret within 10 s"))??;
    let (secret, framing) = parse_hello(&line);
    let Some(claimed) = attaches.claim(secret) else {
        tls.write_all(b"no one-off dyno is waiting at this address\r\n")
            .await?;
        tls.shutdown().await?;
        return Ok(());
    };
    if framing == Framing::Raw {
        // The official CLI drops the first chunk it reads: this line, on its own record.
        if let Err(e) = async {
            tls.write_all(b"rendezvous\r\n").await?;
            tls.flush().await
        }
        .await
        {
            claimed.abandon();
            return Err(e);
        }
    }
    claimed.attach(tls, framing, early).await;
    Ok(())
}

/// Reads the first line, byte by byte so that nothing after it is taken from the dyno's input.
/// It ends at `\n`, or at a waiting one-off's secret: heroku3 sends the secret alone, without
/// a line end, and waits for the answer. A line end right behind the secret is still taken
/// (it comes in the same record); anything else that came is the dyno's first input.
async fn read_hello<R: tokio::io::AsyncRead + Unpin>(
    r: &mut R,
    attaches: &Attaches,
) -> std::io::Result<(String, Vec<u8>)> {
    let mut line = Vec::new();
    loop {
        let b = r.read_u8().await?;
        if b == b'\n' {
            break;
        }
        line.push(b);
        if line.len() > MAX_LINE {
            return Err(std::io::Error::other("the first line is too long"));
        }
        let is_secret = std::str::from_utf8(&line)
            .is_ok_and(|s| attaches.is_waiting(s.trim_start_matches('/')));
        if is_secret {
            let mut rest = Vec::new();
            while let Ok(Ok(b)) = tokio::time::timeout(Duration::from_millis(20), r.read_u8()).await
            {
                match b {
                    b'\r' if rest.is_empty() => continue,
                    b'\n' if rest.is_empty() => break,
                    other => {
                        rest.push(other);
                        break;
                    }
                }
            }
            return Ok((String::from_utf8_lossy(&line).into_owned(), rest));
        }
    }
    Ok((String::from_utf8_lossy(&line).into_owned(), Vec::new()))
}

/// `SECRET` (Heroku's clients) or `tug-attach SECRET` (`tug run`); a leading `/` and a query
/// string are not part of the secret.
fn parse_hello(line: &str) -> (&str, Framing) {
    let mut words = line.split_whitespace();
    let mut secret = words.next().unwrap_or_default();
    let mut framing = Framing::Raw;
    if secret == RENDEZVOUS_FRAMED {
        framing = Framing::Frames;
        secret = words.next().unwrap_or_default();
    }
    let secret = secret.trim_start_matches('/');
    (secret.split('?').next().unwrap_or_default(), framing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_names_the_secret_and_the_framing() {
        assert_eq!(parse_hello("abc\r"), ("abc", Framing::Raw));
        assert_eq!(parse_hello("/abc?x=1"), ("abc", Framing::Raw));
        assert_eq!(parse_hello("tug-attach abc\r"), ("abc", Framing::Frames));
        assert_eq!(parse_hello("tug-attach"), ("", Framing::Frames));
        assert_eq!(parse_hello("abc other"), ("abc", Framing::Raw));
        assert_eq!(parse_hello(""), ("", Framing::Raw));
        assert_eq!(parse_hello("   "), ("", Framing::Raw));
    }
}
