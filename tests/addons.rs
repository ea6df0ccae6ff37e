//! Add-ons end to end with a real PostgreSQL: `addons:create` provisions a database in the
//! server's own cluster and sets `DATABASE_URL` in a release; a dyno uses it with `psql`; the
//! data survives a server restart; one app's login cannot open another app's database; an
//! add-on is shared with a second app and detached again; destroying it drops the database.
//! Bad input: unknown plans, clashing `--as`, destroying from an app that only attaches it,
//! another account.

use serde_json::json;

use crate::common::dynos::start;
use crate::common::push::deploy;
use crate::common::server::TestServer;

const IDLE: &str = "worker: sleep 1000000\n";

/// Whether PostgreSQL's programs are here; says so loudly when not.
fn postgres_installed() -> bool {
    if tug::server::addons::postgres::bin_dir().is_none() {
        crate::common::skip::skipped(
            "PostgreSQL is not installed (no `initdb`/`pg_ctl` on PATH or in /usr/lib/postgresql/*/bin): `apt-get install -y postgresql`",
        );
        return false;
    }
    true
}

fn psql(
    home: &crate::common::home::Home,
    app: &str,
    var: &str,
    sql: &str,
) -> crate::common::home::Run {
    let line = format!("psql \"${var}\" -X -A -t -v ON_ERROR_STOP=1 -c \"{sql}\"");
    home.tug(&["run", "-a", app, "--", &line])
}

pub fn config(server: &TestServer, app: &str) -> serde_json::Value {
    server
        .http()
        .call(
            "GET",
            &format!("/apps/{app}/config-vars"),
            Some(&server.admin_token),
            None,
        )
        .body
}

