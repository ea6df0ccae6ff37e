//! The operator's own PostgreSQL server (`--postgres-admin-url`), which Postgres add-ons are
//! provisioned on instead of tug's cluster.

/// The operator's server: where it is and the admin role tug provisions with.
pub struct External {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: String,
    pub database: String,
    pub sslmode: Option<String>,
}

impl External {
    /// From `postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=...]`; the error never
    /// repeats the URL (it holds a password).
    pub fn parse(url: &str) -> Result<External, String> {
        let bad = |why: &str| format!("`--postgres-admin-url` is not usable: {why}");
        let u = reqwest::Url::parse(url.trim()).map_err(|e| bad(&e.to_string()))?;
        if !matches!(u.scheme(), "postgres" | "postgresql") {
            return Err(bad("it must start with `postgres://`"));
        }
        let host = url_host(&u).ok_or_else(|| bad("it names no host"))?;
        if u.username().is_empty() {
            return Err(bad("it names no user"));
        }
        let decode = |s: &str| {
            percent_decode(s).ok_or_else(|| bad("its user or password is not valid UTF-8"))
        };
        let database = u.path().trim_start_matches('/');
        Ok(External {
            host,
            port: u.port().unwrap_or(5432),
            user: decode(u.username())?,
            password: decode(u.password().unwrap_or_default())?,
            database: if database.is_empty() {
                "postgres".into()
            } else {
                decode(database)?
            },
            sslmode: u
                .query_pairs()
                .find(|(k, _)| k == "sslmode")
                .map(|(_, v)| v.into_owned()),
        })
    }

    pub fn is_loopback(&self) -> bool {
        self.host == "localhost"
            || self
                .host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

/// The host an admin URL names, without an IPv6 address's brackets.
pub(super) fn url_host(u: &reqwest::Url) -> Option<String> {
    (u.host_str())
        .filter(|h| !h.is_empty())
        .map(|h| h.trim_matches(['[', ']']).to_string())
}

/// `%40` → `@`, for the parts of a URL.
pub(super) fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_urls_are_read_without_repeating_them() {
        let e = External::parse("postgres://op%40x:p%2Fw@db.example:6543/admin?sslmode=require")
            .unwrap();
        assert_eq!(
            (
                e.user.as_str(),
                e.password.as_str(),
                e.host.as_str(),
                e.port
            ),
            ("op@x", "p/w", "db.example", 6543)
        );
        assert_eq!(
            (e.database.as_str(), e.sslmode.as_deref()),
            ("admin", Some("require"))
        );
        assert!(!e.is_loopback());
        let e = External::parse("postgresql://op:pw@127.0.0.1").unwrap();
        assert_eq!((e.port, e.database.as_str()), (5432, "postgres"));
        assert!(e.is_loopback());
        for bad in [
            "mysql://op:secretpw@h/db",
            "postgres://secretpw@/db",
            "postgres:///db",
            "x",
        ] {
            let err = External::parse(bad).err().unwrap();
            assert!(!err.contains("secretpw"), "{err}");
        }
    }
}
