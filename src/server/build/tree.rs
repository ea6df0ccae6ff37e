//! Reading the files of a pushed or built app tree on the server. The tree is the app's own
//! (its author wrote it, a buildpack changed it): a link in it may point anywhere on this
//! machine, and the server, which can read much more than the app, must never follow one out.

use std::fs;
use std::io;
use std::path::Path;

/// The bytes of `root/name`, at most `max` of them; `None` when there is no such file. A link
/// is followed only while it stays inside `root`; one that leads out is an error that names
/// no target.
pub fn read(root: &Path, name: &str, max: u64) -> io::Result<Option<Vec<u8>>> {
    let path = root.join(name);
    match fs::symlink_metadata(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    let real = match fs::canonicalize(&path) {
        Ok(real) => real,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(io::Error::other(format!("`{name}` is a link to nothing")));
        }
        Err(e) => return Err(e),
    };
    if !real.starts_with(fs::canonicalize(root)?) {
        return Err(io::Error::other(format!(
            "`{name}` is a link that leads out of the app"
        )));
    }
    let meta = fs::metadata(&real)?;
    if !meta.is_file() {
        return Err(io::Error::other(format!("`{name}` is not a file")));
    }
    if meta.len() > max {
        return Err(io::Error::other(format!(
            "`{name}` is larger than {max} bytes"
        )));
    }
    fs::read(&real).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_files_and_links_inside_and_refuses_links_out() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("app");
        fs::create_dir_all(root.join("config")).expect("mkdir");
        fs::write(root.join("config/Procfile"), "web: x\n").expect("write");
        fs::write(dir.path().join("secret"), "tug_secret\n").expect("write");
        std::os::unix::fs::symlink("config/Procfile", root.join("Procfile")).expect("link");
        std::os::unix::fs::symlink("../secret", root.join("Outside")).expect("link");
        std::os::unix::fs::symlink("nowhere", root.join("Dangling")).expect("link");
        assert_eq!(
            read(&root, "Procfile", 1024).expect("read"),
            Some(b"web: x\n".to_vec())
        );
        assert_eq!(read(&root, "Missing", 1024).expect("read"), None);
        let out = read(&root, "Outside", 1024)
            .expect_err("refused")
            .to_string();
        assert!(out.contains("leads out of the app"), "{out}");
        assert!(
            !out.contains("tug_secret") && !out.contains("secret\n"),
            "{out}"
        );
        assert!(read(&root, "Dangling", 1024).is_err());
        assert!(read(&root, "config", 1024).is_err());
        let big = read(&root, "Procfile", 3)
            .expect_err("too large")
            .to_string();
        assert!(big.contains("larger"), "{big}");
    }
}
