//! tug: a self-hosted Heroku. One binary: `tug server` is the platform, every other command is
//! the CLI that drives it. `api` is the wire contract both sides share; `cli` never reaches into
//! `server` except to hand `tug server` its arguments.

pub mod api;
pub mod app_json;
pub mod cli;
pub mod deploy_file;
mod exit;
pub mod files;
pub mod hex;
pub mod lines;
#[cfg(test)]
mod props;
pub mod server;
pub mod sync;
mod yaml;

pub use exit::ExitStatus;

/// Parse the command line, run it, render any error, and turn the outcome into an exit code.
pub fn main() -> std::process::ExitCode {
    // The sandbox helper starts for every dyno, one-off and build step, and each of them waits
    // for it: it skips building the whole command line, which costs a few milliseconds.
    if server::sandbox::helper::is_asked_for(std::env::args_os().skip(1)) {
        return server::sandbox::helper::main().into();
    }
    cli::main().into()
}
