//! `tug ps:scale`: show the formation, or change how many dynos of each type run.

use clap::Args as ClapArgs;

use super::process_types::{is_word, no_process_types};
use crate::api::{Formation, FormationBatchItem, FormationBatchUpdate, Quantity};
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct ScaleArgs {
    /// Changes: `web=2`, `worker+1`, `web-1`, `web=2:standard-2X` [default: show the formation]
    #[arg(value_name = "TYPE=N")]
    pub changes: Vec<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

/// One `ps:scale` argument: `web=2`, `worker+1`, `web-1`, `web=2:standard-2X`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    pub kind: String,
    pub quantity: Quantity,
    pub size: Option<String>,
}

/// Parses one change strictly: Heroku's `^([\w-]+)([=+-]\d+)(?::([\w-]+))?$`, with the number
/// small enough to mean something.
fn parse_change(arg: &str) -> Result<Change, String> {
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
fn parse_changes(args: &[String]) -> Result<Vec<Change>, CliError> {
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

pub fn scale(args: &ScaleArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let changes = parse_changes(&args.changes)?;
    let (app, client) = ctx.app_client(&args.flags.app)?;
    if changes.is_empty() {
        let formation = ctx.block_on(client.formation(&app))?;
        if ctx.out.is_json() {
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
    if ctx.out.is_json() {
        out.json(&formation)?;
    }
    Ok(())
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

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
}
