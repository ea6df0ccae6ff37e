//! An attached one-off (`tug run` with input or a terminal): a container of the release's image
//! on this node, attached through the Docker API before it starts so that no output is lost.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use bollard::Docker;
use bollard::container::LogOutput;
use bollard::models::{ContainerCreateBody, HostConfig};
use bollard::query_parameters::{
    AttachContainerOptions, CreateContainerOptions, KillContainerOptions, RemoveContainerOptions,
    ResizeContainerTTYOptions, WaitContainerOptions,
};
use futures_util::{FutureExt, StreamExt};
use tokio::io::AsyncWriteExt;

use super::super::backend::{Launch, Signal, Spawned, Stdio};
use super::{Run, detach, limits, memory};

pub(super) async fn spawn(run: &Run<'_>, launch: &Launch<'_>) -> Result<Spawned, String> {
    let (env, port) = run.env(launch)?;
    let terminal = matches!(launch.stdio, Stdio::Pty { .. });
    let (memory, pids) = limits(launch.size);
    let body = ContainerCreateBody {
        image: Some(run.image.to_owned()),
        cmd: Some(Run::command(launch)),
        env: Some(env),
        working_dir: Some("/app".to_owned()),
        labels: Some(run.labels(launch)),
        tty: Some(terminal),
        open_stdin: Some(true),
        stdin_once: Some(true),
        attach_stdin: Some(true),
        attach_stdout: Some(true),
        attach_stderr: Some(true),
        host_config: Some(HostConfig {
            memory: Some(memory),
            pids_limit: Some(pids),
            // The command is not the container's first process, which would ignore SIGTERM.
            init: Some(true),
            ..Default::default()
        }),
        ..Default::default()
    };
    let name = format!("tug-{}", uuid::Uuid::new_v4().simple());
    let options = CreateContainerOptions {
        name: Some(name.clone()),
        ..Default::default()
    };
    let docker = run.docker.clone();
    docker
        .create_container(Some(options), body)
        .await
        .map_err(|e| format!("docker refused the container: {e}"))?;
    let container = Arc::new(Container { docker, name });
    let gone = ContainerGuard(container.clone());
    let attach = AttachContainerOptions {
        stream: true,
        stdin: true,
        stdout: true,
        stderr: true,
        ..Default::default()
    };
    let attached = container
        .docker
        .attach_container(&container.name, Some(attach))
        .await
        .map_err(|e| format!("cannot attach: {e}"))?;
    container
        .docker
        .start_container(&container.name, None)
        .await
        .map_err(|e| format!("cannot start: {e}"))?;
    if let Stdio::Pty { cols, rows } = launch.stdio {
        container.resize(cols, rows);
    }
    let (stdout, stderr) = split(attached.output, terminal);
    let id = container.name.clone();
    let (alerts, memory) = memory::watch(run.docker, launch, async move { Some(id) });
    let exit = async move {
        let code = gone.0.wait().await;
        // Asked before the container goes.
        memory.after_exit().await;
        gone.0.remove().await;
        code
    }
    .boxed();
    let (signaller, resizer) = (container.clone(), container.clone());
    Ok(Spawned {
        addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
        network_of: None,
        ready: None,
        stdin: Some(attached.input),
        stdout: Some(stdout),
        stderr,
        signal: Arc::new(move |signal| signaller.signal(signal)),
        resize: terminal.then(|| {
            Arc::new(move |cols, rows| resizer.resize(cols, rows)) as super::super::backend::Resize
        }),
        exit,
        alerts: Some(alerts),
        node: Some(run.here.to_owned()),
    })
}

type Output = std::pin::Pin<
    Box<dyn futures_util::Stream<Item = Result<LogOutput, bollard::errors::Error>> + Send>,
>;

/// The attached stream as the dyno's stdout and stderr (with a terminal, one stream).
fn split(
    mut output: Output,
    terminal: bool,
) -> (
    super::super::backend::DynoOutput,
    Option<super::super::backend::DynoOutput>,
) {
    let (mut out_w, out_r) = tokio::io::duplex(64 * 1024);
    let (mut err_w, err_r) = tokio::io::duplex(64 * 1024);
    tokio::spawn(async move {
        while let Some(Ok(chunk)) = output.next().await {
            let written = match chunk {
                LogOutput::StdErr { message } => err_w.write_all(&message).await,
                LogOutput::StdOut { message } | LogOutput::Console { message } => {
                    out_w.write_all(&message).await
                }
                LogOutput::StdIn { .. } => Ok(()),
            };
            if written.is_err() {
                break;
            }
        }
    });
    let stderr = (!terminal).then(|| Box::pin(err_r) as super::super::backend::DynoOutput);
    (Box::pin(out_r), stderr)
}

struct Container {
    docker: Docker,
    name: String,
}

/// Removes the container when the one-off's exit is dropped.
struct ContainerGuard(Arc<Container>);

impl Drop for ContainerGuard {
    fn drop(&mut self) {
        let container = self.0.clone();
        detach(async move { container.remove().await });
    }
}

impl Container {
    async fn remove(&self) {
        let options = RemoveContainerOptions {
            force: true,
            ..Default::default()
        };
        // Removed already (by the guard or the exit) is fine.
        let _ = self
            .docker
            .remove_container(&self.name, Some(options))
            .await;
    }

    /// The exit code (Docker gives 128 + the signal number for a killed process).
    async fn wait(&self) -> i32 {
        let mut waits = self
            .docker
            .wait_container(&self.name, None::<WaitContainerOptions>);
        match waits.next().await {
            Some(Ok(answer)) => i32::try_from(answer.status_code).unwrap_or(255),
            // The client reports a non-zero exit as an error that carries the code.
            Some(Err(bollard::errors::Error::DockerContainerWaitError { code, .. })) => {
                i32::try_from(code).unwrap_or(255)
            }
            _ => 255,
        }
    }

    fn signal(self: &Arc<Self>, signal: Signal) {
        let container = self.clone();
        let name = match signal {
            Signal::Hangup => "SIGHUP",
            Signal::Terminate => "SIGTERM",
            Signal::Kill => "SIGKILL",
        };
        detach(async move {
            let options = KillContainerOptions {
                signal: name.to_owned(),
            };
            let _ = container
                .docker
                .kill_container(&container.name, Some(options))
                .await;
        });
    }

    fn resize(self: &Arc<Self>, cols: u16, rows: u16) {
        let container = self.clone();
        detach(async move {
            let options = ResizeContainerTTYOptions {
                w: i32::from(cols),
                h: i32::from(rows),
            };
            let _ = container
                .docker
                .resize_container_tty(&container.name, options)
                .await;
        });
    }
}
