//! CPU time spent by each side of the benchmark, read from `/proc`: the router's threads (named
//! `router…`) and the hyper dyno's (`dyno…`) in this process, and nginx's processes. Divided by
//! the requests served, it is the cost per request, which the machine's other work does not
//! change as much as it changes requests per second.

use std::time::Duration;

/// Clock ticks per second of `/proc`'s `utime` and `stime` (`_SC_CLK_TCK`; 100 on Linux).
const TICKS: f64 = 100.0;

/// Who is measured.
#[derive(Clone, Copy)]
pub enum Whose {
    /// This process's threads whose name starts with this.
    Threads(&'static str),
    /// nginx: its master (this id) and the workers it started.
    Processes(u32),
}

/// CPU time (user and system) used so far; `None` where `/proc` cannot tell.
pub fn used(whose: Whose) -> Option<Duration> {
    let ticks = match whose {
        Whose::Threads(prefix) => {
            let mut sum = 0;
            for task in std::fs::read_dir("/proc/self/task").ok()?.flatten() {
                let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
                if comm.starts_with(prefix) {
                    sum += ticks_of(&task.path().join("stat")).unwrap_or(0);
                }
            }
            sum
        }
        Whose::Processes(master) => {
            let mut sum = 0;
            for entry in std::fs::read_dir("/proc").ok()?.flatten() {
                let Some(pid) = entry
                    .file_name()
                    .to_str()
                    .and_then(|p| p.parse::<u32>().ok())
                else {
                    continue;
                };
                let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
                let ppid = fields(&stat).and_then(|f| f.get(1)?.parse::<u32>().ok());
                if pid == master || ppid == Some(master) {
                    sum += ticks_of(&entry.path().join("stat")).unwrap_or(0);
                }
            }
            sum
        }
    };
    Some(Duration::from_secs_f64(ticks as f64 / TICKS))
}

/// The fields of a `stat` line after the command name (which may hold spaces), from the
/// state on: index 0 is field 3 of proc(5).
fn fields(stat: &str) -> Option<Vec<&str>> {
    let (_, rest) = stat.rsplit_once(") ")?;
    Some(rest.split_whitespace().collect())
}

/// `utime + stime` of one `stat` file, in ticks.
fn ticks_of(path: &std::path::Path) -> Option<u64> {
    let stat = std::fs::read_to_string(path).ok()?;
    let f = fields(&stat)?;
    // Fields 14 and 15 of proc(5).
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}
