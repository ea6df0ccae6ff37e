//! One-off dynos: `tug run` (attached or detached) and the release phase.

use super::*;

impl Runtime {
    /// Starts a one-off dyno (`tug run`), named `run.N`: the release's config vars plus
    /// `request.env`. Attached, it has a terminal when `request.tty` is set and pipes
    /// otherwise; detached, its output goes to the app's log.
    pub async fn run_oneoff(
        &self,
        release: &ReleaseSpec,
        request: OneOffRequest,
    ) -> Result<OneOff, RuntimeError> {
        let command = expand_command(release, &request.command)?;
        let stdio = match (request.attached, request.tty) {
            (false, _) => Stdio::Output,
            (true, Some((cols, rows))) => Stdio::Pty { cols, rows },
            (true, None) => Stdio::Pipes,
        };
        let (sink, output) = if request.attached {
            let (tx, rx) = mpsc::channel(ATTACHED_BUFFER);
            (Sink::Attached(tx), rx)
        } else {
            (Sink::Logs, mpsc::channel(1).1)
        };
        let mut env = release.config.clone();
        env.extend(request.env);
        let started = self
            .start_oneoff(
                release,
                "run",
                command,
                env,
                request.size,
                stdio,
                sink,
                None,
            )
            .await?;
        Ok(OneOff {
            id: started.id,
            name: started.name,
            stdin: started.stdin,
            output,
            control: started.control,
            exit: started.exit,
        })
    }

    /// The release phase: runs the release's `release` command as a one-off dyno named
    /// `release.N`, sends each line it prints to `out` (and the app's log), and returns its
    /// exit code. It is stopped after an hour, as on Heroku.
    pub async fn release_phase(
        &self,
        release: &ReleaseSpec,
        out: mpsc::UnboundedSender<String>,
    ) -> Result<i32, RuntimeError> {
        let command = release
            .process_types
            .get("release")
            .ok_or_else(|| RuntimeError::UnknownType("release".into()))?;
        self.run_script(release, "release", command, out).await
    }

    /// Runs one of the platform's scripts (the release command, app.json's `postdeploy` and
    /// `pr-predestroy`) as a one-off dyno named `KIND.N` with the release's config vars; each
    /// line goes to `out` and the app's log. Its exit code; it is stopped after an hour.
    pub async fn run_script(
        &self,
        release: &ReleaseSpec,
        kind: &str,
        command: &str,
        out: mpsc::UnboundedSender<String>,
    ) -> Result<i32, RuntimeError> {
        if command.trim().is_empty() {
            return Err(RuntimeError::EmptyProcessCommand(kind.into()));
        }
        let started = self
            .start_oneoff(
                release,
                kind,
                command.to_owned(),
                release.config.clone(),
                crate::api::DYNO_SIZE_NAME.to_owned(),
                Stdio::Output,
                Sink::Lines(out),
                Some(RELEASE_TIMEOUT),
            )
            .await?;
        Ok(started.exit.await.unwrap_or(255))
    }

    #[allow(clippy::too_many_arguments)]
    async fn start_oneoff(
        &self,
        release: &ReleaseSpec,
        kind: &str,
        command: String,
        env: BTreeMap<String, String>,
        size: String,
        stdio: Stdio,
        sink: Sink,
        limit: Option<Duration>,
    ) -> Result<Started, RuntimeError> {
        self.check_open()?;
        let prepared = self.shared.backend.prepare(release).await?;
        let release = Arc::new(Release {
            spec: release.clone(),
            prepared,
        });
        let app_id = release.spec.app_id;
        let (tx, rx) = mpsc::unbounded_channel();
        let id = Uuid::new_v4();
        let dyno_size = if size.is_empty() {
            crate::api::DYNO_SIZE_NAME.to_owned()
        } else {
            size
        };
        let name = self.add_oneoff_slot(&release, kind, &command, &dyno_size, id, tx.clone())?;
        let ctx = DynoCtx {
            shared: self.shared.clone(),
            app: app_id,
            id,
            name: name.clone(),
            release,
            command,
            size: dyno_size,
        };
        ctx.emit(&format!("Starting process with command `{}`", ctx.command));
        let mut spawned: Spawned = match ctx.spawn(stdio, &env).await {
            Ok(spawned) => spawned,
            Err(e) => {
                ctx.emit(&format!("Error: {e}"));
                self.shared.remove_slot(app_id, id);
                return Err(e);
            }
        };
        let streams = [spawned.stdout.take(), spawned.stderr.take()];
        let (pumps, attached) = pump_output(&self.shared.logs, app_id, &name, streams, sink);
        let (done, exit) = oneshot::channel();
        let control = OneOffControl {
            control: tx,
            resize: spawned.resize.clone(),
        };
        let stdin = spawned.stdin.take();
        tokio::spawn(dyno::oneoff(
            ctx,
            OneOffRun {
                exit: spawned.exit,
                signal: spawned.signal,
                control: rx,
                attached,
                pumps,
                limit,
                done,
            },
        ));
        Ok(Started {
            id,
            name,
            stdin,
            control,
            exit,
        })
    }

