//! Buildpacks fetched from git repositories and tarballs.

use super::*;

/// A buildpack repository with tags v1 and v2 on `main`; scripts committed without the
/// executable bit, as happens when a buildpack is written on another system.
fn buildpack_repo(root: &Path) -> (PathBuf, String) {
    let repo = root.join("bp-repo");
    std::fs::create_dir_all(repo.join("bin")).expect("mkdir");
    git(&repo, &["init", "--quiet", "-b", "main"]);
    let mut v1 = String::new();
    for version in ["v1", "v2"] {
        std::fs::write(
            repo.join("bin/detect"),
            format!("#!/usr/bin/env bash\necho \"Git {version}\"\n"),
        )
        .expect("write");
        std::fs::write(
            repo.join("bin/compile"),
            format!("#!/usr/bin/env bash\necho {version} > \"$1/git-version\"\n"),
        )
        .expect("write");
        for script in ["detect", "compile"] {
            std::fs::set_permissions(
                repo.join("bin").join(script),
                std::fs::Permissions::from_mode(0o644),
            )
            .expect("chmod");
        }
        git(&repo, &["add", "."]);
        git(&repo, &["commit", "--quiet", "-m", version]);
        git(&repo, &["tag", version]);
        if version == "v1" {
            v1 = git(&repo, &["rev-parse", "HEAD"]);
        }
    }
    (repo, v1)
}

#[tokio::test]
async fn git_buildpacks_with_refs_are_fetched_and_cached() {
    let mut build = Build::new(&[("x", "")], &[]);
    let (repo, v1_sha) = buildpack_repo(&build.root);
    let repo_path = repo.to_string_lossy().into_owned();

    for (spec, expected) in [
        (format!("file://{repo_path}#v1"), "v1"),
        (format!("{repo_path}#main"), "v2"),
        (format!("{repo_path}#{}", &v1_sha[..10]), "v1"),
        (format!("file://{repo_path}"), "v2"),
    ] {
        build.rebuild_source(&[("x", "")]);
        build.req.buildpacks = vec![spec.clone()];
        let (result, lines) = build.run().await;
        let outcome = result.unwrap_or_else(|e| panic!("{spec}: {e}"));
        assert_eq!(build.read("git-version").trim(), expected, "{spec}");
        assert_eq!(
            outcome.buildpack_description.as_deref(),
            Some(format!("Git {expected}").as_str())
        );
        assert!(has_line(
            &lines,
            &format!("-----> Fetching buildpack {spec}")
        ));
    }

    // Cached: no second fetch; a branch follows new commits.
    std::fs::write(
        repo.join("bin/compile"),
        "#!/usr/bin/env bash\necho v3 > \"$1/git-version\"\n",
    )
    .expect("write");
    git(&repo, &["commit", "--quiet", "-am", "v3"]);
    for (spec, expected) in [
        (format!("file://{repo_path}#v1"), "v1"),
        (format!("{repo_path}#main"), "v3"),
    ] {
        build.rebuild_source(&[("x", "")]);
        build.req.buildpacks = vec![spec.clone()];
        let (result, lines) = build.run().await;
        result.unwrap_or_else(|e| panic!("{spec}: {e}"));
        assert_eq!(build.read("git-version").trim(), expected, "{spec}");
        assert!(
            !lines.iter().any(|l| l.contains("Fetching buildpack")),
            "{lines:?}"
        );
    }

    // The remote is gone: the cached copy of a branch serves, with a warning.
    let moved = build.root.join("bp-repo-moved");
    std::fs::rename(&repo, &moved).expect("move");
    build.rebuild_source(&[("x", "")]);
    build.req.buildpacks = vec![format!("{repo_path}#main")];
    let (result, lines) = build.run().await;
    result.expect("cached copy");
    assert_eq!(build.read("git-version").trim(), "v3");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(" !     Could not update buildpack")
                && l.ends_with("using the cached copy")),
        "{lines:#?}"
    );
    std::fs::rename(&moved, &repo).expect("move back");

    // An unknown ref.
    build.rebuild_source(&[("x", "")]);
    build.req.buildpacks = vec![format!("{repo_path}#no-such-ref")];
    let (result, _) = build.run().await;
    let err = result.expect_err("bad ref");
    assert!(
        matches!(&err, BuildError::BadRef { git_ref, .. } if git_ref == "no-such-ref"),
        "{err:?}"
    );
    assert!(
        err.to_string().starts_with(&format!(
            "buildpack `{repo_path}#no-such-ref`: cannot check out `no-such-ref`"
        )),
        "{err}"
    );
}

/// Serve `body` at `/bp.tgz` on a loopback port until the returned handle is aborted; any other
/// path answers 404.
async fn serve_once(body: Vec<u8>) -> (String, tokio::task::JoinHandle<()>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let handle = tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let found = request.starts_with(b"GET /bp.tgz ");
            let (status, payload): (&str, &[u8]) = if found {
                ("200 OK", &body)
            } else {
                ("404 Not Found", b"not found")
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                payload.len()
            );
            let _ = socket.write_all(head.as_bytes()).await;
            let _ = socket.write_all(payload).await;
            let _ = socket.shutdown().await;
        }
    });
    (format!("http://{addr}"), handle)
}

fn buildpack_tarball() -> Vec<u8> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut tar = tar::Builder::new(gz);
    for (name, text) in [
        ("detect", "#!/usr/bin/env bash\necho Tarball\n"),
        (
            "compile",
            "#!/usr/bin/env bash\necho from-tarball > \"$1/tarball-was-here\"\n",
        ),
    ] {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, format!("bp-main/bin/{name}"), text.as_bytes())
            .expect("append");
    }
    tar.into_inner().expect("tar").finish().expect("gz")
}

#[tokio::test]
async fn tarball_buildpacks_are_downloaded_once() {
    let (base, server) = serve_once(buildpack_tarball()).await;
    let url = format!("{base}/bp.tgz");
    let mut build = Build::new(&[("x", "")], &[&url]);
    let (result, lines) = build.run().await;
    let outcome = result.expect("build");
    assert_eq!(outcome.buildpack_description.as_deref(), Some("Tarball"));
    assert_eq!(build.read("tarball-was-here").trim(), "from-tarball");
    assert!(has_line(
        &lines,
        &format!("-----> Downloading buildpack {url}")
    ));

    let missing = format!("{base}/missing.tgz");
    let mut other = Build::new(&[("x", "")], &[&missing]);
    other.req.buildpack_cache = build.req.buildpack_cache.clone();
    let (result, _) = other.run().await;
    let err = result.expect_err("404");
    // The same words as for an unreachable server: the status stays in the server's log.
    assert!(
        err.to_string()
            .ends_with(&format!("could not fetch the buildpack from {missing}")),
        "{err}"
    );

    // The server is gone; the cached copy serves.
    server.abort();
    let _ = server.await;
    build.rebuild_source(&[("x", "")]);
    let (result, lines) = build.run().await;
    result.expect("cached build");
    assert!(!lines.iter().any(|l| l.contains("Downloading")));
    assert_eq!(build.read("tarball-was-here").trim(), "from-tarball");

    let mut gone = Build::new(&[("x", "")], &[&format!("{base}/other.tgz")]);
    gone.req.compile_timeout = Duration::from_secs(10);
    let (result, _) = gone.run().await;
    assert!(
        matches!(result, Err(BuildError::Fetch { .. })),
        "{result:?}"
    );
}
