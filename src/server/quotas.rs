//! What one account may take of a shared server: dynos per process type, per app and per
//! account, apps per account, process types per app, config size per app. The operator sets
//! each with a `tug server` flag; every refusal is a 422 that names the limit and that flag,
//! so whoever hits it knows whom to ask and what to ask for.

use super::store::FormationRow;

/// A refusal for going over a limit; the API answers it with a 422 carrying `message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverQuota {
    pub message: String,
}

impl std::fmt::Display for OverQuota {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

#[derive(Debug, Clone)]
pub struct Quotas {
    /// Dynos one process type may be scaled to (`--max-quantity`).
    pub per_type: i64,
    /// Dynos one app may run, every process type and one-off together (`--max-app-dynos`).
    pub per_app: i64,
    /// Dynos the apps one account owns may run together (`--max-account-dynos`).
    pub per_account: i64,
    /// Apps one account may own (`--max-apps`).
    pub apps: i64,
    /// Process types one release may declare (`--max-process-types`).
    pub process_types: usize,
    /// Bytes of config (keys and values) one app may carry (`--max-config-size`).
    pub config_bytes: usize,
}

impl Default for Quotas {
    fn default() -> Quotas {
        Quotas {
            per_type: 100,
            per_app: 100,
            per_account: 300,
            apps: 100,
            process_types: 50,
            config_bytes: 64 * 1024,
        }
    }
}

fn refuse(what: String, limit: impl std::fmt::Display, flag: &str) -> OverQuota {
    OverQuota {
        message: format!(
            "{what}; the limit is {limit} (the server's `{flag}`: ask its operator to raise it)"
        ),
    }
}

impl Quotas {
    /// A new app for `owner`, who owns `owned` already.
    pub fn check_new_app(&self, owned: i64) -> Result<(), OverQuota> {
        if owned >= self.apps {
            return Err(refuse(
                format!("cannot create another app: the account owns {owned}"),
                format!("{} apps per account", self.apps),
                "--max-apps",
            ));
        }
        Ok(())
    }

    /// A formation change: `after` is the app's formation as it would be, `oneoffs` the
    /// one-off dynos it runs, `elsewhere` the dynos the owner's other apps are scaled to.
    pub fn check_formation(
        &self,
        app: &str,
        after: &[(String, i64)],
        oneoffs: i64,
        elsewhere: i64,
    ) -> Result<(), OverQuota> {
        for (kind, quantity) in after {
            if *quantity > self.per_type {
                return Err(refuse(
                    format!("cannot scale `{kind}` to {quantity}"),
                    format!("{} dynos per process type", self.per_type),
                    "--max-quantity",
                ));
            }
        }
        let total = after.iter().map(|(_, q)| q).sum::<i64>() + oneoffs;
        self.check_totals(app, total, elsewhere, "scale")
    }

    /// The app would run `total` dynos, the owner's other apps `elsewhere`.
    fn check_totals(
        &self,
        app: &str,
        total: i64,
        elsewhere: i64,
        verb: &str,
    ) -> Result<(), OverQuota> {
        if total > self.per_app {
            return Err(refuse(
                format!("cannot {verb}: `{app}` would run {total} dynos"),
                format!("{} dynos per app", self.per_app),
                "--max-app-dynos",
            ));
        }
        if total + elsewhere > self.per_account {
            return Err(refuse(
                format!(
                    "cannot {verb}: the apps of `{app}`'s owner would run {} dynos",
                    total + elsewhere
                ),
                format!("{} dynos per account", self.per_account),
                "--max-account-dynos",
            ));
        }
        Ok(())
    }

    /// One more one-off dyno on an app scaled to `formation` that runs `oneoffs` already.
    pub fn check_oneoff(
        &self,
        app: &str,
        formation: i64,
        oneoffs: i64,
        elsewhere: i64,
    ) -> Result<(), OverQuota> {
        self.check_totals(
            app,
            formation + oneoffs + 1,
            elsewhere,
            "start a one-off dyno",
        )
    }

    /// A release declaring `count` process types.
    pub fn check_process_types(&self, count: usize) -> Result<(), String> {
        if count > self.process_types {
            return Err(format!(
                "{count} process types are declared; the limit is {} per app (the server's `--max-process-types`: ask its operator to raise it)",
                self.process_types
            ));
        }
        Ok(())
    }

    /// Config that would take `bytes`.
    pub fn check_config(&self, bytes: usize) -> Result<(), OverQuota> {
        if bytes > self.config_bytes {
            return Err(refuse(
                format!("config vars would take {bytes} bytes"),
                format!("{} bytes per app", self.config_bytes),
                "--max-config-size",
            ));
        }
        Ok(())
    }
}

/// Dynos the formation rows ask for.
pub fn scaled(rows: &[FormationRow]) -> i64 {
    rows.iter().map(|f| f.quantity).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_the_limit_and_the_flag() {
        let q = Quotas {
            per_type: 10,
            per_app: 12,
            per_account: 20,
            apps: 2,
            process_types: 3,
            config_bytes: 100,
        };
        assert!(q.check_new_app(1).is_ok());
        let e = q.check_new_app(2).unwrap_err();
        assert!(
            e.message.contains("--max-apps") && e.message.contains("2 apps"),
            "{}",
            e.message
        );
        let e = q
            .check_formation("a", &[("web".into(), 11)], 0, 0)
            .unwrap_err();
        assert!(e.message.contains("--max-quantity"), "{}", e.message);
        let e = q
            .check_formation("a", &[("web".into(), 7), ("worker".into(), 6)], 0, 0)
            .unwrap_err();
        assert!(
            e.message.contains("--max-app-dynos") && e.message.contains("13"),
            "{}",
            e.message
        );
        assert!(q.check_formation("a", &[("web".into(), 7)], 5, 8).is_ok());
        let e = q
            .check_formation("a", &[("web".into(), 7)], 5, 9)
            .unwrap_err();
        assert!(e.message.contains("--max-account-dynos"), "{}", e.message);
        assert!(q.check_oneoff("a", 10, 1, 0).is_ok());
        assert!(q.check_oneoff("a", 10, 2, 0).is_err());
        assert!(q.check_process_types(3).is_ok());
        assert!(
            q.check_process_types(4)
                .unwrap_err()
                .contains("--max-process-types")
        );
        assert!(q.check_config(100).is_ok());
        assert!(
            q.check_config(101)
                .unwrap_err()
                .message
                .contains("--max-config-size")
        );
    }
}
