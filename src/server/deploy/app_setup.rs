//! What an app made from app.json gets once its first build is released: app.json's
//! `formation`, then its `postdeploy` script, run once as a one-off dyno; the setup records
//! how each went. The request side (reading app.json, config vars, add-ons, the build) is in
//! `http/app_setups.rs`.

use std::sync::Arc;

use tokio::sync::mpsc;
use uuid::Uuid;

use super::apply::Live;
use super::build_pipeline::BuildLog;
use crate::server::quotas::Quotas;
use crate::server::store::AppRow;

/// The most of a postdeploy script's output the setup keeps (its end, where errors are).
const MAX_OUTPUT: usize = 64 * 1024;

/// A setup waiting for its build.
pub struct AfterBuild {
    pub setup_id: Uuid,
    pub app: AppRow,
    /// Checked process types with the quantity and size app.json asks for.
    pub formation: Vec<(String, Option<u32>, Option<String>)>,
    pub postdeploy: Option<String>,
    pub log: Arc<BuildLog>,
    pub quotas: Quotas,
}

/// Finishes the setup in the background once its build ends; the task answers how it went.
pub fn spawn(live: Live, after: AfterBuild) -> tokio::task::JoinHandle<Result<(), String>> {
    tokio::spawn(async move {
        let outcome = finish(&live, &after).await;
        if let Err(why) = &outcome {
            live.api_log(after.app.id, &format!("App setup failed: {why}"));
        }
        if let Err(e) = live
            .store
            .finish_app_setup(after.setup_id, outcome.as_ref().err().map(String::as_str))
        {
            tracing::error!("cannot record the end of app setup {}: {e}", after.setup_id);
        }
        outcome
    })
}

async fn finish(live: &Live, after: &AfterBuild) -> Result<(), String> {
    if !build_succeeded(&after.log).await {
        return Err("the build failed: `tug builds:output` shows why".into());
    }
    scale(live, after).await?;
    let Some(command) = &after.postdeploy else {
        return Ok(());
    };
    let (code, output) = run_script(live, &after.app, "postdeploy", command).await?;
    live.store
        .set_app_setup_postdeploy(after.setup_id, &output, code)
        .map_err(|e| format!("cannot record the postdeploy script's outcome: {e}"))?;
    match code {
        0 => Ok(()),
        code => Err(format!("the postdeploy script exited with status {code}")),
    }
}

/// Waits for the build's end; whether it succeeded (and so its release went live).
pub async fn build_succeeded(log: &BuildLog) -> bool {
    let mut changed = log.subscribe();
    loop {
        if let (_, Some(ok)) = log.read_from(usize::MAX) {
            return ok;
        }
        if changed.changed().await.is_err() {
            return log.read_from(usize::MAX).1.unwrap_or(false);
        }
    }
}

/// Applies app.json's formation to the process types the release has.
async fn scale(live: &Live, after: &AfterBuild) -> Result<(), String> {
    let app = &after.app;
    let current = live.store.formations(app.id).map_err(|e| e.to_string())?;
    let mut changes = vec![];
    for (kind, quantity, size) in &after.formation {
        let Some(row) = current.iter().find(|f| f.kind == *kind) else {
            live.api_log(
                app.id,
                &format!("app.json's formation names `{kind}`, which the Procfile lacks"),
            );
            continue;
        };
        let quantity = quantity.map_or(row.quantity, i64::from);
        let size = size.clone().unwrap_or_else(|| row.size.clone());
        changes.push((kind.clone(), quantity, size));
    }
    if changes.is_empty() {
        return Ok(());
    }
    let after_counts: Vec<(String, i64)> = current
        .iter()
        .map(|f| {
            let q = changes
                .iter()
                .find(|(k, _, _)| *k == f.kind)
                .map_or(f.quantity, |(_, q, _)| *q);
            (f.kind.clone(), q)
        })
        .collect();
    let elsewhere = live
        .store
        .dynos_scaled_by_owner(app.owner_id, app.id)
        .map_err(|e| e.to_string())?;
    after
        .quotas
        .check_formation(&app.name, &after_counts, 0, elsewhere)
        .map_err(|e| format!("app.json's formation: {e}"))?;
    let rows = live
        .store
        .update_formations(app.id, &changes)
        .map_err(|e| e.to_string())?;
    let summary: Vec<String> = rows
        .iter()
        .map(|f| format!("{}={}:{}", f.kind, f.quantity, f.size))
        .collect();
    live.api_log(
        app.id,
        &format!("Scale to {} by app.json", summary.join(", ")),
    );
    live.scale(app.id)
        .await
        .map_err(|e| format!("the formation could not be applied: {e}"))
}

/// Runs app.json's `pr-predestroy` script before the app goes; what it did goes to the server's
/// log, since the app's log goes with the app.
pub async fn predestroy(live: &Live, app: &AppRow, command: &str) {
    match run_script(live, app, "pr-predestroy", command).await {
        Ok((code, output)) => tracing::info!(
            "the pr-predestroy script of `{}` exited with status {code}: {}",
            app.name,
            tail(output, 2048)
        ),
        Err(why) => tracing::info!("`{}`: {why}", app.name),
    }
}

/// Runs one of app.json's scripts on the app's current release: its exit code and the end of
/// its output.
pub async fn run_script(
    live: &Live,
    app: &AppRow,
    kind: &str,
    command: &str,
) -> Result<(i32, String), String> {
    let release = live
        .store
        .current_release(app.id)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("the {kind} script needs a release to run on"))?;
    let spec = live
        .spec(app, &release)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("the {kind} script needs a release with code"))?;
    live.api_log(app.id, &format!("Running {kind} script `{command}`"));
    let (tx, mut rx) = mpsc::unbounded_channel::<String>();
    let collect = tokio::spawn(async move {
        let mut output = String::new();
        while let Some(line) = rx.recv().await {
            output.push_str(&line);
            output.push('\n');
        }
        output
    });
    let code = live.runtime.run_script(&spec, kind, command, tx).await;
    let output = collect.await.unwrap_or_default();
    let code = code.map_err(|e| format!("the {kind} script could not run: {e}"))?;
    Ok((code, tail(output, MAX_OUTPUT)))
}

/// The last `max` bytes of `text`, cut at a character boundary.
fn tail(text: String, max: usize) -> String {
    if text.len() <= max {
        return text;
    }
    let mut start = text.len() - max;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    text[start..].to_string()
}

#[cfg(test)]
mod tests {
    use super::tail;

    #[test]
    fn tail_keeps_the_end_on_a_character_boundary() {
        assert_eq!(tail("abc".into(), 5), "abc");
        assert_eq!(tail("abcdef".into(), 3), "def");
        assert_eq!(tail("aéb".into(), 2), "b");
    }
}