#[test]
fn postgres_addons_end_to_end() {
    if !postgres_installed() {
        return;
    }
    let mut server = start();
    let home = server.admin();
    deploy(&server, &home, "pgapp", &[("Procfile", IDLE)]);
    deploy(&server, &home, "pgother", &[("Procfile", IDLE)]);

    let created = home
        .tug(&["addons:create", "heroku-postgresql", "-a", "pgapp"])
        .ok()
        .stderr_has("DATABASE_URL set");
    let name = created.stdout.trim().to_string();
    assert!(name.starts_with("postgresql-"), "{name}");
    let url = config(&server, "pgapp")["DATABASE_URL"]
        .as_str()
        .expect("DATABASE_URL is set")
        .to_string();
    assert!(url.starts_with("postgres://"), "{url}");
    let host = addon_host(&url);
    let password = url
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('@'))
        .and_then(|(creds, _)| creds.split_once(':'))
        .map(|(_, pw)| pw.to_string())
        .unwrap();

    // The add-on as the API shows it, with a release and log lines, and no password.
    let listed = home.tug(&["addons", "-a", "pgapp", "--json"]).ok().json();
    assert_eq!(listed[0]["name"], name.as_str());
    assert_eq!(listed[0]["plan"]["name"], "heroku-postgresql:essential-0");
    assert_eq!(listed[0]["config_vars"], json!(["DATABASE_URL"]));
    assert_eq!(listed[0]["state"], "provisioned");
    let info = home.tug(&["addons:info", &name, "--json"]).ok();
    assert!(!info.stdout.contains(&password));
    assert!(!listed.to_string().contains(&password));
    let releases = home.tug(&["releases", "-a", "pgapp", "--json"]).ok().json();
    let described: Vec<_> = releases
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["description"].as_str())
        .collect();
    assert!(
        described.contains(&format!("Attach DATABASE (@ref:{name})").as_str()),
        "{described:?}"
    );

    // A dyno uses it.
    let out = psql(
        &home,
        "pgapp",
        "DATABASE_URL",
        "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('kept'); SELECT body FROM notes",
    )
    .ok();
    assert!(out.stdout.contains("kept"), "{}", out.describe());

    // The cluster's admin role is not the app's: neither over the private socket (which a
    // dyno does not see) nor over TCP without a password.
    let port = url
        .rsplit_once(':')
        .unwrap()
        .1
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let socket = server.data_dir.join("addons/postgres/run");
    for line in [
        format!(
            "psql -h {} -p {port} -U tug -d postgres -X -w -c 'SELECT 1'",
            socket.display()
        ),
        format!("psql -h {host} -p {port} -U tug -d postgres -X -w -c 'SELECT 1'"),
        format!(
            "PGPASSWORD={password} psql -h {host} -p {port} -U tug -d postgres -X -w -c 'SELECT 1'"
        ),
    ] {
        let refused = home.tug(&["run", "-a", "pgapp", "--", &line]);
        assert_ne!(refused.code, Some(0), "{}", refused.describe());
        assert!(!refused.stdout.contains('1'), "{}", refused.describe());
    }

    // A bigger plan: the role's connection limit changes, the URL and data stay.
    home.tug(&["addons:upgrade", "DATABASE", "standard-0", "-a", "pgapp"])
        .ok()
        .stderr_has("from heroku-postgresql:essential-0 to standard-0");
    let out = psql(
        &home,
        "pgapp",
        "DATABASE_URL",
        "SELECT rolconnlimit FROM pg_roles WHERE rolname = current_user",
    )
    .ok();
    assert_eq!(out.stdout.trim(), "120", "{}", out.describe());
    assert_eq!(config(&server, "pgapp")["DATABASE_URL"], url.as_str());
    home.tug(&["addons:downgrade", &name, "heroku-postgresql:essential-0"])
        .ok();
    let info = home.tug(&["pg:info", "-a", "pgapp", "--json"]).ok().json();
    assert_eq!(info["connection_limit"], 20);
    assert_eq!(info["writes_revoked"], false);
    home.tug(&["addons:upgrade", &name, "mini"])
        .code(1)
        .stderr_has("heroku-postgresql:standard-0");

    // A second database on the same app takes the next name; `--as` names it.
    home.tug(&[
        "addons:create",
        "postgres:essential-1",
        "--as",
        "REPORTING_DB",
        "-a",
        "pgapp",
    ])
    .ok();
    assert!(config(&server, "pgapp")["REPORTING_DB_URL"].is_string());

    // Another app's database: its login cannot open pgapp's.
    home.tug(&["addons:create", "heroku-postgresql", "-a", "pgother"])
        .ok();
    let other_url = config(&server, "pgother")["DATABASE_URL"]
        .as_str()
        .unwrap()
        .to_string();
    let db = url.rsplit('/').next().unwrap();
    let (base, _) = other_url.rsplit_once('/').unwrap();
    let crossed = format!("{base}/{db}");
    let line = format!("psql '{crossed}' -X -A -t -c 'SELECT body FROM notes'");
    let refused = home.tug(&["run", "-a", "pgother", "--", &line]);
    assert_ne!(refused.code, Some(0), "{}", refused.describe());
    assert!(
        refused.stderr.contains("permission denied")
            || refused.stdout.contains("permission denied"),
        "{}",
        refused.describe()
    );

    // Shared with the second app.
    home.tug(&["addons:attach", &name, "--as", "SHARED", "-a", "pgother"])
        .ok();
    assert_eq!(config(&server, "pgother")["SHARED_URL"], url.as_str());
    let out = psql(&home, "pgother", "SHARED_URL", "SELECT body FROM notes").ok();
    assert!(out.stdout.contains("kept"), "{}", out.describe());
    home.tug(&[
        "addons:destroy",
        &name,
        "-a",
        "pgother",
        "--confirm",
        "pgother",
    ])
    .code(1)
    .stderr_has("belongs to pgapp");

    // The data survives a server restart; the cluster is back before the dynos.
    server.restart();
    let home = server.admin();
    let out = psql(&home, "pgapp", "DATABASE_URL", "SELECT body FROM notes").ok();
    assert!(out.stdout.contains("kept"), "{}", out.describe());

    // pg:info and pg:psql (this machine's psql: the server is local).
    let info = home.tug(&["pg:info", "-a", "pgapp", "--json"]).ok().json();
    assert_eq!(info["plan"], "heroku-postgresql:essential-0");
    assert_eq!(info["connection_limit"], 20);
    assert!(info["bytes_used"].as_u64().unwrap() > 0, "{info}");
    home.tug(&["pg:info", "-a", "pgapp"])
        .ok()
        .stdout_has("of 1.0 GB");
    let out = home
        .tug(&["pg:psql", "-a", "pgapp", "-c", "SELECT body FROM notes"])
        .ok();
    assert!(out.stdout.contains("kept"), "{}", out.describe());

    // Backups: capture, change the data, restore, download.
    home.tug(&["pg:backups", "-a", "pgapp"])
        .ok()
        .stderr_has("has no backups");
    let captured = home.tug(&["pg:backups:capture", "-a", "pgapp"]).ok();
    assert_eq!(captured.stdout.trim(), "b001");
    psql(
        &home,
        "pgapp",
        "DATABASE_URL",
        "INSERT INTO notes VALUES ('after the backup')",
    )
    .ok();
    home.tug(&["pg:backups:restore", "-a", "pgapp"])
        .code(2)
        .stderr_has("--confirm pgapp");
    home.tug(&[
        "pg:backups:restore",
        "b009",
        "-a",
        "pgapp",
        "--confirm",
        "pgapp",
    ])
    .code(1)
    .stderr_has("no backup `b009`");
    home.tug(&["pg:backups:restore", "-a", "pgapp", "--confirm", "pgapp"])
        .ok();
    let out = psql(
        &home,
        "pgapp",
        "DATABASE_URL",
        "SELECT string_agg(body, ',') FROM notes",
    )
    .ok();
    assert_eq!(out.stdout.trim(), "kept", "{}", out.describe());
    let listed = home
        .tug(&["pg:backups", "-a", "pgapp", "--json"])
        .ok()
        .json();
    assert_eq!(listed[0]["name"], "b001");
    assert!(listed[0]["size"].as_u64().unwrap() > 0);
    let file = home.path().join("saved.dump");
    home.tug(&[
        "pg:backups:download",
        "-a",
        "pgapp",
        "-o",
        file.to_str().unwrap(),
    ])
    .ok();
    assert!(std::fs::read(&file).unwrap().starts_with(b"PGDMP"));
    home.tug(&[
        "pg:backups:capture",
        "-a",
        "pgother",
        "--database",
        "SHARED",
    ])
    .code(1)
    .stderr_has("belongs to pgapp");

    // New credentials: the old password is refused, both apps get the new URL.
    home.tug(&["pg:credentials:rotate", "-a", "pgapp"])
        .code(2)
        .stderr_has("--confirm pgapp");
    home.tug(&["pg:credentials:rotate", "-a", "pgapp", "--confirm", "pgapp"])
        .ok();
    let new_url = config(&server, "pgapp")["DATABASE_URL"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(new_url, url);
    assert_eq!(config(&server, "pgother")["SHARED_URL"], new_url.as_str());
    let line = format!("psql '{url}' -X -A -t -c 'SELECT 1'");
    let refused = home.tug(&["run", "-a", "pgapp", "--", &line]);
    assert_ne!(refused.code, Some(0), "{}", refused.describe());
    assert!(
        refused.stderr.contains("password authentication failed"),
        "{}",
        refused.describe()
    );
    let out = psql(&home, "pgapp", "DATABASE_URL", "SELECT body FROM notes").ok();
    assert!(out.stdout.contains("kept"), "{}", out.describe());
    let url = new_url;

    // pg:reset empties REPORTING_DB and leaves its URL working.
    psql(&home, "pgapp", "REPORTING_DB_URL", "CREATE TABLE r (x int)").ok();
    home.tug(&["pg:reset", "REPORTING_DB", "-a", "pgapp"])
        .code(2)
        .stderr_has("--confirm pgapp");
    home.tug(&[
        "pg:reset",
        "REPORTING_DB",
        "-a",
        "pgapp",
        "--confirm",
        "pgapp",
    ])
    .ok();
    let out = psql(
        &home,
        "pgapp",
        "REPORTING_DB_URL",
        "SELECT count(*) FROM pg_tables WHERE tablename = 'r'",
    )
    .ok();
    assert_eq!(out.stdout.trim(), "0", "{}", out.describe());

    home.tug(&["addons:detach", "SHARED", "-a", "pgother"]).ok();
    assert!(config(&server, "pgother").get("SHARED_URL").is_none());

    // Destroying drops the database: the old URL no longer opens.
    home.tug(&["addons:destroy", &name, "-a", "pgapp"])
        .code(2)
        .stderr_has("--confirm pgapp");
    home.tug(&["addons:destroy", &name, "-a", "pgapp", "--confirm", "pgapp"])
        .ok();
    assert!(config(&server, "pgapp").get("DATABASE_URL").is_none());
    assert!(
        !server
            .data_dir
            .join("addons/backups")
            .read_dir()
            .unwrap()
            .any(|_| true),
        "the add-on's backups are gone"
    );
    let line = format!("psql '{url}' -X -A -t -c 'SELECT 1'");
    let gone = home.tug(&["run", "-a", "pgapp", "--", &line]);
    assert_ne!(gone.code, Some(0), "{}", gone.describe());
    assert!(
        !server.log().contains(&password),
        "the server log shows no password"
    );
}

