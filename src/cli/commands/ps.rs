//! `tug ps`: the app's dynos, and `ps:scale`, `ps:restart`, `ps:stop`, `ps:type` to change them.

use std::collections::BTreeMap;

use clap::{Args as ClapArgs, Subcommand};
use console::Style;

use crate::api::names::check_process_type;
use crate::api::{Dyno, Formation, FormationBatchItem, FormationBatchUpdate, Quantity, Timestamp};
use crate::cli::args::{AppArg, JsonArg};
use crate::cli::client::Target;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::out::{Out, Table};

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<PsCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum PsCommand {
    /// Show the formation, or change how many dynos of each type run and their size
    ///
    /// Each change is `TYPE=N`, `TYPE+N`, `TYPE-N`, optionally followed by `:SIZE`
    /// (`web=2:standard-2X`). Several changes go in one request.
    Scale(ScaleArgs),
    /// Restart every dyno, the dynos of one type, or one dyno
    Restart(RestartArgs),
    /// Stop one dyno, or the dynos of one type (the formation brings them back on a restart)
    Stop(StopArgs),
    /// Show the size of each process type, or change it (`web=standard-2X`, or a size for all)
    Type(TypeArgs),
}

#[derive(Debug, Default, ClapArgs)]
pub struct ListArgs {
    /// Only the dynos of these process types (`run` for one-off dynos)
    #[arg(value_name = "TYPE")]
    pub types: Vec<String>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct ScaleArgs {
    /// Changes: `web=2`, `worker+1`, `web-1`, `web=2:standard-2X` [default: show the formation]
    #[arg(value_name = "TYPE=N")]
    pub changes: Vec<String>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, ClapArgs)]
pub struct RestartArgs {
    /// A dyno (`web.1`) or a process type (`web`) [default: every dyno]
    #[arg(value_name = "DYNO|TYPE", conflicts_with_all = ["dyno_name", "process_type"])]
    pub target: Option<String>,
    /// The dyno to restart (`web.1`)
    #[arg(short, long, value_name = "DYNO", conflicts_with = "process_type")]
    pub dyno_name: Option<String>,
    /// The process type whose dynos to restart (`web`)
    #[arg(short, long, value_name = "TYPE")]
    pub process_type: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
}

#[derive(Debug, ClapArgs)]
pub struct StopArgs {
    /// A dyno (`web.1`, `run.2`) or a process type (`worker`)
    #[arg(value_name = "DYNO|TYPE", conflicts_with_all = ["dyno_name", "process_type"])]
    pub target: Option<String>,
    /// The dyno to stop (`run.2`)
    #[arg(short, long, value_name = "DYNO", conflicts_with = "process_type")]
    pub dyno_name: Option<String>,
    /// The process type whose dynos to stop (`worker`)
    #[arg(short, long, value_name = "TYPE")]
    pub process_type: Option<String>,
    #[command(flatten)]
    pub app: AppArg,
}

#[derive(Debug, ClapArgs)]
pub struct TypeArgs {
    /// Changes: `web=standard-2X`, or one size for every type [default: show the sizes]
    #[arg(value_name = "TYPE=SIZE")]
    pub changes: Vec<String>,
    #[command(flatten)]
    pub app: AppArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(PsCommand::Scale(args)) => scale(&args, ctx),
        Some(PsCommand::Restart(args)) => restart(&args, ctx),
        Some(PsCommand::Stop(args)) => stop(&args, ctx),
        Some(PsCommand::Type(args)) => kind(&args, ctx),
    }
}

// ---- ps ---------------------------------------------------------------------------------------

/// The number in `web.12`, for sorting `web.2` before `web.10`.
fn dyno_number(name: &str) -> u64 {
    name.rsplit_once('.')
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(0)
}

fn is_one_off(dyno: &Dyno) -> bool {
    dyno.kind == "run"
}

fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    for kind in &args.types {
        check_process_type(kind).map_err(|e| CliError::usage(e, "`tug ps` lists every dyno"))?;
    }
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let mut dynos = ctx.block_on(client.dynos(&app))?;
    dynos.sort_by(|a, b| {
        (is_one_off(a), &a.kind, dyno_number(&a.name)).cmp(&(
            is_one_off(b),
            &b.kind,
            dyno_number(&b.name),
        ))
    });
    if !args.types.is_empty() {
        dynos.retain(|d| args.types.contains(&d.kind));
        if let Some(missing) = args
            .types
            .iter()
            .find(|t| !dynos.iter().any(|d| &d.kind == *t))
        {
            return Err(CliError::failed(
                format!("no {missing} dynos on {app}"),
                format!(
                    "`tug ps -a {app}` lists every dyno; `tug ps:scale {missing}=1` starts one"
                ),
            )
            .into());
        }
    }
    if args.json.json {
        return out.json(&dynos);
    }
    if dynos.is_empty() {
        out.status(&format!("No dynos on {app}"));
        out.hint(&format!(
            "deploy the app (`git push tug main` or `tug up`), then `tug ps:scale web=1 -a {app}`"
        ));
        return Ok(());
    }
    render(out, &dynos)
}

/// Heroku's layout on a terminal; tab-separated rows when piped.
fn render(out: &Out, dynos: &[Dyno]) -> anyhow::Result<()> {
    if !out.stdout_tty {
        let mut table = Table::new(vec!["name", "state", "since", "command"]);
        for d in dynos {
            table.row(vec![
                d.name.clone().into(),
                d.state.clone().into(),
                d.updated_at.to_rfc3339().into(),
                d.command.clone().into(),
            ]);
        }
        return Ok(out.table(&table)?);
    }
    let now = out.now();
    let state = |d: &Dyno| {
        let style = if d.state == "up" {
            Style::new().green()
        } else {
            Style::new().yellow()
        };
        format!("{} {}", style.apply_to(&d.state), since(d.updated_at, now))
    };
    let one_offs: Vec<&Dyno> = dynos.iter().filter(|d| is_one_off(d)).collect();
    if !one_offs.is_empty() {
        out.header(&format!("run: one-off processes ({})", one_offs.len()))?;
        for d in &one_offs {
            out.line(&format!(
                "{} ({}): {}: {}",
                d.name,
                d.size,
                state(d),
                d.command
            ))?;
        }
        out.gap()?;
    }
    // Grouped by type, then by what they run (dynos of an old and a new release may differ).
    let mut groups: BTreeMap<(&str, &str, &str), Vec<&Dyno>> = BTreeMap::new();
    for d in dynos.iter().filter(|d| !is_one_off(d)) {
        groups
            .entry((d.kind.as_str(), d.size.as_str(), d.command.as_str()))
            .or_default()
            .push(d);
    }
    for ((kind, size, command), group) in groups {
        out.header(&format!("{kind} ({size}): {command} ({})", group.len()))?;
        for d in group {
            out.line(&format!("{}: {}", d.name, state(d)))?;
        }
        out.gap()?;
    }
    Ok(())
}

/// `2026/11/22 10:00:00 +0000 (~ 5s ago)`; the relative part is left out after 25 hours.
pub fn since(t: Timestamp, now: Timestamp) -> String {
    let dt = t.to_datetime();
    let absolute = format!(
        "{:04}/{:02}/{:02} {:02}:{:02}:{:02} +0000",
        dt.year(),
        u8::from(dt.month()),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    );
    let secs = (now.0 - t.0).max(0);
    match secs {
        0..=59 => format!("{absolute} (~ {secs}s ago)"),
        60..=3599 => format!("{absolute} (~ {}m ago)", secs / 60),
        3600..=89_999 => format!("{absolute} (~ {}h ago)", secs / 3600),
        _ => absolute,
    }
}

// ---- ps:scale ---------------------------------------------------------------------------------

/// One `ps:scale` argument: `web=2`, `worker+1`, `web-1`, `web=2:standard-2X`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: String,
    pub quantity: Quantity,
    pub size: Option<String>,
}

fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Parses one change strictly: Heroku's `^([\w-]+)([=+-]\d+)(?::([\w-]+))?$`, with the number
/// small enough to mean something.
pub fn parse_change(arg: &str) -> Result<Change, String> {
    let bad = || {
        format!(
            "`{arg}` is not a scale change: use TYPE=N, TYPE+N or TYPE-N, optionally with :SIZE (`web=2:standard-2X`)"
        )
    };
    let (head, size) = match arg.split_once(':') {
        Some((head, size)) if is_word(size) => (head, Some(size.to_string())),
        Some(_) => return Err(bad()),
        None => (arg, None),
    };
    let op = head.rfind(['=', '+', '-']).ok_or_else(bad)?;
    let (kind, amount) = head.split_at(op);
    let digits = &amount[1..];
    if !is_word(kind) || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    // `web=-1` lands here as type `web=`: caught above. A relative `-` needs a type before it.
    let quantity = Quantity::parse(if amount.starts_with('=') {
        digits
    } else {
        amount
    })
    .ok_or_else(|| format!("`{arg}`: {digits} is not a dyno count tug can use"))?;
    if digits.len() > 6 {
        return Err(format!("`{arg}`: {digits} dynos is far too many"));
    }
    Ok(Change {
        kind: kind.to_string(),
        quantity,
        size,
    })
}

/// Parses every argument; the first bad one is a usage error that names it.
pub fn parse_changes(args: &[String]) -> Result<Vec<Change>, CliError> {
    let mut changes: Vec<Change> = Vec::with_capacity(args.len());
    for arg in args {
        let change = parse_change(arg)
            .map_err(|e| CliError::usage(e, "example: `tug ps:scale web=2 worker+1`"))?;
        if changes.iter().any(|c| c.kind == change.kind) {
            return Err(CliError::usage(
                format!("`{}` is scaled twice", change.kind),
                "give each process type once",
            ));
        }
        changes.push(change);
    }
    Ok(changes)
}

/// `web=1:standard-1X worker=0:standard-1X`
fn formation_line(formation: &[Formation]) -> String {
    formation
        .iter()
        .map(|f| format!("{}={}:{}", f.kind, f.quantity, f.size))
        .collect::<Vec<_>>()
        .join(" ")
}

fn no_process_types(app: &str) -> CliError {
    CliError::failed(
        format!("no process types on {app}"),
        "deploy the app with a `Procfile` that names its processes (`web: python3 app.py`)",
    )
}

fn scale(args: &ScaleArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let changes = parse_changes(&args.changes)?;
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    if changes.is_empty() {
        let formation = ctx.block_on(client.formation(&app))?;
        if args.json.json {
            return out.json(&formation);
        }
        if formation.is_empty() {
            return Err(no_process_types(&app).into());
        }
        return Ok(out.line(&formation_line(&formation))?);
    }
    let body = FormationBatchUpdate {
        updates: changes
            .iter()
            .map(|c| FormationBatchItem {
                kind: c.kind.clone(),
                quantity: Some(c.quantity),
                dyno_size: None,
                size: c.size.clone(),
            })
            .collect(),
    };
    let progress = out.progress("Scaling dynos");
    let mut formation = ctx.block_on(client.update_formation(&app, &body))?;
    formation.sort_by(|a, b| a.kind.cmp(&b.kind));
    let changed: Vec<String> = formation
        .iter()
        .filter(|f| changes.iter().any(|c| c.kind == f.kind))
        .map(|f| format!("{} at {}:{}", f.kind, f.quantity, f.size))
        .collect();
    progress.finish(&format!("done, now running {}", changed.join(", ")));
    if args.json.json {
        out.json(&formation)?;
    }
    Ok(())
}

// ---- ps:type ----------------------------------------------------------------------------------

