//! The platform's address (`ApiUrl`) and `config.toml`: the URL `tug login --api-url`
//! remembered, and per platform which store holds its token.
//!
//! ```toml
//! api_url = "https://paas.example.com"
//!
//! [hosts."paas.example.com:443"]
//! store = "keyring"            # or "file": credentials.toml beside this file
//! email = "ada@example.com"
//! authorization_id = "…"       # only when `tug login` created the token itself
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use reqwest::Url;
use uuid::Uuid;

use crate::cli::error::CliError;
use crate::cli::toml_file::{self, TomlFile};
use crate::files;

pub const DEFAULT_API_URL: &str = "http://127.0.0.1:7700";
pub const CONFIG_FILE: &str = "config.toml";

/// The base URL of a platform: http or https, a host, maybe a port and a path prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiUrl {
    url: Url,
    /// The URL as text without a trailing slash: `http://127.0.0.1:7700`.
    base: String,
}

impl ApiUrl {
    pub fn parse(text: &str) -> Result<ApiUrl, String> {
        let text = text.trim();
        let url = Url::parse(text).map_err(|e| format!("`{text}` is not a URL ({e})"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("`{text}` is not an http:// or https:// URL"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(format!("`{text}` has no host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!(
                "`{text}` carries credentials; give the token with `tug login` or `TUG_API_KEY` instead"
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!(
                "`{text}` has a query or fragment; give the base URL only"
            ));
        }
        let base = url.as_str().trim_end_matches('/').to_string();
        Ok(ApiUrl { url, base })
    }

    pub fn as_str(&self) -> &str {
        &self.base
    }

    /// `host:port`, the key for this platform's token (keyring user, credentials file).
    pub fn host_key(&self) -> String {
        host_key(&self.url).unwrap_or_else(|| self.base.clone())
    }

    pub fn is_https(&self) -> bool {
        self.url.scheme() == "https"
    }

    /// Whether the host is this machine, where "start it with `tug server`" is the advice.
    pub fn is_local(&self) -> bool {
        is_loopback(self.url.host_str().unwrap_or_default())
    }

    /// The URL of an API path, each segment percent-encoded.
    pub fn endpoint<S: AsRef<str>>(&self, segments: &[S]) -> Url {
        let mut url = self.url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    /// `scheme://host[:port]`, as git's `credential.<url>.*` config keys name a site. The port
    /// appears only when it is not the scheme's default, as git writes it.
    pub fn origin(&self) -> String {
        let host = self.url.host_str().unwrap_or_default();
        match self.url.port() {
            Some(port) => format!("{}://{host}:{port}", self.url.scheme()),
            None => format!("{}://{host}", self.url.scheme()),
        }
    }

    /// Whether git's `protocol` and `host` (`127.0.0.1:7700`, `paas.example.com`) name this
    /// platform's origin. `localhost` and `127.0.0.1` count as the same machine.
    pub fn serves(&self, protocol: &str, host: &str) -> bool {
        let plain = |c: char| c.is_ascii_alphanumeric() || ".-_:[]".contains(c);
        if !matches!(protocol, "http" | "https") || host.is_empty() || !host.chars().all(plain) {
            return false;
        }
        let Ok(theirs) = Url::parse(&format!("{protocol}://{host}/")) else {
            return false;
        };
        if theirs.scheme() != self.url.scheme() || theirs.path() != "/" {
            return false;
        }
        let (Some(ours), Some(them)) = (self.url.host_str(), theirs.host_str()) else {
            return false;
        };
        let same_host = ours.eq_ignore_ascii_case(them) || (is_loopback(ours) && is_loopback(them));
        same_host && self.url.port_or_known_default() == theirs.port_or_known_default()
    }

    /// The git remote URL of an app: `<api url>/<app>.git`.
    pub fn git_url(&self, app: &str) -> String {
        format!("{}/{app}.git", self.base)
    }

    /// The app a git remote URL points at, when it points at this platform. Tolerates a missing
    /// `.git`, a trailing slash, an explicit default port, credentials in the URL and
    /// `localhost` for `127.0.0.1`.
    pub fn app_of_remote(&self, remote: &str) -> Option<String> {
        let url = Url::parse(remote.trim()).ok()?;
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        let (ours, theirs) = (self.url.host_str()?, url.host_str()?);
        let same_host =
            ours.eq_ignore_ascii_case(theirs) || (is_loopback(ours) && is_loopback(theirs));
        if !same_host || self.url.port_or_known_default() != url.port_or_known_default() {
            return None;
        }
        let prefix = self.url.path().trim_end_matches('/');
        let rest = url.path().strip_prefix(prefix)?.strip_prefix('/')?;
        let rest = rest.trim_end_matches('/');
        let name = rest.strip_suffix(".git").unwrap_or(rest);
        (!name.is_empty() && !name.contains('/')).then(|| name.to_string())
    }
}

impl std::fmt::Display for ApiUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.base)
    }
}

fn host_key(url: &Url) -> Option<String> {
    Some(format!(
        "{}:{}",
        url.host_str()?,
        url.port_or_known_default()?
    ))
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Which store holds a platform's token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    /// The OS keyring (service `tug`, user = `host:port`).
    Keyring,
    /// `credentials.toml` (mode 0600) beside `config.toml`.
    File,
}

impl Store {
    fn as_str(self) -> &'static str {
        match self {
            Store::Keyring => "keyring",
            Store::File => "file",
        }
    }
}

