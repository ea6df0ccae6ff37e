//! The frames an attached one-off dyno (`tug run`) exchanges over its upgraded connection:
//! `[kind: u8][length: u32, big-endian][payload]`. One connection carries stdin, stdout and
//! stderr apart, terminal resizes, the end of stdin and the exit code.

/// The `Upgrade` protocol name of an attach connection.
pub const PROTOCOL: &str = "tug-attach";

/// The word after the secret on a rendezvous connection's first line that asks for frames
/// (`tug run`) rather than Heroku's raw bytes.
pub const RENDEZVOUS_FRAMED: &str = PROTOCOL;
/// The largest payload a frame may carry.
pub const MAX_PAYLOAD: usize = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    Stdin(Vec<u8>),
    Stdout(Vec<u8>),
    Stderr(Vec<u8>),
    /// The terminal's new size: columns, rows.
    Resize(u16, u16),
    /// Standard input has ended.
    Eof,
    /// The process has exited with this code (128 + signal when killed by one).
    Exit(i32),
    /// The platform could not run or keep running the process.
    Error(String),
}

impl Frame {
    pub fn encode(&self) -> Vec<u8> {
        let (kind, payload): (u8, Vec<u8>) = match self {
            Frame::Stdin(b) => (0, b.clone()),
            Frame::Stdout(b) => (1, b.clone()),
            Frame::Stderr(b) => (2, b.clone()),
            Frame::Resize(c, r) => (3, [c.to_be_bytes(), r.to_be_bytes()].concat()),
            Frame::Eof => (4, vec![]),
            Frame::Exit(code) => (5, code.to_be_bytes().to_vec()),
            Frame::Error(msg) => (6, msg.as_bytes().to_vec()),
        };
        let mut out = Vec::with_capacity(5 + payload.len());
        out.push(kind);
        out.extend((payload.len() as u32).to_be_bytes());
        out.extend(payload);
        out
    }
}

/// Reassembles frames from bytes as they arrive.
#[derive(Debug, Default)]
pub struct Decoder {
    buf: Vec<u8>,
}

impl Decoder {
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete frame, `Ok(None)` when more bytes are needed, or an error for bytes
    /// that are not frames (the connection should then be dropped).
    pub fn next_frame(&mut self) -> Result<Option<Frame>, String> {
        if self.buf.len() < 5 {
            return Ok(None);
        }
        let len = u32::from_be_bytes([self.buf[1], self.buf[2], self.buf[3], self.buf[4]]) as usize;
        if len > MAX_PAYLOAD {
            return Err(format!(
                "frame of {len} bytes is over the {MAX_PAYLOAD} limit"
            ));
        }
        if self.buf.len() < 5 + len {
            return Ok(None);
        }
        let kind = self.buf[0];
        let payload: Vec<u8> = self.buf[5..5 + len].to_vec();
        self.buf.drain(..5 + len);
        let fixed = |n: usize| {
            if payload.len() == n {
                Ok(())
            } else {
                Err(format!(
                    "frame kind {kind} needs {n} bytes, got {}",
                    payload.len()
                ))
            }
        };
        Ok(Some(match kind {
            0 => Frame::Stdin(payload),
            1 => Frame::Stdout(payload),
            2 => Frame::Stderr(payload),
            3 => {
                fixed(4)?;
                Frame::Resize(
                    u16::from_be_bytes([payload[0], payload[1]]),
                    u16::from_be_bytes([payload[2], payload[3]]),
                )
            }
            4 => {
                fixed(0)?;
                Frame::Eof
            }
            5 => {
                fixed(4)?;
                Frame::Exit(i32::from_be_bytes([
                    payload[0], payload[1], payload[2], payload[3],
                ]))
            }
            6 => Frame::Error(String::from_utf8_lossy(&payload).into_owned()),
            other => return Err(format!("unknown frame kind {other}")),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_in_any_chunking() {
        let frames = vec![
            Frame::Stdin(b"echo hi\n".to_vec()),
            Frame::Stdout(vec![0, 255, 10]),
            Frame::Stderr(vec![]),
            Frame::Resize(120, 40),
            Frame::Eof,
            Frame::Exit(-1),
            Frame::Error("no release".into()),
        ];
        let bytes: Vec<u8> = frames.iter().flat_map(Frame::encode).collect();
        for chunk in [1, 3, 7, bytes.len()] {
            let mut d = Decoder::default();
            let mut got = vec![];
            for piece in bytes.chunks(chunk) {
                d.push(piece);
                while let Some(f) = d.next_frame().unwrap() {
                    got.push(f);
                }
            }
            assert_eq!(got, frames, "chunk {chunk}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_frame() {
        let mut d = Decoder::default();
        d.push(&[9, 0, 0, 0, 0]);
        assert!(d.next_frame().is_err());
        let mut d = Decoder::default();
        d.push(&[1, 255, 255, 255, 255]);
        assert!(d.next_frame().is_err(), "oversized");
        let mut d = Decoder::default();
        d.push(&[3, 0, 0, 0, 1, 7]);
        assert!(d.next_frame().is_err(), "short resize");
    }
}
