//! Unpacked slugs for the local backend: each slug is unpacked once into `ROOT/slugs/<slug_id>/`
//! (to a temporary directory first, then renamed, so concurrent deploys of one slug are safe)
//! and shared by the dynos of its releases. When the last holder lets go, the directory is
//! moved to `ROOT/trash/` and deleted in the background.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};

use uuid::Uuid;

use crate::server::gunzip::{TARBALL_LIMIT, gunzip};
use crate::server::scratch::remove_in_background;

type Entries = HashMap<Uuid, (u64, Weak<SlugDir>)>;

struct Inner {
    slugs: PathBuf,
    trash: PathBuf,
    entries: Mutex<Entries>,
    generation: AtomicU64,
}

/// The slugs unpacked under one root.
#[derive(Clone)]
pub struct SlugCache {
    inner: Arc<Inner>,
}

/// One unpacked slug; its `app/` is a dyno's `HOME`.
pub struct SlugDir {
    /// Its files belong to the app's user now (see `LocalBackend::prepare`).
    pub handed_over: std::sync::atomic::AtomicBool,
    id: Uuid,
    generation: u64,
    path: PathBuf,
    cache: Weak<Inner>,
}

impl SlugDir {
    pub fn app_dir(&self) -> PathBuf {
        self.path.join("app")
    }
}

impl Drop for SlugDir {
    fn drop(&mut self) {
        let Some(cache) = self.cache.upgrade() else {
            return;
        };
        let mut entries = crate::sync::lock(&cache.entries);
        // A newer unpacking of the same slug owns the path now: leave it alone.
        if entries.get(&self.id).map(|(g, _)| *g) != Some(self.generation) {
            return;
        }
        entries.remove(&self.id);
        discard(&cache.trash, &self.path);
    }
}

/// Moves a directory out of the way at once and deletes it in the background.
fn discard(trash: &Path, dir: &Path) {
    let target = trash.join(Uuid::new_v4().to_string());
    if fs::create_dir_all(trash).is_ok() && fs::rename(dir, &target).is_ok() {
        remove_in_background(target);
    } else {
        remove_in_background(dir.to_path_buf());
    }
}

impl SlugCache {
    /// Slugs unpacked by an earlier run are not reused (dynos may have written into them):
    /// they are deleted in the background.
    pub fn new(root: &Path) -> SlugCache {
        let inner = Inner {
            slugs: root.join("slugs"),
            trash: root.join("trash"),
            entries: Mutex::new(HashMap::new()),
            generation: AtomicU64::new(0),
        };
        if inner.slugs.exists() {
            discard(&inner.trash, &inner.slugs);
        }
        if let Ok(leftovers) = fs::read_dir(&inner.trash) {
            for entry in leftovers.flatten() {
                remove_in_background(entry.path());
            }
        }
        SlugCache {
            inner: Arc::new(inner),
        }
    }

    fn live(&self, entries: &Entries, id: Uuid) -> Option<Arc<SlugDir>> {
        entries.get(&id).and_then(|(_, weak)| weak.upgrade())
    }

    /// The unpacked slug, unpacking it first when nothing holds it yet.
    pub async fn get(&self, id: Uuid, slug_path: &Path) -> Result<Arc<SlugDir>, String> {
        {
            let entries = crate::sync::lock(&self.inner.entries);
            if let Some(dir) = self.live(&entries, id) {
                return Ok(dir);
            }
        }
        match fs::metadata(slug_path) {
            Ok(meta) if meta.is_file() => {}
            Ok(_) => return Err(format!("`{}` is not a file", slug_path.display())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(format!("`{}` does not exist", slug_path.display()));
            }
            Err(e) => return Err(format!("cannot read `{}`: {e}", slug_path.display())),
        }
        fs::create_dir_all(&self.inner.slugs)
            .map_err(|e| format!("cannot create `{}`: {e}", self.inner.slugs.display()))?;
        let tmp = self.inner.slugs.join(format!(".unpack-{}", Uuid::new_v4()));
        let (from, to) = (slug_path.to_path_buf(), tmp.clone());
        let unpacked = tokio::task::spawn_blocking(move || unpack(&from, &to))
            .await
            .unwrap_or_else(|e| Err(e.to_string()));
        if let Err(e) = unpacked {
            remove_in_background(tmp);
            return Err(e);
        }

        let mut entries = crate::sync::lock(&self.inner.entries);
        if let Some(dir) = self.live(&entries, id) {
            // Another deploy of the same slug finished first.
            remove_in_background(tmp);
            return Ok(dir);
        }
        let path = self.inner.slugs.join(id.to_string());
        if path.exists() {
            discard(&self.inner.trash, &path);
        }
        if let Err(e) = fs::rename(&tmp, &path) {
            remove_in_background(tmp);
            return Err(format!("cannot move it into `{}`: {e}", path.display()));
        }
        let generation = self.inner.generation.fetch_add(1, Ordering::Relaxed);
        let dir = Arc::new(SlugDir {
            handed_over: std::sync::atomic::AtomicBool::new(false),
            id,
            generation,
            path,
            cache: Arc::downgrade(&self.inner),
        });
        entries.insert(id, (generation, Arc::downgrade(&dir)));
        Ok(dir)
    }
}

/// Unpacks a gzipped tarball with an `./app/` directory (blocking). Entries that would land
/// outside `dest` are refused by `tar`.
fn unpack(slug: &Path, dest: &Path) -> Result<(), String> {
    let file = File::open(slug).map_err(|e| format!("cannot open `{}`: {e}", slug.display()))?;
    let mut archive = tar::Archive::new(gunzip(BufReader::new(file), TARBALL_LIMIT));
    archive.set_preserve_permissions(true);
    archive.set_preserve_mtime(true);
    archive.set_overwrite(true);
    fs::create_dir_all(dest).map_err(|e| format!("cannot create `{}`: {e}", dest.display()))?;
    archive
        .unpack(dest)
        .map_err(|e| format!("cannot unpack it: {e}"))?;
    if !dest.join("app").is_dir() {
        return Err("it has no `./app/` directory".to_owned());
    }
    Ok(())
}
