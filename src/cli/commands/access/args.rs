//! The collaborator argument the `access` verbs share.

use clap::Args as ClapArgs;

use crate::api::names;
use crate::cli::args::AppJsonArgs;

#[derive(Debug, ClapArgs)]
pub struct ChangeArgs {
    /// The account's email address
    #[arg(value_name = "EMAIL", value_parser = parse_email)]
    pub email: String,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

pub fn parse_email(email: &str) -> Result<String, String> {
    names::check_email(email).map(|()| email.to_string())
}