#[test]
fn addon_bad_input_and_other_accounts() {
    if !postgres_installed() {
        return;
    }
    let server = TestServer::start();
    let home = server.admin();
    home.tug(&["apps:create", "badin"]).ok();
    home.tug(&[
        "addons:create",
        "heroku-postgresql:hobby-dev",
        "-a",
        "badin",
    ])
    .code(1)
    .stderr_has("heroku-postgresql:essential-0");
    home.tug(&["addons:create", "mongolab", "-a", "badin"])
        .code(1)
        .stderr_has("heroku-redis");
    home.tug(&["config:set", "TAKEN_URL=mine", "-a", "badin"])
        .ok();
    home.tug(&["addons:create", "postgres", "--as", "TAKEN", "-a", "badin"])
        .code(1)
        .stderr_has("TAKEN_URL");
    home.tug(&[
        "addons:create",
        "postgres",
        "--as",
        "lower case",
        "-a",
        "badin",
    ])
    .code(1)
    .stderr_has("not a valid attachment name");
    let name = home
        .tug(&["addons:create", "postgres", "-a", "badin"])
        .ok()
        .stdout
        .trim()
        .to_string();
    home.tug(&[
        "addons:create",
        "postgres",
        "--as",
        "DATABASE",
        "-a",
        "badin",
    ])
    .code(1)
    .stderr_has("DATABASE");
    home.tug(&["addons:create", "postgres", "--name", &name, "-a", "badin"])
        .code(1)
        .stderr_has("taken");

    let http = server.http();
    let t = Some(server.admin_token.as_str());
    for body in [json!({}), json!({"plan": 7}), json!("x")] {
        let r = http.call("POST", "/apps/badin/addons", t, Some(body));
        assert!(r.status == 400 || r.status == 422, "{:?}", r.body);
    }
    let plans = home
        .tug(&["addons:plans", "heroku-postgresql", "--json"])
        .ok()
        .json();
    assert_eq!(plans.as_array().unwrap().len(), 4);
    home.tug(&["addons:services"])
        .ok()
        .stdout_has("heroku-redis");

    home.tug(&["apps:create", "nodb"]).ok();
    home.tug(&["pg:psql", "-a", "nodb"])
        .code(1)
        .stderr_has("tug addons:create heroku-postgresql -a nodb");
    home.tug(&["pg:info", "-a", "nodb"])
        .code(1)
        .stderr_has("no Postgres database");

    // Another account sees none of it.
    let stranger = server.user("stranger@example.com");
    stranger
        .tug(&["addons", "-a", "badin"])
        .code(1)
        .stderr_has("not found");
    stranger
        .tug(&["addons:info", &name])
        .code(1)
        .stderr_has("not found");
    assert!(
        stranger
            .tug(&["addons", "--all", "--json"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .is_empty()
    );
    stranger.tug(&["apps:create", "strangers"]).ok();
    stranger
        .tug(&["addons:attach", &name, "-a", "strangers"])
        .code(1)
        .stderr_has("not found");

    // apps:destroy takes its add-ons with it.
    home.tug(&["apps:destroy", "badin", "--confirm", "badin"])
        .ok();
    let r = http.call("GET", &format!("/addons/{name}"), t, None);
    assert_eq!(r.status, 404, "{:?}", r.body);
}

/// Whether `redis-server` and `redis-cli` are here; says so loudly when not.
pub fn redis_installed() -> bool {
    if tug::server::addons::redis::programs().is_err() {
        crate::common::skip::skipped(
            "Redis is not installed (no `redis-server`/`redis-cli` on PATH): `apt-get install -y redis-server`",
        );
        return false;
    }
    true
}

/// `redis-cli` in a one-off dyno against the URL in `$var` (or a literal URL).
pub fn redis(
    home: &crate::common::home::Home,
    app: &str,
    url: &str,
    cmd: &str,
) -> crate::common::home::Run {
    let line = format!("redis-cli -e --no-auth-warning -u {url} {cmd}");
    home.tug(&["run", "-a", app, "--", &line])
}

#[test]
fn redis_addons_end_to_end() {
    if !redis_installed() {
        return;
    }
    let mut server = start();
    let home = server.admin();
    deploy(&server, &home, "rapp", &[("Procfile", IDLE)]);
    deploy(&server, &home, "rother", &[("Procfile", IDLE)]);
    let receiver = crate::common::Receiver::start(&[]);
    home.tug(&[
        "webhooks:add",
        "--url",
        &receiver.url("/hook"),
        "--include",
        "api:addon,api:addon-attachment",
        "-a",
        "rapp",
    ])
    .ok();

    let created = home
        .tug(&["addons:create", "heroku-redis", "-a", "rapp"])
        .ok()
        .stderr_has("REDIS_URL set");
    let name = created.stdout.trim().to_string();
    assert!(name.starts_with("redis-"), "{name}");
    let url = config(&server, "rapp")["REDIS_URL"]
        .as_str()
        .expect("REDIS_URL is set")
        .to_string();
    assert!(url.starts_with("redis://default:"), "{url}");
    let host = addon_host(&url);
    let password = url
        .trim_start_matches("redis://default:")
        .split('@')
        .next()
        .unwrap()
        .to_string();
    let port = url.rsplit(':').next().unwrap().to_string();

    // Both webhooks fire: the add-on and its attachment, in either order.
    let (first, _) = receiver
        .until(|g| g.json()["resource"] == "addon" || g.json()["resource"] == "addon-attachment");
    let wanted = if first.json()["resource"] == "addon" {
        "addon-attachment"
    } else {
        "addon"
    };
    let (second, _) = receiver.until(|g| g.json()["resource"] == wanted);
    let (addon, attachment) = if wanted == "addon" {
        (second, first)
    } else {
        (first, second)
    };
    assert_eq!(addon.json()["action"], "create");
    assert_eq!(addon.json()["data"]["name"], name.as_str());
    assert!(!addon.text().contains(&password));
    assert_eq!(attachment.json()["action"], "create");
    assert_eq!(attachment.json()["data"]["name"], "REDIS");
    assert_eq!(attachment.json()["data"]["addon"]["name"], name.as_str());

    // A dyno uses it over $REDIS_URL; administration is not the app's.
    redis(&home, "rapp", "\"$REDIS_URL\"", "PING")
        .ok()
        .stdout_has("PONG");
    redis(&home, "rapp", "\"$REDIS_URL\"", "SET greeting hello")
        .ok()
        .stdout_has("OK");
    redis(&home, "rapp", "\"$REDIS_URL\"", "GET greeting")
        .ok()
        .stdout_has("hello");
    let refused = redis(&home, "rapp", "\"$REDIS_URL\"", "CONFIG GET dir");
    assert_ne!(refused.code, Some(0), "{}", refused.describe());
    assert!(
        refused.stdout.contains("NOPERM") || refused.stderr.contains("NOPERM"),
        "{}",
        refused.describe()
    );

    // redis:info and redis:cli (this machine's redis-cli).
    let info = home
        .tug(&["redis:info", "-a", "rapp", "--json"])
        .ok()
        .json();
    assert_eq!(info["plan"], "heroku-redis:mini");
    assert_eq!(info["bytes_limit"], 25 * 1024 * 1024);
    assert_eq!(info["connection_limit"], 20);
    assert!(
        info["version"]
            .as_str()
            .unwrap()
            .starts_with(char::is_numeric)
    );
    home.tug(&["redis:info", "-a", "rapp"])
        .ok()
        .stdout_has("of 25.0 MB");
    home.tug(&["redis:cli", "-a", "rapp", "-c", "GET greeting"])
        .ok()
        .stdout_has("hello");
    home.tug(&["redis:cli", "-a", "rother"])
        .code(1)
        .stderr_has("tug addons:create heroku-redis -a rother");
    // On a terminal, redis:cli is redis-cli's own prompt: typed commands, answers, `quit`.
    {
        use crate::common::pty::{Pty, Streams};
        let mut pty = Pty::spawn(&home, &["redis:cli", "-a", "rapp"], 100, Streams::All);
        pty.expect(&format!("{host}:"));
        pty.send("SET typed by-hand\r");
        pty.expect("OK");
        pty.send("GET typed\r");
        pty.expect("\"by-hand\"");
        pty.send("quit\r");
        assert_eq!(pty.wait(), Some(0), "{}", pty.screen());
        assert!(!pty.screen().contains(&password), "{}", pty.screen());
    }
    home.tug(&["redis:cli", "-a", "rapp", "-c", "GET typed"])
        .ok()
        .stdout_has("by-hand");

    // Another app's password does not open rapp's server.
    home.tug(&["addons:create", "redis", "-a", "rother"]).ok();
    let other = config(&server, "rother")["REDIS_URL"]
        .as_str()
        .unwrap()
        .to_string();
    let (other_base, _) = other.rsplit_once(':').unwrap();
    let crossed = format!("{other_base}:{port}");
    let refused = redis(&home, "rother", &format!("'{crossed}'"), "GET greeting");
    assert_ne!(refused.code, Some(0), "{}", refused.describe());
    assert!(!refused.stdout.contains("hello"), "{}", refused.describe());

    // A bigger plan: maxmemory changes live, the data stays.
    home.tug(&["addons:upgrade", &name, "premium-0"])
        .ok()
        .stderr_has("from heroku-redis:mini to premium-0");
    redis(&home, "rapp", "\"$REDIS_URL\"", "INFO memory")
        .ok()
        .stdout_has(&format!("maxmemory:{}", 50 * 1024 * 1024));
    let (got, _) =
        receiver.until(|g| g.json()["resource"] == "addon" && g.json()["action"] == "update");
    assert_eq!(got.json()["data"]["plan"]["name"], "heroku-redis:premium-0");
    // 30 MB does not fit the smaller plan: the downgrade is refused until it does.
    redis(
        &home,
        "rapp",
        "\"$REDIS_URL\"",
        "EVAL \"for i=1,300 do redis.call('set', 'big'..i, string.rep('x', 100000)) end\" 0",
    )
    .ok();
    home.tug(&["addons:downgrade", "REDIS", "mini", "-a", "rapp"])
        .code(1)
        .stderr_has("more than the 25 MB of `mini`");
    redis(
        &home,
        "rapp",
        "\"$REDIS_URL\"",
        "EVAL \"for i=1,300 do redis.call('del', 'big'..i) end\" 0",
    )
    .ok();
    home.tug(&[
        "addons:downgrade",
        "REDIS",
        "heroku-redis:mini",
        "-a",
        "rapp",
    ])
    .ok();
    redis(&home, "rapp", "\"$REDIS_URL\"", "INFO memory")
        .ok()
        .stdout_has(&format!("maxmemory:{}", 25 * 1024 * 1024));
    home.tug(&["addons:upgrade", &name, "essential-0"])
        .code(1)
        .stderr_has("heroku-redis:premium-0");

    // New credentials: the old password is refused, the data stays.
    home.tug(&["redis:credentials:rotate", "-a", "rapp"])
        .code(2)
        .stderr_has("--confirm rapp");
    home.tug(&[
        "redis:credentials:rotate",
        "-a",
        "rapp",
        "--confirm",
        "rapp",
    ])
    .ok();
    let new_url = config(&server, "rapp")["REDIS_URL"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(new_url, url);
    let refused = redis(&home, "rapp", &format!("'{url}'"), "GET greeting");
    assert_ne!(refused.code, Some(0), "{}", refused.describe());
    redis(&home, "rapp", "\"$REDIS_URL\"", "GET greeting")
        .ok()
        .stdout_has("hello");

    // The data survives a server restart; the server is back before the dynos.
    server.restart();
    let home = server.admin();
    redis(&home, "rapp", "\"$REDIS_URL\"", "GET greeting")
        .ok()
        .stdout_has("hello");

    // Destroying stops the server and removes its files.
    let dirs = || {
        std::fs::read_dir(server.data_dir.join("addons/redis"))
            .unwrap()
            .count()
    };
    assert_eq!(dirs(), 2);
    home.tug(&["addons:destroy", &name, "-a", "rapp", "--confirm", "rapp"])
        .ok();
    assert!(config(&server, "rapp").get("REDIS_URL").is_none());
    assert_eq!(dirs(), 1);
    let gone = redis(&home, "rother", &format!("'{new_url}'"), "PING");
    assert_ne!(gone.code, Some(0), "{}", gone.describe());
    let (got, _) =
        receiver.until(|g| g.json()["resource"] == "addon" && g.json()["action"] == "destroy");
    assert_eq!(got.json()["data"]["name"], name.as_str());
    let log = server.log();
    assert!(!log.contains(&password), "the server log shows no password");
    assert!(!log.contains(&new_url), "the server log shows no password");
}

/// Stops a provider's servers when a test ends, passed or not.
struct Stops<'a>(&'a dyn tug::server::addons::provider::Provider);

impl Drop for Stops<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// The storage quota on the Postgres provider itself, with a real cluster: a plan far smaller
/// than the database revokes its writes (the role cannot grant them back to itself), reads
/// and deletes still work, and a plan it fits gives them back. (Through the server the
/// smallest plan is 1 GB, too much to fill in a test.)
#[test]
fn postgres_storage_quota_revokes_and_gives_back_writes() {
    use tug::server::addons::catalog::PlanSpec;
    use tug::server::addons::provider::{Provider, Quota};
    if !postgres_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pg = tug::server::addons::postgres::LocalPostgres::new(dir.path(), None);
    let _stops = Stops(&pg);
    let plan = |megabytes| PlanSpec {
        id: uuid::Uuid::nil(),
        name: "test",
        human_name: "Test",
        default: false,
        connections: 5,
        megabytes,
        cents: 0,
    };
    let (tiny, roomy) = (plan(0), plan(1024));
    let id = "addon_quota_test";
    let url = pg.provision(id, &roomy).unwrap();
    let sql = |q: &str| {
        let out = std::process::Command::new("psql")
            .args([
                url.as_str(),
                "-X",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                q,
            ])
            .output()
            .unwrap();
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    };
    let ok = |q: &str| {
        let (ok, out) = sql(q);
        assert!(ok, "{q}: {out}");
        out
    };
    let denied = |q: &str| {
        let (ok, out) = sql(q);
        assert!(
            !ok && (out.contains("permission denied") || out.contains("must be owner")),
            "{q}: {out}"
        );
    };
    ok("CREATE TABLE t (x text); INSERT INTO t VALUES ('a'), ('b')");
    assert_eq!(pg.enforce_quota(id, &roomy).unwrap(), Quota::Under);

    assert_eq!(pg.enforce_quota(id, &tiny).unwrap(), Quota::Revoked);
    assert!(pg.usage(id).unwrap().writes_revoked);
    denied("INSERT INTO t VALUES ('c')");
    denied("UPDATE t SET x = 'c'");
    denied("CREATE TABLE u (x int)");
    // Granting itself the write back grants nothing.
    let _ = sql("GRANT INSERT ON t TO addon_quota_test");
    denied("INSERT INTO t VALUES ('c')");
    denied("ALTER TABLE t OWNER TO addon_quota_test");
    denied("CREATE SCHEMA mine");
    assert_eq!(
        ok("SELECT string_agg(x, ',' ORDER BY x) FROM t").trim(),
        "a,b"
    );
    ok("DELETE FROM t WHERE x = 'b'");
    // A plan the database does not fit is refused.
    let err = pg.change_plan(id, &tiny).unwrap_err().to_string();
    assert!(err.contains("more than the 0 MB"), "{err}");

    assert_eq!(pg.enforce_quota(id, &roomy).unwrap(), Quota::Under);
    assert!(!pg.usage(id).unwrap().writes_revoked);
    ok("INSERT INTO t VALUES ('c'); CREATE TABLE u (x int); DROP TABLE t");
    pg.deprovision(id).unwrap();
    let (opened, _) = sql("SELECT 1");
    assert!(!opened);
}

/// `pg:backups:schedule`: a daily backup at a time of day in a time zone (New York's, whatever
/// its daylight saving time is today), captured by the server when it is due; bad times and
/// unknown zones are refused; another account reaches nothing.
#[test]
fn postgres_backups_on_a_schedule() {
    if !postgres_installed() {
        return;
    }
    let server = TestServer::start();
    let home = server.admin();
    home.tug(&["apps:create", "sched"]).ok();
    home.tug(&["addons:create", "heroku-postgresql", "-a", "sched"])
        .ok();
    home.tug(&["pg:backups:schedules", "-a", "sched"])
        .code(1)
        .stderr_has("has no backup schedule");
    for bad in ["25:00", "2", "2 am"] {
        home.tug(&["pg:backups:schedule", "--at", bad, "-a", "sched"])
            .code(1)
            .stderr_has("not a time of day");
    }
    for bad in ["02:00 Mars/Olympus", "02:00 ../../etc/passwd"] {
        home.tug(&["pg:backups:schedule", "--at", bad, "-a", "sched"])
            .code(1)
            .stderr_has("is not a time zone this server knows")
            .stderr_has("America/New_York");
    }
    home.tug(&["pg:backups:unschedule", "-a", "sched"])
        .code(1)
        .stderr_has("has no backup schedule");

    // Due this very minute (not in its last seconds, so the minute does not turn meanwhile).
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    };
    crate::common::wait_until(
        "a minute with time to spare",
        std::time::Duration::from_secs(20),
        || (now() % 60 < 45).then_some(()),
    );
    let zone = jiff::tz::TimeZone::get("America/New_York").expect("the system's tzdata");
    let local = jiff::Timestamp::now().to_zoned(zone);
    let at = format!("{:02}:{:02} America/New_York", local.hour(), local.minute());
    let set = home
        .tug(&["pg:backups:schedule", "--at", &at, "-a", "sched", "--json"])
        .ok()
        .json();
    assert_eq!(set["at"], at.as_str());
    assert_eq!(set["time_zone"], "America/New_York");
    assert!(set["last_run"].is_null(), "{set}");
    let listed = crate::common::wait_until(
        "the scheduled backup",
        std::time::Duration::from_secs(60),
        || {
            let listed = home
                .tug(&["pg:backups", "-a", "sched", "--json"])
                .ok()
                .json();
            (!listed.as_array().unwrap().is_empty()).then_some(listed)
        },
    );
    // Heroku names scheduled backups apart from the ones asked for.
    assert_eq!(listed[0]["name"], "a001");
    let shown = home
        .tug(&["pg:backups:schedules", "-a", "sched", "--json"])
        .ok()
        .json();
    assert!(shown["last_run"].is_string(), "{shown}");
    assert_ne!(
        shown["next_run"], set["next_run"],
        "the next run is tomorrow"
    );
    home.tug(&["pg:backups:schedules", "-a", "sched"])
        .ok()
        .stdout_has(&at);
    crate::common::wait_for("the scheduled capture in the app's log", || {
        let log = home.tug(&["logs", "-a", "sched", "-n", "50"]).ok();
        log.stdout
            .lines()
            .any(|l| l.contains("Capture backup a001 of") && l.ends_with("on schedule"))
    });

    let stranger = server.user("stranger@example.com");
    stranger
        .tug(&["pg:backups:unschedule", "-a", "sched"])
        .code(1);
    stranger
        .tug(&["pg:backups:schedule", "--at", "01:00", "-a", "sched"])
        .code(1);
    let kept = home
        .tug(&["pg:backups:schedules", "-a", "sched", "--json"])
        .ok()
        .json();
    assert_eq!(kept["at"], at.as_str(), "a stranger changed nothing");
    home.tug(&["pg:backups:unschedule", "-a", "sched"]).ok();
    home.tug(&["pg:backups:schedules", "-a", "sched"])
        .code(1)
        .stderr_has("has no backup schedule");
}

/// Without `redis-server`, creating a Redis add-on is a 422 that names the package; the app's
/// config and releases are unchanged, and the rest of the platform runs on.
#[test]
fn a_missing_redis_server_is_named_and_changes_nothing() {
    // A PATH with every program of the test's but Redis's.
    let bin = tempfile::tempdir().unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with("redis-") {
                continue;
            }
            let _ = std::os::unix::fs::symlink(entry.path(), bin.path().join(&name));
        }
    }
    let server = TestServer::start_with_env(&[("PATH", bin.path().to_str().unwrap())]);
    let home = server.admin();
    home.tug(&["apps:create", "noredis"]).ok();
    let releases = || {
        home.tug(&["releases", "-a", "noredis", "--json"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .len()
    };
    let before = releases();
    let r = server.http().call(
        "POST",
        "/apps/noredis/addons",
        Some(&server.admin_token),
        Some(json!({"plan": "heroku-redis"})),
    );
    assert_eq!(r.status, 422, "{:?}", r.body);
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("apt-get install -y redis-server"),
        "{:?}",
        r.body
    );
    home.tug(&["addons:create", "heroku-redis", "-a", "noredis"])
        .code(1)
        .stderr_has("`redis-server` package");
    assert!(config(&server, "noredis").get("REDIS_URL").is_none());
    assert_eq!(releases(), before);
    assert!(
        home.tug(&["addons", "-a", "noredis", "--json"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .is_empty()
    );
    home.tug(&["apps:info", "-a", "noredis"]).ok();
}

/// `--postgres-admin-url`: Postgres add-ons on a server the operator runs (here, another tug
/// server's cluster, reached over TCP with a password). The admin URL never shows in the
/// server's log; a bad one stops the server with an error that does not repeat it.
#[test]
fn postgres_addons_on_an_operators_server() {
    if !postgres_installed() {
        return;
    }
    // The operator's server: a cluster, with an admin role that logs in with a password.
    let operator = TestServer::start();
    let op = operator.admin();
    op.tug(&["apps:create", "opinit"]).ok();
    op.tug(&["addons:create", "postgres", "-a", "opinit"]).ok();
    let root = operator.data_dir.join("addons/postgres");
    let port = std::fs::read_to_string(root.join("port")).unwrap();
    let port = port.trim();
    let admin_sql = |sql: &str| {
        let out = std::process::Command::new("psql")
            .arg("-h")
            .arg(root.join("run"))
            .args([
                "-p", port, "-U", "tug", "-d", "postgres", "-X", "-A", "-t", "-c", sql,
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let secret = "opadminSecretPw42";
    admin_sql(&format!(
        "CREATE ROLE opadmin LOGIN SUPERUSER PASSWORD '{secret}'"
    ));
    let admin_url = format!("postgres://opadmin:{secret}@127.0.0.1:{port}/postgres");

    let mut server = TestServer::start_with_env(&[("TUG_POSTGRES_ADMIN_URL", &admin_url)]);
    let home = server.admin();
    deploy(&server, &home, "extapp", &[("Procfile", IDLE)]);
    let name = home
        .tug(&["addons:create", "heroku-postgresql", "-a", "extapp"])
        .ok()
        .stdout
        .trim()
        .to_string();
    let url = config(&server, "extapp")["DATABASE_URL"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(url.contains(&format!("@127.0.0.1:{port}/")), "{url}");
    assert!(
        !server.data_dir.join("addons/postgres/data").exists(),
        "no cluster of its own"
    );
    let out = psql(
        &home,
        "extapp",
        "DATABASE_URL",
        "CREATE TABLE t (x text); INSERT INTO t VALUES ('there'); SELECT x FROM t",
    )
    .ok();
    assert!(out.stdout.contains("there"), "{}", out.describe());
    let db = url.rsplit('/').next().unwrap().to_string();
    assert_eq!(
        admin_sql(&format!(
            "SELECT count(*) FROM pg_database WHERE datname = '{db}'"
        ))
        .trim(),
        "1"
    );
    let info = home.tug(&["pg:info", "-a", "extapp", "--json"]).ok().json();
    assert!(info["bytes_used"].as_u64().unwrap() > 0, "{info}");
    home.tug(&["pg:backups:capture", "-a", "extapp"])
        .ok()
        .stdout_has("b001");

    // Restarted, it checks the server again; the data is there.
    server.restart();
    let home = server.admin();
    let out = psql(&home, "extapp", "DATABASE_URL", "SELECT x FROM t").ok();
    assert!(out.stdout.contains("there"), "{}", out.describe());

    home.tug(&[
        "addons:destroy",
        &name,
        "-a",
        "extapp",
        "--confirm",
        "extapp",
    ])
    .ok();
    assert_eq!(
        admin_sql(&format!(
            "SELECT count(*) FROM pg_database WHERE datname = '{db}'"
        ))
        .trim(),
        "0"
    );
    assert!(
        !server.log().contains(secret),
        "the admin password is not logged"
    );

    // A bad admin URL: the server does not start, and says why without repeating it.
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(crate::common::TUG)
        .arg("server")
        .arg("--data-dir")
        .arg(dir.path())
        .args(["--api", "127.0.0.1:0", "--router", "127.0.0.1:0"])
        .env(
            "TUG_POSTGRES_ADMIN_URL",
            format!("mysql://op:{secret}@h/db"),
        )
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--postgres-admin-url"), "{err}");
    assert!(!err.contains(secret), "{err}");
}

/// The host an add-on URL of tug's own servers names: the loopback, or on Swarm the address
/// its tasks reach this machine at.
fn addon_host(url: &str) -> String {
    let after = url.rsplit_once('@').map_or(url, |(_, a)| a);
    let authority = after.split(['/', '?']).next().unwrap_or(after);
    let host = authority.rsplit_once(':').map_or(authority, |(h, _)| h);
    let ip: std::net::IpAddr = host.parse().expect("an address");
    assert_eq!(
        ip.is_loopback(),
        !crate::common::server::on_swarm(),
        "{url}"
    );
    host.to_owned()
}
