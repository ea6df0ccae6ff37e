//! The stack image: slugs are compiled against this machine's system (the built-in buildpacks
//! use its `python3` and `node`), so they run on an image of the same system. It is made
//! offline from the host's own directories, once for each state of its installed packages.

use std::path::Path;
use std::process::Stdio;

use bollard::Docker;
use bollard::query_parameters::CreateImageOptions;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;

use super::images::{failed, push};

/// The repository the stack image goes to, under the registry.
const STACK_REPOSITORY: &str = "tug/stack";

/// What of the host a dyno needs: the shell and core tools, the libraries, the language
/// runtimes the built-in buildpacks use, the add-ons' clients, and the system's configuration.
/// Compilers, headers and documentation stay out.
fn stack_paths() -> Vec<String> {
    let mut paths: Vec<String> = [
        "bin",
        "sbin",
        "lib",
        "lib64",
        "etc",
        "usr/bin",
        "usr/sbin",
        "usr/lib64",
        "usr/lib/locale",
        "usr/lib/ssl",
        "usr/lib/node_modules",
        "usr/share/nodejs",
        "usr/share/zoneinfo",
        "usr/share/ca-certificates",
        // The add-ons' clients: `psql` is Debian's Perl wrapper around the installed version's.
        "usr/lib/postgresql",
        "usr/share/postgresql-common",
        "usr/share/perl",
        "usr/share/perl5",
    ]
    .map(str::to_owned)
    .to_vec();
    paths.push(format!("usr/lib/{}-linux-gnu", std::env::consts::ARCH));
    if let Ok(entries) = std::fs::read_dir("/usr/lib") {
        let mut pythons: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| name.starts_with("python3"))
            .map(|name| format!("usr/lib/{name}"))
            .collect();
        pythons.sort();
        paths.extend(pythons);
    }
    paths.retain(|p| Path::new("/").join(p).symlink_metadata().is_ok());
    paths
}

/// The stack image's reference in the registry, made and pushed when missing.
pub(super) async fn ensure(docker: &Docker, registry: &str) -> anyhow::Result<String> {
    // Asked first: without a registry, making the image would be wasted.
    let reach = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        tokio::net::TcpStream::connect(registry),
    )
    .await
    .unwrap_or_else(|_| Err(std::io::Error::other("no answer in 10 s")));
    if let Err(e) = reach {
        anyhow::bail!(
            "cannot reach the registry at `{registry}`: {e}\nhint: start a registry at `{registry}`, or name another with `--registry`"
        );
    }
    let paths = stack_paths();
    let tag = fingerprint(&paths);
    let repository = format!("{registry}/{STACK_REPOSITORY}");
    let reference = format!("{repository}:{tag}");
    if docker.inspect_image(&reference).await.is_err() {
        import(docker, &repository, &tag, &paths).await?;
    }
    push(docker, &repository, &tag).await.map_err(|e| {
        anyhow::anyhow!(
            "{e}\nhint: start a registry at `{registry}`, or name another with `--registry`"
        )
    })?;
    Ok(reference)
}

/// Names the stack by what makes it: the paths and the installed packages' list, so that an
/// upgrade of the host's packages makes a new stack image.
fn fingerprint(paths: &[String]) -> String {
    let mut hash = Sha256::new();
    for path in paths {
        hash.update(path.as_bytes());
        hash.update([0]);
    }
    for file in ["/etc/os-release", "/var/lib/dpkg/status"] {
        hash.update(std::fs::read(file).unwrap_or_default());
    }
    let os = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("VERSION_CODENAME=").map(str::to_owned))
        })
        .filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "host".to_owned());
    format!("{os}-{}", &crate::hex::encode(&hash.finalize())[..16])
}

/// `docker import` of a tarball of the host's stack directories, streamed from the system `tar`.
async fn import(
    docker: &Docker,
    repository: &str,
    tag: &str,
    paths: &[String],
) -> anyhow::Result<()> {
    let mut tar = tokio::process::Command::new("tar")
        .args([
            "-C",
            "/",
            "-cf",
            "-",
            "--ignore-failed-read",
            "--warning=none",
        ])
        .args(paths)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| anyhow::anyhow!("cannot run `tar` to make the stack image: {e}"))?;
    let stdout = tar
        .stdout
        .take()
        .ok_or_else(|| anyhow::anyhow!("`tar` gave no output"))?;
    let chunks = futures_util::stream::unfold(stdout, |mut out| async move {
        let mut buf = vec![0u8; 1 << 20];
        match out.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok::<_, std::io::Error>(bytes::Bytes::from(buf)), out))
            }
            Err(e) => Some((Err(e), out)),
        }
    });
    let options = CreateImageOptions {
        from_src: Some("-".to_owned()),
        repo: Some(repository.to_owned()),
        tag: Some(tag.to_owned()),
        ..Default::default()
    };
    let mut progress =
        docker.create_image(Some(options), Some(bollard::body_try_stream(chunks)), None);
    while let Some(step) = progress.next().await {
        let step = step.map_err(|e| anyhow::anyhow!("cannot import the stack image: {e}"))?;
        failed(step.error_detail, "cannot import the stack image").map_err(anyhow::Error::msg)?;
    }
    tar.wait()
        .await
        .map_err(|e| anyhow::anyhow!("`tar` of the stack failed: {e}"))?;
    Ok(())
}