/// What `tug login` recorded about one platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostRecord {
    pub store: Store,
    pub email: Option<String>,
    /// Set only when `tug login` created the authorization, so `tug logout` may revoke it.
    pub authorization_id: Option<Uuid>,
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub api_url: Option<String>,
    pub hosts: BTreeMap<String, HostRecord>,
    /// The file as read, so that a write changes only tug's values.
    file: TomlFile,
}

/// Two configs are equal when they say the same; how the file is laid out does not count.
impl PartialEq for Config {
    fn eq(&self, other: &Config) -> bool {
        self.api_url == other.api_url && self.hosts == other.hosts
    }
}

impl Eq for Config {}

const HEADER: &str = "# tug CLI settings, written by `tug login` and `tug logout`.\n";

impl Config {
    /// Reads `dir/config.toml`; a missing file is an empty config.
    pub fn load(dir: &Path) -> anyhow::Result<Config> {
        let path = dir.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text).map_err(|e| bad_file(&path, &e).into()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(e).with_context(|| format!("could not read `{}`", path.display())),
        }
    }

    pub fn save(&self, dir: &Path) -> anyhow::Result<()> {
        files::write_private(&dir.join(CONFIG_FILE), &self.render(), 0o644)
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        let file = TomlFile::parse(text)?;
        let doc = file.doc();
        let mut config = Config::default();
        if let Some(item) = doc.get("api_url") {
            let url = item.as_str().ok_or("`api_url` must be a string")?;
            ApiUrl::parse(url).map_err(|e| format!("`api_url`: {e}"))?;
            config.api_url = Some(url.to_string());
        }
        if let Some(item) = doc.get("hosts") {
            let hosts = item.as_table_like().ok_or("`hosts` must be a table")?;
            for (host, item) in hosts.iter() {
                let table = item
                    .as_table_like()
                    .ok_or_else(|| format!("`hosts.\"{host}\"` must be a table"))?;
                let store = match table.get("store").and_then(|i| i.as_str()) {
                    Some("keyring") => Store::Keyring,
                    Some("file") => Store::File,
                    Some(other) => {
                        return Err(format!(
                            "`hosts.\"{host}\".store` must be \"keyring\" or \"file\", not \"{other}\""
                        ));
                    }
                    None => return Err(format!("`hosts.\"{host}\".store` is missing")),
                };
                let email = table
                    .get("email")
                    .and_then(|i| i.as_str())
                    .map(str::to_string);
                let authorization_id = match table.get("authorization_id") {
                    None => None,
                    Some(i) => Some(
                        i.as_str()
                            .and_then(|s| Uuid::parse_str(s).ok())
                            .ok_or_else(|| {
                                format!("`hosts.\"{host}\".authorization_id` must be a UUID")
                            })?,
                    ),
                };
                config.hosts.insert(
                    host.to_string(),
                    HostRecord {
                        store,
                        email,
                        authorization_id,
                    },
                );
            }
        }
        config.file = file;
        Ok(config)
    }

    /// The file's text: as read, with tug's values brought up to date.
    pub fn render(&self) -> String {
        let mut file = self.file.clone();
        let root = file.root_mut();
        toml_file::set_str(root, "api_url", self.api_url.as_deref());
        if !self.hosts.is_empty() || root.contains_key("hosts") {
            let hosts = toml_file::table_mut(root, "hosts", true);
            toml_file::retain(hosts, |h| self.hosts.contains_key(h));
            for (host, record) in &self.hosts {
                let table = toml_file::table_mut(hosts, host, false);
                toml_file::set_str(table, "store", Some(record.store.as_str()));
                toml_file::set_str(table, "email", record.email.as_deref());
                let id = record.authorization_id.map(|id| id.to_string());
                toml_file::set_str(table, "authorization_id", id.as_deref());
            }
        }
        file.render(HEADER)
    }
}

