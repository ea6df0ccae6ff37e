//! The slug: a gzipped tar of the compiled build dir, every path under `./app/` as in Heroku's
//! slugs, owned by root, symlinks kept as symlinks, hard links stored as plain files, `.git` left
//! out, entries in name order so that the same tree gives the same listing.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use tar::{Builder, EntryType, Header, HeaderMode};

/// Size in bytes and `SHA256:<hex>` checksum of a written slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlugFile {
    pub size: u64,
    pub checksum: String,
}

/// Counts and hashes what passes through to the file.
struct HashingWriter<W> {
    inner: W,
    hasher: Sha256,
    written: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Write `build_dir` as a slug to `slug_path` (blocking).
pub fn write(build_dir: &Path, slug_path: &Path) -> io::Result<SlugFile> {
    if let Some(parent) = slug_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let file = File::create(slug_path)?;
    let hashing = HashingWriter {
        inner: BufWriter::new(file),
        hasher: Sha256::new(),
        written: 0,
    };
    // The fastest level: compressing is most of a cached rebuild's time (a Django slug is 80 MB
    // of virtualenv), and the default level makes it only about a sixth smaller for twice the
    // time; slugs are stored and unpacked where they are built, so their size costs little.
    let gz = GzEncoder::new(hashing, Compression::fast());
    let mut tar = Builder::new(gz);
    tar.mode(HeaderMode::Complete);
    tar.follow_symlinks(false);

    let root_meta = fs::symlink_metadata(build_dir)?;
    append(&mut tar, &root_meta, b"./app/", build_dir)?;
    walk(&mut tar, build_dir, b"./app", true)?;

    let gz = tar.into_inner()?;
    let mut hashing = gz.finish()?;
    hashing.flush()?;
    let file = hashing.inner.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    Ok(SlugFile {
        size: hashing.written,
        checksum: format!("SHA256:{:x}", hashing.hasher.finalize()),
    })
}

fn walk<W: Write>(tar: &mut Builder<W>, dir: &Path, prefix: &[u8], top: bool) -> io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if top && name == ".git" {
            continue;
        }
        let path = entry.path();
        let meta = fs::symlink_metadata(&path)?;
        let mut archived = prefix.to_vec();
        archived.push(b'/');
        archived.extend_from_slice(name.as_bytes());
        if meta.is_dir() {
            let mut with_slash = archived.clone();
            with_slash.push(b'/');
            append(tar, &meta, &with_slash, &path)?;
            walk(tar, &path, &archived, false)?;
        } else {
            append(tar, &meta, &archived, &path)?;
        }
    }
    Ok(())
}

/// Names are written as given (tar's own path handling would drop the leading `./`), with GNU
/// long-name entries for names over 100 bytes.
fn append<W: Write>(
    tar: &mut Builder<W>,
    meta: &fs::Metadata,
    archived: &[u8],
    path: &Path,
) -> io::Result<()> {
    let mut header = Header::new_gnu();
    header.set_metadata_in_mode(meta, HeaderMode::Complete);
    header.set_uid(0);
    header.set_gid(0);
    header.set_username("root")?;
    header.set_groupname("root")?;
    let file_type = meta.file_type();
    let context = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    if file_type.is_dir() {
        header.set_entry_type(EntryType::Directory);
        header.set_size(0);
        write_entry(tar, header, archived, None, io::empty()).map_err(context)
    } else if file_type.is_symlink() {
        let target = fs::read_link(path).map_err(context)?;
        header.set_entry_type(EntryType::Symlink);
        header.set_size(0);
        write_entry(
            tar,
            header,
            archived,
            Some(target.as_os_str().as_bytes()),
            io::empty(),
        )
        .map_err(context)
    } else if file_type.is_file() {
        header.set_entry_type(EntryType::Regular);
        let file = File::open(path).map_err(context)?;
        // The length is taken from the open file so a file that changed size since `stat` still
        // produces a consistent entry.
        let len = file.metadata().map_err(context)?.len();
        header.set_size(len);
        write_entry(tar, header, archived, None, io::Read::take(file, len)).map_err(context)
    } else {
        // Sockets, FIFOs and devices have no place in a slug.
        Ok(())
    }
}

const NAME_FIELD: usize = 100;

fn write_entry<W: Write, R: io::Read>(
    tar: &mut Builder<W>,
    mut header: Header,
    name: &[u8],
    link: Option<&[u8]>,
    data: R,
) -> io::Result<()> {
    if name.len() > NAME_FIELD {
        long_entry(tar, EntryType::GNULongName, name)?;
    }
    fill(&mut header.as_old_mut().name, name);
    if let Some(link) = link {
        if link.len() > NAME_FIELD {
            long_entry(tar, EntryType::GNULongLink, link)?;
        }
        fill(&mut header.as_old_mut().linkname, link);
    }
    header.set_cksum();
    tar.append(&header, data)
}

