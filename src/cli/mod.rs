//! The command-line toolbelt. (Being built: only `tug server` is wired so far.)

use clap::{Parser, Subcommand};

use crate::ExitStatus;

#[derive(Debug, Parser)]
#[command(name = "tug", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the platform
    Server(crate::server::ServerArgs),
}

pub fn main() -> ExitStatus {
    let cli = Cli::parse();
    match cli.command {
        Command::Server(args) => match crate::server::main(args) {
            Ok(s) => s,
            Err(e) => {
                #[allow(clippy::print_stderr)]
                {
                    eprintln!("error: {e:#}");
                }
                ExitStatus::Failure
            }
        },
    }
}
