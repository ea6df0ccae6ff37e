//! Writing private files (the CLI's config and credentials, the server's `admin.token` and
//! `server.json`): whole-file replace through a temporary file and a rename, so a crash never
//! leaves half a file, with the mode set before any content is written and no temporary file
//! left behind when writing fails.

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;

/// Writes `contents` to `path` with `mode` (unix), creating the directory (mode 0700).
pub fn write_private(path: &Path, contents: &str, mode: u32) -> anyhow::Result<()> {
    write_private_then(path, contents, mode, |_| Ok(()))
}

/// `write_private`, running `prepare` on the written temporary file before it takes the place
/// of `path` (to give it to the user of another process, say).
pub fn write_private_then(
    path: &Path,
    contents: &str,
    mode: u32,
    prepare: impl FnOnce(&Path) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .with_context(|| format!("`{}` has no parent directory", path.display()))?;
    create_dir(dir)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        // A file left at the temporary name (a link, say) is never written through.
        let _ = std::fs::remove_file(&tmp);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(mode);
        }
        let mut file = options.open(&tmp)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        prepare(&tmp)?;
        std::fs::rename(&tmp, path)?;
        // The rename itself survives a crash only once the directory is on disk.
        std::fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    #[cfg(not(unix))]
    let _ = mode;
    result.with_context(|| format!("could not write `{}`", path.display()))
}

fn create_dir(dir: &Path) -> anyhow::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .with_context(|| format!("could not create `{}`", dir.display()))
}

/// Whether a file can be read by others than its owner (unix).
pub fn readable_by_others(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_with_the_mode_and_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/credentials.toml");
        write_private(&path, "one", 0o600).unwrap();
        write_private(&path, "two", 0o600).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert!(!readable_by_others(&path));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("sub")).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }
}
