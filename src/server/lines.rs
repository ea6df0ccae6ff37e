//! Splitting what a process writes into lines, for the build output and the app's log, with
//! the crate's one [`LineDecoder`], so each reader only says what a line becomes.
//!
//! `\n` ends a line. A line that ends is passed on whole, however long (the log hub splits it);
//! bytes that do not end in `\n` are passed on in pieces of the reader's maximum, so a process
//! writing without newlines is not buffered without limit. What is left at the end (or when a
//! read fails) is the last line.
//! The bytes are passed on as written: `\r` and invalid UTF-8 are for the reader to handle.

use futures_util::StreamExt;
use tokio::io::AsyncRead;
use tokio_util::codec::FramedRead;

use crate::lines::LineDecoder;

/// How much is read at a time.
const CHUNK: usize = 64 * 1024;

/// Calls `each` with every line of `reader` until it ends or fails; unended bytes come in
/// pieces of `max`.
pub async fn each_line<R: AsyncRead + Unpin>(reader: R, max: usize, each: impl FnMut(&[u8])) {
    each_piece(reader, LineDecoder::new(max), each).await;
}

/// Like [`each_line`], but a `\r` ends a piece too (a `\r\n` ends one): a progress display
/// that rewrites its line (`10 %\r60 %\r`) is passed on at each update, not when it is done.
pub async fn each_update<R: AsyncRead + Unpin>(reader: R, max: usize, each: impl FnMut(&[u8])) {
    each_piece(reader, LineDecoder::new(max).cr_ends(), each).await;
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
    async fn updates_end_at_carriage_returns_too() {
        let reader = chunked(&[b"10 %\r", b"\n60 %\r", b"100 %\r\ndone\nrest"]);
        let mut got = Vec::new();
        each_update(reader, 8, |line| got.push(line.to_vec())).await;
        let want: Vec<&[u8]> = vec![b"10 %", b"60 %", b"100 %", b"done", b"rest"];
        assert_eq!(got, want);
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
