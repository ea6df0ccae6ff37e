//! A build's output as the server streams it: a finished line ends in `\n`; the line being
//! written comes as it stands, ended by `\r`, each time it grows. On a terminal each update is
//! drawn over the last; elsewhere only finished lines are written, so a log file gets each line
//! once.

use std::io;

use super::Out;

/// Where the output goes, and what is left of a piece not yet ended.
pub struct BuildOutput<'a> {
    out: &'a Out,
    stdout: bool,
    tty: bool,
    pending: Vec<u8>,
    /// An unfinished line is on the screen.
    drawn: bool,
}

/// Back to the start of the line and clear it.
const REDRAW: &[u8] = b"\r\x1b[K";

impl Out {
    /// Writes a build's output on stdout (`builds:output`) or stderr (`deploy`, `up`).
    pub fn build_output(&self, stdout: bool) -> BuildOutput<'_> {
        let tty = if stdout {
            self.stdout_tty
        } else {
            self.stderr_tty
        };
        BuildOutput {
            out: self,
            stdout,
            tty,
            pending: Vec::new(),
            drawn: false,
        }
    }
}

impl BuildOutput<'_> {
    pub fn write(&mut self, mut chunk: &[u8]) -> io::Result<()> {
        while let Some(at) = chunk.iter().position(|&b| b == b'\n' || b == b'\r') {
            self.pending.extend_from_slice(&chunk[..at]);
            let finished = chunk[at] == b'\n';
            chunk = &chunk[at + 1..];
            self.piece(finished)?;
        }
        self.pending.extend_from_slice(chunk);
        Ok(())
    }

    /// The end of the stream: what is left is the last line.
    pub fn finish(mut self) -> io::Result<()> {
        if !self.pending.is_empty() || self.drawn {
            self.piece(true)?;
        }
        Ok(())
    }

    fn piece(&mut self, finished: bool) -> io::Result<()> {
        if !finished && !self.tty {
            self.pending.clear();
            return Ok(());
        }
        let mut bytes = Vec::with_capacity(self.pending.len() + REDRAW.len() + 1);
        if self.drawn {
            bytes.extend_from_slice(REDRAW);
        }
        bytes.append(&mut self.pending);
        if finished {
            bytes.push(b'\n');
        }
        self.drawn = !finished;
        self.emit(&bytes)
    }

    fn emit(&self, bytes: &[u8]) -> io::Result<()> {
        if self.stdout {
            self.out.write_stdout(bytes)
        } else {
            self.out.write_stderr(bytes);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STREAM: &[&[u8]] = &[
        b"-----> Building\nCompress",
        b"ing...\r",
        b"10 %\r60 %",
        b"\r100 %\ndone\n",
    ];

    fn rendered(tty: bool) -> String {
        let out = Out::test(tty);
        let mut output = out.build_output(true);
        for chunk in STREAM {
            output.write(chunk).unwrap();
        }
        output.finish().unwrap();
        out.stdout_text()
    }

    #[test]
    fn off_a_terminal_only_finished_lines_are_written() {
        assert_eq!(rendered(false), "-----> Building\n100 %\ndone\n");
    }

    #[test]
    fn on_a_terminal_each_update_is_drawn_over_the_last() {
        assert_eq!(
            rendered(true),
            "-----> Building\nCompressing...\r\x1b[K10 %\r\x1b[K60 %\r\x1b[K100 %\ndone\n"
        );
    }
}
