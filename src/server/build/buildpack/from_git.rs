//! Git buildpacks: a clone per setting in the shared cache, updated with a fetch, checked out
//! at the configured ref with its submodules, every remote held to the outbound policy.

use super::*;

/// Run git with a clean git environment (no `GIT_DIR` from a hook), never prompting.
async fn git(
    dir: Option<&Path>,
    args: &[&str],
    deadline: Instant,
) -> Result<(bool, String), String> {
    let mut cmd = Command::new("git");
    if let Some(dir) = dir {
        cmd.arg("-C").arg(dir);
    }
    cmd.args(args);
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("GIT_") {
            cmd.env_remove(&key);
        }
    }
    // No proxy: through one, the proxy would pick the address the outbound policy checked.
    for proxy in [
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ] {
        cmd.env_remove(proxy);
    }
    cmd.env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_ASKPASS", "true")
        .env("LC_ALL", "C");
    let captured = run::capture(cmd, deadline, 64 * 1024).await.map_err(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            "`git` is not installed on the server".to_owned()
        } else {
            format!("cannot run git: {e}")
        }
    })?;
    let stderr = String::from_utf8_lossy(&captured.stderr);
    let last = stderr
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or("")
        .trim_start_matches("fatal: ")
        .to_owned();
    match captured.finished {
        Finished::TimedOut => Err("timed out".to_owned()),
        Finished::Exited(status) => {
            if status.success() {
                Ok((
                    true,
                    String::from_utf8_lossy(&captured.stdout).trim().to_owned(),
                ))
            } else {
                Ok((false, last))
            }
        }
    }
}

fn refs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// The remotes `.gitmodules` names, as written there.
async fn submodule_urls(repo: &Path, deadline: Instant) -> Vec<String> {
    let listed = git(
        Some(repo),
        &[
            "config",
            "--file",
            ".gitmodules",
            "--get-regexp",
            r"^submodule\..*\.url$",
        ],
        deadline,
    )
    .await;
    match listed {
        Ok((true, text)) => text
            .lines()
            .filter_map(|l| l.split_once(' ').map(|(_, url)| url.trim().to_owned()))
            .collect(),
        _ => Vec::new(),
    }
}

fn looks_like_commit(r: &str) -> bool {
    (7..=64).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Name of the file (inside `.git`) that records the commit last checked out successfully.
const CHECKED_OUT: &str = "tug-checked-out";

pub(super) async fn install_git(
    spec: &str,
    url: &str,
    git_ref: Option<&str>,
    cache_root: &Path,
    dest: &Path,
    deadline: Instant,
    out: &Out,
) -> Result<(), BuildError> {
    // Checked (and, for http(s), pinned to the checked addresses) before every contact with
    // the remote; a refusal reads like any other failure to reach it.
    let settings = outbound::git_settings(url).await.map_err(|refused| {
        tracing::info!("buildpack {} refused: {refused}", outbound::redact(url));
        BuildError::Fetch {
            buildpack: spec.to_owned(),
            reason: outbound::fetch_failed("the buildpack", url),
        }
    })?;
    let repo = cache_root.join("git").join(cache_key(spec));
    let _guard = lock_entry(&repo).await;
    let fetch = GitFetch {
        spec,
        url,
        git_ref,
        settings,
        repo,
        deadline,
        out,
    };
    let fresh = fetch.clone_if_missing(cache_root).await?;
    let commit = fetch.resolve(fresh).await?;
    fetch.check_out(&commit).await?;
    let _ = tokio::fs::write(fetch.marker(), &commit).await;
    copy_tree_blocking(fetch.repo.clone(), dest.to_owned())
        .await
        .map_err(|e| fetch.fetch_err(format!("cannot copy the cached buildpack: {e}")))
}

/// One git buildpack being brought into the cache (held under the cache entry's lock).
struct GitFetch<'a> {
    spec: &'a str,
    url: &'a str,
    git_ref: Option<&'a str>,
    /// `git -c` settings that hold the remote to the outbound policy.
    settings: Vec<String>,
    /// The cached clone.
    repo: PathBuf,
    deadline: Instant,
    out: &'a Out,
}

