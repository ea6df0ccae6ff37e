//! The environment variables the CLI reads, read once at startup. Nothing else calls
//! `std::env::var`, so every setting has one source and tests can build an `Env` by hand.

use std::path::PathBuf;

pub const API_URL: &str = "TUG_API_URL";
pub const API_KEY: &str = "TUG_API_KEY";
pub const APP: &str = "TUG_APP";
pub const CONFIG_DIR: &str = "TUG_CONFIG_DIR";
pub const DATA_DIR: &str = "TUG_DATA_DIR";

#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `TUG_API_URL`
    pub api_url: Option<String>,
    /// `TUG_API_KEY`
    pub api_key: Option<String>,
    /// `TUG_APP` (clap reads it for `--app`; read here for commands whose positional argument
    /// says which app, such as `git:clone`)
    pub app: Option<String>,
    /// `TUG_CONFIG_DIR`, else `$XDG_CONFIG_HOME/tug`, else `~/.config/tug`.
    pub config_dir: Option<PathBuf>,
    pub xdg_config_home: Option<PathBuf>,
    pub home: Option<PathBuf>,
    /// `NO_COLOR` set and not empty.
    pub no_color: bool,
    /// `FORCE_COLOR` or `CLICOLOR_FORCE` set, not empty and not `0`.
    pub force_color: bool,
    /// `TERM=dumb`
    pub dumb_term: bool,
    /// `TERM`, passed on to an interactive `tug run`.
    pub term: Option<String>,
    /// `BROWSER`, for `tug open`.
    pub browser: Option<String>,
    /// `TUG_DATA_DIR`: where a server `tug up` starts keeps its data.
    pub data_dir: Option<PathBuf>,
}

impl Env {
    pub fn from_process() -> Env {
        let var = |name: &str| {
            std::env::var_os(name)
                .and_then(|v| v.into_string().ok())
                .filter(|v| !v.trim().is_empty())
        };
        let path = |name: &str| {
            std::env::var_os(name)
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
        };
        let forced = |name: &str| var(name).is_some_and(|v| v != "0" && v != "false");
        Env {
            api_url: var(API_URL),
            api_key: var(API_KEY).map(|k| k.trim().to_string()),
            app: var(APP).map(|a| a.trim().to_string()),
            config_dir: path(CONFIG_DIR),
            xdg_config_home: path("XDG_CONFIG_HOME"),
            home: path("HOME"),
            no_color: var("NO_COLOR").is_some(),
            force_color: forced("FORCE_COLOR") || forced("CLICOLOR_FORCE"),
            dumb_term: var("TERM").is_some_and(|t| t == "dumb"),
            term: var("TERM"),
            browser: var("BROWSER"),
            data_dir: var(DATA_DIR).map(PathBuf::from),
        }
    }

    /// Where `config.toml` and `credentials.toml` live.
    pub fn config_dir(&self) -> Option<PathBuf> {
        if let Some(dir) = &self.config_dir {
            return Some(dir.clone());
        }
        if let Some(xdg) = &self.xdg_config_home {
            return Some(xdg.join("tug"));
        }
        self.home.as_ref().map(|h| h.join(".config").join("tug"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_dir_precedence() {
        let mut env = Env {
            home: Some("/home/ada".into()),
            ..Env::default()
        };
        assert_eq!(
            env.config_dir(),
            Some(PathBuf::from("/home/ada/.config/tug"))
        );
        env.xdg_config_home = Some("/xdg".into());
        assert_eq!(env.config_dir(), Some(PathBuf::from("/xdg/tug")));
        env.config_dir = Some("/custom".into());
        assert_eq!(env.config_dir(), Some(PathBuf::from("/custom")));
        assert_eq!(Env::default().config_dir(), None);
    }
}
