//! Which dynos `ps:restart` and `ps:stop` act on: a dyno, a process type, or all of them.

use super::process_types::is_word;
use crate::api::names::check_process_type;
use crate::cli::client::Target;
use crate::cli::error::CliError;

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