fn kind(args: &TypeArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    out.set_json(args.json.json);
    let hint =
        "example: `tug ps:type web=standard-2X`, or `tug ps:type standard-2X` for every type";
    let mut sizes: Vec<(Option<String>, String)> = Vec::new();
    for arg in &args.changes {
        let (kind, size) = match arg.split_once('=') {
            Some((kind, size)) => (Some(kind.to_string()), size),
            None => (None, arg.as_str()),
        };
        if kind.as_deref().is_some_and(|k| !is_word(k)) || !is_word(size) {
            return Err(CliError::usage(
                format!("`{arg}` is not a size change: use TYPE=SIZE, or SIZE for every type"),
                hint,
            )
            .into());
        }
        sizes.push((kind, size.to_string()));
    }
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let mut formation = ctx.block_on(client.formation(&app))?;
    if !sizes.is_empty() {
        if formation.is_empty() {
            return Err(no_process_types(&app).into());
        }
        let mut updates: BTreeMap<String, String> = BTreeMap::new();
        for (kind, size) in &sizes {
            match kind {
                Some(kind) => {
                    updates.insert(kind.clone(), size.clone());
                }
                None => {
                    for f in &formation {
                        updates.insert(f.kind.clone(), size.clone());
                    }
                }
            }
        }
        let body = FormationBatchUpdate {
            updates: updates
                .into_iter()
                .map(|(kind, size)| FormationBatchItem {
                    kind,
                    quantity: None,
                    dyno_size: None,
                    size: Some(size),
                })
                .collect(),
        };
        let progress = out.progress(format!("Scaling dynos on {}", out.app_name(&app)));
        ctx.block_on(client.update_formation(&app, &body))?;
        progress.done();
        formation = ctx.block_on(client.formation(&app))?;
    }
    if args.json.json {
        return out.json(&formation);
    }
    if formation.is_empty() {
        return Err(no_process_types(&app).into());
    }
    out.header(&format!("{app} Dyno Types"))?;
    let mut table = Table::new(vec!["type", "size", "quantity", "command"]).flex(3);
    for f in &formation {
        table.row(vec![
            f.kind.clone().into(),
            f.size.clone().into(),
            f.quantity.to_string().into(),
            f.command.clone().into(),
        ]);
    }
    Ok(out.table(&table)?)
}

// ---- ps:restart and ps:stop -------------------------------------------------------------------

fn target(
    positional: Option<&str>,
    dyno: Option<&str>,
    kind: Option<&str>,
) -> anyhow::Result<Target> {
    let hint = "name a dyno (`web.1`) or a process type (`web`)";
    let check_dyno = |name: &str| -> anyhow::Result<Target> {
        match name.split_once('.') {
            Some((kind, n))
                if is_word(kind) && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Ok(Target::Dyno(name.to_string()))
            }
            _ => Err(CliError::usage(format!("`{name}` is not a dyno name"), hint).into()),
        }
    };
    let check_type = |kind: &str| -> anyhow::Result<Target> {
        check_process_type(kind).map_err(|e| CliError::usage(e, hint))?;
        Ok(Target::Type(kind.to_string()))
    };
    match (positional, dyno, kind) {
        (Some(p), _, _) if p.contains('.') => check_dyno(p),
        (Some(p), _, _) => check_type(p),
        (None, Some(d), _) => check_dyno(d),
        (None, None, Some(k)) => check_type(k),
        (None, None, None) => Ok(Target::All),
    }
}

fn describe(target: &Target, app: &str) -> String {
    match target {
        Target::All => format!("all dynos on {app}"),
        Target::Type(kind) => format!("all {kind} dynos on {app}"),
        Target::Dyno(name) => format!("dyno {name} on {app}"),
    }
}

fn restart(args: &RestartArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let target = target(
        args.target.as_deref(),
        args.dyno_name.as_deref(),
        args.process_type.as_deref(),
    )?;
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let progress = out.progress(format!(
        "Restarting {}",
        describe(&target, &out.app_name(&app))
    ));
    ctx.block_on(client.restart(&app, &target))?;
    progress.done();
    Ok(())
}

