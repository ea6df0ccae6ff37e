//! The harness every end-to-end test uses: a real `tug server` process on port 0 in a temp dir
//! (`server`), the real `tug` binary run in an isolated HOME against it (`home`), real git pushes
//! (`push`), `tug` on a pseudo-terminal (`pty`), running apps (`dynos`), a local HTTP receiver for outbound calls (`receiver`), the
//! platform inside the test process for pure HTTP checks (`in_process`), waits on conditions
//! with a deadline (`wait`) and the one way a test says it skipped (`skip`).

#![allow(dead_code, unused_imports)]

pub mod apps;
pub mod dynos;
pub mod home;
pub mod in_process;
pub mod pty;
pub mod push;
pub mod receiver;
pub mod server;
pub mod skip;
pub mod wait;

pub use home::{Home, Run, TUG, run_ok};
pub use in_process::InProcess;
pub use push::{git_remotes, git_repo};
pub use receiver::{Got, Receiver};
pub use server::{Http, Reply, TestServer, add_user_with_password, install_crypto_provider};
pub use wait::{wait_for, wait_until};
