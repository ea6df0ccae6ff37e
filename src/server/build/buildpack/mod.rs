//! Where buildpacks come from: built-in names, git URLs (`https://`, `file://`, `ssh://`,
//! `git@host:path`, or an absolute path to a repository) with an optional `#ref`, tarball URLs
//! (`.tgz`/`.tar.gz` over http(s), or a local tarball), local directories, and Heroku registry
//! shorthands (`namespace/name`) that name a tarball in Heroku's buildpack registry.
//!
//! Fetched buildpacks are cached under the shared buildpack cache, keyed by the setting (URL and
//! ref). A git buildpack whose ref is a commit id is used from the cache as is; for a branch, a
//! tag or the default branch the cache is updated with a fetch, and the cached copy is used (with
//! a warning) when the remote cannot be reached. Tarballs are downloaded once. Every build gets its
//! own copy of each buildpack, so a buildpack may write its `export` file next to `bin/`.

use std::collections::HashMap;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use sha2::{Digest, Sha256};
use tokio::process::Command;
use tokio::time::Instant;

use super::builtin::{self, Builtin};
use super::run::{self, Finished};
use super::{BuildError, Out};
use crate::server::outbound;
use from_git::install_git;

mod from_git;

/// Largest buildpack tarball downloaded.
const MAX_TARBALL_BYTES: usize = 256 * 1024 * 1024;

/// Heroku's buildpack registry, for `namespace/name` shorthands.
const REGISTRY: &str = "https://buildpack-registry.s3.amazonaws.com/buildpacks";

/// A buildpack setting, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Builtin(&'static str),
    Dir(PathBuf),
    Git {
        url: String,
        git_ref: Option<String>,
    },
    Tarball(String),
    LocalTarball(PathBuf),
}

fn is_tarball_name(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    path.ends_with(".tgz") || path.ends_with(".tar.gz")
}

fn is_scp_like(spec: &str) -> bool {
    // user@host:path
    let Some((user_host, path)) = spec.split_once(':') else {
        return false;
    };
    let Some((user, host)) = user_host.split_once('@') else {
        return false;
    };
    let word = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
    };
    word(user) && word(host) && !path.is_empty()
}

fn is_shorthand(spec: &str) -> bool {
    let Some((ns, name)) = spec.split_once('/') else {
        return false;
    };
    let word = |s: &str| {
        !s.is_empty()
            && !s.starts_with('.')
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
    };
    word(ns) && word(name)
}

/// Understand a buildpack setting.
pub fn classify(spec: &str) -> Result<Source, BuildError> {
    let unknown = || BuildError::UnknownBuildpack {
        spec: spec.to_owned(),
    };
    let spec = spec.trim();
    if spec.is_empty() {
        return Err(unknown());
    }
    if let Some(builtin) = builtin::lookup(spec) {
        return Ok(Source::Builtin(builtin.name));
    }
    let (base, git_ref) = match spec.split_once('#') {
        Some((base, r)) => (base, Some(r.trim()).filter(|r| !r.is_empty())),
        None => (spec, None),
    };
    let git_ref = git_ref.map(str::to_owned);
    let lower = base.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        if is_tarball_name(base) {
            return Ok(Source::Tarball(base.to_owned()));
        }
        return Ok(Source::Git {
            url: base.to_owned(),
            git_ref,
        });
    }
    if lower.starts_with("file://") {
        let path = &base["file://".len()..];
        local_allowed(spec, Path::new(path))?;
        if is_tarball_name(path) {
            return Ok(Source::LocalTarball(PathBuf::from(path)));
        }
        return Ok(Source::Git {
            url: base.to_owned(),
            git_ref,
        });
    }
    if lower.starts_with("git://") || lower.starts_with("ssh://") || is_scp_like(base) {
        return Ok(Source::Git {
            url: base.to_owned(),
            git_ref,
        });
    }
    if base.starts_with('/') {
        let path = Path::new(base);
        local_allowed(spec, path)?;
        if git_ref.is_some() {
            return Ok(Source::Git {
                url: base.to_owned(),
                git_ref,
            });
        }
        if path.is_dir() {
            return Ok(Source::Dir(path.to_owned()));
        }
        if path.is_file() && is_tarball_name(base) {
            return Ok(Source::LocalTarball(path.to_owned()));
        }
        return Err(BuildError::Fetch {
            buildpack: spec.to_owned(),
            reason: "no such directory".to_owned(),
        });
    }
    if git_ref.is_none() && is_shorthand(base) {
        return Ok(Source::Tarball(format!("{REGISTRY}/{base}.tgz")));
    }
    Err(unknown())
}

