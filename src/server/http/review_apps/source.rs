//! Where `POST /review-apps` finds a branch given without a source URL: as last pushed to one
//! of the pipeline's apps that the caller can reach.

use std::path::PathBuf;

use tokio::process::Command;

use super::super::AppState;
use super::super::apps::load_app;
use super::super::error::{ApiError, ApiResult};
use super::super::extract::Auth;
use crate::server::store::PipelineRow;

/// A branch name as git allows it, kept to what cannot be read as an option or a path trick.
pub fn check_branch(branch: &str) -> Result<(), String> {
    let bad = branch.is_empty()
        || branch.len() > 255
        || branch.starts_with('-')
        || branch.starts_with('/')
        || branch.ends_with('/')
        || branch.ends_with(".lock")
        || branch.contains("..")
        || branch.contains("//")
        || branch.contains("@{")
        || branch
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || "~^:?*[\\".contains(c));
    if bad {
        Err(format!(
            "`{}` is not a branch name git allows",
            branch.escape_debug()
        ))
    } else {
        Ok(())
    }
}

/// The branch's last pushed commit as a source tarball, and its sha.
pub async fn pushed_branch(
    state: &AppState,
    auth: &Auth,
    pipeline: &PipelineRow,
    branch: &str,
) -> ApiResult<(PathBuf, String)> {
    let refname = format!("refs/heads/{branch}");
    for coupling in state.store.couplings(pipeline.id)? {
        if coupling.stage == "review"
            || load_app(state, auth, &coupling.app_id.to_string()).is_err()
        {
            continue;
        }
        let repo = state.repos.path(coupling.app_id);
        if !repo.join("HEAD").exists() {
            continue;
        }
        let found = Command::new("git")
            .arg("--git-dir")
            .arg(&repo)
            .args(["rev-parse", "--verify", "--quiet"])
            .arg(format!("{refname}^{{commit}}"))
            .output()
            .await
            .map_err(ApiError::internal)?;
        if !found.status.success() {
            continue;
        }
        let sha = String::from_utf8_lossy(&found.stdout).trim().to_string();
        let dest = state.pipeline.scratch_file();
        let archive = Command::new("git")
            .arg("--git-dir")
            .arg(&repo)
            .args(["archive", "--format=tar.gz", "-o"])
            .arg(&dest)
            .arg(&sha)
            .output()
            .await
            .map_err(ApiError::internal)?;
        if !archive.status.success() {
            let _ = tokio::fs::remove_file(&dest).await;
            return Err(ApiError::internal(
                String::from_utf8_lossy(&archive.stderr).to_string(),
            ));
        }
        return Ok((dest, sha));
    }
    Err(ApiError::invalid(format!(
        "no app of pipeline `{}` has a branch `{branch}`; push it first with `git push tug {branch}`",
        pipeline.name
    )))
}

#[cfg(test)]
mod tests {
    use super::check_branch;

    #[test]
    fn branch_names_that_could_mislead_git_are_refused() {
        for ok in ["feature-x", "user/topic", "v1.2", "ünï"] {
            assert!(check_branch(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "-x",
            "--upload-pack=sh",
            "a..b",
            "a b",
            "a\nb",
            "a:b",
            "/a",
            "a/",
            "x.lock",
            "a@{1}",
            "a^",
        ] {
            assert!(check_branch(bad).is_err(), "{bad:?}");
        }
    }
}
