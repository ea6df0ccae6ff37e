//! `tug open [PATH]`: the app's URL in a browser (`$BROWSER`, else `xdg-open` or `open`).

use std::process::Command;

use clap::Args as ClapArgs;

use crate::cli::args::AppArg;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct OpenArgs {
    /// A path (and query) to open under the app's URL, like `admin?tab=2`
    #[arg(value_name = "PATH")]
    pub path: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
}

pub fn open(args: &OpenArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let name = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let app = ctx.block_on(client.app(&name))?;
    let formation = ctx.block_on(client.formation(&name))?;
    let web = formation.iter().find(|f| f.kind == "web");
    let no_web = || {
        CliError::failed(
            format!("{name} has no web dynos running, so its URL answers nothing"),
            format!("start one with `tug ps:scale web=1 -a {name}`"),
        )
    };
    if web.is_none_or(|f| f.quantity < 1) {
        return Err(no_web().into());
    }
    let Some(web_url) = app.web_url.as_deref() else {
        return Err(no_web().into());
    };
    let url = join_url(web_url, args.path.as_deref())?;
    out.status(&format!("Opening {url}..."));
    launch(&url, ctx.env.browser.as_deref())
}

/// `web_url` joined with a path as a browser would resolve a link.
pub fn join_url(web_url: &str, path: Option<&str>) -> anyhow::Result<String> {
    let base = reqwest::Url::parse(web_url)
        .map_err(|e| anyhow::anyhow!("the platform gave the app a bad URL `{web_url}`: {e}"))?;
    let Some(path) = path.filter(|p| !p.is_empty()) else {
        return Ok(base.to_string());
    };
    let joined = base.join(path).map_err(|e| {
        CliError::usage(
            format!("`{path}` cannot be joined to {web_url}: {e}"),
            "give a path like `admin` or `/admin?tab=2`",
        )
    })?;
    if joined.origin() != base.origin() {
        return Err(CliError::usage(
            format!("`{path}` points away from the app ({joined})"),
            "give a path like `admin` or `/admin?tab=2`",
        )
        .into());
    }
    Ok(joined.to_string())
}

/// `$BROWSER` (its first `:`-separated entry; `%s` stands for the URL, else it goes last),
/// else `xdg-open`, else `open`.
pub fn launch(url: &str, browser: Option<&str>) -> anyhow::Result<()> {
    if let Some(browser) = browser.and_then(|b| b.split(':').find(|e| !e.trim().is_empty())) {
        let mut words: Vec<String> = browser.split_whitespace().map(str::to_string).collect();
        if words.iter().any(|w| w.contains("%s")) {
            for w in &mut words {
                *w = w.replace("%s", url);
            }
        } else {
            words.push(url.to_string());
        }
        let status = Command::new(&words[0])
            .args(&words[1..])
            .status()
            .map_err(|e| {
                CliError::failed(
                    format!("could not run `{}` (from `BROWSER`): {e}", words[0]),
                    format!("fix `BROWSER`, or open {url} yourself"),
                )
            })?;
        if !status.success() {
            return Err(CliError::failed(
                format!("`{}` (from `BROWSER`) failed ({status})", words[0]),
                format!("open {url} yourself"),
            )
            .into());
        }
        return Ok(());
    }
    for opener in ["xdg-open", "open"] {
        match Command::new(opener).arg(url).status() {
            Ok(status) if status.success() => return Ok(()),
            Ok(status) => {
                return Err(CliError::failed(
                    format!("`{opener}` failed ({status})"),
                    format!("set `BROWSER`, or open {url} yourself"),
                )
                .into());
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(anyhow::Error::new(e).context(format!("could not run `{opener}`")));
            }
        }
    }
    Err(CliError::failed(
        "found no browser to open (no `BROWSER`, `xdg-open` or `open`)",
        format!("set `BROWSER`, or open {url} yourself"),
    )
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_under_the_app() {
        let base = "http://demo.localhost:7780/";
        assert_eq!(join_url(base, None).unwrap(), base);
        assert_eq!(
            join_url(base, Some("admin?x=1")).unwrap(),
            "http://demo.localhost:7780/admin?x=1"
        );
        assert_eq!(
            join_url(base, Some("/a/b")).unwrap(),
            "http://demo.localhost:7780/a/b"
        );
        assert!(join_url(base, Some("http://evil.example/")).is_err());
        assert!(join_url(base, Some("//evil.example/")).is_err());
    }
}
