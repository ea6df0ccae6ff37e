//! `tug ps [TYPE…]`: the app's dynos, grouped as Heroku shows them.

use std::collections::BTreeMap;

use clap::Args as ClapArgs;
use console::Style;

use crate::api::names::check_process_type;
use crate::api::{Dyno, Timestamp};
use crate::cli::args::AppJsonArgs;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;
use crate::cli::out::{Out, Table};

#[derive(Debug, Default, ClapArgs)]
pub struct ListArgs {
    /// Only the dynos of these process types (`run` for one-off dynos)
    #[arg(value_name = "TYPE")]
    pub types: Vec<String>,
    #[command(flatten)]
    pub flags: AppJsonArgs,
}

/// The number in `web.12`, for sorting `web.2` before `web.10`.
fn dyno_number(name: &str) -> u64 {
    name.rsplit_once('.')
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(0)
}

fn is_one_off(dyno: &Dyno) -> bool {
    dyno.kind == "run"
}

pub fn list(args: &ListArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    for kind in &args.types {
        check_process_type(kind).map_err(|e| CliError::usage(e, "`tug ps` lists every dyno"))?;
    }
    let (app, client) = ctx.app_client(&args.flags.app)?;
    let (dynos, formation) =
        ctx.block_on(async { tokio::try_join!(client.dynos(&app), client.formation(&app)) })?;
    let mut dynos = dynos;
    let quantities: BTreeMap<String, i64> = formation
        .into_iter()
        .map(|f| (f.kind, f.quantity))
        .collect();
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
    if out.list_ended(&dynos, &format!("No dynos on {app}"), Some(format!(
            "deploy the app (`git push tug main` or `tug up`), then `tug ps:scale web=1 -a {app}`"
        ).as_str()))? {
        return Ok(());
    }
    render(out, &dynos, &quantities)
}

/// Which dynos another of the same name is starting in place of: a rolling restart or deploy
/// keeps the old one up until the new one is. The older of two is the one created first; within
/// the same second, the one listed first (the server lists a name's dynos oldest first). Release
/// versions cannot tell them apart, as a restart keeps the release.
fn being_replaced(dynos: &[Dyno]) -> Vec<bool> {
    dynos
        .iter()
        .enumerate()
        .map(|(i, dyno)| {
            dynos.iter().enumerate().any(|(j, other)| {
                j != i
                    && other.name == dyno.name
                    && other.id != dyno.id
                    && (other.created_at, j) > (dyno.created_at, i)
            })
        })
        .collect()
}

/// The dynos shown under one header: type, size and command.
type Group<'a> = (&'a str, &'a str, &'a str);

