//! The local git repository, through git2: its remotes, and which of them point at apps on the
//! current platform. The CLI only reads and writes repository config; `git` itself does transfers.

use std::path::Path;

use anyhow::Context as _;
use git2::{ConfigLevel, Repository};

use crate::cli::config::ApiUrl;

/// The remote `tug create` adds and app resolution looks for first.
pub const REMOTE: &str = "tug";

/// The user name the credential helper hands git; the server ignores it.
pub const CREDENTIAL_USERNAME: &str = "tug";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    pub name: String,
    pub url: String,
}

/// The repository around the current directory, if there is one.
pub fn open() -> Option<Repository> {
    Repository::discover(".").ok()
}

/// Every remote with a fetch URL, sorted by name.
pub fn remotes(repo: &Repository) -> Vec<Remote> {
    let Ok(names) = repo.remotes() else {
        return Vec::new();
    };
    let mut remotes: Vec<Remote> = names
        .iter()
        .flatten()
        .filter_map(|name| {
            let remote = repo.find_remote(name).ok()?;
            Some(Remote {
                name: name.to_string(),
                url: remote.url()?.to_string(),
            })
        })
        .collect();
    remotes.sort_by(|a, b| a.name.cmp(&b.name));
    remotes
}

pub fn add_remote(repo: &Repository, name: &str, url: &str) -> anyhow::Result<()> {
    repo.remote(name, url)
        .map(|_| ())
        .with_context(|| format!("could not add git remote `{name}`"))
}

pub fn set_remote_url(repo: &Repository, name: &str, url: &str) -> anyhow::Result<()> {
    repo.remote_set_url(name, url)
        .with_context(|| format!("could not update git remote `{name}`"))
}

pub fn remove_remote(repo: &Repository, name: &str) -> anyhow::Result<()> {
    repo.remote_delete(name)
        .with_context(|| format!("could not remove git remote `{name}`"))
}

/// The config key of the credential helpers for one origin: `credential.http://h:7700.helper`.
pub fn helper_key(origin: &str) -> String {
    format!("credential.{origin}.helper")
}

/// The helper git runs for the platform's origin: `!'/path/to/tug' git:credentials` (git
/// appends `get`, `store` or `erase` and runs it with the shell).
pub fn helper_command(exe: &Path) -> String {
    format!(
        "!{} git:credentials",
        sh_single_quote(&exe.to_string_lossy())
    )
}

fn sh_single_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r#"'"'"'"#))
}

/// The helpers the repository's own config (`.git/config`) lists for an origin, in order.
pub fn local_helpers(repo: &Repository, origin: &str) -> anyhow::Result<Vec<String>> {
    let config = local_config(repo)?;
    let key = helper_key(origin);
    let mut values = Vec::new();
    let mut entries = match config.multivar(&key, None) {
        Ok(entries) => entries,
        Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(values),
        Err(e) => return Err(e).context("could not read the repository's git config"),
    };
    while let Some(entry) = entries.next() {
        let entry = entry.context("could not read the repository's git config")?;
        values.push(entry.value().unwrap_or_default().to_string());
    }
    Ok(values)
}

fn local_config(repo: &Repository) -> anyhow::Result<git2::Config> {
    repo.config()
        .and_then(|c| c.open_level(ConfigLevel::Local))
        .context("could not open the repository's git config")
}

/// Makes the repository's own config hand git's credential requests for `origin` to `helper`,
/// and to it alone: an empty value first (it resets helpers inherited from the global config,
/// such as a keychain that would otherwise keep a copy of the token), then the helper. Nothing
/// is written when the two are already there; returns whether anything changed.
pub fn configure_credential_helper(
    repo: &Repository,
    origin: &str,
    helper: &str,
) -> anyhow::Result<bool> {
    let wanted = [String::new(), helper.to_string()];
    if local_helpers(repo, origin)? == wanted {
        return Ok(false);
    }
    let key = helper_key(origin);
    let mut config = local_config(repo)?;
    let write = |config: &mut git2::Config| -> Result<(), git2::Error> {
        match config.remove_multivar(&key, ".*") {
            Ok(()) => {}
            Err(e) if e.code() == git2::ErrorCode::NotFound => {}
            Err(e) => return Err(e),
        }
        // With no value left, each call adds one, in this order.
        config.set_multivar(&key, "^$", "")?;
        config.set_multivar(&key, "^!", &escape_config_value(helper))
    };
    write(&mut config)
        .with_context(|| format!("could not set `{key}` in the repository's git config"))?;
    Ok(true)
}

