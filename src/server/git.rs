//! Git for apps: one bare repository per app, driven by the system `git`, and the pre-receive
//! hook (`tug server hook`, this same binary) that turns a push into a build. The hook talks to
//! the server over a Unix socket in the data dir: it sends the pushed commit as a tarball and
//! relays the build output back to `git push`, where it shows as `remote:` lines.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::{UnixListener, UnixStream};
use tokio::sync::watch;
use uuid::Uuid;

use super::deploy::build_pipeline::{BuildLog, BuildRequest, Pipeline, StartError};
use super::deploy::deployments::Intent;
use super::deploy::review_apps::{BranchPush, PushOutcome, ReviewApps};
use super::store::AppRow;
use crate::ExitStatus;

/// Where the hook finds the server, and which push it belongs to.
pub const HOOK_SOCKET_ENV: &str = "TUG_HOOK_SOCKET";
pub const PUSH_ID_ENV: &str = "TUG_PUSH_ID";

/// Marks the hook protocol's last line: the outcome as JSON.
const STATUS_MARK: char = '\u{1e}';

/// The largest source tarball a push may send.
pub const MAX_PUSH_BYTES: u64 = 1024 * 1024 * 1024;

const ZERO_SHA: &str = "0000000000000000000000000000000000000000";

/// The bare repositories, `DATA/repos/<app id>.git`.
pub struct Repos {
    root: PathBuf,
    exe: PathBuf,
}

impl Repos {
    pub fn new(data_dir: &Path) -> anyhow::Result<Repos> {
        let root = data_dir.join("repos");
        std::fs::create_dir_all(&root)
            .with_context(|| format!("cannot create `{}`", root.display()))?;
        let exe = std::env::current_exe().context("cannot find the tug executable")?;
        Ok(Repos { root, exe })
    }

    pub fn path(&self, app_id: Uuid) -> PathBuf {
        self.root.join(format!("{app_id}.git"))
    }

    /// The app's repository, created on first use; its hook always points at this binary.
    pub fn ensure(&self, app_id: Uuid) -> anyhow::Result<PathBuf> {
        let path = self.path(app_id);
        if !path.join("HEAD").exists() {
            let out = Command::new("git")
                .args(["init", "--bare", "--quiet", "--initial-branch=main"])
                .arg(&path)
                .output()
                .context("cannot run `git`; is it installed?")?;
            if !out.status.success() {
                anyhow::bail!(
                    "`git init` failed: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
            }
        }
        let hook = path.join("hooks/pre-receive");
        let script = format!(
            "#!/bin/sh\nexec '{}' server hook\n",
            self.exe.display().to_string().replace('\'', r"'\''")
        );
        if std::fs::read_to_string(&hook).ok().as_deref() != Some(script.as_str()) {
            std::fs::create_dir_all(path.join("hooks"))?;
            std::fs::write(&hook, script)?;
            std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))?;
        }
        Ok(path)
    }

    pub fn remove(&self, app_id: Uuid) {
        let _ = std::fs::remove_dir_all(self.path(app_id));
    }

    /// At start: removes the repositories of apps that are gone and what interrupted pushes
    /// left in the others (git quarantines an incoming push in `objects/tmp_objdir-incoming-*`
    /// and deletes it only when receive-pack ends normally).
    pub fn sweep(&self, apps: &HashSet<Uuid>) {
        let Ok(entries) = std::fs::read_dir(&self.root) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let known = entry
                .file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".git"))
                .and_then(|id| Uuid::parse_str(id).ok())
                .is_some_and(|id| apps.contains(&id));
            if !known {
                tracing::info!("removing `{}`: its app is gone", path.display());
                let _ = std::fs::remove_dir_all(&path);
                continue;
            }
            let Ok(objects) = std::fs::read_dir(path.join("objects")) else {
                continue;
            };
            for object in objects.flatten() {
                if object.file_name().to_str().is_some_and(|n| {
                    n.starts_with("tmp_objdir-incoming-") || n.starts_with("incoming-")
                }) {
                    tracing::info!(
                        "removing `{}`: left by an interrupted push",
                        object.path().display()
                    );
                    let _ = std::fs::remove_dir_all(object.path());
                }
            }
        }
    }
}