impl GitFetch<'_> {
    fn fetch_err(&self, reason: String) -> BuildError {
        BuildError::Fetch {
            buildpack: self.spec.to_owned(),
            reason,
        }
    }

    fn bad_ref(&self, detail: String) -> BuildError {
        BuildError::BadRef {
            buildpack: self.spec.to_owned(),
            git_ref: self.git_ref.unwrap_or("HEAD").to_owned(),
            detail,
        }
    }

    /// `args` for a git command that contacts the remote, after the policy's settings.
    fn remote(&self, args: &[&str]) -> Vec<String> {
        let mut all: Vec<String> = self
            .settings
            .iter()
            .flat_map(|s| ["-c".to_owned(), s.clone()])
            .collect();
        all.extend(args.iter().map(|a| (*a).to_owned()));
        all
    }

    fn marker(&self) -> PathBuf {
        self.repo.join(".git").join(CHECKED_OUT)
    }

    /// Clones the remote into the cache unless it is there; true when it was cloned now. The
    /// clone goes to a temporary sibling first, so a failed one leaves no half repository.
    async fn clone_if_missing(&self, cache_root: &Path) -> Result<bool, BuildError> {
        let repo = &self.repo;
        if repo.join(".git").is_dir() {
            return Ok(false);
        }
        self.out.arrow(format!("Fetching buildpack {}", self.spec));
        let parent = repo.parent().unwrap_or(cache_root).to_owned();
        tokio::fs::create_dir_all(&parent)
            .await
            .map_err(|e| self.fetch_err(format!("cannot create {}: {e}", parent.display())))?;
        let _ = tokio::fs::remove_dir_all(repo).await;
        let tmp = temp_sibling(repo);
        let tmp_str = tmp.to_string_lossy().into_owned();
        let mut args = self.remote(&["clone", "--quiet", "--no-checkout", "--"]);
        args.extend([self.url.to_owned(), tmp_str]);
        let cloned = git(None, &refs(&args), self.deadline).await;
        match cloned {
            Ok((true, _)) => {}
            Ok((false, reason)) | Err(reason) => {
                let _ = tokio::fs::remove_dir_all(&tmp).await;
                return Err(self.fetch_err(reason));
            }
        }
        tokio::fs::rename(&tmp, repo)
            .await
            .map_err(|e| self.fetch_err(format!("cannot cache the buildpack: {e}")))?;
        Ok(true)
    }

    /// The commit to check out: resolved in the cache when it can be, else fetched; when the
    /// fetch fails for a branch or the default branch, the commit last checked out (with a
    /// warning).
    async fn resolve(&self, fresh: bool) -> Result<String, BuildError> {
        let target = self.git_ref.unwrap_or("HEAD");
        // A commit id already in the cache, or any ref right after a full clone, resolves
        // locally.
        if (fresh || looks_like_commit(target))
            && let Some(commit) = self.resolve_locally(target).await
        {
            return Ok(commit);
        }
        let mut args = self.remote(&["fetch", "--quiet", "--force", "--", "origin"]);
        args.push(target.to_owned());
        match git(Some(&self.repo), &refs(&args), self.deadline).await {
            Ok((true, _)) => {
                match git(
                    Some(&self.repo),
                    &["rev-parse", "--verify", "--quiet", "FETCH_HEAD^{commit}"],
                    self.deadline,
                )
                .await
                {
                    Ok((true, sha)) => Ok(sha),
                    _ => Err(self.bad_ref(String::new())),
                }
            }
            Ok((false, reason)) | Err(reason) => {
                let previous = tokio::fs::read_to_string(self.marker()).await.ok();
                match previous {
                    Some(sha) if !fresh && !sha.trim().is_empty() => {
                        self.out.warn(format!(
                            "Could not update buildpack {} ({reason}); using the cached copy",
                            self.spec
                        ));
                        Ok(sha.trim().to_owned())
                    }
                    _ if fresh || self.git_ref.is_some() => Err(self.bad_ref(reason)),
                    _ => Err(self.fetch_err(reason)),
                }
            }
        }
    }

    /// `target` as a commit of the cached clone (a ref, or a remote branch of that name).
    async fn resolve_locally(&self, target: &str) -> Option<String> {
        let mut candidates = vec![format!("{target}^{{commit}}")];
        if self.git_ref.is_some() && !looks_like_commit(target) {
            candidates.push(format!("origin/{target}^{{commit}}"));
        }
        for candidate in candidates {
            if let Ok((true, sha)) = git(
                Some(&self.repo),
                &[
                    "rev-parse",
                    "--verify",
                    "--quiet",
                    "--end-of-options",
                    &candidate,
                ],
                self.deadline,
            )
            .await
            {
                return Some(sha);
            }
        }
        None
    }

    /// Checks `commit` out in the cached clone, with its submodules.
    async fn check_out(&self, commit: &str) -> Result<(), BuildError> {
        match git(
            Some(&self.repo),
            &["checkout", "--quiet", "--force", "--detach", commit],
            self.deadline,
        )
        .await
        {
            Ok((true, _)) => {}
            Ok((false, reason)) | Err(reason) => return Err(self.bad_ref(reason)),
        }
        if !self.repo.join(".gitmodules").is_file() {
            return Ok(());
        }
        // Each submodule's remote is held to the policy like the buildpack's own. (Nested
        // submodules' remotes are only known once fetched; git's defaults already refuse
        // `file://` there.)
        let mut args = Vec::new();
        // A relative remote (`../lib.git`) is on the buildpack's own host, pinned above.
        let subs = submodule_urls(&self.repo, self.deadline).await;
        for sub in subs
            .into_iter()
            .filter(|u| !u.starts_with("./") && !u.starts_with("../"))
        {
            let more = outbound::git_settings(&sub).await.map_err(|refused| {
                tracing::info!("submodule {} refused: {refused}", outbound::redact(&sub));
                self.fetch_err(outbound::fetch_failed("a submodule", &sub))
            })?;
            args.extend(more.into_iter().flat_map(|s| ["-c".to_owned(), s]));
        }
        args.extend(self.remote(&["submodule", "--quiet", "update", "--init", "--recursive"]));
        match git(Some(&self.repo), &refs(&args), self.deadline).await {
            Ok((true, _)) => Ok(()),
            Ok((false, reason)) | Err(reason) => {
                Err(self.fetch_err(format!("cannot fetch its submodules: {reason}")))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_that_look_like_commits() {
        assert!(looks_like_commit("abc1234"));
        assert!(looks_like_commit(&"a".repeat(40)));
        assert!(!looks_like_commit("v1.2.3"));
        assert!(!looks_like_commit("abc12"));
        assert!(!looks_like_commit("main"));
    }
}