/// Heroku's layout on a terminal, with each type's count from the formation (`quantities`);
/// tab-separated rows when piped.
fn render(out: &Out, dynos: &[Dyno], quantities: &BTreeMap<String, i64>) -> anyhow::Result<()> {
    // On a cluster the node each dyno runs on; nothing where the server has no nodes.
    let nodes = dynos.iter().any(|d| d.node.is_some());
    if !out.stdout_tty {
        let mut columns = vec!["name", "state", "since", "command"];
        if nodes {
            columns.push("node");
        }
        let mut table = Table::new(columns);
        for d in dynos {
            let mut row = vec![
                d.name.clone().into(),
                d.state.clone().into(),
                d.updated_at.to_rfc3339().into(),
                d.command.clone().into(),
            ];
            if nodes {
                row.push(d.node.clone().unwrap_or_default().into());
            }
            table.row(row);
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
        let node = d
            .node
            .as_ref()
            .map(|n| format!(" on {n}"))
            .unwrap_or_default();
        format!(
            "{} {}{node}",
            style.apply_to(&d.state),
            since(d.updated_at, now)
        )
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
    let replaced = being_replaced(dynos);
    let mut groups: BTreeMap<Group, Vec<(&Dyno, bool)>> = BTreeMap::new();
    for (d, old) in dynos.iter().zip(replaced).filter(|(d, _)| !is_one_off(d)) {
        groups
            .entry((d.kind.as_str(), d.size.as_str(), d.command.as_str()))
            .or_default()
            .push((d, old));
    }
    for ((kind, size, command), group) in groups {
        let count = quantities.get(kind).map_or_else(
            || group.iter().filter(|(_, old)| !old).count() as i64,
            |q| *q,
        );
        out.header(&format!("{kind} ({size}): {command} ({count})"))?;
        for (d, old) in group {
            let mark = if old { " (being replaced)" } else { "" };
            out.line(&format!("{}: {}{mark}", d.name, state(d)))?;
        }
        out.gap()?;
    }
    Ok(())
}

/// `2026/11/22 10:00:00 +0000 (~ 5s ago)`; the relative part is left out after 25 hours.
fn since(t: Timestamp, now: Timestamp) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{DynoRelease, NamedRef};

    #[test]
    fn times_read_like_heroku() {
        let t = Timestamp(1_767_268_800);
        for (later, shown) in [
            (5, "2026/01/01 12:00:00 +0000 (~ 5s ago)"),
            (600, "2026/01/01 12:00:00 +0000 (~ 10m ago)"),
            (7200, "2026/01/01 12:00:00 +0000 (~ 2h ago)"),
            (90_000, "2026/01/01 12:00:00 +0000"),
        ] {
            assert_eq!(since(t, Timestamp(t.0 + later)), shown, "{later} s later");
        }
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
            node: None,
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
        render(&out, &dynos, &BTreeMap::new()).unwrap();
        assert_eq!(
            out.stdout_text(),
            "=== run: one-off processes (1)\n\n\
             run.1 (standard-1X): up 2026/01/01 11:59:55 +0000 (~ 5s ago): bash\n\n\
             === web (standard-1X): python3 app.py (2)\n\n\
             web.1: up 2026/01/01 11:59:55 +0000 (~ 5s ago)\n\
             web.2: crashed 2026/01/01 11:59:55 +0000 (~ 5s ago)\n\n"
        );
        // A rolling deploy: the formation's count, and the old `web.1` marked.
        let mut newer = dyno("web.1", "starting", "python3 app.py");
        newer.release.version = 3;
        newer.id = uuid::Uuid::from_u128(1);
        newer.created_at = Timestamp(newer.created_at.0 + 1);
        let rolling = Out::test(true);
        let quantities = BTreeMap::from([("web".to_string(), 1)]);
        render(&rolling, &[dynos[1].clone(), newer.clone()], &quantities).unwrap();
        let text = rolling.stdout_text();
        assert!(text.contains("python3 app.py (1)\n"), "{text}");
        assert!(
            text.contains("web.1: up 2026/01/01 11:59:55 +0000 (~ 5s ago) (being replaced)\n"),
            "{text}"
        );
        assert!(
            text.contains("web.1: starting 2026/01/01 11:59:55 +0000 (~ 5s ago)\n"),
            "{text}"
        );
        // A restart keeps the release: the older dyno is still the one marked, whichever way
        // round they are listed, and in the same second the one listed first.
        newer.release.version = 2;
        for pair in [
            [dynos[1].clone(), newer.clone()],
            [newer.clone(), dynos[1].clone()],
        ] {
            let marks = being_replaced(&pair);
            let old = usize::from(pair[0].id == newer.id);
            assert!(marks[old] && !marks[1 - old], "{pair:?}");
        }
        newer.created_at = dynos[1].created_at;
        assert_eq!(being_replaced(&[dynos[1].clone(), newer]), [true, false]);
        // Nothing is marked without a second dyno of the name.
        assert_eq!(being_replaced(&dynos), [false, false, false]);
        let piped = Out::test(false);
        render(&piped, &dynos[1..2], &BTreeMap::new()).unwrap();
        assert_eq!(
            piped.stdout_text(),
            "web.1\tup\t2026-01-01T11:59:55Z\tpython3 app.py\n"
        );
    }

    #[test]
    fn the_node_shows_only_where_dynos_have_one() {
        let mut placed = dyno("web.1", "up", "python3 app.py");
        placed.node = Some("node-a".into());
        let dynos = vec![placed, dyno("web.2", "starting", "python3 app.py")];
        let out = Out::test(true);
        render(&out, &dynos, &BTreeMap::new()).unwrap();
        let text = out.stdout_text();
        assert!(
            text.contains("web.1: up 2026/01/01 11:59:55 +0000 (~ 5s ago) on node-a\n"),
            "{text}"
        );
        assert!(
            text.contains("web.2: starting 2026/01/01 11:59:55 +0000 (~ 5s ago)\n"),
            "{text}"
        );
        let piped = Out::test(false);
        render(&piped, &dynos, &BTreeMap::new()).unwrap();
        assert_eq!(
            piped.stdout_text(),
            "web.1\tup\t2026-01-01T11:59:55Z\tpython3 app.py\tnode-a\n\
             web.2\tstarting\t2026-01-01T11:59:55Z\tpython3 app.py\t\n"
        );
    }
}
