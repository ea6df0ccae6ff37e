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
    // The sandbox launcher forks a helper for every dyno, one-off and build step: it skips
    // building the whole command line, so that it, and every fork of it, stays small.
    if server::sandbox::launcher::is_asked_for(std::env::args_os().skip(1)) {
        return server::sandbox::launcher::main().into();
    }
    cli::main().into()
}