/// A local buildpack must be in a directory the operator lists; checked before anything about
/// the path (does it exist, is it a directory) is looked at, so nothing is learnt about others.
fn local_allowed(spec: &str, path: &Path) -> Result<(), BuildError> {
    outbound::policy()
        .check_buildpack_path(path)
        .map_err(|refused| BuildError::Fetch {
            buildpack: spec.to_owned(),
            reason: refused.to_string(),
        })
}

/// Put the buildpack named by `spec` into `dest` (which must not exist yet), ready to run.
pub async fn install(
    spec: &str,
    source: &Source,
    cache_root: &Path,
    dest: &Path,
    deadline: Instant,
    out: &Out,
) -> Result<(), BuildError> {
    let io_err = |context: &str| {
        let context = format!("{context} for buildpack `{spec}`");
        move |source: io::Error| BuildError::Io { context, source }
    };
    match source {
        Source::Builtin(name) => {
            let builtin: &Builtin =
                builtin::lookup(name).ok_or_else(|| BuildError::UnknownBuildpack {
                    spec: spec.to_owned(),
                })?;
            builtin
                .write_to(dest)
                .map_err(io_err("cannot write the built-in buildpack"))?;
        }
        Source::Dir(path) => {
            copy_tree_blocking(path.clone(), dest.to_owned())
                .await
                .map_err(|e| BuildError::Fetch {
                    buildpack: spec.to_owned(),
                    reason: format!("cannot copy {}: {e}", path.display()),
                })?;
        }
        Source::LocalTarball(path) => {
            let bytes = tokio::fs::read(path).await.map_err(|e| BuildError::Fetch {
                buildpack: spec.to_owned(),
                reason: format!("cannot read {}: {e}", path.display()),
            })?;
            unpack_blocking(bytes, dest.to_owned())
                .await
                .map_err(|reason| BuildError::Fetch {
                    buildpack: spec.to_owned(),
                    reason,
                })?;
        }
        Source::Tarball(url) => install_tarball(spec, url, cache_root, dest, deadline, out).await?,
        Source::Git { url, git_ref } => {
            install_git(
                spec,
                url,
                git_ref.as_deref(),
                cache_root,
                dest,
                deadline,
                out,
            )
            .await?
        }
    }
    finalize(spec, dest)
}

/// Make `bin/*` executable and check the required scripts are there.
fn finalize(spec: &str, dest: &Path) -> Result<(), BuildError> {
    let invalid = |reason: String| BuildError::InvalidBuildpack {
        buildpack: spec.to_owned(),
        reason,
    };
    let bin = dest.join("bin");
    let entries =
        std::fs::read_dir(&bin).map_err(|_| invalid("it has no `bin` directory".to_owned()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if let Ok(meta) = std::fs::metadata(&path)
            && meta.is_file()
        {
            let mode = meta.permissions().mode();
            if mode & 0o111 != 0o111 {
                let _ =
                    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode | 0o555));
            }
        }
    }
    for script in ["detect", "compile"] {
        if !bin.join(script).is_file() {
            return Err(invalid(format!("it has no `bin/{script}`")));
        }
    }
    Ok(())
}

fn cache_key(spec: &str) -> String {
    let digest = Sha256::digest(spec.as_bytes());
    crate::hex::encode(&digest[..12])
}

/// One lock per cache entry, so two builds never update the same cached buildpack at once.
async fn lock_entry(path: &Path) -> tokio::sync::OwnedMutexGuard<()> {
    static LOCKS: OnceLock<Mutex<HashMap<PathBuf, Arc<tokio::sync::Mutex<()>>>>> = OnceLock::new();
    let lock = {
        let mut locks = crate::sync::lock(LOCKS.get_or_init(Default::default));
        locks.entry(path.to_owned()).or_default().clone()
    };
    lock.lock_owned().await
}

fn temp_sibling(dir: &Path) -> PathBuf {
    let name = format!(".tmp-{}", uuid::Uuid::new_v4().simple());
    dir.parent().unwrap_or(dir).join(name)
}

