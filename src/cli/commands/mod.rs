//! One module per topic. Each exports its clap `Args` and one function per verb taking those
//! arguments and the `Ctx`.

pub mod access;
pub mod addons;
pub mod apps;
pub mod auth;
pub mod authorizations;
pub mod buildpacks;
pub mod builds;
pub mod certs;
pub mod completions;
pub mod config;
pub mod dashboard;
pub mod deploy;
pub mod deployments;
pub mod domains;
pub mod drains;
pub mod dyno_sizes;
pub mod git;
pub mod labs;
pub mod logs;
pub mod maintenance;
pub mod open;
pub mod pg;
pub mod pipelines;
pub mod ps;
pub mod redis;
pub mod releases;
pub mod reviewapps;
pub mod run;
pub mod statuses;
pub mod up;
pub mod webhooks;

/// Quotes a value for `KEY=value` lines a POSIX shell can `eval` (Heroku's rule): as is when
/// nothing in it is special to the shell; in single quotes when it is; in double quotes, with
/// `"`, `\`, `$` and `` ` `` escaped, when it contains a single quote or a newline.
pub fn shell_quote(value: &str) -> String {
    let special =
        |c: char| c.is_whitespace() || c.is_control() || "\"#!$&'()*,:;<=>?@[\\]^`{|}~".contains(c);
    if !value.chars().any(special) {
        return value.to_string();
    }
    if !value.contains('\'') && !value.contains('\n') {
        return format!("'{value}'");
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// `FOO`, `FOO, BAR` for status lines.
pub fn join_keys<S: AsRef<str>>(keys: &[S]) -> String {
    keys.iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_the_heroku_rule() {
        assert_eq!(shell_quote("production"), "production");
        assert_eq!(shell_quote(""), "");
        assert_eq!(shell_quote("héllo"), "héllo");
        assert_eq!(shell_quote("hello world"), "'hello world'");
        assert_eq!(
            shell_quote("postgres://u:p@h:5432/db"),
            "'postgres://u:p@h:5432/db'"
        );
        assert_eq!(shell_quote("$HOME"), "'$HOME'");
        assert_eq!(shell_quote("~/x"), "'~/x'");
        assert_eq!(shell_quote("it's"), "\"it's\"");
        assert_eq!(
            shell_quote("it's a \"test\" $HOME `x` \\"),
            "\"it's a \\\"test\\\" \\$HOME \\`x\\` \\\\\""
        );
        assert_eq!(shell_quote("a\nb"), "\"a\nb\"");
    }

    #[cfg(unix)]
    #[test]
    fn quoted_values_survive_a_real_shell() {
        for value in [
            "plain",
            "hello world",
            "it's",
            "a\nb",
            "it's a \"test\" $HOME `x` \\ !",
            "tab\there",
            "'",
            "\"",
            "*",
            "a;b|c&d",
            "~",
        ] {
            let script = format!("V={}; printf %s \"$V\"", shell_quote(value));
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(&script)
                .output()
                .unwrap();
            assert_eq!(String::from_utf8_lossy(&out.stdout), value, "{script}");
        }
    }

    #[test]
    fn keys_are_joined_with_commas() {
        assert_eq!(join_keys(&["FOO"]), "FOO");
        assert_eq!(join_keys(&["FOO", "MSG"]), "FOO, MSG");
    }
}
