//! Backups of add-ons on disk: `DATA/addons/backups/<add-on id>/b001.dump`, numbered per
//! add-on, owner-only. As on Heroku, a backup someone asked for is `bNNN` and a scheduled one
//! `aNNN`; only the newest [`KEEP_SCHEDULED`] scheduled ones are kept. The file's size and time
//! are the backup's; nothing else is recorded.

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

/// How many scheduled backups an add-on keeps (a week of daily ones, as Heroku's plans do).
pub const KEEP_SCHEDULED: usize = 7;

/// Who asked for a backup, which its name's letter says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `b001`: captured on request.
    Manual,
    /// `a001`: captured on schedule.
    Scheduled,
}

impl Kind {
    fn letter(self) -> char {
        match self {
            Kind::Manual => 'b',
            Kind::Scheduled => 'a',
        }
    }
}

/// `b001` → (manual, 1), `a002` → (scheduled, 2); anything else is not a backup name.
fn parse_name(name: &str) -> Option<(Kind, u32)> {
    let (kind, digits) = match name.split_at_checked(1)? {
        ("b", digits) => (Kind::Manual, digits),
        ("a", digits) => (Kind::Scheduled, digits),
        _ => return None,
    };
    (digits.len() >= 3 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok().map(|n| (kind, n)))
        .flatten()
}

/// The add-on's backups, oldest first.
pub fn list(dir: &Path) -> Vec<Backup> {
    let mut found: Vec<(i64, u32, Backup)> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let file = e.file_name().to_str()?.to_string();
            let name = file.strip_suffix(".dump")?.to_string();
            let (_, n) = parse_name(&name)?;
            let meta = e.metadata().ok()?;
            Some((
                meta.mtime(),
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
    found.sort_by_key(|(time, n, _)| (*time, *n));
    found.into_iter().map(|(_, _, b)| b).collect()
}

/// One backup by name (`b001`, `a002`, or `1` for `b001`), or the newest for `None`.
pub fn find(dir: &Path, name: Option<&str>) -> Option<Backup> {
    let all = list(dir);
    match name.map(str::trim) {
        None => all.into_iter().last(),
        Some(name) => {
            let wanted = parse_name(name).or_else(|| Some((Kind::Manual, name.parse().ok()?)))?;
            all.into_iter()
                .find(|b| parse_name(&b.name) == Some(wanted))
        }
    }
}

/// Where the next backup of this kind goes, making the directory (0700) when needed.
pub fn next(dir: &Path, kind: Kind) -> std::io::Result<(String, PathBuf)> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let n = list(dir)
        .iter()
        .filter_map(|b| parse_name(&b.name))
        .filter(|(k, _)| *k == kind)
        .map(|(_, n)| n)
        .max()
        .unwrap_or(0)
        + 1;
    let name = format!("{}{n:03}", kind.letter());
    let path = dir.join(format!("{name}.dump"));
    Ok((name, path))
}

/// Deletes the oldest scheduled backups past the newest `keep`; the names it deleted.
pub fn expire_scheduled(dir: &Path, keep: usize) -> Vec<String> {
    let scheduled: Vec<Backup> = list(dir)
        .into_iter()
        .filter(|b| parse_name(&b.name).is_some_and(|(k, _)| k == Kind::Scheduled))
        .collect();
    let extra = scheduled.len().saturating_sub(keep);
    scheduled
        .into_iter()
        .take(extra)
        .filter(|b| fs::remove_file(&b.path).is_ok())
        .map(|b| b.name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backups_are_numbered_and_found_by_name_or_number() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("b");
        assert!(find(&dir, None).is_none());
        let (name, path) = next(&dir, Kind::Manual).unwrap();
        assert_eq!(name, "b001");
        fs::write(&path, "one").unwrap();
        let (name, path) = next(&dir, Kind::Manual).unwrap();
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

    #[test]
    fn scheduled_backups_are_numbered_apart_and_only_the_newest_are_kept() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("b");
        let (manual, path) = next(&dir, Kind::Manual).unwrap();
        fs::write(&path, "m").unwrap();
        let mut made = vec![];
        for _ in 0..4 {
            let (name, path) = next(&dir, Kind::Scheduled).unwrap();
            fs::write(&path, "s").unwrap();
            made.push(name);
        }
        assert_eq!(made, ["a001", "a002", "a003", "a004"]);
        assert_eq!(find(&dir, Some("a002")).unwrap().name, "a002");
        assert_eq!(find(&dir, Some("1")).unwrap().name, manual);
        assert_eq!(expire_scheduled(&dir, 2), ["a001", "a002"]);
        let left: Vec<String> = list(&dir).into_iter().map(|b| b.name).collect();
        assert_eq!(left.len(), 3, "{left:?}");
        assert!(left.contains(&manual) && left.contains(&"a004".to_string()));
        assert!(expire_scheduled(&dir, 2).is_empty());
        for bad in ["c001", "a1", "a", "ab01", "aé01"] {
            assert!(find(&dir, Some(bad)).is_none(), "{bad:?}");
        }
    }
}
