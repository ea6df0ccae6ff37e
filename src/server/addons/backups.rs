//! Backups of add-ons on disk: `DATA/addons/backups/<add-on id>/b001.dump`, numbered per
//! add-on, owner-only. The file's size and time are the backup's; nothing else is recorded.

use std::fs;
use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::{Path, PathBuf};

use uuid::Uuid;

pub struct Backup {
    /// `b001`.
    pub name: String,
    pub path: PathBuf,
    pub size: u64,
    /// Seconds since the epoch.
    pub created_at: i64,
}

/// The directory of an add-on's backups.
pub fn dir(data_dir: &Path, addon: Uuid) -> PathBuf {
    data_dir
        .join("addons")
        .join("backups")
        .join(addon.to_string())
}

/// `b001` → 1; anything else is not a backup name.
fn number(name: &str) -> Option<u32> {
    let digits = name.strip_prefix('b')?;
    (digits.len() >= 3 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// The add-on's backups, oldest first.
pub fn list(dir: &Path) -> Vec<Backup> {
    let mut found: Vec<(u32, Backup)> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let file = e.file_name().to_str()?.to_string();
            let name = file.strip_suffix(".dump")?.to_string();
            let n = number(&name)?;
            let meta = e.metadata().ok()?;
            Some((
                n,
                Backup {
                    name,
                    path: e.path(),
                    size: meta.len(),
                    created_at: meta.mtime(),
                },
            ))
        })
        .collect();
    found.sort_by_key(|(n, _)| *n);
    found.into_iter().map(|(_, b)| b).collect()
}

/// One backup by name (`b001`, `1`), or the newest for `None`.
pub fn find(dir: &Path, name: Option<&str>) -> Option<Backup> {
    let all = list(dir);
    match name.map(str::trim) {
        None => all.into_iter().last(),
        Some(name) => {
            let wanted = number(name).or_else(|| name.parse().ok())?;
            all.into_iter().find(|b| number(&b.name) == Some(wanted))
        }
    }
}

/// Where the next backup goes, making the directory (0700) when needed.
pub fn next(dir: &Path) -> std::io::Result<(String, PathBuf)> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let n = list(dir)
        .iter()
        .filter_map(|b| number(&b.name))
        .max()
        .unwrap_or(0)
        + 1;
    let name = format!("b{n:03}");
    let path = dir.join(format!("{name}.dump"));
    Ok((name, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backups_are_numbered_and_found_by_name_or_number() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("b");
        assert!(find(&dir, None).is_none());
        let (name, path) = next(&dir).unwrap();
        assert_eq!(name, "b001");
        fs::write(&path, "one").unwrap();
        let (name, path) = next(&dir).unwrap();
        assert_eq!(name, "b002");
        fs::write(&path, "two!").unwrap();
        fs::write(dir.join("notes.txt"), "x").unwrap();
        assert_eq!(list(&dir).len(), 2);
        assert_eq!(find(&dir, None).unwrap().name, "b002");
        assert_eq!(find(&dir, Some("b001")).unwrap().size, 3);
        assert_eq!(find(&dir, Some("2")).unwrap().name, "b002");
        for bad in ["b9", "x001", "../b001", "", "b001.dump"] {
            assert!(find(&dir, Some(bad)).is_none(), "{bad:?}");
        }
    }
}