    /// Adds the one-off's slot (`run.N`, numbered per app) in state `starting` and announces
    /// it; refused once the runtime is shutting down.
    fn add_oneoff_slot(
        &self,
        release: &Arc<Release>,
        kind: &str,
        command: &str,
        dyno_size: &str,
        id: Uuid,
        tx: mpsc::UnboundedSender<Control>,
    ) -> Result<String, RuntimeError> {
        let app_id = release.spec.app_id;
        let mut guard = self.shared.lock();
        if guard.closing {
            return Err(RuntimeError::ShuttingDown);
        }
        let run = guard.apps.entry(app_id).or_insert_with(AppRun::new);
        run.next_oneoff += 1;
        let number = run.next_oneoff;
        let name = format!("{kind}.{number}");
        run.dynos.push(Slot::starting(
            DynoInfo::starting(
                id,
                name.clone(),
                kind,
                command.to_owned(),
                release.spec.version,
                dyno_size,
            ),
            number,
            true,
            tx,
        ));
        if let Some(slot) = run.dynos.last() {
            self.shared
                .announce(app_id, DynoChange::Created, &slot.info);
        }
        run.bump();
        Ok(name)
    }
}

struct Started {
    id: Uuid,
    name: String,
    stdin: Option<DynoInput>,
    control: OneOffControl,
    exit: oneshot::Receiver<i32>,
}

/// Starts one task per output stream of a one-off: to the attached client, to the app's log,
/// or to the log and a line channel (release phase). Returns the tasks and, when attached,
/// the client's channel, which the one-off's supervisor keeps.
fn pump_output(
    logs: &LogHub,
    app_id: Uuid,
    name: &str,
    streams: [Option<backend::DynoOutput>; 2],
    sink: Sink,
) -> (
    Vec<tokio::task::JoinHandle<()>>,
    Option<mpsc::Sender<OneOffOutput>>,
) {
    let mut pumps = Vec::new();
    let mut attached = None;
    match sink {
        Sink::Attached(out) => {
            let wraps: [fn(Vec<u8>) -> OneOffOutput; 2] =
                [OneOffOutput::Stdout, OneOffOutput::Stderr];
            for (stream, wrap) in streams.into_iter().zip(wraps) {
                if let Some(stream) = stream {
                    pumps.push(tokio::spawn(output::bytes(stream, out.clone(), wrap)));
                }
            }
            attached = Some(out);
        }
        Sink::Logs => {
            for stream in streams.into_iter().flatten() {
                let (logs, name) = (logs.clone(), name.to_owned());
                pumps.push(tokio::spawn(output::lines(stream, move |line| {
                    logs.emit(app_id, "app", &name, &line);
                })));
            }
        }
        Sink::Lines(out) => {
            for stream in streams.into_iter().flatten() {
                let (logs, name, out) = (logs.clone(), name.to_owned(), out.clone());
                pumps.push(tokio::spawn(output::lines(stream, move |line| {
                    logs.emit(app_id, "app", &name, &line);
                    let _ = out.send(line);
                })));
            }
        }
    }
    (pumps, attached)
}
