//! Reading what dynos write: as log lines (formation dynos, detached one-offs, the release
//! phase) or as raw bytes (attached one-offs). Each stream is read by its own task, so a dyno
//! that writes fast is held back by nothing but the pipe.

use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::sync::mpsc;

use super::OneOffOutput;
use super::backend::DynoOutput;
use crate::server::lines::each_line;
use crate::server::logs::MAX_LINE;

const CHUNK: usize = 64 * 1024;

/// Calls `each` with every line of `reader` (see [`crate::server::lines`]): a trailing `\r` is
/// dropped and invalid UTF-8 is replaced.
pub async fn lines<R: AsyncRead + Unpin>(reader: R, mut each: impl FnMut(String)) {
    each_line(reader, MAX_LINE, |line| each(clean(line))).await;
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
