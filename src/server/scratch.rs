//! Deleting scratch files and directories without holding anything up. A build's work
//! directory or an unpacked slug (a virtualenv, a `node_modules`: many thousands of files)
//! takes seconds to delete; deleting it on an async worker thread also stalls the tasks
//! queued behind it on that thread, a push's own output among them.

use std::path::PathBuf;

/// Deletes `path` (a file or a directory tree) on the blocking pool, or on a thread of its own
/// outside a runtime. What a crash leaves behind is swept when the server next starts.
pub fn remove_in_background(path: PathBuf) {
    let remove = move || {
        let _ = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
    };
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => {
            handle.spawn_blocking(remove);
        }
        Err(_) => {
            if std::thread::Builder::new()
                .name("tug-cleanup".into())
                .spawn(remove)
                .is_err()
            {
                tracing::warn!("cannot start a thread to delete scratch files");
            }
        }
    }
}
