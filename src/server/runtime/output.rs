//! Reading what dynos write: as log lines (formation dynos, detached one-offs, the release
//! phase) or as raw bytes (attached one-offs). Each stream is read by its own task, so a dyno
//! that writes fast is held back by nothing but the pipe.

use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::sync::mpsc;

use super::OneOffOutput;
use super::backend::DynoOutput;
use crate::server::logs::MAX_LINE;

const CHUNK: usize = 64 * 1024;

/// Calls `each` with every line of `reader`: `\n` ends a line, a trailing `\r` is dropped,
/// invalid UTF-8 is replaced, and a line longer than the log hub keeps is passed on in pieces.
pub async fn lines<R: AsyncRead + Unpin>(mut reader: R, mut each: impl FnMut(String)) {
    let mut pending: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = match reader.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        pending.extend_from_slice(&chunk[..n]);
        let mut start = 0;
        while let Some(pos) = pending[start..].iter().position(|&b| b == b'\n') {
            each(clean(&pending[start..start + pos]));
            start += pos + 1;
        }
        pending.drain(..start);
        while pending.len() > MAX_LINE {
            let rest = pending.split_off(MAX_LINE);
            each(clean(&pending));
            pending = rest;
        }
    }
    if !pending.is_empty() {
        each(clean(&pending));
    }
}

fn clean(bytes: &[u8]) -> String {
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

/// Passes the bytes of `reader` on as they come; stops when nobody receives any more.
pub async fn bytes(
    mut reader: DynoOutput,
    out: mpsc::Sender<OneOffOutput>,
    wrap: fn(Vec<u8>) -> OneOffOutput,
) {
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = match reader.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if out.send(wrap(chunk[..n].to_vec())).await.is_err() {
            break;
        }
    }
}