/// What a credential helper is asked (`git help credential`): the site, from `protocol` and
/// `host`. The other attributes git sends (`path`, `username`, `wwwauth[]`, `capability[]`…)
/// do not change the answer and are skipped.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CredentialRequest {
    pub protocol: Option<String>,
    pub host: Option<String>,
}

/// The most a helper reads from git; a request is a few short lines.
pub const CREDENTIAL_INPUT_LIMIT: u64 = 64 * 1024;

impl CredentialRequest {
    /// Reads `key=value` lines up to a blank line or the end of the input.
    pub fn parse(input: &str) -> Result<CredentialRequest, String> {
        let mut request = CredentialRequest::default();
        for (i, line) in input.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.is_empty() {
                break;
            }
            if line.contains('\0') {
                return Err(format!("line {} holds a NUL byte", i + 1));
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(format!("line {} is not `key=value`: `{line}`", i + 1));
            };
            let slot = match key {
                "" => return Err(format!("line {} has an empty key", i + 1)),
                "protocol" => &mut request.protocol,
                "host" => &mut request.host,
                _ => continue,
            };
            *slot = Some(value.to_string());
        }
        Ok(request)
    }

    /// `(protocol, host)` when the request names both.
    pub fn site(&self) -> Option<(&str, &str)> {
        match (self.protocol.as_deref(), self.host.as_deref()) {
            (Some(p), Some(h)) if !p.is_empty() && !h.is_empty() => Some((p, h)),
            _ => None,
        }
    }
}

/// The answer to `get`: the site again, the user name and the token as the password. A token
/// that would break the line-based protocol is refused.
pub fn credential_reply(protocol: &str, host: &str, token: &str) -> Result<String, String> {
    if token.is_empty() || token.chars().any(|c| c == '\n' || c == '\r' || c == '\0') {
        return Err("the token is empty or spans several lines".to_string());
    }
    Ok(format!(
        "protocol={protocol}\nhost={host}\nusername={CREDENTIAL_USERNAME}\npassword={token}\n"
    ))
}

/// A value as git's config syntax writes it: `"` and `\` escaped, as are newline and tab.
/// libgit2 escapes values written with `set_str`, but writes `set_multivar` values as given.
fn escape_config_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// A commit as `tug deploy` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitInfo {
    pub sha: String,
    pub subject: String,
    pub author: String,
    /// Commit time, Unix seconds.
    pub time: i64,
}

impl CommitInfo {
    pub fn short(&self) -> &str {
        &self.sha[..self.sha.len().min(7)]
    }
}

/// The commit a branch, tag, commit id or other revision names (`HEAD`, `v1.4.0`, `origin/main`).
pub fn resolve_commit(repo: &Repository, rev: &str) -> Option<CommitInfo> {
    if rev.starts_with('-') || rev.trim().is_empty() {
        return None;
    }
    let commit = repo.revparse_single(rev).ok()?.peel_to_commit().ok()?;
    Some(CommitInfo {
        sha: commit.id().to_string(),
        subject: commit.summary().unwrap_or("").trim().to_string(),
        author: commit.author().name().unwrap_or("").trim().to_string(),
        time: commit.time().seconds(),
    })
}