/// A push in progress: registered while `git receive-pack` runs, looked up by its hook.
#[derive(Clone)]
pub struct PushSession {
    pub app: AppRow,
    pub user_id: Uuid,
    pub web_url: String,
}

#[derive(Default)]
pub struct PushSessions(Mutex<HashMap<String, PushSession>>);

impl PushSessions {
    pub fn open(&self, session: PushSession) -> anyhow::Result<String> {
        let id = super::auth::new_token()?;
        crate::sync::lock(&self.0).insert(id.clone(), session);
        Ok(id)
    }

    pub fn close(&self, id: &str) {
        crate::sync::lock(&self.0).remove(id);
    }

    fn get(&self, id: &str) -> Option<PushSession> {
        crate::sync::lock(&self.0).get(id).cloned()
    }
}

/// The hook's request: one JSON line, then `size` bytes of gzipped tarball.
#[derive(Debug, Serialize, Deserialize)]
struct HookRequest {
    push: String,
    #[serde(rename = "ref")]
    refname: String,
    old: String,
    new: String,
    /// The pushed commit's subject line.
    #[serde(default)]
    subject: Option<String>,
    size: u64,
}

#[derive(Debug, Serialize, Deserialize)]
struct HookStatus {
    ok: bool,
}

/// What the hook handler needs of the server: the open pushes, and the pipeline that builds them.
#[derive(Clone)]
pub struct HookState {
    pub pushes: Arc<PushSessions>,
    pub pipeline: Pipeline,
    /// Pushes of other branches go to the pipeline's review apps.
    pub review: ReviewApps,
}

/// Serves hook connections until `stop`.
pub async fn serve_hooks(
    listener: UnixListener,
    state: HookState,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = stop.wait_for(|s| *s) => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let state = state.clone();
                    tokio::spawn(async move {
                        if let Err(e) = handle_hook(stream, state).await {
                            tracing::warn!("push hook connection failed: {e:#}");
                        }
                    });
                }
                Err(e) => tracing::warn!("hook socket accept failed: {e}"),
            }
        }
    }
}

/// One push: its tarball in, its build started, the build's output and outcome back out.
async fn handle_hook(stream: UnixStream, state: HookState) -> anyhow::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut read = tokio::io::BufReader::new(read);
    let mut header = String::new();
    (&mut read).take(64 * 1024).read_line(&mut header).await?;
    let req: HookRequest = serde_json::from_str(header.trim()).context("bad hook request")?;
    let Some(session) = state.pushes.get(&req.push) else {
        return reject(&mut write, " !     This push is not known to the server.\n").await;
    };
    if req.size > MAX_PUSH_BYTES {
        let msg = format!(
            " !     The pushed source is {} bytes; the limit is {MAX_PUSH_BYTES}.\n",
            req.size
        );
        return reject(&mut write, &msg).await;
    }
    let branch = req
        .refname
        .strip_prefix("refs/heads/")
        .unwrap_or(&req.refname);
    if !matches!(branch, "main" | "master") {
        return review_push(&mut read, &mut write, &state, &session, &req).await;
    }
    let source = state.pipeline.scratch_file();
    receive_source(&mut read, &source, req.size).await?;
    let started = state
        .pipeline
        .start(push_build(&session, &req, source))
        .await;
    let log = match started {
        Ok(started) => started.log,
        Err(StartError::Other(e)) => return Err(e),
        Err(refused) => return reject(&mut write, &why_not_built(refused)).await,
    };
    let Some(ok) = relay_output(&mut write, &log).await else {
        return Ok(());
    };
    write.write_all(hook_status(ok).as_bytes()).await?;
    Ok(())
}

