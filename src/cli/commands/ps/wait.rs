//! Waiting for dynos to come up, saying what is awaited: `web dynos up 1/2` beside a spinner on
//! a terminal, a line at each change elsewhere. `tug up` and `tug deploy` wait for a release's
//! web dynos, `ps:restart` for the replacements of the dynos it restarted; all through
//! [`wait_for_dynos`].

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::api::Dyno;
use crate::cli::client::{Client, Target};
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

/// How long awaited dynos get to come up.
const UP_TIMEOUT: Duration = Duration::from_secs(70);

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
    let want = usize::try_from(web.quantity).unwrap_or(usize::MAX);
    wait_for_dynos(ctx, client, app, "web dynos", want, |d| {
        d.kind == "web" && d.release.id == release
    })
}

/// The formation dynos a restart of `target` replaces, read before it: their names, and the
/// ids that the replacements will not have. One-offs are stopped, not replaced, so they are not
/// awaited.
pub struct Replaced {
    what: String,
    names: BTreeSet<String>,
    old: BTreeSet<Uuid>,
}

impl Replaced {
    pub fn before(ctx: &Ctx, client: &Client, app: &str, target: &Target) -> anyhow::Result<Self> {
        let dynos = ctx.block_on(client.dynos(app))?;
        let selected: Vec<&Dyno> = dynos
            .iter()
            .filter(|d| d.kind != "run")
            .filter(|d| match target {
                Target::All => true,
                Target::Type(kind) => &d.kind == kind,
                Target::Dyno(name) => &d.name == name,
            })
            .collect();
        let what = match target {
            Target::All => "dynos".to_string(),
            Target::Type(kind) => format!("{kind} dynos"),
            Target::Dyno(name) => format!("dyno {name}"),
        };
        Ok(Replaced {
            what,
            names: selected.iter().map(|d| d.name.clone()).collect(),
            old: selected.iter().map(|d| d.id).collect(),
        })
    }

    /// Waits until each restarted dyno has a replacement that is up.
    pub fn wait(&self, ctx: &Ctx, client: &Client, app: &str) -> anyhow::Result<()> {
        if self.names.is_empty() {
            return Ok(());
        }
        wait_for_dynos(ctx, client, app, &self.what, self.names.len(), |d| {
            self.names.contains(&d.name) && !self.old.contains(&d.id)
        })
    }
}

/// Waits until `want` of the dynos that `counts` picks are up, showing how many are, and how
/// many crashed (the platform restarts those with backoff, so the wait goes on).
pub fn wait_for_dynos(
    ctx: &Ctx,
    client: &Client,
    app: &str,
    what: &str,
    want: usize,
    counts: impl Fn(&Dyno) -> bool,
) -> anyhow::Result<()> {
    let out = &ctx.out;
    let mut progress = out.progress(format!("Waiting for the {what}"));
    let deadline = Instant::now() + UP_TIMEOUT;
    loop {
        let dynos = ctx.block_on(client.dynos(app))?;
        let counted = || dynos.iter().filter(|d| counts(d));
        let up = counted().filter(|d| d.state == "up").count();
        let crashed = counted().filter(|d| d.state == "crashed").count();
        let mut now = format!("{what} up {up}/{want}");
        if crashed > 0 {
            now.push_str(&format!(", {crashed} crashed"));
        }
        progress.update(&now);
        if up >= want {
            progress.finish(&format!("done, {up} up"));
            return Ok(());
        }
        if Instant::now() > deadline {
            drop(progress);
            return Err(CliError::failed(
                format!(
                    "the {what} of {app} did not come up within {} s",
                    UP_TIMEOUT.as_secs()
                ),
                format!("`tug ps -a {app}` shows their state, `tug logs -a {app}` what they said"),
            )
            .into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
