//! Properties of source tarball unpacking: whatever a tarball holds (`..`, absolute names,
//! links out of the build dir, paths through those links, bytes that are no tarball at all),
//! unpacking it succeeds or fails without a panic and without touching anything outside the
//! build dir, and leaves no way out of it but symlinks that nothing was written through.

use std::io::Write as _;
use std::os::unix::fs::MetadataExt as _;
use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::props::config;
use crate::server::deploy::test_tarballs::{entry, tarball};

/// Everything under `dir`, as (relative path, is a symlink, inode).
fn listing(dir: &Path) -> Vec<(String, bool, u64)> {
    crate::props::entries_under(dir)
        .into_iter()
        .map(|(rel, meta)| (rel, meta.file_type().is_symlink(), meta.ino()))
        .collect()
}

/// Unpacks `source` into `root` beside a folder `outside` and checks that nothing escaped.
fn unpack_stays_inside(top: &Path, source: &Path, unwrap: bool) -> Result<(), TestCaseError> {
    let outside = top.join("outside");
    let root = top.join("root");
    let _ = unpack_source(source, &root, unwrap);
    let secret = std::fs::metadata(outside.join("secret")).unwrap();
    prop_assert_eq!(
        std::fs::read(outside.join("secret")).unwrap(),
        b"secret".to_vec()
    );
    prop_assert_eq!(listing(&outside).len(), 1, "something was written outside");
    let mut beside: Vec<String> = std::fs::read_dir(top)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    beside.retain(|n| n != "root");
    prop_assert_eq!(beside, vec!["outside".to_owned(), "source.tgz".to_owned()]);
    for (path, _, inode) in listing(&root) {
        prop_assert!(
            inode != secret.ino(),
            "`{}` is a hard link to a file outside",
            path
        );
    }
    Ok(())
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let top = tempfile::tempdir().unwrap();
    let outside = top.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("secret"), "secret").unwrap();
    let source = top.path().join("source.tgz");
    (top, source)
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn hostile_entries_never_reach_outside(
        entries in proptest::collection::vec(entry(), 1..8),
        unwrap in any::<bool>(),
    ) {
        let (top, source) = setup();
        tarball(&source, &entries, &top.path().join("outside"));
        unpack_stays_inside(top.path(), &source, unwrap)?;
    }

    #[test]
    fn bytes_that_are_no_tarball_are_refused(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
        gzip in any::<bool>(),
    ) {
        let (top, source) = setup();
        let mut file = std::fs::File::create(&source).unwrap();
        if gzip {
            let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
            gz.write_all(&bytes).unwrap();
            gz.finish().unwrap();
        } else {
            file.write_all(&bytes).unwrap();
        }
        unpack_stays_inside(top.path(), &source, true)?;
    }
}
