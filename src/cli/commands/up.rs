//! `tug up [DIR]`: from a directory to a running app in one command. Starts a local platform
//! in the background when none answers, creates the app, uploads the source, streams the build,
//! waits for the web dynos and prints the URL.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clap::Args as ClapArgs;
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::api::names::check_app_name;
use crate::api::{AppCreate, Build, DeploymentCreate, SourceBlob};
use crate::cli::args::AppNameArg;
use crate::cli::client::{Client, ClientError};
use crate::cli::commands::auth;
use crate::cli::config::ApiUrl;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

/// How long a background server gets to answer `/health`.
const SERVER_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, ClapArgs)]
#[command(mut_arg("app", |a| a.help("The app to deploy to, created if it does not exist [default: the directory's name]")))]
pub struct UpArgs {
    /// The directory to deploy [default: the current one]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub app: AppNameArg,
}

pub fn up(args: &UpArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let given = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let dir = given.canonicalize().map_err(|e| {
        CliError::usage(
            format!("cannot deploy `{}`: {e}", given.display()),
            "give the directory of the app: `tug up path/to/app`",
        )
    })?;
    if !dir.is_dir() {
        return Err(CliError::usage(
            format!("`{}` is not a directory", given.display()),
            "give the directory of the app: `tug up path/to/app`",
        )
        .into());
    }
    let name = match &args.app.app {
        Some(app) => app.trim().to_string(),
        None => app_name_for(&dir),
    };
    check_app_name(&name).map_err(|e| CliError::usage(e, "name the app with `--app NAME`"))?;

    let api = ctx.api_url()?.clone();
    let started = ensure_server(ctx, &api)?;
    let client: &Client = match &started {
        Some(client) => client,
        None => ctx.client()?,
    };

    let exists = match ctx.block_on(client.app(&name)) {
        Ok(_) => true,
        Err(e)
            if e.downcast_ref::<ClientError>()
                .is_some_and(ClientError::is_not_found) =>
        {
            false
        }
        Err(e) => return Err(e),
    };
    if !exists {
        let progress = out.progress(format!("Creating {}", out.app_name(&name)));
        let body = AppCreate {
            name: Some(name.clone()),
            ..AppCreate::default()
        };
        ctx.block_on(client.create_app(&body))
            .map_err(|e| taken(e, &name))?;
        progress.done();
    }

    let source = upload_dir(ctx, client, &dir)?;

    // Through the deployments API, so `tug up` is recorded and checked like every deploy.
    let sha = head_sha(&dir);
    let body = DeploymentCreate {
        source_blob: Some(SourceBlob {
            url: Some(source.source_blob.get_url.clone()),
            version: sha.clone(),
            ..SourceBlob::default()
        }),
        git_ref: sha.as_ref().map(|_| "HEAD".to_string()),
        sha,
        trigger: Some("up".into()),
        ..DeploymentCreate::default()
    };
    let deployment = ctx.block_on(client.create_deployment(&name, &body))?;
    let build_id = deployment
        .build
        .as_ref()
        .map(|b| b.id.to_string())
        .ok_or_else(|| anyhow::anyhow!("deployment #{} has no build", deployment.number))?;
    let build = ctx.block_on(client.build(&name, &build_id))?;
    let mut stream = ctx.block_on(client.build_output(&build.output_stream_url))?;
    let mut output = out.build_output(false);
    while let Some(chunk) = ctx.block_on(stream.chunk())? {
        output.write(&chunk)?;
    }
    output.finish()?;
    let build = finished_build(ctx, client, &name, build)?;
    if build.status != "succeeded" {
        return Err(CliError::failed(
            format!("the build of {name} {}", build.status),
            format!("`tug builds:output -a {name}` shows its output again"),
        )
        .into());
    }

    if let Some(release) = &build.release {
        crate::cli::commands::ps::wait_for_web(ctx, client, &name, release.id)?;
    }
    let app = ctx.block_on(client.app(&name))?;
    if let Some(url) = app.web_url {
        out.line(&url)?;
    }
    Ok(())
}

/// `My App_2` → `my-app-2`: the directory name as a valid app name.
pub fn app_name_for(dir: &Path) -> String {
    let raw = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut name = String::new();
    for c in raw.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            name.push(c);
        } else if !name.ends_with('-') && !name.is_empty() {
            name.push('-');
        }
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.insert_str(0, "app-");
    }
    name.truncate(30);
    let mut name = name.trim_end_matches('-').to_string();
    while name.len() < 3 {
        name.push_str("-app");
    }
    name
}

