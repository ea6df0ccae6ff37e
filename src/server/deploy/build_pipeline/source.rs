//! A build's files: its unpacked source, and the scratch removed when the build ends.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::server::gunzip::{TARBALL_LIMIT, gunzip, is_too_big};

/// Paths removed when dropped, unless kept; in the background, so that a build's end (and
/// the push waiting on it) never waits for its scratch to be deleted.
pub(super) struct RemoveOnDrop(pub(super) Vec<PathBuf>);

impl RemoveOnDrop {
    /// Keeps the paths after all.
    pub(super) fn keep(mut self) {
        self.0.clear();
    }
}

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        for path in self.0.drain(..) {
            crate::server::scratch::remove_in_background(path);
        }
    }
}

/// Unpacks a gzipped source tarball. With `unwrap_single_dir`, a tarball whose entries all sit
/// in one top-level folder is unpacked from inside that folder. Entries that would land
/// outside `dest` are refused by `tar`.
pub fn unpack_source(tarball: &Path, dest: &Path, unwrap_single_dir: bool) -> anyhow::Result<()> {
    let file = std::fs::File::open(tarball).context("cannot open the source tarball")?;
    let mut archive = tar::Archive::new(gunzip(file, TARBALL_LIMIT));
    archive.set_preserve_permissions(true);
    archive.unpack(dest).map_err(|e| {
        if is_too_big(&e) {
            anyhow::anyhow!("the source is too big: {e}")
        } else {
            anyhow::Error::new(e).context("the source is not a valid gzipped tarball")
        }
    })?;
    if !unwrap_single_dir {
        return Ok(());
    }
    let entries: Vec<_> = std::fs::read_dir(dest)?.collect::<Result<_, _>>()?;
    if let [only] = entries.as_slice()
        && only.file_type()?.is_dir()
        && only.file_name() != ".git"
    {
        let inner = only.path();
        let tmp = dest.with_extension("unwrap");
        std::fs::rename(&inner, &tmp)?;
        std::fs::remove_dir(dest)?;
        std::fs::rename(&tmp, dest)?;
    }
    Ok(())
}
