//! Slug images: a release's slug as one layer on the stack image, named by the slug's content
//! so that the same slug (a rollback, a promotion) reuses its image, and pushed to the registry
//! so that every node can pull it.

use std::path::Path;

use bollard::Docker;
use bollard::models::ErrorDetail;
use bollard::query_parameters::{BuildImageOptions, PushImageOptions};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};

/// The repository slug images go to, under the registry.
const SLUG_REPOSITORY: &str = "tug/slug";

/// The slug's image in the registry, built and pushed unless this engine has it already.
pub(super) async fn slug_image(
    docker: &Docker,
    registry: &str,
    stack: &str,
    slug: &Path,
) -> Result<String, String> {
    let bytes = tokio::fs::read(slug)
        .await
        .map_err(|e| format!("cannot read the slug: {e}"))?;
    let digest = crate::hex::encode(&Sha256::digest(&bytes));
    let repository = format!("{registry}/{SLUG_REPOSITORY}");
    let reference = format!("{repository}:{digest}");
    if docker.inspect_image(&reference).await.is_err() {
        build(docker, stack, &reference, bytes).await?;
    }
    // Pushed even when it was here already: the registry may have lost it, and layers it has
    // are not sent again.
    push(docker, &repository, &digest).await?;
    Ok(reference)
}

/// `docker build` of a context that holds the slug and a Dockerfile that adds it to the stack.
async fn build(docker: &Docker, stack: &str, reference: &str, slug: Vec<u8>) -> Result<(), String> {
    let dockerfile = format!("FROM {stack}\nADD slug.tgz /\nWORKDIR /app\n");
    let context = context(&dockerfile, &slug).map_err(|e| format!("cannot pack the slug: {e}"))?;
    let options = BuildImageOptions {
        dockerfile: "Dockerfile".to_owned(),
        t: Some(reference.to_owned()),
        rm: true,
        forcerm: true,
        ..Default::default()
    };
    let mut progress = docker.build_image(options, None, Some(bollard::body_full(context.into())));
    while let Some(step) = progress.next().await {
        let step = step.map_err(|e| format!("cannot build its image: {e}"))?;
        failed(step.error_detail, "cannot build its image")?;
    }
    Ok(())
}

/// Pushes an image, trying again after a failure: a registry may fail a push it is taking
/// from elsewhere at the same moment (two servers pushing one slug: Distribution's filesystem
/// storage then answers 500 while the other writes the blob), and the next try finds it there.
pub(super) async fn push(docker: &Docker, repository: &str, tag: &str) -> Result<(), String> {
    let mut wait = PUSH_RETRY_FIRST;
    for _ in 1..PUSH_TRIES {
        match push_once(docker, repository, tag).await {
            Ok(()) => return Ok(()),
            Err(e) => tracing::warn!("{e}; trying again in {wait:?}"),
        }
        tokio::time::sleep(wait).await;
        wait *= 2;
    }
    push_once(docker, repository, tag).await
}

/// How many times a push is tried, and the wait after the first failure (doubled after each).
const PUSH_TRIES: u32 = 4;
const PUSH_RETRY_FIRST: std::time::Duration = std::time::Duration::from_millis(250);

async fn push_once(docker: &Docker, repository: &str, tag: &str) -> Result<(), String> {
    let options = PushImageOptions {
        tag: Some(tag.to_owned()),
        ..Default::default()
    };
    let mut progress = docker.push_image(repository, Some(options), None);
    while let Some(step) = progress.next().await {
        let step = step.map_err(|e| format!("cannot push `{repository}:{tag}`: {e}"))?;
        failed(
            step.error_detail,
            &format!("cannot push `{repository}:{tag}`"),
        )?;
    }
    Ok(())
}

/// Docker reports a failed step inside an answer that succeeded.
pub(super) fn failed(detail: Option<ErrorDetail>, what: &str) -> Result<(), String> {
    match detail.and_then(|d| d.message) {
        Some(message) => Err(format!("{what}: {message}")),
        None => Ok(()),
    }
}

fn context(dockerfile: &str, slug: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut tar = tar::Builder::new(Vec::new());
    for (name, data) in [("Dockerfile", dockerfile.as_bytes()), ("slug.tgz", slug)] {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, name, data)?;
    }
    tar.into_inner()
}
