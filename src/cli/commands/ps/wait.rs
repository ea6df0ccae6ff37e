//! Waiting for a release's web dynos after `tug up`'s build, saying what is
//! awaited: `web dynos up 1/2` beside a spinner on a terminal, a line at each change elsewhere.

use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::cli::client::Client;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

/// How long the web dynos of a new release get to come up.
const WEB_TIMEOUT: Duration = Duration::from_secs(70);

/// Waits until the web dynos of `release` are up, when the app has a web process.
pub fn wait_for_web(ctx: &Ctx, client: &Client, app: &str, release: Uuid) -> anyhow::Result<()> {
    let out = &ctx.out;
    let formation = ctx.block_on(client.formation(app))?;
    let Some(web) = formation.iter().find(|f| f.kind == "web") else {
        out.warn(&format!(
            "{app} has no `web` process type, so it has no URL to serve; `tug ps` shows what runs"
        ));
        return Ok(());
    };
    if web.quantity < 1 {
        out.hint(&format!(
            "no web dynos run; start one with `tug ps:scale web=1 -a {app}`"
        ));
        return Ok(());
    }
    let mut progress = out.progress("Waiting for the web dynos");
    let deadline = Instant::now() + WEB_TIMEOUT;
    loop {
        let dynos = ctx.block_on(client.dynos(app))?;
        let up = dynos
            .iter()
            .filter(|d| d.kind == "web" && d.release.id == release && d.state == "up")
            .count();
        progress.update(&format!("web dynos up {up}/{}", web.quantity));
        if i64::try_from(up).unwrap_or(i64::MAX) >= web.quantity {
            progress.finish(&format!("done, {up} up"));
            return Ok(());
        }
        if Instant::now() > deadline {
            drop(progress);
            return Err(CliError::failed(
                format!(
                    "the web dynos of {app} did not come up within {} s",
                    WEB_TIMEOUT.as_secs()
                ),
                format!("`tug ps -a {app}` shows their state, `tug logs -a {app}` what they said"),
            )
            .into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
