//! Limits by the kernel's control groups, v2 or v1 (whichever has the memory and pids
//! controllers here): a group per sandboxed process, under a `tug` group, with a memory limit,
//! a process limit and a CPU weight. Found once at start; unusable means "no limits", said.

use std::fs;
use std::path::{Path, PathBuf};

/// Where the groups live.
#[derive(Debug, Clone)]
pub enum Hierarchy {
    /// One unified tree.
    V2(PathBuf),
    /// A tree per controller: memory, pids, cpu (cpu may be absent).
    V1 {
        memory: PathBuf,
        pids: PathBuf,
        cpu: Option<PathBuf>,
    },
}

/// What a group allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The hard limit: past it the kernel's OOM killer acts.
    pub memory_bytes: u64,
    pub processes: u64,
    /// Relative CPU weight, 1024 for the smallest size.
    pub cpu_shares: u64,
}

impl Hierarchy {
    /// Finds a usable hierarchy and makes the group `tug/<scope>` in it (a scope per data dir,
    /// so that servers side by side never touch each other's groups); `None` when neither works.
    pub fn detect(scope: &str) -> Option<Hierarchy> {
        let mounts = fs::read_to_string("/proc/self/mountinfo").ok()?;
        Self::detect_in(&mounts, scope)
    }

    /// [`Hierarchy::detect`] among the mounts of a `mountinfo` table.
    fn detect_in(mounts: &str, scope: &str) -> Option<Hierarchy> {
        let mut v2 = None;
        let (mut memory, mut pids, mut cpu) = (None, None, None);
        for line in mounts.lines() {
            // id parent major:minor root mountpoint options... - fstype source superoptions
            let Some((left, right)) = line.split_once(" - ") else {
                continue;
            };
            let point = left.split(' ').nth(4).map(PathBuf::from);
            let mut right = right.split(' ');
            let fstype = right.next().unwrap_or("");
            let options = right.nth(1).unwrap_or("");
            match (fstype, point) {
                ("cgroup2", Some(point)) => v2 = v2.or(Some(point)),
                ("cgroup", Some(point)) => {
                    for option in options.split(',') {
                        match option {
                            "memory" => memory = Some(point.clone()),
                            "pids" => pids = Some(point.clone()),
                            "cpu" => cpu = Some(point.clone()),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some(root) = v2 {
            let controllers =
                fs::read_to_string(root.join("cgroup.controllers")).unwrap_or_default();
            let has = |c: &str| controllers.split_whitespace().any(|x| x == c);
            if has("memory") && has("pids") {
                let base = root.join("tug").join(scope);
                let enable = |dir: &Path| {
                    fs::write(dir.join("cgroup.subtree_control"), "+memory +pids +cpu")
                        .or_else(|_| fs::write(dir.join("cgroup.subtree_control"), "+memory +pids"))
                };
                if fs::create_dir_all(&base).is_ok()
                    && enable(&root).is_ok()
                    && enable(&root.join("tug")).is_ok()
                    && enable(&base).is_ok()
                {
                    return Some(Hierarchy::V2(base));
                }
            }
        }
        let (memory, pids) = (
            memory?.join("tug").join(scope),
            pids?.join("tug").join(scope),
        );
        let cpu = cpu.map(|c| c.join("tug").join(scope));
        fs::create_dir_all(&memory).ok()?;
        fs::create_dir_all(&pids).ok()?;
        let cpu = cpu.filter(|c| fs::create_dir_all(c).is_ok());
        Some(Hierarchy::V1 { memory, pids, cpu })
    }

    pub fn describe(&self) -> &'static str {
        match self {
            Hierarchy::V2(_) => "cgroup v2 memory+pids",
            Hierarchy::V1 { .. } => "cgroup v1 memory+pids",
        }
    }

    /// A new group with these limits.
    pub fn create(&self, name: &str, limits: Limits) -> std::io::Result<Group> {
        let dirs: Vec<PathBuf> = match self {
            Hierarchy::V2(base) => vec![base.join(name)],
            Hierarchy::V1 { memory, pids, cpu } => {
                let mut dirs = vec![memory.join(name), pids.join(name)];
                dirs.extend(cpu.as_ref().map(|c| c.join(name)));
                dirs
            }
        };
        let group = Group {
            v2: matches!(self, Hierarchy::V2(_)),
            dirs,
        };
        for dir in &group.dirs {
            // The scope itself may have been tidied away by another server (see `clean`); a
            // scope with a group in it cannot be.
            fs::create_dir_all(dir)?;
            if group.v2
                && let Some(scope) = dir.parent()
            {
                let _ = fs::write(scope.join("cgroup.subtree_control"), "+memory +pids +cpu");
            }
        }
        let first = &group.dirs[0];
        if group.v2 {
            fs::write(first.join("memory.max"), limits.memory_bytes.to_string())?;
            let _ = fs::write(first.join("memory.swap.max"), "0");
            let _ = fs::write(first.join("memory.oom.group"), "1");
            fs::write(first.join("pids.max"), limits.processes.to_string())?;
            // cpu.weight runs 1..10000 with 100 the default; 1024 shares is the default.
            let weight = (limits.cpu_shares * 100 / 1024).clamp(1, 10_000);
            let _ = fs::write(first.join("cpu.weight"), weight.to_string());
        } else {
            fs::write(
                first.join("memory.limit_in_bytes"),
                limits.memory_bytes.to_string(),
            )?;
            let _ = fs::write(
                first.join("memory.memsw.limit_in_bytes"),
                limits.memory_bytes.to_string(),
            );
            fs::write(group.dirs[1].join("pids.max"), limits.processes.to_string())?;
            if let Some(cpu) = group.dirs.get(2) {
                let _ = fs::write(cpu.join("cpu.shares"), limits.cpu_shares.to_string());
            }
        }
        Ok(group)
    }

    fn bases(&self) -> Vec<&PathBuf> {
        match self {
            Hierarchy::V2(base) => vec![base],
            Hierarchy::V1 { memory, pids, cpu } => {
                let mut b = vec![memory, pids];
                b.extend(cpu.as_ref());
                b
            }
        }
    }

    /// Removes this server's scope once it is empty.
    pub fn remove(&self) {
        self.clean();
        for base in self.bases() {
            let _ = fs::remove_dir(base);
        }
    }

    /// Removes groups left by an earlier run (their processes died with it), and the empty
    /// scopes of servers that are gone (a group with processes or groups in it cannot be
    /// removed, so a live server's dynos are never touched).
    pub fn clean(&self) {
        for base in self.bases() {
            if let Some(Ok(scopes)) = base.parent().map(fs::read_dir) {
                // Only a scope with no group left in it: another server may be making a
                // group for a dyno that has not joined it yet.
                for scope in scopes.flatten() {
                    if scope.path() != *base {
                        let _ = fs::remove_dir(scope.path());
                    }
                }
            }
            if let Ok(entries) = fs::read_dir(base) {
                for entry in entries.flatten() {
                    if entry.path().is_dir() && processes(&entry.path()).is_empty() {
                        let _ = fs::remove_dir(entry.path());
                    }
                }
            }
        }
    }
}

fn processes(dir: &Path) -> Vec<i32> {
    fs::read_to_string(dir.join("cgroup.procs"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// Quick moves into groups. By default the kernel makes every move of a process into a control
/// group wait for an RCU grace period (about 10 ms here), in favour of forks and exits, which
/// then take a lighter lock; every dyno, one-off and build step moves its helper into its
/// groups, and waits. A hierarchy mounted with `favordynmods` turns that around. The server
/// mounts one of its own, with no controllers in it (cgroup v1's named `tug`, which touches no
/// hierarchy the host uses), while it runs; since Linux 6.17 the switch, once made, holds until
/// the machine restarts. Root only, and only where the kernel knows the option (Linux 6.0 on).
#[derive(Debug, Clone)]
pub struct QuickMoves {
    point: PathBuf,
}

impl QuickMoves {
    /// Mounts the hierarchy at `point` (a directory the server owns); `None` where it cannot.
    pub fn mount(point: &Path) -> Option<QuickMoves> {
        use nix::mount::{MsFlags, mount};
        fs::create_dir_all(point).ok()?;
        // One left by a server that was killed: mounted again below, not twice over.
        detach(point);
        mount(
            Some("cgroup"),
            point,
            Some("cgroup"),
            MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC,
            Some("none,name=tug,favordynmods"),
        )
        .inspect_err(|e| tracing::debug!("no quick cgroup moves here: {e}"))
        .ok()?;
        Some(QuickMoves {
            point: point.to_path_buf(),
        })
    }

    /// Unmounts it; the kernel forgets the hierarchy once no server has it mounted.
    pub fn unmount(&self) {
        Self::unmount_at(&self.point);
    }

    /// Unmounts whatever is mounted at `point` (what a server killed outright left there).
    pub fn unmount_at(point: &Path) {
        detach(point);
        let _ = fs::remove_dir(point);
    }
}

/// Unmounts what is mounted at `point`, if anything, without following a link there.
fn detach(point: &Path) {
    use nix::mount::{MntFlags, umount2};
    let _ = umount2(point, MntFlags::MNT_DETACH | MntFlags::UMOUNT_NOFOLLOW);
}

/// A dyno size's memory quota in bytes and the limits of its group, from the one size table
/// the API shows too: the kernel kills at twice the quota (Heroku's R15), the platform warns
/// past it (R14). An unknown name gets the default size's.
pub fn dyno_limits(size: &str) -> (u64, Limits) {
    const MB: u64 = 1024 * 1024;
    let spec = crate::api::dyno_size::spec_for(size);
    let quota = spec.memory_mb * MB;
    let limits = Limits {
        memory_bytes: quota * 2,
        processes: spec.processes,
        cpu_shares: spec.cpu_shares,
    };
    (quota, limits)
}

/// One process's group; removed when dropped (after killing what is still in it).
#[derive(Debug)]
pub struct Group {
    v2: bool,
    dirs: Vec<PathBuf>,
}

impl Group {
    /// The files a process writes itself into to join.
    pub fn procs_files(&self) -> Vec<PathBuf> {
        self.dirs.iter().map(|d| d.join("cgroup.procs")).collect()
    }

    /// Memory in use now, in bytes: the group's usage less the file cache the kernel can drop
    /// at once (inactive file pages), as container runtimes count a working set. A dyno that
    /// reads many files is not over its quota for pages it does not hold on to; what it keeps
    /// in its `/tmp` (a tmpfs) still counts.
    pub fn memory_used(&self) -> u64 {
        let (usage, stat_key) = if self.v2 {
            ("memory.current", "inactive_file ")
        } else {
            ("memory.usage_in_bytes", "total_inactive_file ")
        };
        let usage: u64 = fs::read_to_string(self.dirs[0].join(usage))
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0);
        let stat = fs::read_to_string(self.dirs[0].join("memory.stat")).unwrap_or_default();
        usage.saturating_sub(reclaimable(&stat, stat_key))
    }

    /// CPU time the group used so far, in microseconds (cgroup v2 only).
    pub fn cpu_used_usec(&self) -> Option<u64> {
        if !self.v2 {
            return None;
        }
        let text = fs::read_to_string(self.dirs[0].join("cpu.stat")).ok()?;
        text.lines()
            .find_map(|l| l.strip_prefix("usage_usec "))
            .and_then(|n| n.trim().parse().ok())
    }

    /// How many times the kernel's OOM killer killed a process of the group.
    pub fn oom_kills(&self) -> u64 {
        let file = if self.v2 {
            "memory.events"
        } else {
            "memory.oom_control"
        };
        let text = fs::read_to_string(self.dirs[0].join(file)).unwrap_or_default();
        text.lines()
            .find_map(|l| l.strip_prefix("oom_kill "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    }
}

/// The figure after `key` in a `memory.stat` file; 0 when it is not there.
fn reclaimable(stat: &str, key: &str) -> u64 {
    stat.lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

impl Drop for Group {
    fn drop(&mut self) {
        for dir in &self.dirs {
            for _ in 0..50 {
                let left = processes(dir);
                for pid in &left {
                    if let Some(pid) = rustix::process::Pid::from_raw(*pid) {
                        let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
                    }
                }
                if fs::remove_dir(dir).is_ok() || !dir.exists() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Hierarchy, Limits, dyno_limits, reclaimable};
    use std::fs;
    use std::path::Path;

    const LIMITS: Limits = Limits {
        memory_bytes: 1 << 30,
        processes: 256,
        cpu_shares: 2048,
    };

    fn read(path: &Path) -> String {
        fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// A machine with cgroup v2 only is the common case, and this one has v1: the v2 paths run
    /// against a tree of plain files laid out as the kernel's (which creates the control files
    /// itself; here they appear when written).
    #[test]
    fn on_cgroup_v2_a_group_gets_its_limits_and_is_read_back() {
        let root = tempfile::tempdir().unwrap();
        fs::write(
            root.path().join("cgroup.controllers"),
            "cpu io memory pids\n",
        )
        .unwrap();
        let mounts = format!(
            "25 1 0:22 / /sys rw - sysfs sysfs rw\n30 25 0:26 / {} rw,relatime - cgroup2 cgroup2 rw,nsdelegate\n",
            root.path().display()
        );
        let h = Hierarchy::detect_in(&mounts, "scope1").expect("v2");
        assert!(matches!(&h, Hierarchy::V2(base) if *base == root.path().join("tug/scope1")));
        assert_eq!(h.describe(), "cgroup v2 memory+pids");
        for dir in ["", "tug", "tug/scope1"] {
            let control = root.path().join(dir).join("cgroup.subtree_control");
            assert_eq!(
                read(&control),
                "+memory +pids +cpu",
                "{}",
                control.display()
            );
        }

        let group = h.create("web.1-abc", LIMITS).unwrap();
        let dir = root.path().join("tug/scope1/web.1-abc");
        assert_eq!(read(&dir.join("memory.max")), (1u64 << 30).to_string());
        assert_eq!(read(&dir.join("memory.swap.max")), "0");
        assert_eq!(read(&dir.join("memory.oom.group")), "1");
        assert_eq!(read(&dir.join("pids.max")), "256");
        assert_eq!(read(&dir.join("cpu.weight")), "200");
        assert_eq!(group.procs_files(), vec![dir.join("cgroup.procs")]);

        fs::write(dir.join("memory.current"), "300000000\n").unwrap();
        fs::write(
            dir.join("memory.stat"),
            "anon 1\nactive_file 7\ninactive_file 100000000\n",
        )
        .unwrap();
        fs::write(
            dir.join("memory.events"),
            "low 0\nhigh 0\nmax 3\noom 1\noom_kill 2\n",
        )
        .unwrap();
        fs::write(dir.join("cpu.stat"), "usage_usec 1234\nuser_usec 1000\n").unwrap();
        assert_eq!(group.memory_used(), 200_000_000);
        assert_eq!(group.oom_kills(), 2);
        assert_eq!(group.cpu_used_usec(), Some(1234));
        // Gone with its group (the kernel's files go with the directory; these must be emptied).
        for entry in fs::read_dir(&dir).unwrap() {
            fs::remove_file(entry.unwrap().path()).unwrap();
        }
        drop(group);
        assert!(!dir.exists());
    }

    #[test]
    fn without_v2_controllers_the_v1_trees_are_used() {
        let tmp = tempfile::tempdir().unwrap();
        let [unified, memory, pids, cpu] =
            ["unified", "memory", "pids", "cpu"].map(|d| tmp.path().join(d));
        for dir in [&unified, &memory, &pids, &cpu] {
            fs::create_dir(dir).unwrap();
        }
        // An empty v2 hierarchy beside the v1 ones, as on this machine.
        fs::write(unified.join("cgroup.controllers"), "").unwrap();
        let mounts = format!(
            "1 0 0:1 / {} rw - cgroup2 cgroup2 rw\n2 0 0:2 / {} rw - cgroup cgroup rw,memory\n3 0 0:3 / {} rw - cgroup cgroup rw,pids\n4 0 0:4 / {} rw - cgroup cgroup rw,cpu\n",
            unified.display(),
            memory.display(),
            pids.display(),
            cpu.display()
        );
        let h = Hierarchy::detect_in(&mounts, "s").expect("v1");
        assert_eq!(h.describe(), "cgroup v1 memory+pids");
        let group = h.create("run.1", LIMITS).unwrap();
        let at = |tree: &Path, file: &str| read(&tree.join("tug/s/run.1").join(file));
        assert_eq!(
            at(&memory, "memory.limit_in_bytes"),
            (1u64 << 30).to_string()
        );
        assert_eq!(
            at(&memory, "memory.memsw.limit_in_bytes"),
            (1u64 << 30).to_string()
        );
        assert_eq!(at(&pids, "pids.max"), "256");
        assert_eq!(at(&cpu, "cpu.shares"), "2048");
        assert_eq!(group.procs_files().len(), 3);
        // v1 has no CPU counter that runtime metrics use.
        assert_eq!(group.cpu_used_usec(), None);
        std::mem::forget(group);

        // No memory controller anywhere: no limits, said at start.
        let only_pids = format!("3 0 0:3 / {} rw - cgroup cgroup rw,pids\n", pids.display());
        assert!(Hierarchy::detect_in(&only_pids, "s").is_none());
    }

    #[test]
    fn limits_come_from_the_size_table_the_api_shows() {
        for spec in crate::api::dyno_size::SIZES {
            let (quota, limits) = dyno_limits(spec.name);
            assert_eq!(quota, spec.memory_mb * 1024 * 1024, "{}", spec.name);
            assert_eq!(limits.memory_bytes, quota * 2);
            assert_eq!(limits.processes, spec.processes);
            assert_eq!(limits.cpu_shares, spec.cpu_shares);
        }
        assert_eq!(dyno_limits("standard-2x").0, 1024 * 1024 * 1024);
        assert_eq!(dyno_limits("no-such-size"), dyno_limits("standard-1X"));
    }

    #[test]
    fn inactive_file_pages_are_read_from_memory_stat() {
        let v1 =
            "cache 4096\nrss 8192\ninactive_file 100\ntotal_cache 4096\ntotal_inactive_file 2048\n";
        assert_eq!(reclaimable(v1, "total_inactive_file "), 2048);
        let v2 = "anon 8192\nfile 4096\nactive_file 1024\ninactive_file 3072\n";
        assert_eq!(reclaimable(v2, "inactive_file "), 3072);
        assert_eq!(reclaimable("", "inactive_file "), 0);
    }
}
