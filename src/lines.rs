//! The one line splitter, on tokio-util's codec support: the server's build output and app
//! log (`server::lines`) and the CLI's Server-Sent Events (`tug logs`) all read lines with it.
//!
//! `\n` ends a line (and, when asked, `\r`). A line that ends is passed on whole, however long;
//! bytes that do not end are passed on in pieces of the decoder's maximum, so a writer that
//! never ends a line is not buffered without limit. The bytes are passed on as written.

use bytes::BytesMut;
use tokio_util::codec::Decoder;

/// The decoder itself: lines without their `\n`.
#[derive(Debug)]
pub struct LineDecoder {
    /// The longest piece of bytes without `\n` held back.
    max: usize,
    /// How much of the buffer is known to hold no `\n`, so a long line is scanned once.
    searched: usize,
    /// `\r` ends a line too.
    cr_ends: bool,
    /// The last line ended with a `\r` at the end of the buffer: a `\n` next belongs to it.
    after_cr: bool,
}

impl LineDecoder {
    pub fn new(max: usize) -> LineDecoder {
        LineDecoder {
            max,
            searched: 0,
            cr_ends: false,
            after_cr: false,
        }
    }

    /// A `\r` ends a line too, and a `\r\n` ends one line, even split across reads.
    pub fn cr_ends(mut self) -> LineDecoder {
        self.cr_ends = true;
        self
    }
}

impl Decoder for LineDecoder {
    type Item = BytesMut;
    type Error = std::io::Error;

    fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<BytesMut>, Self::Error> {
        if self.after_cr && !buf.is_empty() {
            self.after_cr = false;
            if buf[0] == b'\n' {
                let _ = buf.split_to(1);
            }
        }
        let ends = |b: &u8| *b == b'\n' || (self.cr_ends && *b == b'\r');
        if let Some(pos) = buf[self.searched..].iter().position(ends) {
            let mut line = buf.split_to(self.searched + pos + 1);
            let end = line[line.len() - 1];
            line.truncate(line.len() - 1);
            self.searched = 0;
            if end == b'\r' {
                match buf.first() {
                    Some(b'\n') => {
                        let _ = buf.split_to(1);
                    }
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
            return Ok(Some(line));
        }
        if buf.len() > self.max {
            let piece = buf.split_to(self.max);
            // What is left was searched already.
            self.searched = buf.len();
            return Ok(Some(piece));
        }
        self.searched = buf.len();
        Ok(None)
    }

    fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<BytesMut>, Self::Error> {
        match self.decode(buf)? {
            Some(line) => Ok(Some(line)),
            None if buf.is_empty() => Ok(None),
            None => {
                self.searched = 0;
                Ok(Some(buf.split()))
            }
        }
    }
}
