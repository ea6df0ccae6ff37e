//! Decompression with a ceiling. A gzip stream from outside (a git request body, a source or
//! slug tarball, a buildpack archive) can expand a thousandfold, so every reader of one stops
//! at a cap on what it yields, with an error that says so, instead of filling memory or disk.

use std::io::{self, Read};

use flate2::read::GzDecoder;

/// The most a source, slug or buildpack tarball may hold once decompressed.
pub const TARBALL_LIMIT: u64 = 4 * 1024 * 1024 * 1024;

/// `reader`'s gzip stream, decompressed, failing once it would yield more than `cap` bytes.
pub fn gunzip<R: Read>(reader: R, cap: u64) -> Capped<GzDecoder<R>> {
    Capped::new(GzDecoder::new(reader), cap)
}

/// A reader that fails, rather than ends, past `cap` bytes: a truncated stream must not pass
/// for a whole one.
pub struct Capped<R> {
    inner: R,
    left: u64,
    cap: u64,
}

impl<R: Read> Capped<R> {
    pub fn new(inner: R, cap: u64) -> Capped<R> {
        Capped {
            inner,
            left: cap,
            cap,
        }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            // At the cap: fine if the stream ends here, an error if it has more.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(too_big(self.cap)),
            };
        }
        let max = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..max])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// The error a capped reader fails with; `is_too_big` recognises it.
pub fn too_big(cap: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("it holds more than {} once decompressed", human(cap)),
    )
}

pub fn is_too_big(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::FileTooLarge
}

fn human(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= 1024 * MB && bytes.is_multiple_of(1024 * MB) {
        format!("{} GB", bytes / (1024 * MB))
    } else {
        format!("{} MB", bytes.div_ceil(MB))
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(vec![], flate2::Compression::best());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn yields_up_to_the_cap_exactly() {
        let data = vec![7u8; 1000];
        let mut out = vec![];
        gunzip(&gz(&data)[..], 1000).read_to_end(&mut out).unwrap();
        assert_eq!(out, data);
    }

    #[test]
    fn fails_one_byte_past_the_cap() {
        let mut out = vec![];
        let err = gunzip(&gz(&vec![0u8; 1001])[..], 1000)
            .read_to_end(&mut out)
            .unwrap_err();
        assert!(is_too_big(&err), "{err}");
        assert!(out.len() <= 1000);
        assert_eq!(err.to_string(), "it holds more than 1 MB once decompressed");
    }

    #[test]
    fn a_bomb_stops_at_the_cap_without_inflating() {
        // 64 MB of zeros compress to ~64 KB; a 1 MB cap must stop long before the end.
        let bomb = gz(&vec![0u8; 64 * 1024 * 1024]);
        assert!(bomb.len() < 128 * 1024);
        let mut seen = 0u64;
        let mut reader = gunzip(&bomb[..], 1024 * 1024);
        let mut buf = [0u8; 8192];
        let err = loop {
            match reader.read(&mut buf) {
                Ok(0) => panic!("the bomb was read whole"),
                Ok(n) => seen += n as u64,
                Err(e) => break e,
            }
        };
        assert!(is_too_big(&err));
        assert_eq!(seen, 1024 * 1024);
        assert_eq!(human(4 * 1024 * 1024 * 1024), "4 GB");
    }
}