/// A push of another branch: its review app made, built or destroyed, or the push refused.
async fn review_push(
    read: &mut (impl AsyncRead + Unpin),
    write: &mut (impl AsyncWriteExt + Unpin),
    state: &HookState,
    session: &PushSession,
    req: &HookRequest,
) -> anyhow::Result<()> {
    let source = if req.new == ZERO_SHA {
        None
    } else {
        let source = state.pipeline.scratch_file();
        receive_source(read, &source, req.size).await?;
        Some(source)
    };
    let push = BranchPush {
        branch: req
            .refname
            .strip_prefix("refs/heads/")
            .unwrap_or(&req.refname)
            .to_string(),
        source,
        sha: req.new.clone(),
        subject: req.subject.clone(),
    };
    let said = |lines: Vec<String>, mark: &str| {
        lines
            .iter()
            .map(|l| format!("{mark}{l}\n"))
            .collect::<String>()
    };
    match state.review.push(&session.app, session.user_id, push).await {
        PushOutcome::Refused(lines) => reject(write, &said(lines, " !     ")).await,
        PushOutcome::Noted(lines) => {
            write.write_all(said(lines, "-----> ").as_bytes()).await?;
            write.write_all(hook_status(true).as_bytes()).await?;
            Ok(())
        }
        PushOutcome::Building {
            log,
            app,
            url,
            created,
        } => {
            let verb = if created { "Creating" } else { "Updating" };
            write
                .write_all(format!("-----> {verb} review app {app}\n").as_bytes())
                .await?;
            let Some(ok) = relay_output(write, &log).await else {
                return Ok(());
            };
            if ok {
                let line = format!("-----> Review app {app} deployed to {url}\n");
                write.write_all(line.as_bytes()).await?;
            }
            write.write_all(hook_status(ok).as_bytes()).await?;
            Ok(())
        }
    }
}

/// The hook protocol's last line: the push's outcome.
fn hook_status(ok: bool) -> String {
    format!("{STATUS_MARK}{}\n", serde_json::json!({ "ok": ok }))
}

/// Tells the pusher why nothing is built, and that the push fails.
async fn reject(write: &mut (impl AsyncWriteExt + Unpin), msg: &str) -> anyhow::Result<()> {
    write.write_all(msg.as_bytes()).await?;
    write.write_all(hook_status(false).as_bytes()).await?;
    Ok(())
}

/// Copies the pushed tarball (`size` bytes) into `source`.
async fn receive_source(
    read: &mut (impl AsyncRead + Unpin),
    source: &Path,
    size: u64,
) -> anyhow::Result<()> {
    let mut file = tokio::fs::File::create(source).await?;
    let copied = tokio::io::copy(&mut read.take(size), &mut file).await?;
    if copied != size {
        let _ = tokio::fs::remove_file(source).await;
        anyhow::bail!("the hook sent {copied} of {size} bytes");
    }
    file.flush().await?;
    Ok(())
}

/// What a push asks the pipeline for: the pushed commit of the pushed branch.
fn push_build(session: &PushSession, req: &HookRequest, source: PathBuf) -> BuildRequest {
    BuildRequest {
        app: session.app.clone(),
        user_id: session.user_id,
        source,
        source_url: None,
        version: Some(req.new.clone()),
        version_description: None,
        checksum: None,
        buildpacks: None,
        web_url: session.web_url.clone(),
        unwrap_single_dir: false,
        intent: Intent {
            trigger: "push".into(),
            git_ref: Some(
                req.refname
                    .strip_prefix("refs/heads/")
                    .unwrap_or(&req.refname)
                    .to_string(),
            ),
            sha: crate::api::commit_status::full_sha(&req.new),
            description: req.subject.clone(),
            ..Intent::default()
        },
    }
}