/// "could not read `path`: why" with the advice to fix or remove the file.
pub fn bad_file(path: &Path, why: &str) -> CliError {
    CliError::failed(
        format!("could not read `{}`: {why}", path.display()),
        format!(
            "fix or delete `{}`, then run `tug login` again",
            path.display()
        ),
    )
}

pub fn config_path(dir: &Path) -> PathBuf {
    dir.join(CONFIG_FILE)
}

#[cfg(test)]
pub(crate) mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn api(s: &str) -> ApiUrl {
        ApiUrl::parse(s).unwrap()
    }

    #[test]
    fn api_urls_are_normalised_and_bad_ones_refused() {
        assert_eq!(
            api("http://127.0.0.1:7700/").as_str(),
            "http://127.0.0.1:7700"
        );
        assert_eq!(
            api("https://paas.example.com").as_str(),
            "https://paas.example.com"
        );
        assert_eq!(
            api("https://x.example/tug/").as_str(),
            "https://x.example/tug"
        );
        assert_eq!(api("http://127.0.0.1:7700").host_key(), "127.0.0.1:7700");
        assert_eq!(
            api("https://paas.example.com").host_key(),
            "paas.example.com:443"
        );
        assert!(api("http://localhost:7700").is_local());
        assert!(api("http://[::1]:7700").is_local());
        assert!(!api("https://paas.example.com").is_local());
        for bad in [
            "",
            "paas.example.com",
            "ftp://x.example",
            "http://",
            "https://user:pw@x.example",
            "https://x.example/?a=1",
            "file:///tmp",
        ] {
            assert!(ApiUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn endpoints_encode_segments() {
        let a = api("https://x.example/tug");
        assert_eq!(
            a.endpoint(&["apps", "demo"]).as_str(),
            "https://x.example/tug/apps/demo"
        );
        assert_eq!(
            a.endpoint(&["apps", "../x y"]).as_str(),
            "https://x.example/tug/apps/..%2Fx%20y"
        );
        assert_eq!(
            api("http://127.0.0.1:7700")
                .endpoint(&["users", "~", "apps"])
                .as_str(),
            "http://127.0.0.1:7700/users/~/apps"
        );
        assert_eq!(a.git_url("demo"), "https://x.example/tug/demo.git");
    }

    #[test]
    fn origins_are_written_and_matched_as_git_does() {
        let local = api("http://127.0.0.1:7700");
        assert_eq!(local.origin(), "http://127.0.0.1:7700");
        assert_eq!(api("https://x.example/tug/").origin(), "https://x.example");
        assert_eq!(api("https://x.example:443").origin(), "https://x.example");
        assert_eq!(api("http://[::1]:7700").origin(), "http://[::1]:7700");
        assert!(local.serves("http", "127.0.0.1:7700"));
        assert!(local.serves("http", "localhost:7700"));
        for (protocol, host) in [
            ("https", "127.0.0.1:7700"),
            ("http", "127.0.0.1:7701"),
            ("http", "127.0.0.1"),
            ("http", "github.com"),
            ("http", "127.0.0.1:7700/x"),
            ("http", "evil@127.0.0.1:7700"),
            ("http", ""),
            ("", "127.0.0.1:7700"),
            ("http", "127.0.0.1:7700 "),
            ("http", "127.0.0.1:7700?x"),
            ("http", "127.0.0.1:7700#x"),
            ("ftp", "127.0.0.1:7700"),
        ] {
            assert!(!local.serves(protocol, host), "{protocol}://{host}");
        }
        let remote = api("https://paas.example.com/tug");
        assert!(remote.serves("https", "paas.example.com"));
        assert!(remote.serves("https", "PAAS.example.com:443"));
        assert!(!remote.serves("http", "paas.example.com"));
        assert!(!remote.serves("https", "paas.example.com.evil.com"));
    }

    #[test]
    fn remote_urls_map_to_apps_on_this_platform_only() {
        let a = api("http://127.0.0.1:7700");
        for (remote, app) in [
            ("http://127.0.0.1:7700/demo.git", Some("demo")),
            ("http://127.0.0.1:7700/demo", Some("demo")),
            ("http://127.0.0.1:7700/demo/", Some("demo")),
            ("http://127.0.0.1:7700/demo.git/", Some("demo")),
            ("http://localhost:7700/demo.git", Some("demo")),
            ("http://tug:secret@127.0.0.1:7700/demo.git", Some("demo")),
            (" http://127.0.0.1:7700/demo.git\n", Some("demo")),
            ("http://127.0.0.1:7701/demo.git", None),
            ("http://10.0.0.1:7700/demo.git", None),
            ("http://127.0.0.1:7700/", None),
            ("http://127.0.0.1:7700/a/b.git", None),
            ("git@github.com:ada/demo.git", None),
            ("ssh://git@127.0.0.1:7700/demo.git", None),
            ("../local/path", None),
            ("", None),
        ] {
            assert_eq!(a.app_of_remote(remote).as_deref(), app, "{remote}");
        }
        let b = api("https://paas.example.com/tug");
        assert_eq!(
            b.app_of_remote("https://paas.example.com:443/tug/demo.git")
                .as_deref(),
            Some("demo")
        );
        assert_eq!(
            b.app_of_remote("https://PAAS.example.com/tug/demo")
                .as_deref(),
            Some("demo")
        );
        assert_eq!(b.app_of_remote("https://paas.example.com/demo.git"), None);
        assert_eq!(
            b.app_of_remote("https://paas.example.com/tugx/demo.git"),
            None
        );
    }

    #[test]
    fn config_round_trips() {
        let mut config = Config {
            api_url: Some("https://paas.example.com".into()),
            ..Config::default()
        };
        config.hosts.insert(
            "paas.example.com:443".into(),
            HostRecord {
                store: Store::File,
                email: Some("ada \"the\" dev@example.com".into()),
                authorization_id: Some(Uuid::from_u128(7)),
            },
        );
        config.hosts.insert(
            "127.0.0.1:7700".into(),
            HostRecord {
                store: Store::Keyring,
                email: None,
                authorization_id: None,
            },
        );
        let text = config.render();
        assert_eq!(Config::parse(&text).unwrap(), config);
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn bad_config_files_are_errors_not_panics() {
        for (bad, why) in [
            ("api_url = ", "line 1, column 11: "),
            ("api_url = 3", "`api_url` must be a string"),
            ("api_url = \"nope\"", "not a URL"),
            ("hosts = 1", "`hosts` must be a table"),
            ("[hosts]\nx = 1", "must be a table"),
            (
                "[hosts.\"a:1\"]\nstore = \"floppy\"",
                "must be \"keyring\" or \"file\"",
            ),
            ("[hosts.\"a:1\"]\nemail = \"x\"", "store` is missing"),
            (
                "[hosts.\"a:1\"]\nstore = \"file\"\nauthorization_id = \"zz\"",
                "must be a UUID",
            ),
            ("a = 1\n\u{0}\u{1}garbage[[[", "line 2, column 1"),
        ] {
            let err = Config::parse(bad).unwrap_err();
            assert!(err.contains(why), "{bad:?}: {err}");
        }
    }

    #[test]
    fn a_corrupt_file_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "api_url = [").unwrap();
        let err = Config::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("config.toml"), "{err}");
        assert!(Config::load(&dir.path().join("missing")).unwrap() == Config::default());
    }
}
