//! Secrets encrypted at rest, end to end: config vars, a webhook's secret and `Authorization`
//! header, and a drain URL's password never appear in the bytes of `tug.db` (nor its WAL); they
//! come back after a restart and after `tug server secrets:rotate`; a wrong, missing or broken
//! key stops the server with a clear message and changes nothing.

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;

use crate::common::wait::{DEADLINE, poll};
use crate::common::{Receiver, TUG, TestServer};

const CONFIG_VALUE: &str = "cfg-value-Zq81xv";
const WEBHOOK_PATH: &str = "hook-path-Kq47wn";
const WEBHOOK_SECRET: &str = "hook-secret-Pw93kd";
const WEBHOOK_AUTH: &str = "Bearer hook-auth-Lm27tq";
const DRAIN_PASSWORD: &str = "drain-pass-Vx55rb";

/// Every secret this file sets; none may be found in the database's files.
const SECRETS: &[&str] = &[
    CONFIG_VALUE,
    WEBHOOK_PATH,
    WEBHOOK_SECRET,
    WEBHOOK_AUTH,
    DRAIN_PASSWORD,
];

/// Waits for a delivery about a release, signed with `WEBHOOK_SECRET` and carrying the header.
#[track_caller]
fn assert_release_delivery(hooks: &Receiver) {
    let (d, _) = hooks.until(|got| got.json()["resource"] == "release");
    assert_eq!(d.header("authorization"), Some(WEBHOOK_AUTH));
    let mut mac = Hmac::<Sha256>::new_from_slice(WEBHOOK_SECRET.as_bytes()).unwrap();
    mac.update(&d.body);
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    assert_eq!(
        d.header("heroku-webhook-hmac-sha256"),
        Some(expected.as_str())
    );
}

/// The bytes of the database and whatever WAL and shared-memory files sit beside it.
fn database_bytes(data_dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for name in ["tug.db", "tug.db-wal", "tug.db-shm", "tug.db-journal"] {
        if let Ok(bytes) = std::fs::read(data_dir.join(name)) {
            all.extend(bytes);
        }
    }
    assert!(!all.is_empty(), "no database in {}", data_dir.display());
    all
}

#[track_caller]
fn assert_no_secret_in_database(data_dir: &Path) {
    let bytes = database_bytes(data_dir);
    let found = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    // What is not secret is stored as it was, so the search does see the rows: the owner's
    // email, and a config var's name in its release's description (as Heroku shows it).
    assert!(found("admin@localhost") && found("SECRET_VALUE"));
    for secret in SECRETS {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "`{secret}` is readable in the database files"
        );
    }
}