/// What the pusher reads when the pipeline did not take the push on.
fn why_not_built(refused: StartError) -> String {
    match refused {
        StartError::Refused {
            deployment,
            refusal,
        } => format!(
            " !     Deployment #{} refused: {refusal}\n !     Nothing was built; `tug deployments:info {} -a {}` shows the record.\n",
            deployment.number, deployment.number, deployment.app_name
        ),
        StartError::Busy(app) => format!(
            " !     A build of `{app}` is already running: pushes to one app go one at a time.\n !     Wait for it to finish and push again.\n"
        ),
        StartError::ShuttingDown => " !     The server is shutting down: nothing was built.\n !     Push again once it is back.\n".to_string(),
        StartError::Other(e) => format!(" !     {e:#}\n"),
    }
}

/// Relays the build's output as it comes, until the build ends (`Some(succeeded)`) or the
/// hook goes away (`None`: the client hung up, which does not stop the build). A line still
/// being written goes as it stands, ended by `\r` as a progress display does, so git shows it
/// at once (its side band holds text back until a `\n` or `\r`) and the finished line, or
/// the next update, is drawn over it.
async fn relay_output(write: &mut (impl AsyncWriteExt + Unpin), log: &BuildLog) -> Option<bool> {
    let mut at = (0, 0);
    let mut changed = log.subscribe();
    loop {
        let live = log.read_live(at);
        at = live.next;
        for (number, text) in live.pieces {
            let end = if number.is_some() { '\n' } else { '\r' };
            write
                .write_all(format!("{text}{end}").as_bytes())
                .await
                .ok()?;
        }
        if let Some(ok) = live.done {
            return Some(ok);
        }
        if changed.changed().await.is_err() {
            return Some(false);
        }
    }
}

/// `tug server hook`: git's pre-receive hook. Refuses what cannot be pushed, notes the tags it
/// keeps, sends a pushed branch's commit to the server and relays what the server says (a
/// build's output, or that the branch is kept); a failed build rejects the push.
#[allow(clippy::print_stderr)]
pub fn hook_main() -> anyhow::Result<ExitStatus> {
    let socket = std::env::var_os(HOOK_SOCKET_ENV).ok_or_else(|| {
        anyhow::anyhow!("`tug server hook` runs inside `git receive-pack` under `tug server`")
    })?;
    let push = std::env::var(PUSH_ID_ENV).context("the push id is missing")?;
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let refuse = |lines: &[String]| {
        for l in lines {
            eprintln!(" !     {l}");
        }
        Ok(ExitStatus::Failure)
    };
    let pushed = match pushed_refs(&input) {
        Ok(pushed) => pushed,
        Err(lines) => return refuse(&lines),
    };
    for note in tag_notes(&pushed.tags) {
        eprintln!("-----> {note}");
    }
    let Some((refname, old, new)) = pushed.branch else {
        return Ok(ExitStatus::Success);
    };
    // A deleted branch has no commit to send; the server only needs its name.
    let archive = if new == ZERO_SHA {
        vec![]
    } else {
        let made = Command::new("git")
            .args(["archive", "--format=tar.gz", &new])
            .output()
            .context("cannot run `git archive`")?;
        if !made.status.success() {
            return refuse(&[format!(
                "Cannot read the pushed commit: {}",
                String::from_utf8_lossy(&made.stderr).trim()
            )]);
        }
        made.stdout
    };
    let mut stream = std::os::unix::net::UnixStream::connect(&socket).with_context(|| {
        format!(
            "cannot reach the server at `{}`",
            Path::new(&socket).display()
        )
    })?;
    let subject = Command::new("git")
        .args(["log", "-1", "--format=%s", &new])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty());
    let header = HookRequest {
        push,
        refname,
        old,
        new,
        subject,
        size: archive.len() as u64,
    };
    stream.write_all(format!("{}\n", serde_json::to_string(&header)?).as_bytes())?;
    stream.write_all(&archive)?;
    stream.flush()?;
    let ok = relay_to_git(stream)?;
    Ok(if ok {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    })
}

