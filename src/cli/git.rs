//! The local git repository, through git2: its remotes, and which of them point at apps on the
//! current platform. The CLI only reads and writes repository config; `git` itself does transfers.

use anyhow::Context as _;
use git2::Repository;

use crate::cli::config::ApiUrl;

/// The remote `tug create` adds and app resolution looks for first.
pub const REMOTE: &str = "tug";

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
mod tests {
    use super::*;

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
