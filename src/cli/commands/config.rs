//! `tug config`: list, get, set, unset. Every change is a new release.

use clap::{Args as ClapArgs, Subcommand};

use crate::api::{ConfigVars, ConfigVarsUpdate, names};
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::commands::{join_keys, shell_quote};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::out::{Out, Table, Value};

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<ConfigCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show all config vars (the default)
    List(ListArgs),
    /// Print the values of config vars; a missing one is an error
    Get(GetArgs),
    /// Set config vars (a new release)
    #[command(visible_alias = "add")]
    Set(SetArgs),
    /// Remove config vars (a new release)
    #[command(visible_alias = "remove")]
    Unset(UnsetArgs),
}

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    #[command(flatten)]
    pub app: AppArg,
    /// Print `KEY=value` lines for a shell
    #[arg(short, long, conflicts_with = "json")]
    pub shell: bool,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct GetArgs {
    /// The config vars to print
    #[arg(value_name = "KEY", required = true, value_parser = parse_key)]
    pub keys: Vec<String>,
    #[command(flatten)]
    pub app: AppArg,
    /// Print `KEY=value` lines for a shell
    #[arg(short, long, conflicts_with = "json")]
    pub shell: bool,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct SetArgs {
    /// The config vars to set, like `FOO=bar` or `'MSG=hello world'`
    #[arg(value_name = "KEY=VALUE", required = true, value_parser = parse_pair)]
    pub pairs: Vec<(String, String)>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct UnsetArgs {
    /// The config vars to remove
    #[arg(value_name = "KEY", required = true, value_parser = parse_key)]
    pub keys: Vec<String>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

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

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(ConfigCommand::List(args)) => list(&args, ctx),
        Some(ConfigCommand::Get(args)) => get(&args, ctx),
        Some(ConfigCommand::Set(args)) => set(&args, ctx),
        Some(ConfigCommand::Unset(args)) => unset(&args, ctx),
    }
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

fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let vars = ctx.block_on(client.config_vars(&app))?;
    if args.json.json {
        return out.json(&vars);
    }
    if args.shell {
        return Ok(print_shell(out, &vars)?);
    }
    if vars.is_empty() {
        out.status(&format!("{app} has no config vars."));
        out.hint(&format!("set one with `tug config:set KEY=VALUE -a {app}`"));
        return Ok(());
    }
    out.header(&format!("{app} Config Vars"))?;
    Ok(print_vars(out, &vars)?)
}

fn get(args: &GetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let vars = ctx.block_on(client.config_vars(&app))?;
    let missing: Vec<&String> = args
        .keys
        .iter()
        .filter(|k| !vars.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        let (noun, names) = if missing.len() == 1 {
            ("config var", format!("`{}` is", missing[0]))
        } else {
            let list: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
            ("config vars", format!("{} are", list.join(", ")))
        };
        return Err(CliError::failed(
            format!("{noun} {names} not set on {app}"),
            format!("`tug config -a {app}` lists the app's config vars"),
        )
        .into());
    }
    let wanted: ConfigVars = args
        .keys
        .iter()
        .filter_map(|k| vars.get_key_value(k).map(|(k, v)| (k.clone(), v.clone())))
        .collect();
    if args.json.json {
        return out.json(&wanted);
    }
    for key in &args.keys {
        let value = &vars[key];
        if args.shell {
            out.line(&format!("{key}={}", shell_quote(value)))?;
        } else {
            out.line(value)?;
        }
    }
    Ok(())
}

fn set(args: &SetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let mut keys: Vec<&str> = Vec::new();
    let mut body = ConfigVarsUpdate::new();
    for (key, value) in &args.pairs {
        if !keys.contains(&key.as_str()) {
            keys.push(key);
        }
        body.insert(key.clone(), Some(value.clone()));
    }
    let progress = out.progress(format!(
        "Setting {} and restarting {}",
        join_keys(&keys),
        out.app_name(&app)
    ));
    let vars = ctx.block_on(client.update_config_vars(&app, &body))?;
    progress.finish(&outcome(ctx, &app));
    if args.json.json {
        return out.json(&vars);
    }
    let set: Vec<(&String, &String)> = body
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
        .collect();
    Ok(print_vars(out, set)?)
}

fn unset(args: &UnsetArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let mut keys: Vec<&str> = Vec::new();
    for key in &args.keys {
        if !keys.contains(&key.as_str()) {
            keys.push(key);
        }
    }
    let body: ConfigVarsUpdate = keys.iter().map(|k| ((*k).to_string(), None)).collect();
    let progress = out.progress(format!(
        "Unsetting {} and restarting {}",
        join_keys(&keys),
        out.app_name(&app)
    ));
    let vars = ctx.block_on(client.update_config_vars(&app, &body))?;
    progress.finish(&outcome(ctx, &app));
    if args.json.json {
        out.json(&vars)?;
    }
    Ok(())
}

/// `done, v4`: the version of the release the change made (just `done` if it can't be read).
fn outcome(ctx: &Ctx, app: &str) -> String {
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