/// The branch deploys must not fall behind, as `(name shown, commit)`: `configured` (from
/// deploy.yml), else what `origin/HEAD` points at, else `main`, else `master`. A branch is
/// looked up on `origin` first, since that is where the shared history is, then locally.
pub fn default_branch(repo: &Repository, configured: Option<&str>) -> Option<(String, git2::Oid)> {
    let lookup = |name: &str| -> Option<(String, git2::Oid)> {
        for full in [
            format!("refs/remotes/origin/{name}"),
            format!("refs/heads/{name}"),
        ] {
            if let Ok(r) = repo.find_reference(&full)
                && let Ok(c) = r.peel_to_commit()
            {
                return Some((name.to_string(), c.id()));
            }
        }
        None
    };
    if let Some(name) = configured {
        return lookup(name);
    }
    if let Ok(head) = repo.find_reference("refs/remotes/origin/HEAD")
        && let Some(target) = head.symbolic_target()
        && let Some(name) = target.strip_prefix("refs/remotes/origin/")
        && let Some(found) = lookup(name)
    {
        return Some(found);
    }
    lookup("main").or_else(|| lookup("master"))
}

/// How many commits `base` has that `sha` does not.
pub fn commits_behind(repo: &Repository, sha: &str, base: git2::Oid) -> anyhow::Result<usize> {
    let oid = git2::Oid::from_str(sha)?;
    let (_ahead, behind) = repo.graph_ahead_behind(oid, base)?;
    Ok(behind)
}

/// Whether the working tree differs from `HEAD`: tracked files, and with `untracked` also new
/// files that are not ignored.
pub fn has_uncommitted_changes(repo: &Repository, untracked: bool) -> bool {
    let mut opts = git2::StatusOptions::new();
    opts.include_untracked(untracked).include_ignored(false);
    repo.statuses(Some(&mut opts))
        .map(|s| !s.is_empty())
        .unwrap_or(false)
}

/// Remotes that point at `app` on this platform.
pub fn remotes_for_app<'a>(remotes: &'a [Remote], api: &ApiUrl, app: &str) -> Vec<&'a Remote> {
    remotes
        .iter()
        .filter(|r| api.app_of_remote(&r.url).as_deref() == Some(app))
        .collect()
}

/// The distinct apps on this platform that the remotes point at, with the remotes naming them.
pub fn apps_in_remotes(remotes: &[Remote], api: &ApiUrl) -> Vec<(String, Vec<String>)> {
    let mut apps: Vec<(String, Vec<String>)> = Vec::new();
    for remote in remotes {
        if let Some(app) = api.app_of_remote(&remote.url) {
            match apps.iter_mut().find(|(a, _)| *a == app) {
                Some((_, names)) => names.push(remote.name.clone()),
                None => apps.push((app, vec![remote.name.clone()])),
            }
        }
    }
    apps
}

