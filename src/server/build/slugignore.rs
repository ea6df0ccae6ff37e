//! `.slugignore`: paths removed from the build dir before any buildpack runs.
//!
//! The format follows Heroku's slug compiler: one shell glob per line; `#` starts a comment and
//! blank lines are skipped; no `!` negation. A pattern containing `/` is matched against the path
//! from the app root (a leading `/` is optional); any other pattern matches a file or directory of
//! that name at any depth. `*` and `?` never cross a `/`, `**` spans any number of directories,
//! `[abc]`/`[a-z]`/`[!a]` are classes, and a wildcard does not match a leading `.` (as in a shell).

use std::io;
use std::path::Path;

/// One pattern, split into path components.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    anchored: bool,
    parts: Vec<String>,
}

fn parse(text: &str) -> Vec<Pattern> {
    text.lines()
        .filter_map(|line| {
            let line = line.split('#').next().unwrap_or("").trim();
            let line = line.trim_end_matches('/');
            if line.is_empty() || line == "/" {
                return None;
            }
            let anchored = line.contains('/');
            let parts: Vec<String> = line
                .split('/')
                .filter(|p| !p.is_empty() && *p != ".")
                .map(str::to_owned)
                .collect();
            if parts.is_empty() || parts.iter().any(|p| p == "..") {
                return None;
            }
            Some(Pattern { anchored, parts })
        })
        .collect()
}

impl Pattern {
    fn matches(&self, path: &[&str]) -> bool {
        if self.anchored {
            match_parts(&self.parts, path)
        } else {
            path.last()
                .is_some_and(|name| self.parts.len() == 1 && glob(&self.parts[0], name))
        }
    }
}

/// Whether `path` matches the pattern's `parts`, where `**` spans any number of components.
/// A table of (part, component) answers keeps this at parts × components glob calls: trying
/// every split for every `**` in turn is exponential in the number of `**`.
fn match_parts(parts: &[String], path: &[&str]) -> bool {
    // after[j]: whether parts[i + 1..] match path[j..], for the part i being filled in.
    let mut after: Vec<bool> = (0..=path.len()).map(|j| j == path.len()).collect();
    for part in parts.iter().rev() {
        let mut here = vec![false; path.len() + 1];
        if part == "**" {
            let mut any_later = false;
            for j in (0..=path.len()).rev() {
                any_later |= after[j];
                here[j] = any_later;
            }
        } else {
            for j in 0..path.len() {
                here[j] = after[j + 1] && glob(part, path[j]);
            }
        }
        after = here;
    }
    after[0]
}

/// Shell-style match of one path component.
fn glob(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    if n.first() == Some(&'.') && matches!(p.first(), Some('*' | '?' | '[')) {
        return false;
    }
    glob_at(&p, &n)
}

