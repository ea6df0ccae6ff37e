//! The one policy for every connection the server makes on a user's behalf: fetching a build's
//! source, downloading or cloning a buildpack, shipping a drain, delivering a webhook. Any of
//! these URLs comes from a user, so without a policy a user could make the server reach what
//! only the server can reach (its own loopback services, the private network, a cloud metadata
//! endpoint) and probe it. So, unless the operator allows private targets (`--allow-private-urls`,
//! for tests and single-user machines):
//!
//! - only public unicast addresses are reached: the check is made on the addresses a name
//!   resolves to, at connect time (the HTTP client's resolver filters them, git is pinned to the
//!   checked addresses), so a name that resolves differently the second time gains nothing;
//! - every redirect is checked the same way;
//! - local buildpacks come only from the directories the operator lists (`--buildpack-dir`).
//!
//! Proxies from the environment are not used: through a proxy, the proxy would pick the address.
//!
//! `redact` (in `redact.rs`) belongs here too: the URLs these connections use may carry credentials, and whatever the
//! server writes about them (build output, the app's log, its own log) must not.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, OnceLock};

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

mod redact;
pub use redact::redact;

/// What the operator allows beyond the public internet.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Loopback, private, link-local and other non-public targets are allowed.
    pub allow_private: bool,
    /// Directories local buildpacks (paths, `file://` URLs) may come from, as given.
    pub buildpack_dirs: Vec<PathBuf>,
}

static POLICY: OnceLock<Policy> = OnceLock::new();

/// Until `configure`: nothing private, no local buildpacks.
static STRICT: Policy = Policy {
    allow_private: false,
    buildpack_dirs: Vec::new(),
};

/// Sets the policy, once, when the server starts. The fetchers run deep inside builds, drains
/// and webhook tasks; one process-wide setting spares threading it through all of them.
pub fn configure(policy: Policy) {
    if POLICY.set(policy).is_err() {
        tracing::warn!("the outbound URL policy was already set; keeping the first");
    }
}

/// The policy in force: the strict default until `configure` is called.
pub fn policy() -> &'static Policy {
    POLICY.get().unwrap_or(&STRICT)
}

/// For the unit tests of the fetchers, which use loopback servers and buildpacks anywhere.
#[cfg(test)]
pub fn allow_everything() {
    let _ = POLICY.set(Policy {
        allow_private: true,
        buildpack_dirs: vec![PathBuf::from("/")],
    });
}

/// Why a target was refused; for the server's own log, never for the user (see `fetch_failed`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// Whether `ip` is a public unicast address: none of loopback, private (RFC 1918, ULA),
/// link-local, shared (CGNAT), `0.0.0.0/8`, multicast, broadcast, documentation, benchmarking
/// or reserved ranges, nor an IPv6 form (mapped, compatible, NAT64, 6to4) of one of those.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let private = a == 0 // "this network"
        || a == 10
        || a == 127
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 169 && b == 254) // link-local, cloud metadata
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // documentation
        || (a == 192 && b == 88 && c == 99) // 6to4 relay anycast
        || (a == 192 && b == 168)
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || (a == 198 && b == 51 && c == 100) // documentation
        || (a == 203 && b == 0 && c == 113) // documentation
        || a >= 224; // multicast, reserved, broadcast
    !private
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    let embedded_v4 = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    if s[..5] == [0; 5] && (s[5] == 0xffff || s[5] == 0) {
        // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible (::a.b.c.d), which
        // also covers :: and ::1.
        return is_public_v4(embedded_v4(s[6], s[7]));
    }
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0; 4] {
        // NAT64 well-known prefix: reaches the embedded IPv4 address.
        return is_public_v4(embedded_v4(s[6], s[7]));
    }
    if s[0] == 0x2002 {
        // 6to4: the IPv4 address of the relay follows the prefix.
        return is_public_v4(embedded_v4(s[1], s[2]));
    }
    let private = (s[0] & 0xfe00) == 0xfc00 // unique local fc00::/7
        || (s[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
        || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated) fec0::/10
        || (s[0] & 0xff00) == 0xff00 // multicast
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] == 0x2001 && s[1] == 0) // Teredo: the real target is hidden
        || (s[0] == 0x0100 && s[1..4] == [0; 3]) // discard-only
        || s[0] == 0; // anything else in ::/16 is reserved
    !private
}

