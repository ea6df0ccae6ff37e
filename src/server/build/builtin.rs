//! The built-in buildpacks: plain scripts from `buildpacks/` embedded in the binary and written
//! out fresh for every build, so an upgraded binary never runs stale copies and concurrent builds
//! never share a buildpack directory (a buildpack may write its `export` file there).

use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// A built-in buildpack: its name and its files (`bin/` scripts and the helpers in `lib/`),
/// by path inside the buildpack.
pub struct Builtin {
    pub name: &'static str,
    files: &'static [(&'static str, &'static str)],
}

macro_rules! file {
    ($name:literal, $path:literal) => {
        (
            $path,
            include_str!(concat!("../../../buildpacks/", $name, "/", $path)),
        )
    };
}

/// Every built-in, by name.
pub static BUILTINS: [Builtin; 4] = [
    Builtin {
        name: "null",
        files: &[
            file!("null", "bin/detect"),
            file!("null", "bin/compile"),
            file!("null", "bin/release"),
        ],
    },
    Builtin {
        name: "procfile",
        files: &[
            file!("procfile", "bin/detect"),
            file!("procfile", "bin/compile"),
            file!("procfile", "bin/release"),
        ],
    },
    Builtin {
        name: "python",
        files: &[
            file!("python", "bin/detect"),
            file!("python", "bin/compile"),
            file!("python", "bin/release"),
            file!("python", "lib/version.py"),
            file!("python", "lib/collectstatic.sh"),
        ],
    },
    Builtin {
        name: "node",
        files: &[
            file!("node", "bin/detect"),
            file!("node", "bin/compile"),
            file!("node", "bin/release"),
            file!("node", "lib/version.js"),
            file!("node", "lib/facts.js"),
        ],
    },
];

/// The built-ins tried, in order, when an app has no buildpack set. `null` detects anything, so
/// it runs only when named.
pub const DEFAULT_ORDER: [&str; 3] = ["python", "node", "procfile"];

/// The built-in a buildpack setting names, if any: a built-in name or one of Heroku's
/// shorthands for the same language.
pub fn lookup(spec: &str) -> Option<&'static Builtin> {
    let name = match spec {
        "null" | "heroku/null" => "null",
        "procfile" | "heroku/procfile" => "procfile",
        "python" | "heroku/python" => "python",
        "node" | "nodejs" | "heroku/nodejs" | "heroku/node" => "node",
        _ => return None,
    };
    BUILTINS.iter().find(|b| b.name == name)
}

/// The names to list in messages.
pub fn names() -> Vec<&'static str> {
    BUILTINS.iter().map(|b| b.name).collect()
}

impl Builtin {
    /// Write its files into `dir` (created), executable.
    pub fn write_to(&self, dir: &Path) -> io::Result<()> {
        for (file, text) in self.files {
            let path = dir.join(file);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, text)?;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorthands_map_to_builtins() {
        for (spec, name) in [
            ("heroku/python", "python"),
            ("heroku/nodejs", "node"),
            ("heroku/procfile", "procfile"),
            ("nodejs", "node"),
            ("null", "null"),
        ] {
            assert_eq!(lookup(spec).map(|b| b.name), Some(name), "{spec}");
        }
        assert!(lookup("heroku/ruby").is_none());
        assert!(lookup("Python").is_none());
        for name in DEFAULT_ORDER {
            assert!(lookup(name).is_some());
        }
    }

    #[test]
    fn writes_executable_scripts() {
        let dir = tempfile::tempdir().expect("tempdir");
        for builtin in &BUILTINS {
            let target = dir.path().join(builtin.name);
            builtin.write_to(&target).expect("write");
            for file in ["detect", "compile", "release"] {
                let meta = std::fs::metadata(target.join("bin").join(file)).expect("meta");
                assert_eq!(meta.permissions().mode() & 0o111, 0o111);
                assert!(meta.len() > 0);
            }
        }
    }
}
