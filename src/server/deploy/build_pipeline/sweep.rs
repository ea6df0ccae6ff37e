//! What interrupted builds, uploads and destroyed apps left on disk, removed at start.

use std::collections::HashSet;
use std::path::Path;

use crate::server::store::Store;

/// At start, before any build: removes what interrupted builds, uploads and destroys left
/// behind: every build's scratch, and slugs, sources and caches nothing refers to.
pub fn sweep(store: &Store, data_dir: &Path) -> anyhow::Result<()> {
    let slugs: HashSet<String> = store
        .all_slug_ids()?
        .iter()
        .map(|id| format!("{id}.tgz"))
        .collect();
    let sources: HashSet<String> = store
        .all_source_ids()?
        .iter()
        .map(|id| format!("{id}.tgz"))
        .collect();
    let apps: HashSet<String> = store.all_apps()?.iter().map(|a| a.id.to_string()).collect();
    let keep = |dir: &str, name: &str| match dir {
        "slugs" => slugs.contains(name),
        "sources" => sources.contains(name),
        "cache" => apps.contains(name),
        _ => false,
    };
    let mut removed = 0;
    for dir in ["builds", "slugs", "sources", "cache"] {
        for entry in std::fs::read_dir(data_dir.join(dir))?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if keep(dir, &name) {
                continue;
            }
            let path = entry.path();
            let gone = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
            match gone {
                Ok(()) => removed += 1,
                Err(e) => tracing::warn!("cannot remove `{}`: {e}", path.display()),
            }
        }
    }
    if removed > 0 {
        tracing::info!("removed {removed} leftover(s) of interrupted builds and deleted apps");
    }
    Ok(())
}
