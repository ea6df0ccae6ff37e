//! Which dynos `ps:restart` and `ps:stop` act on: a dyno, a process type, or all of them.

use clap::Args as ClapArgs;

use super::process_types::is_word;
use crate::api::names::check_process_type;
use crate::cli::args::AppArg;
use crate::cli::client::Target;
use crate::cli::error::CliError;

// The dynos a command acts on (a dyno or a process type, positional or by flag) and the app.
// `ps:restart` and `ps:stop` word the help their own way with `mut_arg`.
#[derive(Debug, ClapArgs)]
pub struct TargetArgs {
    /// A dyno (`web.1`) or a process type (`web`) [default: every dyno]
    #[arg(value_name = "DYNO|TYPE", conflicts_with_all = ["dyno_name", "process_type"])]
    pub target: Option<String>,
    /// The dyno to restart (`web.1`)
    #[arg(short, long, value_name = "DYNO", conflicts_with = "process_type")]
    pub dyno_name: Option<String>,
    /// The process type whose dynos to restart (`web`)
    #[arg(short, long, value_name = "TYPE")]
    pub process_type: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
}

impl TargetArgs {
    /// Which dynos the flags name.
    pub(super) fn target(&self) -> anyhow::Result<Target> {
        target(
            self.target.as_deref(),
            self.dyno_name.as_deref(),
            self.process_type.as_deref(),
        )
    }
}

pub(super) fn target(
    positional: Option<&str>,
    dyno: Option<&str>,
    kind: Option<&str>,
) -> anyhow::Result<Target> {
    let hint = "name a dyno (`web.1`) or a process type (`web`)";
    let check_dyno = |name: &str| -> anyhow::Result<Target> {
        match name.split_once('.') {
            Some((kind, n))
                if is_word(kind) && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Ok(Target::Dyno(name.to_string()))
            }
            _ => Err(CliError::usage(format!("`{name}` is not a dyno name"), hint).into()),
        }
    };
    let check_type = |kind: &str| -> anyhow::Result<Target> {
        check_process_type(kind).map_err(|e| CliError::usage(e, hint))?;
        Ok(Target::Type(kind.to_string()))
    };
    match (positional, dyno, kind) {
        (Some(p), _, _) if p.contains('.') => check_dyno(p),
        (Some(p), _, _) => check_type(p),
        (None, Some(d), _) => check_dyno(d),
        (None, None, Some(k)) => check_type(k),
        (None, None, None) => Ok(Target::All),
    }
}

pub(super) fn describe(target: &Target, app: &str) -> String {
    match target {
        Target::All => format!("all dynos on {app}"),
        Target::Type(kind) => format!("all {kind} dynos on {app}"),
        Target::Dyno(name) => format!("dyno {name} on {app}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restart_targets() {
        assert_eq!(target(None, None, None).unwrap(), Target::All);
        assert_eq!(
            target(Some("web.2"), None, None).unwrap(),
            Target::Dyno("web.2".into())
        );
        assert_eq!(
            target(Some("web"), None, None).unwrap(),
            Target::Type("web".into())
        );
        assert_eq!(
            target(None, None, Some("worker")).unwrap(),
            Target::Type("worker".into())
        );
        assert!(target(Some("web.x"), None, None).is_err());
        assert!(target(None, Some("web"), None).is_err());
        assert!(target(Some("a/b"), None, None).is_err());
    }
}