/// The remotes as an indented two-column list for an error message.
pub fn describe(remotes: &[Remote]) -> String {
    let width = remotes.iter().map(|r| r.name.len()).max().unwrap_or(0);
    remotes
        .iter()
        .map(|r| format!("\n    {:<width$}  {}", r.name, r.url))
        .collect()
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    /// A repository with a chain of `n` commits on `main`; answers it and the commit ids.
    fn chain(dir: &Path, n: usize) -> (Repository, Vec<git2::Oid>) {
        let repo = Repository::init(dir).unwrap();
        let sig =
            git2::Signature::new("Ada", "ada@example.com", &git2::Time::new(1_700_000_000, 0))
                .unwrap();
        let tree_id = repo.index().unwrap().write_tree().unwrap();
        let mut ids: Vec<git2::Oid> = vec![];
        for i in 0..n {
            let id = {
                let tree = repo.find_tree(tree_id).unwrap();
                let parents: Vec<git2::Commit<'_>> = ids
                    .last()
                    .map(|p| repo.find_commit(*p).unwrap())
                    .into_iter()
                    .collect();
                let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
                repo.commit(
                    None,
                    &sig,
                    &sig,
                    &format!("commit {i}\n\nbody"),
                    &tree,
                    &parents,
                )
                .unwrap()
            };
            ids.push(id);
        }
        repo.reference("refs/heads/main", ids[n - 1], true, "main")
            .unwrap();
        repo.set_head("refs/heads/main").unwrap();
        (repo, ids)
    }

    #[test]
    fn commits_resolve_with_their_subject_author_and_time() {
        let dir = tempfile::tempdir().unwrap();
        let (repo, ids) = chain(dir.path(), 2);
        repo.reference("refs/tags/v1", ids[0], true, "tag").unwrap();
        let head = resolve_commit(&repo, "HEAD").unwrap();
        assert_eq!(head.sha, ids[1].to_string());
        assert_eq!(head.subject, "commit 1");
        assert_eq!(head.author, "Ada");
        assert_eq!(head.time, 1_700_000_000);
        assert_eq!(head.short().len(), 7);
        assert_eq!(resolve_commit(&repo, "v1").unwrap().sha, ids[0].to_string());
        assert_eq!(
            resolve_commit(&repo, &ids[0].to_string()[..8]).unwrap().sha,
            ids[0].to_string()
        );
        for bad in ["nope", "", "--upload-pack=x", "HEAD~5"] {
            assert!(resolve_commit(&repo, bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_default_branch_is_configured_else_origin_head_else_main_else_master() {
        let dir = tempfile::tempdir().unwrap();
        let (repo, ids) = chain(dir.path(), 4);
        let found = |configured: Option<&str>| {
            default_branch(&repo, configured)
                .map(|(name, oid)| (name, ids.iter().position(|i| *i == oid).unwrap()))
        };
        assert_eq!(found(None), Some(("main".to_string(), 3)));
        assert_eq!(
            commits_behind(&repo, &ids[1].to_string(), ids[3]).unwrap(),
            2
        );
        assert_eq!(
            commits_behind(&repo, &ids[3].to_string(), ids[3]).unwrap(),
            0
        );
        // origin's copy of a branch wins over the local one.
        repo.reference("refs/remotes/origin/main", ids[2], true, "fetch")
            .unwrap();
        assert_eq!(found(None), Some(("main".to_string(), 2)));
        // origin/HEAD names the default branch.
        repo.reference("refs/remotes/origin/trunk", ids[1], true, "fetch")
            .unwrap();
        repo.reference_symbolic(
            "refs/remotes/origin/HEAD",
            "refs/remotes/origin/trunk",
            true,
            "clone",
        )
        .unwrap();
        assert_eq!(found(None), Some(("trunk".to_string(), 1)));
        // deploy.yml's `default_branch` wins over both; one that does not exist is none.
        assert_eq!(found(Some("main")), Some(("main".to_string(), 2)));
        assert_eq!(found(Some("release")), None);
        // master, when there is no main.
        let dir = tempfile::tempdir().unwrap();
        let (repo, ids) = chain(dir.path(), 1);
        repo.reference("refs/heads/master", ids[0], true, "m")
            .unwrap();
        repo.set_head("refs/heads/master").unwrap();
        repo.find_reference("refs/heads/main")
            .unwrap()
            .delete()
            .unwrap();
        assert_eq!(
            default_branch(&repo, None).map(|b| b.0),
            Some("master".into())
        );
    }

    fn remote(name: &str, url: &str) -> Remote {
        Remote {
            name: name.into(),
            url: url.into(),
        }
    }

    #[test]
    fn remotes_pointing_at_the_same_app_count_once() {
        let api = ApiUrl::parse("http://127.0.0.1:7700").unwrap();
        let remotes = [
            remote("origin", "git@github.com:ada/demo.git"),
            remote("prod", "http://127.0.0.1:7700/demo.git"),
            remote("tug", "http://localhost:7700/demo"),
            remote("staging", "http://127.0.0.1:7700/demo-staging.git"),
        ];
        assert_eq!(
            apps_in_remotes(&remotes, &api),
            vec![
                (
                    "demo".to_string(),
                    vec!["prod".to_string(), "tug".to_string()]
                ),
                ("demo-staging".to_string(), vec!["staging".to_string()]),
            ]
        );
        let names: Vec<&str> = remotes_for_app(&remotes, &api, "demo")
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(names, ["prod", "tug"]);
        assert_eq!(
            describe(&remotes[..2]),
            "\n    origin  git@github.com:ada/demo.git\n    prod    http://127.0.0.1:7700/demo.git"
        );
    }

    #[test]
    fn credential_requests_are_parsed_leniently_but_not_blindly() {
        let request = CredentialRequest::parse(
            "protocol=http\nhost=127.0.0.1:7700\nwwwauth[]=Basic realm=\"tug\"\ncapability[]=authtype\n\nhost=ignored\n",
        )
        .unwrap();
        assert_eq!(request.site(), Some(("http", "127.0.0.1:7700")));
        // The end of input ends the request too; values may hold `=`; CRLF is tolerated.
        let request = CredentialRequest::parse("host=a=b\r\nprotocol=https").unwrap();
        assert_eq!(request.site(), Some(("https", "a=b")));
        // Missing or empty fields: nothing to answer.
        for partial in [
            "",
            "\n",
            "protocol=http\n",
            "host=h\n",
            "protocol=\nhost=h\n",
            "path=x\n",
        ] {
            assert_eq!(
                CredentialRequest::parse(partial).unwrap().site(),
                None,
                "{partial:?}"
            );
        }
        for bad in [
            "protocol http\n",
            "=x\n",
            "protocol=http\nhost\n",
            "host=a\0b\n",
        ] {
            assert!(CredentialRequest::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn credential_replies_carry_the_token_as_password() {
        assert_eq!(
            credential_reply("http", "127.0.0.1:7700", "tug_abc").unwrap(),
            "protocol=http\nhost=127.0.0.1:7700\nusername=tug\npassword=tug_abc\n"
        );
        for bad in ["", "a\nb", "a\rb", "a\0b"] {
            assert!(credential_reply("http", "h", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_credential_helper_is_written_once_and_reset_first() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let origin = "http://127.0.0.1:7700";
        let helper = helper_command(Path::new("/opt/it's here/tug"));
        assert_eq!(helper, r#"!'/opt/it'"'"'s here/tug' git:credentials"#);
        assert!(local_helpers(&repo, origin).unwrap().is_empty());
        assert!(configure_credential_helper(&repo, origin, &helper).unwrap());
        assert!(!configure_credential_helper(&repo, origin, &helper).unwrap());
        assert_eq!(local_helpers(&repo, origin).unwrap(), ["", helper.as_str()]);
        // A stale helper (tug moved) is replaced, not added to.
        let moved = helper_command(Path::new("/usr/bin/tug"));
        assert!(configure_credential_helper(&repo, origin, &moved).unwrap());
        assert_eq!(local_helpers(&repo, origin).unwrap(), ["", moved.as_str()]);
    }

    /// The helper line survives the config file and the shell, whatever the path holds.
    #[cfg(unix)]
    #[test]
    fn git_and_the_shell_read_the_helper_back_as_written() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join("it's \"odd\" \\ #; $HOME `x`");
        std::fs::create_dir_all(&odd).unwrap();
        let exe = odd.join("tug");
        std::fs::write(&exe, "#!/bin/sh\necho \"$@\"\n").unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        let repo = Repository::init(dir.path().join("repo")).unwrap();
        let origin = "http://127.0.0.1:7700";
        let helper = helper_command(&exe);
        configure_credential_helper(&repo, origin, &helper).unwrap();
        assert!(!configure_credential_helper(&repo, origin, &helper).unwrap());
        let out = std::process::Command::new("git")
            .args(["config", "--local", "--get-all", &helper_key(origin)])
            .current_dir(dir.path().join("repo"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("\n{helper}\n")
        );
        // git runs `!…` helpers with the shell, the operation appended.
        let command = helper.strip_prefix('!').unwrap();
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{command} get"))
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "git:credentials get\n"
        );
    }

    #[test]
    fn reads_and_changes_remotes_of_a_real_repository() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        assert!(remotes(&repo).is_empty());
        add_remote(&repo, "tug", "http://127.0.0.1:7700/demo.git").unwrap();
        add_remote(&repo, "origin", "git@github.com:ada/demo.git").unwrap();
        set_remote_url(&repo, "tug", "http://127.0.0.1:7700/new.git").unwrap();
        assert_eq!(
            remotes(&repo),
            vec![
                remote("origin", "git@github.com:ada/demo.git"),
                remote("tug", "http://127.0.0.1:7700/new.git"),
            ]
        );
        remove_remote(&repo, "origin").unwrap();
        assert_eq!(remotes(&repo).len(), 1);
        assert!(add_remote(&repo, "tug", "x").is_err());
    }
}
