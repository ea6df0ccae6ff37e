//! The branches and tags pushed to an app's repository on this server: what the Deploy page
//! offers, with each candidate's commit and how far it is behind the default branch.

use std::path::Path;

use tokio::process::Command;

/// How many refs the page lists, newest commits first.
pub const MAX_REFS: usize = 30;

/// A branch or tag and the commit it names.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// `refs/heads/main`, `refs/tags/v1.2`.
    pub refname: String,
    pub sha: String,
    pub subject: String,
    pub author: String,
    pub time: i64,
    /// Commits on the default branch this one lacks (None for the default branch itself).
    pub behind: Option<u64>,
}

impl Candidate {
    /// `main`, `v1.2`.
    pub fn short(&self) -> &str {
        self.refname
            .strip_prefix("refs/heads/")
            .or_else(|| self.refname.strip_prefix("refs/tags/"))
            .unwrap_or(&self.refname)
    }

    pub fn is_tag(&self) -> bool {
        self.refname.starts_with("refs/tags/")
    }
}

async fn git(repo: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("--git-dir")
        .arg(repo)
        .args(args)
        .output()
        .await
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The default branch: where HEAD points (`refs/heads/main`).
pub async fn default_branch(repo: &Path) -> Option<String> {
    git(repo, &["symbolic-ref", "--quiet", "HEAD"])
        .await
        .map(|s| s.trim().to_string())
}

/// The repository's branches and tags (tags peeled to their commit), newest first, at most
/// `MAX_REFS`, with how far each is behind the default branch. Empty before the first push.
pub async fn candidates(repo: &Path) -> Vec<Candidate> {
    if !repo.join("HEAD").exists() {
        return Vec::new();
    }
    let format = "--format=%(refname)%00%(if)%(*objectname)%(then)%(*objectname)%(else)%(objectname)%(end)%00%(subject)%00%(authorname)%00%(committerdate:unix)%(*committerdate:unix)";
    let count = format!("--count={MAX_REFS}");
    let Some(listed) = git(
        repo,
        &[
            "for-each-ref",
            "--sort=-creatordate",
            &count,
            format,
            "refs/heads",
            "refs/tags",
        ],
    )
    .await
    else {
        return Vec::new();
    };
    let mut found: Vec<Candidate> = listed.lines().filter_map(parse_line).collect();
    let default = default_branch(repo).await;
    let behind = found.iter().map(|c| async {
        match &default {
            Some(d) if *d != c.refname => {
                git(repo, &["rev-list", "--count", &format!("{}..{d}", c.sha)])
                    .await
                    .and_then(|n| n.trim().parse().ok())
            }
            _ => None,
        }
    });
    let counts = futures_util::future::join_all(behind).await;
    for (c, n) in found.iter_mut().zip(counts) {
        c.behind = n;
    }
    found
}

fn parse_line(line: &str) -> Option<Candidate> {
    let mut parts = line.split('\0');
    let refname = parts.next()?.to_string();
    let sha = parts.next()?.to_string();
    let subject = parts.next()?.to_string();
    let author = parts.next()?.to_string();
    // A lightweight tag or branch has the first date, an annotated tag the second.
    let time = parts
        .next()?
        .get(..10)
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    (sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit())).then_some(Candidate {
        refname,
        sha,
        subject,
        author,
        time,
        behind: None,
    })
}

/// deploy.yml as committed at `sha`, if there is one.
pub async fn deploy_file_at(repo: &Path, sha: &str) -> Option<String> {
    git(
        repo,
        &["show", &format!("{sha}:{}", crate::deploy_file::FILE_NAME)],
    )
    .await
}

/// The commit `sha` as a gzipped source tarball at `dest`.
pub async fn archive(repo: &Path, sha: &str, dest: &Path) -> Result<(), String> {
    let out = Command::new("git")
        .arg("--git-dir")
        .arg(repo)
        .args(["archive", "--format=tar.gz", "-o"])
        .arg(dest)
        .arg(sha)
        .output()
        .await
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_for_each_ref_lines_and_refuses_odd_ones() {
        let sha = "a".repeat(40);
        let line = format!("refs/heads/main\x00{sha}\x00Fix it\x00Ann\x001700000000");
        let c = parse_line(&line).unwrap();
        assert_eq!(
            (c.short(), c.time, c.is_tag()),
            ("main", 1_700_000_000, false)
        );
        let tag = format!("refs/tags/v1\x00{sha}\x00Tag\x00Bo\x001700000001");
        assert!(parse_line(&tag).unwrap().is_tag());
        assert!(parse_line("refs/heads/x\x00nothex\x00s\x00a\x001").is_none());
        assert!(parse_line("garbage").is_none());
    }
}
