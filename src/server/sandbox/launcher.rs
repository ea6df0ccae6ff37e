//! `tug server launcher`: the process every sandbox is started from. The server starts it once;
//! for each sandbox it forks a helper (see `helper.rs`), which builds the wall and runs the
//! command. Starting the helper by running the server's binary anew cost every dyno about
//! 3 ms (loading a large program, then tearing it down), and forking the server itself means
//! copying a big, multi-threaded process; a fork of this small, single-threaded one costs a
//! fraction of either.
//!
//! The server and the launcher speak over a sequenced-packet socket pair, whose launcher end
//! is the launcher's standard input:
//! - one message per sandbox from the server: the [`Spec`] as JSON, carrying four
//!   descriptors: the process's standard input, output and error, and the launcher's end of a
//!   socket pair for the answer;
//! - on that answer socket, from the launcher: the helper's process id (4 bytes; 0 when it
//!   could not fork), then, once the helper is gone, its wait status (4 bytes). An answer
//!   socket that closes without a status means the launcher itself is gone: the helper was
//!   killed with it.
//!
//! The launcher ends when the server's end closes, whenever and however the server ends.
//! Each helper leads a process group of its own and carries a parent-death signal, so that
//! none outlives the launcher.

use std::collections::HashMap;
use std::io::{self, IoSlice, IoSliceMut};
use std::mem::MaybeUninit;
use std::os::fd::{AsFd, BorrowedFd, FromRawFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::os::unix::process::ExitStatusExt as _;
use std::path::Path;
use std::process::ExitStatus;
use std::sync::Mutex;

use nix::sys::signal::{SigHandler, SigSet, SigmaskHow, Signal, signal, sigprocmask};
use rustix::event::{PollFd, PollFlags, poll};
use rustix::net::{
    AddressFamily, RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags, SendAncillaryBuffer,
    SendAncillaryMessage, SendFlags, SocketFlags, SocketType, recvmsg, send, sendmsg, socketpair,
};
use tokio::io::AsyncReadExt as _;
use tokio::net::unix::pipe;

use super::spec::Spec;

/// The largest spec the launcher takes: config vars are at most a few tens of kilobytes.
const MAX_SPEC: usize = 1 << 20;

/// Signals that reach the whole process group from a terminal: the server then stops its
/// dynos itself, which needs the launcher alive until they are gone.
const IGNORED: [Signal; 4] = [
    Signal::SIGINT,
    Signal::SIGTERM,
    Signal::SIGHUP,
    Signal::SIGQUIT,
];

/// Whether the command line (without the program) is exactly `server launcher`.
pub fn is_asked_for(mut args: impl Iterator<Item = std::ffi::OsString>) -> bool {
    args.next().is_some_and(|a| a == "server")
        && args.next().is_some_and(|a| a == "launcher")
        && args.next().is_none()
}

/// The launcher's loop: a helper forked for each message, each helper's end reported. In a
/// forked helper, what the helper ends with.
pub fn main() -> crate::ExitStatus {
    match serve() {
        Ok(status) => status,
        Err(e) => {
            use std::io::Write as _;
            let _ = writeln!(io::stderr(), "tug: the sandbox launcher failed: {e}");
            crate::ExitStatus::Failure
        }
    }
}

fn serve() -> io::Result<crate::ExitStatus> {
    for s in IGNORED {
        // SAFETY: ignoring a signal installs no handler code.
        #[allow(unsafe_code)]
        let _ = unsafe { signal(s, SigHandler::SigIgn) };
    }
    // Blocked, SIGCHLD waits in the signal descriptor for the loop to read.
    let mut chld = SigSet::empty();
    chld.add(Signal::SIGCHLD);
    sigprocmask(SigmaskHow::SIG_BLOCK, Some(&chld), None)?;
    let signals = nix::sys::signalfd::SignalFd::with_flags(
        &chld,
        nix::sys::signalfd::SfdFlags::SFD_NONBLOCK | nix::sys::signalfd::SfdFlags::SFD_CLOEXEC,
    )?;
    let control = rustix::stdio::stdin();
    let launcher = rustix::process::getpid();
    let mut answers: HashMap<i32, OwnedFd> = HashMap::new();
    let mut buf = vec![0u8; MAX_SPEC];
    loop {
        let (control_ready, child_ended) = {
            let mut fds = [
                PollFd::new(&control, PollFlags::IN),
                PollFd::new(&signals, PollFlags::IN),
            ];
            match poll(&mut fds, None) {
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => continue,
                Err(e) => return Err(e.into()),
            }
            (!fds[0].revents().is_empty(), !fds[1].revents().is_empty())
        };
        if child_ended {
            while let Ok(Some(_)) = signals.read_signal() {}
            reap(&mut answers);
        }
        if control_ready {
            match receive(control, &mut buf) {
                Ok(Some((len, fds))) => {
                    if let Some(helper_ended) = launch(&buf[..len], fds, launcher, &mut answers) {
                        return Ok(helper_ended);
                    }
                }
                // The server is gone: its dynos go with the helpers' parent-death signal.
                Ok(None) => return Ok(crate::ExitStatus::Success),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

/// Reports every helper that ended to its answer socket.
fn reap(answers: &mut HashMap<i32, OwnedFd>) {
    // Any child: each helper leads a process group of its own.
    while let Ok(Some((pid, status))) = rustix::process::wait(rustix::process::WaitOptions::NOHANG)
    {
        if let Some(answer) = answers.remove(&pid.as_raw_nonzero().get()) {
            let _ = send(&answer, &status.as_raw().to_le_bytes(), SendFlags::NOSIGNAL);
        }
    }
}

/// One message: its length and its descriptors; `None` when the server's end closed.
fn receive(control: BorrowedFd<'_>, buf: &mut [u8]) -> io::Result<Option<(usize, Vec<OwnedFd>)>> {
    let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(4))];
    let mut ancillary = RecvAncillaryBuffer::new(&mut space);
    let got = recvmsg(
        control,
        &mut [IoSliceMut::new(buf)],
        &mut ancillary,
        RecvFlags::CMSG_CLOEXEC,
    )?;
    let mut fds = Vec::new();
    for message in ancillary.drain() {
        if let RecvAncillaryMessage::ScmRights(received) = message {
            fds.extend(received);
        }
    }
    if got.bytes == 0 && fds.is_empty() {
        return Ok(None);
    }
    Ok(Some((got.bytes, fds)))
}

/// Forks the helper for one message and answers with its process id. Returns in the forked
/// child only, once the helper is done, with what it ends with.
fn launch(
    spec: &[u8],
    fds: Vec<OwnedFd>,
    launcher: rustix::process::Pid,
    answers: &mut HashMap<i32, OwnedFd>,
) -> Option<crate::ExitStatus> {
    let Ok::<[OwnedFd; 4], _>([stdin, stdout, stderr, answer]) = fds.try_into() else {
        // Not from the server: the descriptors close as they drop.
        return None;
    };
    let spec: Option<Spec> = serde_json::from_slice(spec).ok();
    let Some(spec) = spec else {
        let _ = send(&answer, &0u32.to_le_bytes(), SendFlags::NOSIGNAL);
        return None;
    };
    // SAFETY: this process is single-threaded, so the child starts with no lock held by a
    // thread that does not exist there.
    #[allow(unsafe_code)]
    let forked = unsafe { nix::unistd::fork() };
    match forked {
        Ok(nix::unistd::ForkResult::Child) => {
            // Nothing of the launcher's stays open in the helper: the server's socket, the
            // other helpers' answer sockets, this one's.
            drop(std::mem::take(answers));
            drop(answer);
            Some(helper(spec, [stdin, stdout, stderr], launcher))
        }
        Ok(nix::unistd::ForkResult::Parent { child }) => {
            // Also here, so that the server can signal the group as soon as it has the id.
            let _ = nix::unistd::setpgid(child, child);
            let pid = child.as_raw();
            let _ = send(&answer, &(pid as u32).to_le_bytes(), SendFlags::NOSIGNAL);
            answers.insert(pid, answer);
            None
        }
        Err(_) => {
            let _ = send(&answer, &0u32.to_le_bytes(), SendFlags::NOSIGNAL);
            None
        }
    }
}

/// In the forked child: becomes the helper for `spec`, with `stdio` as its standard streams.
/// (The launcher's signal descriptor stays open here, unread, and closes on any `exec`.)
fn helper(spec: Spec, stdio: [OwnedFd; 3], launcher: rustix::process::Pid) -> crate::ExitStatus {
    let wall_failed = crate::ExitStatus::External(super::helper::WALL_FAILED as u8);
    let _ = nix::unistd::setpgid(nix::unistd::Pid::from_raw(0), nix::unistd::Pid::from_raw(0));
    let bound =
        rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL));
    if bound.is_err() || rustix::process::getppid() != Some(launcher) {
        return wall_failed;
    }
    for (fd, target) in stdio.iter().zip(0..) {
        // SAFETY: 0, 1 and 2 are this process's standard streams, replaced here on purpose.
        #[allow(unsafe_code)]
        let mut std_fd = unsafe { OwnedFd::from_raw_fd(target) };
        let duped = rustix::io::dup2(fd, &mut std_fd);
        std::mem::forget(std_fd);
        if duped.is_err() {
            return wall_failed;
        }
    }
    drop(stdio);
    // The helper handles its own signals; none stays ignored or blocked from the launcher.
    for s in IGNORED {
        // SAFETY: restoring the default action installs no handler code.
        #[allow(unsafe_code)]
        let _ = unsafe { signal(s, SigHandler::SigDfl) };
    }
    let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None);
    super::helper::run(spec)
}