impl Policy {
    /// Whether a connection to `ip` is allowed.
    pub fn allows(&self, ip: IpAddr) -> bool {
        self.allow_private || is_public(ip)
    }

    /// Checks what can be checked of a URL without resolving it: an `http` or `https` URL with a
    /// host, whose host (when it is a literal address) is allowed.
    pub fn check_http_url(&self, url: &Url) -> Result<(), Refused> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Refused(format!(
                "the scheme `{}` is not http(s)",
                url.scheme()
            )));
        }
        self.check_host(url)
    }

    /// A literal address in the URL's host must be allowed; names are checked when resolved.
    fn check_host(&self, url: &Url) -> Result<(), Refused> {
        let host = url.host_str().filter(|h| !h.is_empty());
        let Some(host) = host else {
            return Err(Refused("the URL has no host".into()));
        };
        let Some(ip) = literal_ip(host) else {
            return Ok(());
        };
        if self.allows(ip) {
            Ok(())
        } else {
            Err(Refused(format!("{ip} is not a public address")))
        }
    }

    /// Resolves `host:port` (`[v6]:port` for IPv6) and keeps the addresses this policy allows;
    /// an error when none is left.
    pub async fn resolve(&self, addr: &str) -> Result<Vec<SocketAddr>, Refused> {
        let found = tokio::net::lookup_host(addr)
            .await
            .map_err(|e| Refused(format!("cannot resolve {addr}: {e}")))?;
        let allowed: Vec<SocketAddr> = found.filter(|a| self.allows(a.ip())).collect();
        if allowed.is_empty() {
            return Err(Refused(format!("{addr} has no public address")));
        }
        Ok(allowed)
    }

    /// An HTTP client that reaches only what this policy allows, redirects included: its
    /// resolver drops refused addresses, each redirect's URL is checked (when `follow_redirects`;
    /// otherwise a redirect is the answer), no proxy is used.
    pub fn http_client(
        &self,
        builder: reqwest::ClientBuilder,
        follow_redirects: bool,
    ) -> reqwest::Result<reqwest::Client> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let resolver = Arc::new(Guarded(self.clone()));
        let redirects = self.clone();
        let redirect = if follow_redirects {
            reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() >= MAX_REDIRECTS {
                    return attempt.error(Refused("too many redirects".into()));
                }
                match redirects.check_http_url(attempt.url()) {
                    Ok(()) => attempt.follow(),
                    Err(refused) => attempt.error(refused),
                }
            })
        } else {
            reqwest::redirect::Policy::none()
        };
        builder
            .no_proxy()
            .dns_resolver(resolver)
            .redirect(redirect)
            .build()
    }

    /// When a drain or a webhook is created: refuses a target this policy can never reach (a
    /// literal refused address, a name that resolves only to refused addresses). A name that
    /// does not resolve now is let through: every delivery checks again.
    pub async fn check_target(&self, url: &str) -> Result<(), Refused> {
        let parsed = Url::parse(url).map_err(|_| Refused("not a URL".into()))?;
        self.check_host(&parsed)?;
        let Some(host) = parsed.host_str().filter(|h| literal_ip(h).is_none()) else {
            return Ok(());
        };
        let addr = format!("{host}:{}", parsed.port_or_known_default().unwrap_or(0));
        let lookup = tokio::time::timeout(CHECK_TIMEOUT, tokio::net::lookup_host(addr)).await;
        match lookup {
            Ok(Ok(found)) => {
                let found: Vec<SocketAddr> = found.collect();
                if !found.is_empty() && !found.iter().any(|a| self.allows(a.ip())) {
                    return Err(Refused(format!("{host} has no public address")));
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Checks a local buildpack's path (a directory, a tarball or a git repository): it must be
    /// absolute, without `..`, inside one of the listed directories, and so must be what it
    /// resolves to through symbolic links. The refusal never says whether the path exists.
    pub fn check_buildpack_path(&self, path: &Path) -> Result<(), Refused> {
        let refused = || {
            Refused(format!(
                "{} is not in a buildpack directory this server allows (the operator lists them with --buildpack-dir)",
                path.display()
            ))
        };
        let plain = path.is_absolute()
            && path
                .components()
                .all(|c| !matches!(c, Component::ParentDir | Component::CurDir));
        if !plain {
            return Err(refused());
        }
        let listed: Vec<PathBuf> = self
            .buildpack_dirs
            .iter()
            .filter(|d| d.is_absolute())
            .flat_map(|d| [d.clone(), d.canonicalize().unwrap_or_else(|_| d.clone())])
            .collect();
        let inside = |p: &Path| listed.iter().any(|dir| p.starts_with(dir) && p != dir);
        if !inside(path) {
            return Err(refused());
        }
        match path.canonicalize() {
            Ok(real) if !inside(&real) => Err(refused()),
            _ => Ok(()),
        }
    }
}

/// The address a URL's host names literally (the URL parser has already normalised forms such
/// as `2130706433` or `0x7f.1` to `127.0.0.1`); `None` for a name.
fn literal_ip(host: &str) -> Option<IpAddr> {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    bare.parse().ok()
}

/// How long a creation check waits for a name to resolve.
const CHECK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Redirects an HTTP fetch follows at most.
const MAX_REDIRECTS: usize = 10;

/// The HTTP client's resolver: the system's, keeping only the addresses the policy allows.
struct Guarded(Policy);

impl Resolve for Guarded {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.0.clone();
        // Port 0: reqwest puts the URL's port in.
        let addr = format!("{}:0", name.as_str());
        Box::pin(async move {
            let allowed = policy.resolve(&addr).await?;
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

/// The message for any failure to fetch a URL for a user: the same for a refused target, a
/// closed port, a timeout or an error status, so that it cannot be used to probe a network.
pub fn fetch_failed(what: &str, url: &str) -> String {
    format!("could not fetch {what} from {}", redact(url))
}

/// Why a download did not give a file.
#[derive(Debug)]
pub enum DownloadError {
    /// Anything on the way: refused, unreachable, an error status, a broken transfer. The
    /// detail is for the server's log only.
    Failed(String),
    /// More than the limit came.
    TooLarge,
}

/// Downloads an http(s) `url` into the file `dest` under the policy, redirects checked; at most
/// `max_bytes`, within `timeout`. The caller removes `dest` on an error.
pub async fn download(
    url: &str,
    dest: &Path,
    max_bytes: u64,
    timeout: std::time::Duration,
) -> Result<u64, DownloadError> {
    use futures_util::TryStreamExt;
    let failed = |e: &dyn std::fmt::Display| DownloadError::Failed(redact(&e.to_string()));
    let policy = policy();
    let parsed = Url::parse(url).map_err(|e| failed(&e))?;
    policy.check_http_url(&parsed).map_err(|e| failed(&e))?;
    let client = policy
        .http_client(reqwest::Client::builder().timeout(timeout), true)
        .map_err(|e| failed(&e))?;
    let resp = client.get(parsed).send().await.map_err(|e| failed(&e))?;
    if !resp.status().is_success() {
        return Err(failed(&format!("HTTP {}", resp.status())));
    }
    let stream = resp.bytes_stream().map_err(std::io::Error::other);
    let mut reader = tokio::io::AsyncReadExt::take(
        tokio_util::io::StreamReader::new(stream),
        max_bytes.saturating_add(1),
    );
    let mut file = tokio::fs::File::create(dest)
        .await
        .map_err(|e| failed(&e))?;
    let n = tokio::io::copy(&mut reader, &mut file)
        .await
        .map_err(|e| failed(&e))?;
    if n > max_bytes {
        return Err(DownloadError::TooLarge);
    }
    Ok(n)
}

/// `git -c` settings that keep a clone or fetch of `url` to what the policy allows: an http(s)
/// remote is pinned to addresses checked here (curl's resolve list), and redirects are not
/// followed; an ssh or git remote's host is checked before git resolves it again (ssh cannot be
/// pinned from here); a local repository must be in a listed buildpack directory.
pub async fn git_settings(url: &str) -> Result<Vec<String>, Refused> {
    let policy = policy();
    let mut settings = vec!["http.followRedirects=false".to_owned()];
    if let Some(path) = url.strip_prefix('/') {
        policy.check_buildpack_path(&Path::new("/").join(path))?;
        return Ok(settings);
    }
    if let Some((user_host, _)) = url.split_once(':')
        && !url.contains("://")
    {
        // scp-like `user@host:path`.
        let host = user_host.rsplit('@').next().unwrap_or(user_host);
        policy.resolve(&format!("{host}:22")).await?;
        return Ok(settings);
    }
    let parsed = Url::parse(url).map_err(|_| Refused("not a URL".into()))?;
    match parsed.scheme() {
        "file" => {
            let path = parsed
                .to_file_path()
                .map_err(|()| Refused("not a local path".into()))?;
            policy.check_buildpack_path(&path)?;
        }
        "http" | "https" | "ssh" | "git" => {
            policy.check_host(&parsed)?;
            let port = parsed
                .port_or_known_default()
                .unwrap_or(match parsed.scheme() {
                    "ssh" => 22,
                    _ => 9418,
                });
            if let Some(host) = parsed.host_str().filter(|h| literal_ip(h).is_none()) {
                let addrs = policy.resolve(&format!("{host}:{port}")).await?;
                if parsed.scheme().starts_with("http") {
                    let list: Vec<String> = addrs
                        .iter()
                        .map(|a| match a.ip() {
                            IpAddr::V4(v4) => v4.to_string(),
                            IpAddr::V6(v6) => format!("[{v6}]"),
                        })
                        .collect();
                    settings.push(format!(
                        "http.curloptResolve={host}:{port}:{}",
                        list.join(",")
                    ));
                }
            }
        }
        other => return Err(Refused(format!("the scheme `{other}` is not allowed"))),
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn only_public_unicast_addresses_are_public() {
        for private in [
            "0.0.0.0",
            "0.1.2.3",
            "10.0.0.1",
            "100.64.0.1",
            "100.127.255.254",
            "127.0.0.1",
            "127.9.9.9",
            "169.254.169.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.0.0.8",
            "192.0.2.1",
            "192.168.1.1",
            "198.18.0.1",
            "224.0.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "::ffff:127.0.0.1",
            "::ffff:10.1.2.3",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "fec0::1",
            "ff02::1",
            "2001:db8::1",
            "2001::1",
            "100::1",
        ] {
            assert!(!is_public(ip(private)), "{private} is not public");
        }
        for public in [
            "1.1.1.1",
            "8.8.8.8",
            "100.63.255.255",
            "100.128.0.1",
            "172.15.0.1",
            "172.32.0.1",
            "192.169.0.1",
            "223.255.255.254",
            "2606:4700::1111",
            "2a00:1450:4001::200e",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
        ] {
            assert!(is_public(ip(public)), "{public} is public");
        }
    }

    #[test]
    fn urls_need_http_and_an_allowed_literal_host() {
        let strict = Policy::default();
        let check = |p: &Policy, u: &str| p.check_http_url(&Url::parse(u).unwrap());
        assert!(check(&strict, "https://example.com/x.tgz").is_ok());
        for refused in [
            "http://127.0.0.1:8080/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://2130706433/",
            "http://0x7f.1/",
            "http://169.254.169.254/latest/meta-data/",
            "file:///etc/passwd",
            "ftp://example.com/x",
            "gopher://example.com/",
        ] {
            assert!(check(&strict, refused).is_err(), "{refused}");
        }
        let open = Policy {
            allow_private: true,
            ..Policy::default()
        };
        assert!(check(&open, "http://127.0.0.1:8080/").is_ok());
        assert!(check(&open, "file:///etc/passwd").is_err());
    }

    #[tokio::test]
    async fn names_resolving_to_private_addresses_are_refused() {
        let strict = Policy::default();
        assert!(strict.resolve("localhost:80").await.is_err());
        assert!(strict.resolve("127.0.0.1:80").await.is_err());
        let open = Policy {
            allow_private: true,
            ..Policy::default()
        };
        assert!(!open.resolve("localhost:80").await.unwrap().is_empty());
    }

    /// A public server that redirects to loopback cannot be had on this machine, so the
    /// redirect rule is checked here, through the client the fetchers use: the first hop is
    /// allowed (private targets allowed), the redirect's target is judged by a strict copy.
    #[tokio::test]
    async fn redirects_to_refused_targets_are_not_followed() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            while let Ok((mut conn, _)) = listener.accept().await {
                let mut buf = [0u8; 1024];
                let n = conn.read(&mut buf).await.unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]).into_owned();
                let reply = if request.starts_with("GET /secret") {
                    "HTTP/1.1 200 OK\r\ncontent-length: 6\r\nconnection: close\r\n\r\nsecret"
                        .to_owned()
                } else {
                    format!(
                        "HTTP/1.1 302 Found\r\nlocation: http://127.0.0.1:{port}/secret\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                    )
                };
                let _ = conn.write_all(reply.as_bytes()).await;
            }
        });
        // The redirect check alone, as a strict server applies it to the `location`.
        let strict = Policy::default();
        let location = Url::parse(&format!("http://127.0.0.1:{port}/secret")).unwrap();
        assert!(strict.check_http_url(&location).is_err());
        // End to end through a client that allows the first hop but not private redirects.
        let first_hop_only = Policy::default();
        let client = first_hop_only
            .http_client(
                reqwest::Client::builder().resolve("public.test", ([127, 0, 0, 1], port).into()),
                true,
            )
            .unwrap();
        let got = client
            .get(format!("http://public.test:{port}/start"))
            .send()
            .await;
        assert!(
            got.is_err(),
            "the redirect to loopback was followed: {got:?}"
        );
        // With private targets allowed, the same redirect is followed.
        let open = Policy {
            allow_private: true,
            ..Policy::default()
        };
        let client = open.http_client(reqwest::Client::builder(), true).unwrap();
        let body = client
            .get(format!("http://127.0.0.1:{port}/start"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(body, "secret");
    }

    #[test]
    fn buildpack_paths_must_be_inside_a_listed_directory() {
        let root = tempfile::tempdir().unwrap();
        let listed = root.path().join("packs");
        std::fs::create_dir_all(listed.join("one/bin")).unwrap();
        std::fs::create_dir_all(root.path().join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(root.path().join("elsewhere"), listed.join("escape")).unwrap();
        let policy = Policy {
            allow_private: false,
            buildpack_dirs: vec![listed.clone()],
        };
        assert!(policy.check_buildpack_path(&listed.join("one")).is_ok());
        assert!(policy.check_buildpack_path(&listed.join("not-yet")).is_ok());
        for refused in [
            listed.clone(),
            listed.join("../elsewhere"),
            listed.join("escape"),
            root.path().join("elsewhere"),
            PathBuf::from("/etc"),
            PathBuf::from("relative/one"),
        ] {
            let err = policy.check_buildpack_path(&refused).unwrap_err();
            assert!(err.0.contains("--buildpack-dir"), "{err}");
        }
        assert!(
            Policy::default()
                .check_buildpack_path(&listed.join("one"))
                .is_err()
        );
    }
}
