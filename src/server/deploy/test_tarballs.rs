//! Hostile source tarballs for the property tests of the deploy path (unpacking a build's
//! source, reading its `deploy.yml`): entries named to climb out of where they are unpacked.

use std::io::Write as _;
use std::path::Path;

use proptest::prelude::*;

/// One tar entry as an attacker may write it: raw name bytes, a type, a link target, a body.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub name: String,
    pub kind: tar::EntryType,
    pub link: String,
    pub body: Vec<u8>,
}

/// Names and link targets made of pieces that try to climb out, with `OUT` for the absolute
/// path of a folder beside the build dir.
fn path_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("a"),
            Just("b"),
            Just("link"),
            Just(".."),
            Just("."),
            Just(""),
            Just("OUT"),
            Just("deploy.yml"),
        ],
        1..5,
    )
    .prop_map(|parts| parts.join("/"))
}

pub(crate) fn entry() -> impl Strategy<Value = Entry> {
    (
        path_like(),
        prop_oneof![
            Just(tar::EntryType::Regular),
            Just(tar::EntryType::Directory),
            Just(tar::EntryType::Symlink),
            Just(tar::EntryType::Link),
        ],
        path_like(),
        proptest::collection::vec(any::<u8>(), 0..16),
    )
        .prop_map(|(name, kind, link, body)| Entry {
            name,
            kind,
            link,
            body,
        })
}

/// Writes `entries` as a gzipped tarball, names as given (the `tar` crate's own checks on
/// writing would refuse the hostile ones).
pub(crate) fn tarball(path: &Path, entries: &[Entry], outside: &Path) {
    let out = outside.to_string_lossy();
    let gz = flate2::write::GzEncoder::new(
        std::fs::File::create(path).unwrap(),
        flate2::Compression::fast(),
    );
    let mut builder = tar::Builder::new(gz);
    for e in entries {
        let name = e.name.replace("OUT", &out);
        let link = e.link.replace("OUT", &out);
        let mut header = tar::Header::new_gnu();
        let raw = header.as_old_mut();
        let n = name.len().min(99);
        raw.name[..n].copy_from_slice(&name.as_bytes()[..n]);
        let l = link.len().min(99);
        raw.linkname[..l].copy_from_slice(&link.as_bytes()[..l]);
        header.set_entry_type(e.kind);
        header.set_mode(0o755);
        let body: &[u8] = if e.kind == tar::EntryType::Regular {
            &e.body
        } else {
            &[]
        };
        header.set_size(body.len() as u64);
        header.set_cksum();
        builder.append(&header, body).unwrap();
    }
    builder
        .into_inner()
        .unwrap()
        .finish()
        .unwrap()
        .flush()
        .unwrap();
}