fn fill(field: &mut [u8; NAME_FIELD], value: &[u8]) {
    let n = value.len().min(NAME_FIELD);
    field.fill(0);
    field[..n].copy_from_slice(&value[..n]);
}

fn long_entry<W: Write>(tar: &mut Builder<W>, kind: EntryType, value: &[u8]) -> io::Result<()> {
    let mut header = Header::new_gnu();
    fill(&mut header.as_old_mut().name, b"././@LongLink");
    header.set_mode(0o644);
    header.set_uid(0);
    header.set_gid(0);
    header.set_mtime(0);
    header.set_size(value.len() as u64 + 1);
    header.set_entry_type(kind);
    header.set_cksum();
    tar.append(&header, io::Read::chain(value, &[0u8][..]))
}

/// `4.1K`, `8.3M`: sizes as the build output shows them.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["K", "M", "G", "T"];
    if bytes < 1024 {
        return format!("{bytes}B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1}{}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::os::unix::fs::{PermissionsExt, symlink};

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(1023), "1023B");
        assert_eq!(human_size(4198), "4.1K");
        assert_eq!(human_size(8_700_000), "8.3M");
        assert_eq!(human_size(3 * 1024 * 1024 * 1024), "3.0G");
        assert_eq!(human_size(u64::MAX), "16777216.0T");
    }

    #[test]
    fn slug_layout() {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = dir.path().join("build");
        fs::create_dir_all(app.join(".git/objects")).expect("mkdir");
        fs::create_dir_all(app.join("bin")).expect("mkdir");
        fs::create_dir_all(app.join("deep/.git")).expect("mkdir");
        fs::write(app.join("Procfile"), "web: bin/web\n").expect("write");
        fs::write(app.join("bin/web"), "#!/bin/sh\n").expect("write");
        fs::set_permissions(app.join("bin/web"), fs::Permissions::from_mode(0o755)).expect("chmod");
        fs::hard_link(app.join("Procfile"), app.join("Procfile.hard")).expect("link");
        symlink("bin/web", app.join("web-link")).expect("symlink");
        let long = "d".repeat(120);
        symlink("x".repeat(150), app.join("long-link")).expect("symlink");
        fs::create_dir_all(app.join(&long)).expect("mkdir");
        fs::write(app.join(&long).join("f".repeat(120)), "long").expect("write");

        let slug_path = dir.path().join("out/slug.tgz");
        let slug = write(&app, &slug_path).expect("slug");
        let bytes = fs::read(&slug_path).expect("read");
        assert_eq!(slug.size, bytes.len() as u64);
        assert_eq!(
            slug.checksum,
            format!("SHA256:{:x}", Sha256::digest(&bytes))
        );

        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(&bytes[..]));
        let mut seen = Vec::new();
        for entry in archive.entries().expect("entries") {
            let mut entry = entry.expect("entry");
            let path = entry.path().expect("path").to_string_lossy().into_owned();
            assert_eq!(entry.header().uid().expect("uid"), 0);
            match path.as_str() {
                "./app/bin/web" => {
                    assert_eq!(entry.header().mode().expect("mode") & 0o777, 0o755)
                }
                "./app/long-link" => {
                    let target = entry.link_name().expect("link").expect("some");
                    assert_eq!(target.to_string_lossy(), "x".repeat(150));
                }
                "./app/web-link" => {
                    assert_eq!(entry.header().entry_type(), EntryType::Symlink);
                    assert_eq!(
                        entry.link_name().expect("link").expect("some").to_str(),
                        Some("bin/web")
                    );
                }
                "./app/Procfile.hard" => {
                    let mut text = String::new();
                    entry.read_to_string(&mut text).expect("read");
                    assert_eq!(text, "web: bin/web\n");
                }
                _ => {}
            }
            seen.push(path);
        }
        assert_eq!(seen[0], "./app/");
        assert!(seen.iter().all(|p| p.starts_with("./app/")));
        assert!(!seen.iter().any(|p| p.starts_with("./app/.git")));
        assert!(seen.contains(&"./app/deep/.git/".to_owned()));
        assert!(seen.contains(&format!("./app/{long}/{}", "f".repeat(120))));
        assert!(seen.contains(&"./app/bin/".to_owned()));

        // Same tree, same bytes.
        let again = write(&app, &dir.path().join("again.tgz")).expect("slug");
        assert_eq!(again.checksum, slug.checksum);
    }
}