fn glob_at(p: &[char], n: &[char]) -> bool {
    // Iterative matcher with single-star backtracking: linear in practice, never exponential.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() {
            match p[pi] {
                '*' => {
                    star = Some((pi, ni));
                    pi += 1;
                    continue;
                }
                '?' => {
                    pi += 1;
                    ni += 1;
                    continue;
                }
                '[' => {
                    if let Some((matched, next)) = class(&p[pi..], n[ni]) {
                        if matched {
                            pi += next;
                            ni += 1;
                            continue;
                        }
                    } else if n[ni] == '[' {
                        pi += 1;
                        ni += 1;
                        continue;
                    }
                }
                '\\' if pi + 1 < p.len() => {
                    if p[pi + 1] == n[ni] {
                        pi += 2;
                        ni += 1;
                        continue;
                    }
                }
                c => {
                    if c == n[ni] {
                        pi += 1;
                        ni += 1;
                        continue;
                    }
                }
            }
        }
        match star {
            Some((sp, sn)) => {
                pi = sp + 1;
                ni = sn + 1;
                star = Some((sp, sn + 1));
            }
            None => return false,
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Match `c` against the class at the start of `p` (`[...]`): whether it matched and the class's
/// length, or `None` when the `[` does not open a class.
fn class(p: &[char], c: char) -> Option<(bool, usize)> {
    let mut i = 1;
    let negated = matches!(p.get(i), Some('!' | '^'));
    if negated {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    while i < p.len() {
        if p[i] == ']' && !first {
            return Some((matched != negated, i + 1));
        }
        first = false;
        if i + 2 < p.len() && p[i + 1] == '-' && p[i + 2] != ']' {
            if p[i] <= c && c <= p[i + 2] {
                matched = true;
            }
            i += 3;
        } else {
            if p[i] == c {
                matched = true;
            }
            i += 1;
        }
    }
    None
}

/// Apply `BUILD_DIR/.slugignore`: `Ok(None)` when there is none, else how many paths were removed.
pub fn apply(build_dir: &Path) -> io::Result<Option<usize>> {
    if build_dir.join(".slugignore").is_dir() {
        return Ok(None);
    }
    let text = match super::tree::read(build_dir, ".slugignore", 1024 * 1024)? {
        Some(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        None => return Ok(None),
    };
    let patterns = parse(&text);
    if patterns.is_empty() {
        return Ok(Some(0));
    }
    let mut removed = 0;
    let mut path = Vec::new();
    prune(build_dir, &mut path, &patterns, &mut removed)?;
    Ok(Some(removed))
}

fn prune(
    dir: &Path,
    path: &mut Vec<String>,
    patterns: &[Pattern],
    removed: &mut usize,
) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        path.push(name);
        let view: Vec<&str> = path.iter().map(String::as_str).collect();
        let file_type = entry.file_type()?;
        if patterns.iter().any(|p| p.matches(&view)) {
            if file_type.is_dir() {
                std::fs::remove_dir_all(entry.path())?;
            } else {
                std::fs::remove_file(entry.path())?;
            }
            *removed += 1;
        } else if file_type.is_dir() {
            prune(&entry.path(), path, patterns, removed)?;
        }
        path.pop();
    }
    Ok(())
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, path: &str) -> bool {
        let patterns = parse(pattern);
        let parts: Vec<&str> = path.split('/').collect();
        patterns.iter().any(|p| p.matches(&parts))
    }

    #[test]
    fn globs() {
        assert!(glob("*.log", "a.log"));
        assert!(!glob("*.log", "a.log.1"));
        assert!(!glob("*.log", ".hidden.log"));
        assert!(glob(".*", ".env"));
        assert!(glob("a?c", "abc"));
        assert!(!glob("a?c", "ac"));
        assert!(glob("[ab]*", "bee"));
        assert!(!glob("[!ab]*", "bee"));
        assert!(glob("[a-c]x", "bx"));
        assert!(glob("[]]", "]"));
        assert!(glob("a[", "a["));
        assert!(glob("\\*", "*"));
        assert!(!glob("\\*", "x"));
        assert!(glob("*a*a*a*a*b", &"a".repeat(30).replace("aa", "ab")));
        assert!(!glob("*a*a*a*a*a*a*c", &"a".repeat(200)));
    }

    #[test]
    fn patterns() {
        assert!(matches("*.psd", "design/x/logo.psd"));
        assert!(matches("*.psd", "logo.psd"));
        assert!(matches("docs", "docs"));
        assert!(matches("docs", "a/docs"));
        assert!(matches("/docs", "docs"));
        assert!(!matches("/docs", "a/docs"));
        assert!(matches("docs/", "a/docs"));
        assert!(matches("spec/fixtures", "spec/fixtures"));
        assert!(!matches("spec/fixtures", "x/spec/fixtures"));
        assert!(matches("**/fixtures", "x/y/fixtures"));
        assert!(matches("**/fixtures", "fixtures"));
        assert!(matches("test/**/*.rb", "test/a/b/c.rb"));
        assert!(matches("test/**/*.rb", "test/c.rb"));
        assert!(!matches("# comment", "comment"));
        assert!(matches("tmp # trailing comment", "tmp"));
        assert!(parse("\n  \n#x\n/\n../etc\n").is_empty());
    }

    #[test]
    fn removes_matches_and_counts_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        for file in [
            "a.log",
            "keep.txt",
            "sub/b.log",
            "docs/x.md",
            "sub/docs/y.md",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, "x").expect("write");
        }
        assert_eq!(apply(root).expect("apply"), None);
        std::fs::write(root.join(".slugignore"), "*.log\n/docs\n").expect("write");
        assert_eq!(apply(root).expect("apply"), Some(3));
        assert!(root.join("keep.txt").exists());
        assert!(!root.join("a.log").exists());
        assert!(!root.join("sub/b.log").exists());
        assert!(!root.join("docs").exists());
        assert!(root.join("sub/docs/y.md").exists());
        assert!(root.join(".slugignore").exists());
    }
}
