//! Splitting what a process writes into lines, for the build output and the app's log, with
//! the crate's one [`LineDecoder`], so each reader only says what a line becomes.
//!
//! `\n` ends a line. A line that ends is passed on whole, however long (the log hub splits it);
//! bytes that do not end in `\n` are passed on in pieces of the reader's maximum, so a process
//! writing without newlines is not buffered without limit. What is left at the end (or when a
//! read fails) is the last line.
//! The bytes are passed on as written: `\r` and invalid UTF-8 are for the reader to handle.

use std::time::Duration;

use bytes::BytesMut;
use futures_util::StreamExt;
use tokio::io::AsyncRead;
use tokio_util::codec::{Decoder, FramedRead};

use crate::lines::LineDecoder;

/// How much is read at a time.
const CHUNK: usize = 64 * 1024;

/// Calls `each` with every line of `reader` until it ends or fails; unended bytes come in
/// pieces of `max`.
pub async fn each_line<R: AsyncRead + Unpin>(reader: R, max: usize, each: impl FnMut(&[u8])) {
    each_piece(reader, LineDecoder::new(max), each).await;
}

/// Like [`each_line`], but a line still being written is not held back: each time a `\r`
/// draws it anew (a progress display, `10 %\r60 %\r`), and every `every` while it grows
/// without one (a row of dots), what there is of it so far is passed on with `true` for
/// "unfinished". The finished line still comes whole, once.
pub async fn each_line_live<R: AsyncRead + Unpin>(
    reader: R,
    max: usize,
    every: Duration,
    mut each: impl FnMut(&[u8], bool),
) {
    let decoder = LiveDecoder {
        lines: LineDecoder::new(max),
        shown: 0,
    };
    let mut pieces = FramedRead::with_capacity(reader, decoder, CHUNK);
    loop {
        pieces.read_buffer_mut().reserve(CHUNK);
        // `next` is cancel-safe: what it read stays in the buffer for the next call.
        let next = match tokio::time::timeout(every, pieces.next()).await {
            Ok(next) => next,
            Err(_) => {
                let so_far = pieces.read_buffer().len();
                if so_far > pieces.decoder().shown {
                    pieces.decoder_mut().shown = so_far;
                    each(&pieces.read_buffer()[..], true);
                }
                continue;
            }
        };
        match next {
            Some(Ok(Live::Finished(line))) => each(&line, false),
            Some(Ok(Live::SoFar(end))) => each(&pieces.read_buffer()[..end], true),
            Some(Err(_)) => {
                let rest = pieces.read_buffer();
                if !rest.is_empty() {
                    each(rest, false);
                }
                return;
            }
            None => return,
        }
    }
}

/// What [`LiveDecoder`] found: a finished line, or that the unfinished one was drawn anew and
/// its first `n` bytes (still in the read buffer) are to be passed on.
enum Live {
    Finished(BytesMut),
    SoFar(usize),
}

/// [`LineDecoder`], telling too of each `\r` in the line being written.
struct LiveDecoder {
    lines: LineDecoder,
    /// How much of the unfinished line was passed on.
    shown: usize,
}

impl Decoder for LiveDecoder {
    type Item = Live;
    type Error = std::io::Error;

    fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<Live>, Self::Error> {
        // Each `\r` before the line's end is an update, even when the end came in the same read
        // (but a `\r\n` is the end).
        let start = self.shown.min(buf.len());
        let next_end = buf[start..].iter().position(|&b| b == b'\n' || b == b'\r');
        if let Some(at) = next_end.map(|at| start + at)
            && buf[at] == b'\r'
            && buf.get(at + 1) != Some(&b'\n')
        {
            self.shown = at + 1;
            return Ok(Some(Live::SoFar(self.shown)));
        }
        let line = self.lines.decode(buf)?;
        if line.is_some() {
            self.shown = 0;
        }
        Ok(line.map(Live::Finished))
    }

    fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<Live>, Self::Error> {
        self.shown = 0;
        Ok(self.lines.decode_eof(buf)?.map(Live::Finished))
    }
}