fn taken(err: anyhow::Error, name: &str) -> anyhow::Error {
    match err.downcast_ref::<ClientError>() {
        Some(ClientError::Api { status, body })
            if *status == 409 || *status == 422 || body.message.contains("taken") =>
        {
            CliError::failed(
                format!("cannot create the app `{name}`: {}", body.message),
                "deploy under another name with `--app NAME`",
            )
            .into()
        }
        _ => err,
    }
}

/// The HEAD commit when the directory is a clean git repository: only then is what is uploaded
/// exactly that commit, so that its commit statuses can vouch for it.
fn head_sha(dir: &Path) -> Option<String> {
    let repo = git2::Repository::discover(dir).ok()?;
    let head = repo.head().ok()?.peel_to_commit().ok()?;
    // New files are uploaded too (unless ignored), so they make the directory differ as well.
    (!crate::cli::git::has_uncommitted_changes(&repo, true)).then(|| head.id().to_string())
}

/// A gzipped tarball of the directory: `.gitignore` respected (also outside a git repository),
/// `.git` left out, executable bits kept, symlinks as symlinks, entries in a stable order.
pub fn tarball(dir: &Path) -> anyhow::Result<Vec<u8>> {
    let mut tar = tar::Builder::new(GzEncoder::new(Vec::new(), Compression::fast()));
    tar.mode(tar::HeaderMode::Deterministic);
    tar.follow_symlinks(false);
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(false)
        .git_global(false)
        .require_git(false)
        .filter_entry(|e| e.file_name() != ".git")
        .sort_by_file_name(std::cmp::Ord::cmp)
        .build();
    for entry in walker {
        let entry = entry?;
        let path = entry.path();
        let rel = path.strip_prefix(dir)?;
        if rel.as_os_str().is_empty() {
            continue;
        }
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            tar.append_dir(rel, path)?;
        } else if kind.is_file() || kind.is_symlink() {
            tar.append_path_with_name(path, rel).map_err(|e| {
                anyhow::Error::new(e).context(format!("could not pack `{}`", path.display()))
            })?;
        }
    }
    Ok(tar.into_inner()?.finish()?)
}

/// Packs `dir` (see [`tarball`]) and uploads it as a new source, saying so on stderr.
pub fn upload_dir(ctx: &Ctx, client: &Client, dir: &Path) -> anyhow::Result<crate::api::Source> {
    let out = &ctx.out;
    let progress = out.progress(format!("Packing {}", dir.display()));
    let tarball = tarball(dir)?;
    progress.finish(&format!("done, {}", human_size(tarball.len())));
    let progress = out.progress("Uploading source");
    let source = ctx.block_on(client.create_source())?;
    ctx.block_on(client.upload_source(&source.source_blob.put_url, tarball))?;
    progress.done();
    Ok(source)
}

