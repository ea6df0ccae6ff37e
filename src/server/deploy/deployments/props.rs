//! Properties of finding `deploy.yml` in a source tarball: whatever the tarball holds, the
//! answer is the body of a regular file named `deploy.yml` at its root (or in its lone folder),
//! nothing, or an error (never a panic).

use proptest::prelude::*;

use super::*;
use crate::props::config;
use crate::server::deploy::test_tarballs::{entry, tarball};

#[test]
fn a_deploy_yml_named_with_a_trailing_dot_is_read() {
    // Found by the property above, which had compared names as written: unpacking makes
    // `deploy.yml/.` the file `deploy.yml`, and so does this reader.
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.tgz");
    let entry = crate::server::deploy::test_tarballs::Entry {
        name: "deploy.yml/.".into(),
        kind: tar::EntryType::Regular,
        link: String::new(),
        body: b"envs: []\n".to_vec(),
    };
    tarball(&source, &[entry], dir.path());
    assert_eq!(
        deploy_file_in(&source, false).unwrap().as_deref(),
        Some("envs: []\n")
    );
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn deploy_yml_is_a_regular_file_of_the_tarball(
        entries in proptest::collection::vec(entry(), 1..8),
        unwrap in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("source.tgz");
        tarball(&source, &entries, &dir.path().join("outside"));
        if let Ok(Some(text)) = deploy_file_in(&source, unwrap) {
            // Names as unpacking reads them: `deploy.yml/.` is the file `deploy.yml`.
            let found = entries.iter().any(|e| {
                let parts: Vec<_> = Path::new(&e.name)
                    .components()
                    .filter(|c| !matches!(c, std::path::Component::CurDir))
                    .collect();
                e.kind == tar::EntryType::Regular
                    && parts.last().is_some_and(|c| c.as_os_str() == deploy_file::FILE_NAME)
                    && (parts.len() == 1 || (unwrap && parts.len() == 2))
                    && e.body == text.as_bytes()
            });
            prop_assert!(found, "{:?} is no deploy.yml of the tarball", text);
        }
    }
}