async fn each_piece<R: AsyncRead + Unpin>(
    reader: R,
    decoder: LineDecoder,
    mut each: impl FnMut(&[u8]),
) {
    let mut lines = FramedRead::with_capacity(reader, decoder, CHUNK);
    loop {
        // Reads fill what the buffer has spare; keep a whole chunk spare so a flood is read in
        // large reads rather than in the shrinking tail of one allocation.
        lines.read_buffer_mut().reserve(CHUNK);
        match lines.next().await {
            Some(Ok(line)) => each(&line),
            // A failed read ends the stream like its end does (a terminal's `EIO` is its end):
            // what is left is the last line.
            Some(Err(_)) => {
                let rest = lines.read_buffer();
                if !rest.is_empty() {
                    each(rest);
                }
                return;
            }
            None => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use bytes::BytesMut;
    use tokio_util::codec::Decoder;

    use super::*;

    async fn lines_of(chunks: &[&[u8]]) -> Vec<Vec<u8>> {
        let reader = chunked(chunks);
        let mut got = Vec::new();
        each_line(reader, 8, |line| got.push(line.to_vec())).await;
        got
    }

    /// A reader that returns the chunks one read at a time.
    fn chunked(chunks: &[&[u8]]) -> impl AsyncRead + Unpin {
        let (mut tx, rx) = tokio::io::duplex(1 << 20);
        let chunks: Vec<Vec<u8>> = chunks.iter().map(|c| c.to_vec()).collect();
        tokio::spawn(async move {
            use tokio::io::AsyncWriteExt;
            for chunk in chunks {
                if tx.write_all(&chunk).await.is_err() {
                    return;
                }
                tokio::task::yield_now().await;
            }
        });
        rx
    }

    #[tokio::test]
    async fn lines_across_reads_and_the_unended_last_one() {
        let got = lines_of(&[b"one\ntw", b"o\r\n", b"\n", b"three"]).await;
        let want: Vec<&[u8]> = vec![b"one", b"two\r", b"", b"three"];
        assert_eq!(got, want);
    }

    #[tokio::test]
    async fn unfinished_lines_are_passed_on_while_they_grow() {
        let (mut tx, rx) = tokio::io::duplex(1024);
        let (got_tx, mut got) = tokio::sync::mpsc::unbounded_channel();
        let reader = tokio::spawn(each_line_live(
            rx,
            64,
            Duration::from_millis(20),
            move |piece, unfinished| {
                let _ = got_tx.send((piece.to_vec(), unfinished));
            },
        ));
        use tokio::io::AsyncWriteExt;
        // Each update of a progress display comes as it is drawn, even in one read.
        tx.write_all(b"one\n10 %\r60 %\r").await.unwrap();
        assert_eq!(got.recv().await, Some((b"one".to_vec(), false)));
        assert_eq!(got.recv().await, Some((b"10 %\r".to_vec(), true)));
        assert_eq!(got.recv().await, Some((b"10 %\r60 %\r".to_vec(), true)));
        // A row of dots, the writer waiting: what there is of the line comes anyway.
        tx.write_all(b"..").await.unwrap();
        assert_eq!(got.recv().await, Some((b"10 %\r60 %\r..".to_vec(), true)));
        tx.write_all(b"done\nrest").await.unwrap();
        assert_eq!(
            got.recv().await,
            Some((b"10 %\r60 %\r..done".to_vec(), false))
        );
        assert_eq!(got.recv().await, Some((b"rest".to_vec(), true)));
        drop(tx);
        assert_eq!(got.recv().await, Some((b"rest".to_vec(), false)));
        reader.await.unwrap();
        assert_eq!(got.recv().await, None);
    }

    const MAX_LINE: usize = 100;

    #[test]
    fn ended_long_lines_are_whole_and_unended_ones_come_in_pieces() {
        let mut decoder = LineDecoder::new(MAX_LINE);
        let mut buf = BytesMut::new();
        buf.extend_from_slice(&[b'x'; MAX_LINE + 5]);
        buf.extend_from_slice(b"\n");
        buf.extend_from_slice(&[b'y'; MAX_LINE + 5]);
        let first = decoder.decode(&mut buf).expect("decode").expect("line");
        assert_eq!(first.len(), MAX_LINE + 5);
        let piece = decoder.decode(&mut buf).expect("decode").expect("piece");
        assert_eq!(piece.len(), MAX_LINE);
        assert!(decoder.decode(&mut buf).expect("decode").is_none());
        buf.extend_from_slice(b"z\n");
        let rest = decoder.decode(&mut buf).expect("decode").expect("rest");
        assert_eq!(&rest[..], b"yyyyyz");
        assert!(decoder.decode_eof(&mut buf).expect("eof").is_none());
    }
    /// Gives `data` in one read, then fails, as a terminal's master end does at its end.
    struct ThenFails(Option<&'static [u8]>);

    impl AsyncRead for ThenFails {
        fn poll_read(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
            buf: &mut tokio::io::ReadBuf<'_>,
        ) -> std::task::Poll<std::io::Result<()>> {
            std::task::Poll::Ready(match self.0.take() {
                Some(data) => {
                    buf.put_slice(data);
                    Ok(())
                }
                None => Err(std::io::Error::other("EIO")),
            })
        }
    }

    #[tokio::test]
    async fn a_failed_read_ends_the_stream_with_what_is_left() {
        let mut got = Vec::new();
        each_line(
            ThenFails(Some(
                b"one
rest",
            )),
            100,
            |line| got.push(line.to_vec()),
        )
        .await;
        let want: Vec<&[u8]> = vec![b"one", b"rest"];
        assert_eq!(got, want);
    }
}