async fn install_tarball(
    spec: &str,
    url: &str,
    cache_root: &Path,
    dest: &Path,
    deadline: Instant,
    out: &Out,
) -> Result<(), BuildError> {
    let fetch_err = |reason: String| BuildError::Fetch {
        buildpack: spec.to_owned(),
        reason,
    };
    let cached = cache_root.join("tarball").join(cache_key(spec));
    let _guard = lock_entry(&cached).await;
    if !cached.is_dir() {
        out.arrow(format!("Downloading buildpack {url}"));
        let bytes = download(url, deadline).await.map_err(|detail| {
            // The details stay in the server's log: a user could otherwise tell a closed port
            // from an open one, or a refused target from an unreachable one.
            tracing::info!(
                "buildpack download from {} failed: {detail}",
                outbound::redact(url)
            );
            fetch_err(outbound::fetch_failed("the buildpack", url))
        })?;
        let parent = cached.parent().unwrap_or(cache_root).to_owned();
        tokio::fs::create_dir_all(&parent)
            .await
            .map_err(|e| fetch_err(format!("cannot create {}: {e}", parent.display())))?;
        let tmp = temp_sibling(&cached);
        if let Err(reason) = unpack_blocking(bytes, tmp.clone()).await {
            let _ = tokio::fs::remove_dir_all(&tmp).await;
            return Err(fetch_err(reason));
        }
        if let Err(e) = tokio::fs::rename(&tmp, &cached).await {
            let _ = tokio::fs::remove_dir_all(&tmp).await;
            return Err(fetch_err(format!("cannot cache the buildpack: {e}")));
        }
    }
    copy_tree_blocking(cached.clone(), dest.to_owned())
        .await
        .map_err(|e| fetch_err(format!("cannot copy the cached buildpack: {e}")))
}