/// Passes the server's output on to git (our stderr) piece by piece, a `\r`-ended update as
/// soon as it comes, until the status line; answers whether the build succeeded.
fn relay_to_git(stream: std::os::unix::net::UnixStream) -> anyhow::Result<bool> {
    let mut reader = BufReader::new(stream);
    let mut stderr = std::io::stderr().lock();
    let mut piece = Vec::new();
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let end = buf.iter().position(|&b| b == b'\n' || b == b'\r');
        let take = end.map_or(buf.len(), |at| at + 1);
        piece.extend_from_slice(&buf[..take]);
        reader.consume(take);
        if end.is_none() {
            continue;
        }
        let mut mark = [0u8; 4];
        if let Some(status) = piece.strip_prefix(STATUS_MARK.encode_utf8(&mut mark).as_bytes()) {
            return Ok(serde_json::from_slice::<HookStatus>(status).is_ok_and(|s| s.ok));
        }
        stderr.write_all(&piece)?;
        stderr.flush()?;
        piece.clear();
    }
}

/// What one push updates, from the `OLD NEW REFNAME` lines git gives a pre-receive hook.
#[derive(Debug, Default, PartialEq, Eq)]
struct PushedRefs {
    /// `(refname, old, new)` of the one branch the server decides on: `main` or `master`
    /// (which deploy), or another branch, pushed or deleted (kept, or built on its review app).
    branch: Option<(String, String, String)>,
    /// Tags the push keeps (`true`) or deletes (`false`): nothing deploys, the server only
    /// keeps them for `tug deploy` and the dashboard's Deploy tab.
    tags: Vec<(String, bool)>,
}

/// Reads a push's ref updates; refused, in the lines that say why, when it pushes what is
/// neither a branch nor a tag, deletes the deployed branch or moves several branches at
/// once. Lines without three fields are skipped.
fn pushed_refs(input: &str) -> Result<PushedRefs, Vec<String>> {
    let mut updates = vec![];
    let mut tags = vec![];
    for line in input.lines() {
        let mut parts = line.split_whitespace();
        let (Some(old), Some(new), Some(refname)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if let Some(tag) = refname.strip_prefix("refs/tags/") {
            tags.push((tag.to_string(), new != ZERO_SHA));
            continue;
        }
        match refname.strip_prefix("refs/heads/") {
            Some("main" | "master") if new == ZERO_SHA => {
                return Err(vec![format!(
                    "Deleting `{refname}` is not allowed: it is what the app runs."
                )]);
            }
            Some(_) => updates.push((refname.to_string(), old.to_string(), new.to_string())),
            None => {
                return Err(vec![format!(
                    "Only branches and tags can be pushed here, not `{refname}`."
                )]);
            }
        }
    }
    if updates.len() > 1 {
        let names: Vec<String> = updates.iter().map(|(r, _, _)| format!("`{r}`")).collect();
        return Err(vec![format!(
            "Push one branch at a time: this push has {}.",
            names.join(", ")
        )]);
    }
    Ok(PushedRefs {
        branch: updates.pop(),
        tags,
    })
}

/// What the pusher reads about the tags a push keeps or deletes.
fn tag_notes(tags: &[(String, bool)]) -> Vec<String> {
    let mut notes = vec![];
    for (tag, kept) in tags {
        if *kept {
            notes.push(format!(
                "Tag `{tag}` was kept, not deployed: only `main` and `master` deploy."
            ));
            notes.push(format!(
                "To deploy it, run `tug deploy {tag}`, pick it on the dashboard's Deploy tab, or run `git push tug {tag}~0:main`."
            ));
        } else {
            notes.push(format!("Tag `{tag}` was deleted."));
        }
    }
    notes
}

#[cfg(test)]
mod props;
