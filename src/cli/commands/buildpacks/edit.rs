//! Changing an app's buildpack list: the index argument, read–edit–write, and the report of
//! what the next build will use.

use crate::api::{BuildpackInstallation, BuildpackInstallationsUpdate, BuildpackUpdate};
use crate::cli::args::AppArg;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::git;
use crate::cli::out::Out;

/// A 1-based position in the list.
pub fn parse_index(arg: &str) -> Result<usize, String> {
    match arg.trim().parse::<usize>() {
        Ok(0) => Err("invalid index: it must be greater than 0".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("invalid index: `{arg}` is not a whole number")),
    }
}

/// Whether an installation is the buildpack a user named.
pub(super) fn is(b: &BuildpackInstallation, given: &str) -> bool {
    b.buildpack.url == given || b.buildpack.name == given
}

pub(super) fn already_set(buildpack: &str, app: &str) -> CliError {
    CliError::failed(
        format!("the buildpack {buildpack} is already set on {app}"),
        format!("`tug buildpacks -a {app}` lists the app's buildpacks"),
    )
}

pub(super) fn installation(buildpack: &str) -> BuildpackInstallation {
    BuildpackInstallation {
        ordinal: 0,
        buildpack: crate::api::BuildpackRef {
            url: buildpack.to_string(),
            name: buildpack.to_string(),
        },
    }
}

/// Reads the list, lets `edit` change it, puts it back and says what the next build will use.
pub(super) fn change(
    ctx: &Ctx,
    app: &AppArg,
    done: &str,
    edit: impl FnOnce(&mut Vec<BuildpackInstallation>, &str) -> Result<(), CliError>,
) -> anyhow::Result<()> {
    let out = &ctx.out;
    let remote = app
        .remote
        .clone()
        .unwrap_or_else(|| git::REMOTE.to_string());
    let app = ctx.app(app)?;
    let client = ctx.client()?;
    let mut list = ctx.block_on(client.buildpacks(&app))?;
    edit(&mut list, &app)?;
    let body = BuildpackInstallationsUpdate {
        updates: list
            .iter()
            .map(|b| BuildpackUpdate {
                buildpack: b.buildpack.url.clone(),
            })
            .collect(),
    };
    let installed = ctx.block_on(client.set_buildpacks(&app, &body))?;
    report(out, &app, &remote, done, &installed);
    if ctx.out.is_json() {
        out.json(&installed)?;
    }
    Ok(())
}

/// `Buildpack added. Next release on demo will use:` and the list, on stderr.
fn report(out: &Out, app: &str, remote: &str, done: &str, installed: &[BuildpackInstallation]) {
    if installed.is_empty() {
        let what = if done == "cleared" {
            "Buildpacks"
        } else {
            "Buildpack"
        };
        out.status(&format!(
            "{what} {done}. Next release on {app} will detect buildpacks normally."
        ));
        return;
    }
    let mut text = format!("Buildpack {done}. Next release on {app} will use:");
    for (i, b) in installed.iter().enumerate() {
        text.push_str(&format!("\n  {}. {}", i + 1, b.buildpack.name));
    }
    let which = if installed.len() == 1 {
        "this buildpack"
    } else {
        "these buildpacks"
    };
    text.push_str(&format!(
        "\nRun git push {remote} main to create a new release using {which}."
    ));
    out.status(&text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_start_at_one() {
        assert_eq!(parse_index("1"), Ok(1));
        assert_eq!(parse_index(" 12 "), Ok(12));
        for bad in ["0", "-1", "", "one", "1.5", "99999999999999999999999"] {
            let err = parse_index(bad).unwrap_err();
            assert!(err.starts_with("invalid index"), "{bad}: {err}");
        }
    }

    #[test]
    fn reports_name_the_list_and_the_push() {
        let out = Out::test(false);
        let list = [installation("python"), installation("node")];
        report(&out, "demo", "tug", "added", &list);
        report(&out, "demo", "staging", "set", &list[..1]);
        report(&out, "demo", "tug", "removed", &[]);
        report(&out, "demo", "tug", "cleared", &[]);
        assert_eq!(
            out.stderr_text(),
            "Buildpack added. Next release on demo will use:\n  1. python\n  2. node\n\
             Run git push tug main to create a new release using these buildpacks.\n\
             Buildpack set. Next release on demo will use:\n  1. python\n\
             Run git push staging main to create a new release using this buildpack.\n\
             Buildpack removed. Next release on demo will detect buildpacks normally.\n\
             Buildpacks cleared. Next release on demo will detect buildpacks normally.\n"
        );
    }
}
