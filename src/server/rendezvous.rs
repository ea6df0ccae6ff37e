//! The rendezvous listener: Heroku's way to reach a one-off dyno, served when the API is on
//! TLS (same certificate). A one-off's `attach_url` is `rendezvous://HOST:PORT/SECRET`; the
//! client opens TLS to HOST:PORT and writes `SECRET\r\n`; the server answers one line
//! (`rendezvous\r\n`, which clients skip) and from then on the dyno's terminal flows both ways
//! as raw bytes until the process exits and the server closes. `tug run` comes the same way
//! but writes `SECRET tug-attach\r\n` and gets framed bytes (stderr apart, the exit code).

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
        let line = read_line(&mut tls).await?;
        Ok::<_, std::io::Error>((tls, line))
    };
    let (mut tls, line) = tokio::time::timeout(HELLO_WITHIN, hello)
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
    claimed.attach(tls, framing).await;
    Ok(())
}

/// Reads up to `\n`, byte by byte so that nothing after the line is taken from the dyno's input.
async fn read_line<R: tokio::io::AsyncRead + Unpin>(r: &mut R) -> std::io::Result<String> {
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
    }
    Ok(String::from_utf8_lossy(&line).into_owned())
}

/// `SECRET` (Heroku's clients) or `SECRET tug-attach` (`tug run`); a leading `/` and a query
/// string are not part of the secret.
fn parse_hello(line: &str) -> (&str, Framing) {
    let mut words = line.split_whitespace();
    let secret = words.next().unwrap_or_default();
    let secret = secret.trim_start_matches('/');
    let secret = secret.split('?').next().unwrap_or_default();
    let framing = if words.next() == Some(RENDEZVOUS_FRAMED) {
        Framing::Frames
    } else {
        Framing::Raw
    };
    (secret, framing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_names_the_secret_and_the_framing() {
        assert_eq!(parse_hello("abc\r"), ("abc", Framing::Raw));
        assert_eq!(parse_hello("/abc?x=1"), ("abc", Framing::Raw));
        assert_eq!(parse_hello("abc tug-attach\r"), ("abc", Framing::Frames));
        assert_eq!(parse_hello("abc other"), ("abc", Framing::Raw));
        assert_eq!(parse_hello(""), ("", Framing::Raw));
        assert_eq!(parse_hello("   "), ("", Framing::Raw));
    }
}
