//! Which commit a ref names, here or as given.

use crate::api::commit_status::full_sha;
use crate::cli::error::CliError;
use crate::cli::git;

/// The full commit id a REF names: through the local repository when there is one, else it
/// must already be a full id.
pub fn commit_sha(rev: &str) -> anyhow::Result<String> {
    if let Some(repo) = git::open()
        && let Some(commit) = git::resolve_commit(&repo, rev)
    {
        return Ok(commit.sha);
    }
    full_sha(rev).ok_or_else(|| {
        CliError::usage(
            format!("`{rev}` is not a commit of a repository here, nor a full commit id"),
            "run this inside the repository, or give all 40 hex digits of the commit",
        )
        .into()
    })
}
