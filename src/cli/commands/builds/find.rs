//! Naming a build: by id, by an id's start, or by the version it built.

use crate::api::Build;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

/// How many builds a short id is looked for among.
const PREFIX_SEARCH: usize = 1000;

/// A build id (a UUID) or the start of one, lowercased.
pub fn parse_build_id(arg: &str) -> Result<String, String> {
    let id = arg.trim().to_ascii_lowercase();
    if !id.is_empty() && id.len() <= 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        Ok(id)
    } else {
        Err(format!(
            "`{arg}` is not a build id: `tug builds` lists them"
        ))
    }
}

/// `1a2b3c4` for a commit sha, the version as it is otherwise.
pub(super) fn short_version(build: &Build) -> String {
    let version = build.source_blob.version.as_deref().unwrap_or_default();
    if version.len() == 40 && version.chars().all(|c| c.is_ascii_hexdigit()) {
        version[..7].to_string()
    } else {
        version.to_string()
    }
}

/// The build an argument names: the newest, a full id, or the one build whose id starts so.
pub(super) fn find_build(ctx: &Ctx, app: &str, id: Option<&str>) -> anyhow::Result<Build> {
    let client = ctx.client()?;
    let Some(id) = id else {
        return ctx
            .block_on(client.builds(app, 1))?
            .into_iter()
            .next()
            .ok_or_else(|| {
                CliError::failed(
                    format!("{app} has no builds"),
                    "`git push tug main` builds and deploys the app",
                )
                .into()
            });
    };
    if uuid::Uuid::parse_str(id).is_ok() {
        return ctx.block_on(client.build(app, id));
    }
    let builds = ctx.block_on(client.builds(app, PREFIX_SEARCH))?;
    let mut matches = builds
        .into_iter()
        .filter(|b| b.id.to_string().starts_with(id));
    match (matches.next(), matches.next()) {
        (Some(build), None) => Ok(build),
        (None, _) => Err(CliError::failed(
            format!("{app} has no build whose id starts with `{id}`"),
            format!("`tug builds -a {app}` lists the app's builds"),
        )
        .into()),
        (Some(a), Some(b)) => Err(CliError::usage(
            format!(
                "`{id}` could be several builds of {app} ({}, {}…)",
                a.id, b.id
            ),
            "give more of the id",
        )
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_ids_and_their_starts() {
        assert_eq!(parse_build_id("1A2b").unwrap(), "1a2b");
        let id = "01234567-89ab-cdef-0123-456789abcdef";
        assert_eq!(parse_build_id(id).unwrap(), id);
        for bad in ["", "latest", "v3", "../x", "0123 4", &format!("{id}0")] {
            assert!(parse_build_id(bad).is_err(), "{bad}");
        }
    }
}