pub fn human_size(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// The build once it has ended and, when it succeeded, has its release.
fn finished_build(ctx: &Ctx, client: &Client, app: &str, build: Build) -> anyhow::Result<Build> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut build = build;
    loop {
        build = ctx.block_on(client.build(app, &build.id.to_string()))?;
        let done = match build.status.as_str() {
            "pending" => false,
            "succeeded" => build.release.is_some(),
            _ => true,
        };
        if done || Instant::now() > deadline {
            return Ok(build);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

// ---- a platform in the background --------------------------------------------------------------

/// When the API URL is this machine and nothing listens there, starts `tug server` at that
/// address in the background and returns a client logged in to it.
fn ensure_server(ctx: &Ctx, api: &ApiUrl) -> anyhow::Result<Option<Client>> {
    if !api.is_local() {
        return Ok(None);
    }
    let probe = Client::new(api, None)?;
    match ctx.block_on(probe.health()) {
        Err(e) if refused(&e) => {}
        _ => return Ok(None),
    }
    let out = &ctx.out;
    let data = match &ctx.env.data_dir {
        Some(dir) => dir.clone(),
        None => crate::server::default_data_dir()?,
    };
    let url = reqwest::Url::parse(api.as_str())?;
    let host = url.host_str().unwrap_or("127.0.0.1");
    let port = url.port_or_known_default().unwrap_or(80);
    let addr = format!("{host}:{port}");
    let progress = out.progress(format!("Starting a tug server at {api}"));
    std::fs::create_dir_all(&data).map_err(|e| {
        anyhow::Error::new(e).context(format!("could not create `{}`", data.display()))
    })?;
    let log_path = data.join("server.log");
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log_path)?;
    let mut child = {
        use std::os::unix::process::CommandExt;
        Command::new(std::env::current_exe()?)
            .arg("server")
            .arg("--data-dir")
            .arg(&data)
            .arg("--api")
            .arg(&addr)
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .process_group(0)
            .spawn()?
    };
    let deadline = Instant::now() + SERVER_TIMEOUT;
    loop {
        if ctx.block_on(probe.health()).is_ok() {
            break;
        }
        let failed = |why: String| CliError::failed(why, format!("see `{}`", log_path.display()));
        if let Some(status) = child.try_wait()? {
            return Err(failed(format!(
                "the tug server started in the background exited ({status})"
            ))
            .into());
        }
        if Instant::now() > deadline {
            return Err(failed(format!(
                "the tug server started in the background did not answer within {} s",
                SERVER_TIMEOUT.as_secs()
            ))
            .into());
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    progress.done();
    out.status(&format!(
        "Started a tug server in the background (data in {0}, log in {0}/server.log); stop it with `tug server stop`",
        data.display()
    ));
    if ctx.env.api_key.is_some() {
        return Ok(None);
    }
    // A token stored earlier for this address may still be good (the same data dir).
    if let Ok(Some((token, _))) = ctx.stored_token()
        && let Ok(client) = ctx.client_with(api, Some(token))
        && ctx.block_on(client.account()).is_ok()
    {
        return Ok(Some(client));
    }
    let token_path = data.join("admin.token");
    let token = std::fs::read_to_string(&token_path)
        .map_err(|e| {
            CliError::failed(
                format!("could not read `{}`: {e}", token_path.display()),
                "log in with `tug login`",
            )
        })?
        .trim()
        .to_string();
    let email = auth::store_token(ctx, api, &token)?;
    out.status(&format!("Logged in to {api} as {}", out.name(&email)));
    Ok(Some(ctx.client_with(api, Some(token))?))
}

fn refused(err: &anyhow::Error) -> bool {
    matches!(
        err.downcast_ref::<ClientError>(),
        Some(ClientError::Unreachable { cause, .. }) if cause.to_string() == "connection refused"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_names_become_app_names() {
        assert_eq!(app_name_for(Path::new("/x/hello")), "hello");
        assert_eq!(app_name_for(Path::new("/x/My App_2")), "my-app-2");
        assert_eq!(app_name_for(Path::new("/x/2048")), "app-2048");
        assert_eq!(app_name_for(Path::new("/x/a")), "a-app");
        assert_eq!(app_name_for(Path::new("/")), "app");
        let long = app_name_for(Path::new("/x/a-very-long-directory-name-that-goes-on"));
        assert!(check_app_name(&long).is_ok(), "{long}");
        for dir in [
            "/x/hello",
            "/x/My App_2",
            "/x/2048",
            "/x/a",
            "/",
            "/x/--",
            "/x/é",
        ] {
            let name = app_name_for(Path::new(dir));
            assert!(check_app_name(&name).is_ok(), "{dir}: {name}");
        }
    }

    #[test]
    fn tarballs_respect_gitignore_and_keep_exec_bits() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join(".gitignore"), "secret.txt\nbuild/\n").unwrap();
        std::fs::write(root.join("app.py"), "print(1)\n").unwrap();
        std::fs::write(root.join("secret.txt"), "x").unwrap();
        std::fs::create_dir_all(root.join("build")).unwrap();
        std::fs::write(root.join("build/out"), "x").unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/HEAD"), "x").unwrap();
        std::fs::create_dir_all(root.join("bin")).unwrap();
        std::fs::write(root.join("bin/run"), "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(root.join("bin/run"), std::fs::Permissions::from_mode(0o755))
            .unwrap();
        let bytes = tarball(root).unwrap();
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(&bytes[..]));
        let mut seen = Vec::new();
        for entry in archive.entries().unwrap() {
            let entry = entry.unwrap();
            let path = entry.path().unwrap().to_string_lossy().into_owned();
            if path == "bin/run" {
                assert_eq!(entry.header().mode().unwrap() & 0o111, 0o111);
            }
            seen.push(path);
        }
        assert_eq!(seen, [".gitignore", "app.py", "bin", "bin/run"]);
    }
}