/// Starts `tug server` on `data_dir` expecting it to refuse; returns its stderr.
#[track_caller]
fn start_refused(data_dir: &Path, extra: &[&str]) -> String {
    let mut child = Command::new(TUG)
        .arg("server")
        .arg("--data-dir")
        .arg(data_dir)
        .args(["--api", "127.0.0.1:0", "--router", "127.0.0.1:0"])
        .args(extra)
        .env_remove("TUG_SECRET_KEY_FILE")
        .env_remove("TUG_DATA_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut exited = None;
    if !poll(DEADLINE, || {
        exited = child.try_wait().unwrap();
        exited.is_some()
    }) {
        let _ = child.kill();
        let _ = child.wait();
        panic!("tug server started when it should have refused");
    }
    let status = exited.expect("an exit status");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    stderr
}

/// `tug server secrets:rotate` on a data dir.
fn rotate(data_dir: &Path) -> std::process::Output {
    Command::new(TUG)
        .args(["server", "secrets:rotate", "--data-dir"])
        .arg(data_dir)
        .env_remove("TUG_SECRET_KEY_FILE")
        .env_remove("TUG_DATA_DIR")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// The config var, the webhook (its deliveries prove the secret and header) and the drain URL
/// are all there.
#[track_caller]
fn assert_secrets_back(server: &TestServer, hooks: &Receiver) {
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let r = http.call("GET", "/apps/vault/config-vars", t, None);
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["SECRET_VALUE"], CONFIG_VALUE);
    let drains = server
        .admin()
        .tug(&["drains", "-a", "vault", "--json"])
        .ok()
        .json();
    assert_eq!(drains.as_array().map(Vec::len), Some(1), "{drains}");
    // A new release (a config change) is delivered signed with the stored secret.
    server
        .admin()
        .tug(&[
            "config:set",
            &format!("BUMP={}", next_bump()),
            "-a",
            "vault",
        ])
        .ok();
    assert_release_delivery(hooks);
}

/// A value no earlier config change set, so each change makes a release.
fn next_bump() -> usize {
    static BUMPS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    BUMPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Creates the app `vault` with the config var `SECRET_VALUE`.
fn vault(server: &TestServer) {
    let t = Some(server.admin_token.as_str());
    let r = server
        .http()
        .call("POST", "/apps", t, Some(json!({ "name": "vault" })));
    assert_eq!(r.status, 201, "{:?}", r.body);
    server
        .admin()
        .tug(&[
            "config:set",
            &format!("SECRET_VALUE={CONFIG_VALUE}"),
            "-a",
            "vault",
        ])
        .ok();
}

#[test]
fn secrets_are_encrypted_at_rest_and_survive_restart_and_rotation() {
    let mut server = TestServer::start();
    let key_path = server.data_dir.join("secret.key");
    let mode = std::fs::metadata(&key_path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "secret.key is owner-only");

    vault(&server);
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let admin = server.admin();
    let hooks = Receiver::start(&[]);
    let hook_url = hooks.url(&format!("/{WEBHOOK_PATH}"));
    let r = http.call(
        "POST",
        "/apps/vault/webhooks",
        t,
        Some(json!({
            "include": ["api:release"],
            "level": "notify",
            "url": hook_url,
            "secret": WEBHOOK_SECRET,
            "authorization": WEBHOOK_AUTH,
        })),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    // One webhook per URL, though SQLite only sees ciphertexts.
    let r = http.call(
        "POST",
        "/apps/vault/webhooks",
        t,
        Some(json!({ "include": ["api:release"], "level": "notify", "url": hook_url })),
    );
    assert_eq!(r.status, 422, "{:?}", r.body);
    // Nothing listens on the discard port: the drain only has to be stored.
    let drain = format!("https://logger:{DRAIN_PASSWORD}@127.0.0.1:9/logs");
    admin.tug(&["drains:add", &drain, "-a", "vault"]).ok();
    // The same URL twice is still refused, though SQLite only sees ciphertexts.
    admin.tug(&["drains:add", &drain, "-a", "vault"]).code(1);
    assert_secrets_back(&server, &hooks);

    assert_eq!(server.stop(), Some(0), "{}", server.log());
    assert_no_secret_in_database(&server.data_dir);

    server.start_again();
    assert_secrets_back(&server, &hooks);

    // Rotation is refused while the server runs, and changes nothing.
    let key_before = std::fs::read(&key_path).unwrap();
    let out = rotate(&server.data_dir);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("stop it"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&key_path).unwrap(), key_before);

    assert_eq!(server.stop(), Some(0), "{}", server.log());
    let out = rotate(&server.data_dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Re-encrypted"));
    let key_after = std::fs::read(&key_path).unwrap();
    assert_ne!(key_after, key_before, "a new key");
    let mode = std::fs::metadata(&key_path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_no_secret_in_database(&server.data_dir);

    // The old key no longer opens the database: the server refuses it, and starts no new one.
    std::fs::write(&key_path, &key_before).unwrap();
    let err = start_refused(&server.data_dir, &[]);
    assert!(err.contains("is not the one"), "{err}");
    assert_eq!(std::fs::read(&key_path).unwrap(), key_before);

    std::fs::write(&key_path, &key_after).unwrap();
    server.start_again();
    assert_secrets_back(&server, &hooks);
}

#[test]
fn a_missing_or_broken_key_stops_the_start_and_makes_no_new_key() {
    let mut server = TestServer::start();
    vault(&server);
    assert_eq!(server.stop(), Some(0), "{}", server.log());
    let key_path = server.data_dir.join("secret.key");
    let key = std::fs::read(&key_path).unwrap();
    let db_before = database_bytes(&server.data_dir);

    std::fs::remove_file(&key_path).unwrap();
    let err = start_refused(&server.data_dir, &[]);
    assert!(err.contains("is missing"), "{err}");
    assert!(
        !key_path.exists(),
        "no new key is made for a sealed database"
    );

    std::fs::write(&key_path, "not a key\n").unwrap();
    let err = start_refused(&server.data_dir, &[]);
    assert!(err.contains("line 1 is not a key"), "{err}");
    assert!(!err.contains("not a key\n"), "{err}");

    // A key file named by the operator must exist; it is never made.
    let named = server.root.path().join("elsewhere.key");
    let err = start_refused(
        &server.data_dir,
        &["--secret-key-file", named.to_str().unwrap()],
    );
    assert!(err.contains("does not exist"), "{err}");
    assert!(!named.exists());

    assert_eq!(
        database_bytes(&server.data_dir),
        db_before,
        "a refused start changes nothing"
    );

    // The same key, named by the operator, opens the database.
    std::fs::write(&named, &key).unwrap();
    std::fs::remove_file(&key_path).unwrap();
    server.start_again_with(&["--secret-key-file", named.to_str().unwrap()]);
    let r = server.http().call(
        "GET",
        "/apps/vault/config-vars",
        Some(&server.admin_token),
        None,
    );
    assert_eq!(r.body["SECRET_VALUE"], CONFIG_VALUE);
    assert!(
        !key_path.exists(),
        "DATA/secret.key is not made beside a named key"
    );
}

/// The key lines of a key file (comments and blank lines left out).
fn key_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn an_interrupted_rotation_is_finished_by_running_it_again() {
    let mut server = TestServer::start();
    vault(&server);
    assert_eq!(server.stop(), Some(0), "{}", server.log());

    // A rotation stopped after its first step: a new key in front, nothing re-encrypted yet.
    let key_path = server.data_dir.join("secret.key");
    let old = key_lines(&key_path);
    assert_eq!(old.len(), 1);
    let new = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
    std::fs::write(&key_path, format!("{new}\n{}\n", old[0])).unwrap();

    // The server starts; what it writes now is sealed with the new key, the rest stays old.
    server.start_again();
    server
        .admin()
        .tug(&["config:set", "SECOND=two", "-a", "vault"])
        .ok();
    assert_eq!(server.stop(), Some(0), "{}", server.log());

    let out = rotate(&server.data_dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = key_lines(&key_path);
    assert_eq!(after.len(), 1, "only the newest key is left");
    assert!(after[0] != old[0] && after[0] != new);
    assert_no_secret_in_database(&server.data_dir);

    server.start_again();
    let r = server.http().call(
        "GET",
        "/apps/vault/config-vars",
        Some(&server.admin_token),
        None,
    );
    assert_eq!(r.body["SECRET_VALUE"], CONFIG_VALUE);
    assert_eq!(r.body["SECOND"], "two");
}
