//! How a run of `tug` ends. `std::process::exit` is never called elsewhere: commands return an
//! `ExitStatus` and `main` turns it into the process exit code.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0
    Success,
    /// 1: the command failed.
    Failure,
    /// 2: the command line was wrong, or a needed flag was missing off a terminal.
    Usage,
    /// 130: interrupted (Ctrl-C) or a prompt was cancelled.
    Interrupted,
    /// The exit code of a remote command (`tug run`).
    External(u8),
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Usage => 2,
            ExitStatus::Interrupted => 130,
            ExitStatus::External(code) => code,
        })
    }
}
