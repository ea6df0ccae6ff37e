//! `tug pg:backups`: list, capture, restore and download backups of the app's database.

use std::io::Write;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::out::{Table, Value};

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupsArgs {
    #[command(subcommand)]
    pub command: Option<BackupsCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum BackupsCommand {
    /// Dump the database (`pg_dump`, custom format) into a new backup, `b001`, `b002`, …
    Capture(ListArgs),
    /// Load a backup (the newest by default) into the database, replacing what it holds
    Restore(RestoreArgs),
    /// Write a backup (the newest by default) to a local file
    Download(DownloadArgs),
    /// Capture a backup every day at a time of day (UTC, or in a time zone)
    Schedule(ScheduleArgs),
    /// Stop the daily backup
    Unschedule(ListArgs),
    /// Show the daily backup: its time, the next and the last run
    Schedules(ListArgs),
}

#[derive(Debug, ClapArgs)]
pub struct ScheduleArgs {
    /// The time of day, in UTC (`02:00`) or in a time zone (`'02:00 America/New_York'`)
    #[arg(long, value_name = "HH:MM [ZONE]")]
    pub at: String,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Clone, Default, ClapArgs)]
pub struct ListArgs {
    /// The attachment (`DATABASE`, `REPORTING_DB`) [default: DATABASE]
    #[arg(long, value_name = "DATABASE")]
    pub database: Option<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

#[derive(Debug, ClapArgs)]
pub struct RestoreArgs {
    /// The backup (`b001`) [default: the newest]
    #[arg(value_name = "BACKUP")]
    pub backup: Option<String>,
    /// The app's name again, to confirm without a prompt
    #[arg(short, long, value_name = "APP")]
    pub confirm: Option<String>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, ClapArgs)]
pub struct DownloadArgs {
    /// The backup (`b001`) [default: the newest]
    #[arg(value_name = "BACKUP")]
    pub backup: Option<String>,
    /// Where to write it [default: BACKUP.dump]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub list: ListArgs,
}

pub(super) fn run(args: BackupsArgs, ctx: &Ctx) -> anyhow::Result<()> {
    match args.command {
        None => list(&args.list, ctx),
        Some(BackupsCommand::Capture(args)) => capture(&args, ctx),
        Some(BackupsCommand::Restore(args)) => restore(&args, ctx),
        Some(BackupsCommand::Download(args)) => download(&args, ctx),
        Some(BackupsCommand::Schedule(args)) => schedule(&args, ctx),
        Some(BackupsCommand::Unschedule(args)) => unschedule(&args, ctx),
        Some(BackupsCommand::Schedules(args)) => schedules(&args, ctx),
    }
}

fn show_schedule(ctx: &Ctx, s: &crate::api::AddOnBackupSchedule) -> anyhow::Result<()> {
    let out = &ctx.out;
    if out.is_json() {
        return out.json(s);
    }
    out.header(&s.addon.name)?;
    Ok(out.object(&[
        ("daily at", s.at.clone().into()),
        ("next run", Value::Time(s.next_run)),
        (
            "last run",
            match s.last_run {
                Some(t) => Value::Time(t),
                None => "-".to_string().into(),
            },
        ),
    ])?)
}

fn schedule(args: &ScheduleArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.list.flags.app)?;
    let (_, addon) = super::database(ctx, client, &app, args.list.database.as_deref())?;
    let progress = out.progress(format!(
        "Scheduling a daily backup of {} at {}",
        addon.name,
        args.at.trim()
    ));
    let s = ctx.block_on(client.set_backup_schedule(&app, &addon.id.to_string(), &args.at))?;
    progress.done();
    show_schedule(ctx, &s)
}

fn unschedule(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let (_, addon) = super::database(ctx, client, &app, args.database.as_deref())?;
    let progress = out.progress(format!("Stopping the daily backup of {}", addon.name));
    let s = ctx.block_on(client.delete_backup_schedule(&app, &addon.id.to_string()))?;
    progress.done();
    if out.is_json() {
        out.json(&s)?;
    }
    Ok(())
}

fn schedules(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let (_, addon) = super::database(ctx, client, &app, args.database.as_deref())?;
    let s = ctx.block_on(client.backup_schedule(&app, &addon.id.to_string()))?;
    show_schedule(ctx, &s)
}

fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let (_, addon) = super::database(ctx, client, &app, args.database.as_deref())?;
    let backups = ctx.block_on(client.addon_backups(&app, &addon.id.to_string()))?;
    if out.list_ended(
        &backups,
        &format!("{} has no backups.", addon.name),
        Some(format!("capture one with `tug pg:backups:capture -a {app}`").as_str()),
    )? {
        return Ok(());
    }
    let mut table = Table::new(vec!["backup", "size", "taken"]);
    for b in &backups {
        table.row(vec![
            b.name.clone().into(),
            format!("{} bytes", b.size).into(),
            Value::Time(b.created_at),
        ]);
    }
    Ok(out.table(&table)?)
}

fn capture(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let (_, addon) = super::database(ctx, client, &app, args.database.as_deref())?;
    let progress = out.progress(format!("Capturing a backup of {}", addon.name));
    let backup = ctx.block_on(client.capture_backup(&app, &addon.id.to_string()))?;
    progress.done();
    if out.is_json() {
        return out.json(&backup);
    }
    out.line(&backup.name)?;
    Ok(())
}

fn restore(args: &RestoreArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.list.flags.app)?;
    let which = args
        .backup
        .as_deref()
        .unwrap_or("latest")
        .trim()
        .to_string();
    out.confirm_app(
        &app,
        args.confirm.as_deref(),
        "this replaces everything in the database with the backup",
        "nothing was restored",
        format!("refusing to restore `{which}` into {app}'s database without confirmation"),
    )?;
    let (_, addon) = super::database(ctx, client, &app, args.list.database.as_deref())?;
    let progress = out.progress(format!("Restoring {which} into {}", addon.name));
    let backup = ctx.block_on(client.restore_backup(&app, &addon.id.to_string(), &which))?;
    progress.done();
    if out.is_json() {
        out.json(&backup)?;
    }
    Ok(())
}

fn download(args: &DownloadArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = ctx.app_client(&args.list.flags.app)?;
    let (_, addon) = super::database(ctx, client, &app, args.list.database.as_deref())?;
    let id = addon.id.to_string();
    let name = match &args.backup {
        Some(b) => b.trim().to_string(),
        None => ctx
            .block_on(client.addon_backups(&app, &id))?
            .pop()
            .map(|b| b.name)
            .ok_or_else(|| {
                CliError::failed(
                    format!("{} has no backups", addon.name),
                    format!("capture one with `tug pg:backups:capture -a {app}`"),
                )
            })?,
    };
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from(format!("{name}.dump")));
    let mut file = std::fs::File::create(&path)
        .map_err(|e| anyhow::anyhow!("cannot write `{}`: {e}", path.display()))?;
    let written = ctx.block_on(async {
        let mut resp = client.download_backup(&app, &id, &name).await?;
        let mut written = 0u64;
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| anyhow::anyhow!("the download broke off: {e}"))?
        {
            file.write_all(&chunk)?;
            written += chunk.len() as u64;
        }
        anyhow::Ok(written)
    })?;
    out.status(&format!(
        "Wrote {name} ({written} bytes) to {}",
        path.display()
    ));
    Ok(())
}