fn stop(args: &StopArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let target = target(
        args.target.as_deref(),
        args.dyno_name.as_deref(),
        args.process_type.as_deref(),
    )?;
    if target == Target::All {
        return Err(CliError::usage(
            "say which dynos to stop",
            "name a dyno (`tug ps:stop web.1`) or a process type (`tug ps:stop worker`); `tug ps` lists them",
        )
        .into());
    }
    let app = ctx.app(&args.app)?;
    let client = ctx.client()?;
    let progress = out.progress(format!(
        "Stopping {}",
        describe(&target, &out.app_name(&app))
    ));
    ctx.block_on(client.stop(&app, &target))?;
    progress.done();
    Ok(())
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{DynoRelease, NamedRef};

    fn change(kind: &str, quantity: Quantity, size: Option<&str>) -> Change {
        Change {
            kind: kind.into(),
            quantity,
            size: size.map(Into::into),
        }
    }

    #[test]
    fn every_heroku_form_parses() {
        assert_eq!(
            parse_change("web=2").unwrap(),
            change("web", Quantity::Set(2), None)
        );
        assert_eq!(
            parse_change("worker+1").unwrap(),
            change("worker", Quantity::Add(1), None)
        );
        assert_eq!(
            parse_change("web-1").unwrap(),
            change("web", Quantity::Add(-1), None)
        );
        assert_eq!(
            parse_change("web=2:standard-2X").unwrap(),
            change("web", Quantity::Set(2), Some("standard-2X"))
        );
        assert_eq!(
            parse_change("my-worker-3").unwrap(),
            change("my-worker", Quantity::Add(-3), None)
        );
        assert_eq!(
            parse_change("clock_1=0").unwrap(),
            change("clock_1", Quantity::Set(0), None)
        );
    }

    #[test]
    fn bad_changes_are_refused_with_the_argument_named() {
        for bad in [
            "web",
            "web:2",
            "web=",
            "=2",
            "+1",
            "web=-1",
            "web=x",
            "web=1.5",
            "web=2:",
            "web=2:a b",
            "we b=2",
            "web=2:x:y",
            "web==2",
            "web=+1",
            "web=1234567",
            "web=99999999999999999999",
            "",
        ] {
            let err = parse_change(bad).unwrap_err();
            assert!(err.contains(&format!("`{bad}`")), "{bad}: {err}");
        }
        let twice = parse_changes(&["web=1".into(), "web+1".into()]).unwrap_err();
        assert!(twice.to_string().contains("twice"), "{twice}");
    }

    #[test]
    fn times_read_like_heroku() {
        let t = Timestamp(1_767_268_800);
        assert_eq!(
            since(t, Timestamp(t.0 + 5)),
            "2026/01/01 12:00:00 +0000 (~ 5s ago)"
        );
        assert_eq!(
            since(t, Timestamp(t.0 + 600)),
            "2026/01/01 12:00:00 +0000 (~ 10m ago)"
        );
        assert_eq!(
            since(t, Timestamp(t.0 + 7200)),
            "2026/01/01 12:00:00 +0000 (~ 2h ago)"
        );
        assert_eq!(
            since(t, Timestamp(t.0 + 90_000)),
            "2026/01/01 12:00:00 +0000"
        );
    }

    fn dyno(name: &str, state: &str, command: &str) -> Dyno {
        let kind = name.split('.').next().unwrap().to_string();
        Dyno {
            attach_url: None,
            command: command.into(),
            created_at: Timestamp(1_767_268_790),
            id: uuid::Uuid::nil(),
            name: name.into(),
            release: DynoRelease {
                id: uuid::Uuid::nil(),
                version: 2,
            },
            app: NamedRef {
                id: uuid::Uuid::nil(),
                name: "demo".into(),
            },
            size: "standard-1X".into(),
            state: state.into(),
            kind,
            updated_at: Timestamp(1_767_268_795),
        }
    }

    #[test]
    fn terminal_layout_groups_by_type_with_one_offs_first() {
        let out = Out::test(true);
        let dynos = vec![
            dyno("run.1", "up", "bash"),
            dyno("web.1", "up", "python3 app.py"),
            dyno("web.2", "crashed", "python3 app.py"),
        ];
        render(&out, &dynos).unwrap();
        assert_eq!(
            out.stdout_text(),
            "=== run: one-off processes (1)\n\n\
             run.1 (standard-1X): up 2026/01/01 11:59:55 +0000 (~ 5s ago): bash\n\n\
             === web (standard-1X): python3 app.py (2)\n\n\
             web.1: up 2026/01/01 11:59:55 +0000 (~ 5s ago)\n\
             web.2: crashed 2026/01/01 11:59:55 +0000 (~ 5s ago)\n\n"
        );
        let piped = Out::test(false);
        render(&piped, &dynos[1..2]).unwrap();
        assert_eq!(
            piped.stdout_text(),
            "web.1\tup\t2026-01-01T11:59:55Z\tpython3 app.py\n"
        );
    }

    #[test]
    fn restart_targets() {
        assert_eq!(target(None, None, None).unwrap(), Target::All);
        assert_eq!(
            target(Some("web.2"), None, None).unwrap(),
            Target::Dyno("web.2".into())
        );
        assert_eq!(
            target(Some("web"), None, None).unwrap(),
            Target::Type("web".into())
        );
        assert_eq!(
            target(None, None, Some("worker")).unwrap(),
            Target::Type("worker".into())
        );
        assert!(target(Some("web.x"), None, None).is_err());
        assert!(target(None, Some("web"), None).is_err());
        assert!(target(Some("a/b"), None, None).is_err());
    }
}
