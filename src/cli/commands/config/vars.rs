//! Config var arguments (`KEY`, `KEY=VALUE`) and how a set of vars is printed.

use crate::api::names;
use crate::cli::commands::shell_quote;
use crate::cli::ctx::Ctx;
use crate::cli::out::{Out, Table, Value};

/// A config var name: letters, digits and underscores.
pub fn parse_key(key: &str) -> Result<String, String> {
    names::check_config_key(key).map(|()| key.to_string())
}

/// `KEY=VALUE`, split at the first `=`; the value may be empty or contain more `=`.
pub fn parse_pair(arg: &str) -> Result<(String, String), String> {
    let Some((key, value)) = arg.split_once('=') else {
        return Err(format!("`{arg}` is not of the form KEY=VALUE"));
    };
    if key.is_empty() {
        return Err(format!("`{arg}` has no name before the `=`"));
    }
    names::check_config_key(key)?;
    Ok((key.to_string(), value.to_string()))
}

/// Config vars as `KEY:  value` on a terminal, `KEY<TAB>value` when piped.
pub fn print_vars<'a>(
    out: &Out,
    vars: impl IntoIterator<Item = (&'a String, &'a String)>,
) -> std::io::Result<()> {
    let vars: Vec<(&String, &String)> = vars.into_iter().collect();
    if out.stdout_tty {
        let pairs: Vec<(&str, Value)> = vars
            .iter()
            .map(|(k, v)| (k.as_str(), Value::text(v.as_str())))
            .collect();
        out.object(&pairs)
    } else {
        let mut table = Table::new(vec!["key", "value"]);
        for (k, v) in vars {
            table.row(vec![k.as_str().into(), v.as_str().into()]);
        }
        out.table(&table)
    }
}

pub fn print_shell<'a>(
    out: &Out,
    vars: impl IntoIterator<Item = (&'a String, &'a String)>,
) -> std::io::Result<()> {
    for (key, value) in vars {
        out.line(&format!("{key}={}", shell_quote(value)))?;
    }
    Ok(())
}

/// `done, v4`: the version of the release the change made (just `done` if it can't be read).
pub(super) fn outcome(ctx: &Ctx, app: &str) -> String {
    let Ok(client) = ctx.client() else {
        return "done".to_string();
    };
    match ctx.block_on(client.latest_release(app)) {
        Ok(Some(release)) => format!("done, v{}", release.version),
        _ => "done".to_string(),
    }
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ConfigVars;

    #[test]
    fn pairs_split_at_the_first_equals_sign() {
        assert_eq!(parse_pair("FOO=bar").unwrap(), ("FOO".into(), "bar".into()));
        assert_eq!(
            parse_pair("MSG=hello world").unwrap(),
            ("MSG".into(), "hello world".into())
        );
        assert_eq!(
            parse_pair("EMPTY=").unwrap(),
            ("EMPTY".into(), String::new())
        );
        assert_eq!(
            parse_pair("URL=a=b==c").unwrap(),
            ("URL".into(), "a=b==c".into())
        );
        assert_eq!(parse_pair("_x1=\n").unwrap(), ("_x1".into(), "\n".into()));
    }

    #[test]
    fn bad_pairs_say_what_is_wrong() {
        assert!(parse_pair("NOEQ").unwrap_err().contains("KEY=VALUE"));
        assert!(parse_pair("=value").unwrap_err().contains("no name"));
        assert!(parse_pair("").unwrap_err().contains("KEY=VALUE"));
        assert!(
            parse_pair("FOO-BAR=1")
                .unwrap_err()
                .contains("not a valid config var name")
        );
        assert!(parse_pair("FOO BAR=1").is_err());
        assert!(parse_pair("ÄÖ=1").is_err());
        assert!(parse_key("FOO").is_ok());
        assert!(parse_key("FOO=1").is_err());
    }

    #[test]
    fn vars_print_aligned_on_a_terminal_and_as_tsv_when_piped() {
        let mut vars = ConfigVars::new();
        vars.insert("FOO".into(), "bar".into());
        vars.insert("MSG".into(), "hello\tworld".into());
        vars.insert("LONG_NAME".into(), "x".into());
        let tty = Out::test(true);
        print_vars(&tty, &vars).unwrap();
        assert_eq!(
            tty.stdout_text(),
            "FOO:        bar\nLONG_NAME:  x\nMSG:        hello\\tworld\n"
        );
        let piped = Out::test(false);
        print_vars(&piped, &vars).unwrap();
        assert_eq!(
            piped.stdout_text(),
            "FOO\tbar\nLONG_NAME\tx\nMSG\thello\\tworld\n"
        );
        let shell = Out::test(false);
        print_shell(&shell, &vars).unwrap();
        assert_eq!(
            shell.stdout_text(),
            "FOO=bar\nLONG_NAME=x\nMSG='hello\tworld'\n"
        );
    }
}