async fn download(url: &str, deadline: Instant) -> Result<Vec<u8>, String> {
    let policy = outbound::policy();
    let parsed = reqwest::Url::parse(url).map_err(|_| "not a URL".to_owned())?;
    policy.check_http_url(&parsed).map_err(|r| r.to_string())?;
    let remaining = deadline.saturating_duration_since(Instant::now());
    let builder = reqwest::Client::builder()
        .timeout(remaining.max(Duration::from_millis(1)))
        .connect_timeout(Duration::from_secs(30).min(remaining.max(Duration::from_millis(1))))
        .user_agent(concat!("tug/", env!("CARGO_PKG_VERSION")));
    let client = policy
        .http_client(builder, true)
        .map_err(|e| format!("cannot start an HTTP client: {e}"))?;
    let mut response = client.get(url).send().await.map_err(describe_http)?;
    if !response.status().is_success() {
        return Err(format!("the server answered {}", response.status()));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(describe_http)? {
        if bytes.len() + chunk.len() > MAX_TARBALL_BYTES {
            return Err(format!(
                "the tarball is larger than {} MiB",
                MAX_TARBALL_BYTES / 1024 / 1024
            ));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

fn describe_http(e: reqwest::Error) -> String {
    let mut message = if e.is_timeout() {
        "timed out".to_owned()
    } else if e.is_connect() {
        "cannot connect".to_owned()
    } else {
        "download failed".to_owned()
    };
    let mut source = std::error::Error::source(&e);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    message
}

async fn unpack_blocking(bytes: Vec<u8>, dest: PathBuf) -> Result<(), String> {
    tokio::task::spawn_blocking(move || unpack(&bytes, &dest))
        .await
        .map_err(|e| format!("unpacking failed: {e}"))?
}

/// Unpack a gzipped tarball into `dest`. A tarball whose only top-level entry is a directory
/// holding `bin/` (as GitHub's archives are) is unpacked from inside that directory.
fn unpack(bytes: &[u8], dest: &Path) -> Result<(), String> {
    let staging = temp_sibling(dest);
    let result = (|| {
        std::fs::create_dir_all(&staging).map_err(|e| format!("cannot create a directory: {e}"))?;
        let mut archive = tar::Archive::new(crate::server::gunzip::gunzip(
            bytes,
            crate::server::gunzip::TARBALL_LIMIT,
        ));
        archive.set_preserve_permissions(true);
        archive.set_overwrite(true);
        archive
            .unpack(&staging)
            .map_err(|e| format!("not a readable .tar.gz: {e}"))?;
        let mut root = staging.clone();
        if !root.join("bin").is_dir() {
            let children: Vec<_> = std::fs::read_dir(&root)
                .map_err(|e| e.to_string())?
                .flatten()
                .collect();
            if let [only] = children.as_slice()
                && only.path().join("bin").is_dir()
            {
                root = only.path();
            }
        }
        std::fs::rename(&root, dest).map_err(|e| format!("cannot move the buildpack: {e}"))
    })();
    let _ = std::fs::remove_dir_all(&staging);
    result
}

async fn copy_tree_blocking(from: PathBuf, to: PathBuf) -> io::Result<()> {
    tokio::task::spawn_blocking(move || copy_tree(&from, &to))
        .await
        .map_err(io::Error::other)?
}

/// Copy a directory tree, keeping permissions and symlinks, leaving out a top-level `.git`.
pub fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    fn walk(from: &Path, to: &Path, top: bool) -> io::Result<()> {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            let name = entry.file_name();
            if top && name == ".git" {
                continue;
            }
            let source = entry.path();
            let target = to.join(&name);
            let file_type = entry.file_type()?;
            if file_type.is_dir() {
                walk(&source, &target, false)?;
                let mode = std::fs::metadata(&source)?.permissions().mode();
                std::fs::set_permissions(&target, std::fs::Permissions::from_mode(mode | 0o700))?;
            } else if file_type.is_symlink() {
                std::os::unix::fs::symlink(std::fs::read_link(&source)?, &target)?;
            } else if file_type.is_file() {
                std::fs::copy(&source, &target)?;
            }
        }
        Ok(())
    }
    walk(from, to, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_settings() {
        crate::server::outbound::allow_everything();
        let git = |url: &str, r: Option<&str>| Source::Git {
            url: url.to_owned(),
            git_ref: r.map(str::to_owned),
        };
        assert_eq!(
            classify("heroku/python").ok(),
            Some(Source::Builtin("python"))
        );
        assert_eq!(classify(" null ").ok(), Some(Source::Builtin("null")));
        assert_eq!(
            classify("https://github.com/org/bp.git#v3").ok(),
            Some(git("https://github.com/org/bp.git", Some("v3")))
        );
        assert_eq!(
            classify("https://github.com/org/bp").ok(),
            Some(git("https://github.com/org/bp", None))
        );
        assert_eq!(
            classify("https://example.com/bp.tgz?x=1").ok(),
            Some(Source::Tarball("https://example.com/bp.tgz?x=1".to_owned()))
        );
        assert_eq!(
            classify("HTTP://example.com/bp.tar.gz").ok(),
            Some(Source::Tarball("HTTP://example.com/bp.tar.gz".to_owned()))
        );
        assert_eq!(
            classify("file:///srv/bp#main").ok(),
            Some(git("file:///srv/bp", Some("main")))
        );
        assert_eq!(
            classify("file:///srv/bp.tgz").ok(),
            Some(Source::LocalTarball(PathBuf::from("/srv/bp.tgz")))
        );
        assert_eq!(
            classify("git@github.com:org/bp.git#abc1234").ok(),
            Some(git("git@github.com:org/bp.git", Some("abc1234")))
        );
        assert_eq!(
            classify("/nonexistent/repo#v1").ok(),
            Some(git("/nonexistent/repo", Some("v1")))
        );
        assert_eq!(
            classify("heroku-community/static").ok(),
            Some(Source::Tarball(format!(
                "{REGISTRY}/heroku-community/static.tgz"
            )))
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().to_string_lossy().into_owned();
        assert_eq!(
            classify(&path).ok(),
            Some(Source::Dir(dir.path().to_owned()))
        );
        assert_eq!(
            classify(&format!("{path}#")).ok(),
            Some(Source::Dir(dir.path().to_owned()))
        );

        assert!(matches!(
            classify("/nonexistent/dir"),
            Err(BuildError::Fetch { .. })
        ));
        for bad in [
            "",
            "  ",
            "pythn",
            "a/b/c",
            "../bp",
            "#ref",
            "./bp",
            "ftp://x/y",
        ] {
            assert!(
                matches!(classify(bad), Err(BuildError::UnknownBuildpack { .. })),
                "{bad:?}"
            );
        }
    }
}