/// The server's side: the launcher process and the socket to it. A launcher that died is
/// started again at the next launch.
pub struct Launcher {
    exe: std::path::PathBuf,
    running: Mutex<Option<Running>>,
}

struct Running {
    control: OwnedFd,
    process: std::process::Child,
}

impl Launcher {
    pub fn new(exe: &Path) -> io::Result<Launcher> {
        let running = Running::start(exe)?;
        Ok(Launcher {
            exe: exe.to_path_buf(),
            running: Mutex::new(Some(running)),
        })
    }

    /// Sends `spec` with the process's standard streams; the answer socket comes back.
    fn request(&self, spec: &[u8], stdio: [BorrowedFd<'_>; 3]) -> io::Result<UnixStream> {
        let (ours, theirs) = socketpair(
            AddressFamily::UNIX,
            SocketType::STREAM,
            SocketFlags::CLOEXEC,
            None,
        )?;
        let fds = [stdio[0], stdio[1], stdio[2], theirs.as_fd()];
        let mut running = crate::sync::lock(&self.running);
        for attempt in 0..2 {
            if running.is_none() {
                *running = Some(Running::start(&self.exe)?);
            }
            let Some(r) = running.as_ref() else {
                continue;
            };
            let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(4))];
            let mut ancillary = SendAncillaryBuffer::new(&mut space);
            ancillary.push(SendAncillaryMessage::ScmRights(&fds));
            match sendmsg(
                &r.control,
                &[IoSlice::new(spec)],
                &mut ancillary,
                SendFlags::NOSIGNAL,
            ) {
                Ok(_) => return Ok(UnixStream::from(ours)),
                // The launcher is gone: once more with a new one.
                Err(rustix::io::Errno::PIPE | rustix::io::Errno::CONNRESET) if attempt == 0 => {
                    if let Some(mut gone) = running.take() {
                        let _ = gone.process.wait();
                    }
                }
                Err(rustix::io::Errno::MSGSIZE) => {
                    return Err(io::Error::other(
                        "the process's environment is too large for the sandbox",
                    ));
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(io::Error::other("the sandbox launcher is gone"))
    }

    /// Starts a sandbox for `spec` (see [`super::Launch`]).
    pub async fn spawn(&self, spec: &[u8], stdio: [BorrowedFd<'_>; 3]) -> io::Result<Process> {
        let answer = self.request(spec, stdio)?;
        answer.set_nonblocking(true)?;
        let mut answer = tokio::net::UnixStream::from_std(answer)?;
        let mut word = [0u8; 4];
        let pid = match answer.read_exact(&mut word).await {
            Ok(_) => u32::from_le_bytes(word),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => 0,
            Err(e) => return Err(e),
        };
        if pid == 0 {
            return Err(io::Error::other("cannot start the sandbox helper"));
        }
        Ok(Process {
            pid,
            answer,
            ended: None,
        })
    }

    /// [`Launcher::spawn`] for a caller off the async threads, and its end.
    pub fn run_blocking(&self, spec: &[u8], stdio: [BorrowedFd<'_>; 3]) -> io::Result<ExitStatus> {
        use std::io::Read as _;
        let mut answer = self.request(spec, stdio)?;
        let mut word = [0u8; 4];
        if answer.read_exact(&mut word).is_err() || word == [0; 4] {
            return Err(io::Error::other("cannot start the sandbox helper"));
        }
        Ok(match answer.read_exact(&mut word) {
            Ok(()) => ExitStatus::from_raw(i32::from_le_bytes(word)),
            Err(_) => killed(),
        })
    }

    /// The server is stopping: the launcher ends once it sees its socket close.
    pub fn close(&self) {
        if let Some(Running {
            control,
            mut process,
        }) = crate::sync::lock(&self.running).take()
        {
            drop(control);
            std::thread::spawn(move || process.wait());
        }
    }
}

impl Running {
    fn start(exe: &Path) -> io::Result<Running> {
        // The launcher's end becomes its standard input; ours closes on exec, so that no other
        // process the server starts holds it open.
        let (control, theirs) = socketpair(
            AddressFamily::UNIX,
            SocketType::SEQPACKET,
            SocketFlags::CLOEXEC,
            None,
        )?;
        let process = std::process::Command::new(exe)
            .args(["server", "launcher"])
            .env_clear()
            .stdin(std::process::Stdio::from(theirs))
            .stdout(std::process::Stdio::null())
            .spawn()?;
        Ok(Running { control, process })
    }
}

/// How a helper whose launcher died ended: killed with it.
fn killed() -> ExitStatus {
    ExitStatus::from_raw(Signal::SIGKILL as i32)
}

/// A helper the launcher started: its process id (which is also its process group's), and
/// the socket its end is reported on.
pub struct Process {
    pid: u32,
    answer: tokio::net::UnixStream,
    ended: Option<ExitStatus>,
}

impl Process {
    pub fn id(&self) -> u32 {
        self.pid
    }

    /// How the helper ended (its exit code is the command's).
    pub async fn wait(&mut self) -> io::Result<ExitStatus> {
        if let Some(ended) = self.ended {
            return Ok(ended);
        }
        let mut word = [0u8; 4];
        let ended = match self.answer.read_exact(&mut word).await {
            Ok(_) => ExitStatus::from_raw(i32::from_le_bytes(word)),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => killed(),
            Err(e) => return Err(e),
        };
        self.ended = Some(ended);
        Ok(ended)
    }
}

/// A process the server started: directly, or inside the wall through the launcher.
pub enum Child {
    Direct(tokio::process::Child),
    Walled(Process),
}

impl Child {
    pub fn id(&self) -> Option<u32> {
        match self {
            Child::Direct(child) => child.id(),
            Child::Walled(process) => Some(process.id()),
        }
    }

    pub async fn wait(&mut self) -> io::Result<ExitStatus> {
        match self {
            Child::Direct(child) => child.wait().await,
            Child::Walled(process) => process.wait().await,
        }
    }
}

/// The standard streams the launcher hands a process, and the server's ends of those that are
/// pipes.
pub struct Streams {
    /// The process's input, output and error output.
    pub child: [OwnedFd; 3],
    pub stdin: Option<pipe::Sender>,
    pub stdout: Option<pipe::Receiver>,
    pub stderr: Option<pipe::Receiver>,
}

impl Streams {
    /// Output into a pipe; input from a pipe when `input`, error output into one when
    /// `errors`, else both to and from `/dev/null`.
    pub fn piped(input: bool, errors: bool) -> io::Result<Streams> {
        let null = || Ok::<_, io::Error>(OwnedFd::from(std::fs::File::open("/dev/null")?));
        let (stdin, child_in) = if input {
            let (read, write) = pipe_pair()?;
            (Some(pipe::Sender::from_owned_fd(write)?), read)
        } else {
            (None, null()?)
        };
        let (out_read, out_write) = pipe_pair()?;
        let (stderr, child_err) = if errors {
            let (read, write) = pipe_pair()?;
            (Some(pipe::Receiver::from_owned_fd(read)?), write)
        } else {
            (None, null()?)
        };
        Ok(Streams {
            child: [child_in, out_write, child_err],
            stdin,
            stdout: Some(pipe::Receiver::from_owned_fd(out_read)?),
            stderr,
        })
    }

    /// A terminal's slave end as every stream.
    pub fn terminal(slave: OwnedFd) -> io::Result<Streams> {
        Ok(Streams {
            child: [slave.try_clone()?, slave.try_clone()?, slave],
            stdin: None,
            stdout: None,
            stderr: None,
        })
    }

    pub fn fds(&self) -> [BorrowedFd<'_>; 3] {
        [
            self.child[0].as_fd(),
            self.child[1].as_fd(),
            self.child[2].as_fd(),
        ]
    }
}

/// A pipe, both ends closed on `exec`: (read, write).
fn pipe_pair() -> io::Result<(OwnedFd, OwnedFd)> {
    Ok(nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?)
}

#[cfg(test)]
mod tests {
    use super::is_asked_for;

    #[test]
    fn only_server_launcher_itself_takes_the_short_way() {
        let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert!(is_asked_for(args(&["server", "launcher"]).into_iter()));
        assert!(!is_asked_for(
            args(&["server", "launcher", "--help"]).into_iter()
        ));
        assert!(!is_asked_for(args(&["server"]).into_iter()));
        assert!(!is_asked_for(args(&[]).into_iter()));
    }
}
