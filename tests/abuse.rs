//! Hostile traffic against a real server: password guessing, and one account's burst of writes
//! next to another account's reads.

use std::net::IpAddr;
use std::time::Duration;

use serde_json::json;

use crate::common::wait::wait_until;
use crate::common::{Reply, TestServer, add_user_with_password, install_crypto_provider};

/// A client whose connections come from `source` (any 127.x address reaches the server on
/// loopback), so the server sees another client address.
fn client_from(source: &str) -> reqwest::blocking::Client {
    install_crypto_provider();
    reqwest::blocking::Client::builder()
        .local_address(source.parse::<IpAddr>().expect("address"))
        .build()
        .expect("client")
}

fn login(
    server: &TestServer,
    client: &reqwest::blocking::Client,
    email: &str,
    pass: &str,
) -> Reply {
    Reply::read(
        client
            .post(format!("{}/oauth/authorizations", server.api_url))
            .header("Accept", "application/vnd.heroku+json; version=3")
            .basic_auth(email, Some(pass))
            .json(&json!({"description": "abuse test"}))
            .send()
            .expect("request"),
    )
}

#[test]
fn wrong_passwords_are_throttled_per_account_and_address() {
    let server = TestServer::start();
    add_user_with_password(&server, "ada@example.com", "correct horse");
    add_user_with_password(&server, "bob@example.com", "battery staple");
    let here = client_from("127.0.0.1");
    let elsewhere = client_from("127.0.0.2");

    // A few wrong passwords are plain 401s; then the pair is locked. (A lock is short at
    // first, so on a slow machine it may end between two tries: keep going a while.)
    let mut refused = 0;
    let locked = loop {
        let r = login(&server, &here, "ada@example.com", "guess");
        if r.status == 429 {
            break r;
        }
        assert_eq!(r.status, 401, "{:?}", r.body);
        refused += 1;
        assert!(
            refused < 30,
            "never throttled after {refused} wrong passwords"
        );
    };
    assert!(
        refused >= 5,
        "throttled after only {refused} wrong passwords"
    );
    assert_eq!(locked.body["id"], "rate_limit", "{:?}", locked.body);
    assert!(
        locked.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("too many failed logins")),
        "{:?}",
        locked.body
    );
    assert!(locked.body.get("access_token").is_none());
    let wait: u64 = locked
        .header("retry-after")
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds");
    assert!(wait >= 1);

    // Another account from the same address, and the same account from another address, are
    // not held up by this guesser.
    assert_eq!(
        login(&server, &here, "bob@example.com", "battery staple").status,
        201
    );
    assert_eq!(
        login(&server, &elsewhere, "ada@example.com", "correct horse").status,
        201
    );
    // Hostile input still gets its clear error, and no token.
    let r = login(&server, &here, "nobody@example.com", "guess");
    assert_eq!(r.status, 401);

    // Once the lock is over, the right password works from the guesser's address too, and
    // clears its count.
    let r = wait_until("the lock to be over", Duration::from_secs(120), || {
        let r = login(&server, &here, "ada@example.com", "correct horse");
        (r.status != 429).then_some(r)
    });
    assert_eq!(r.status, 201, "{:?}", r.body);
    assert!(r.body["access_token"]["token"].is_string());
    assert_eq!(
        login(&server, &here, "ada@example.com", "guess").status,
        401
    );
}

#[test]
fn a_burst_of_writes_from_one_account_leaves_other_accounts_served() {
    const WRITES: usize = 1000;
    let server = TestServer::start();
    let noisy = add_user_with_password(&server, "noisy@example.com", "password1");
    let quiet = add_user_with_password(&server, "quiet@example.com", "password2");
    let http = server.http();
    for (token, app) in [(&noisy, "burst"), (&quiet, "calm")] {
        let r = http.call("POST", "/apps", Some(token), Some(json!({"name": app})));
        assert_eq!(r.status, 201, "{:?}", r.body);
    }

    // The quiet account reads its apps, over and over, while the burst runs.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = std::thread::spawn({
        let done = done.clone();
        let http = server.http();
        move || {
            let (mut ok, mut failed) = (0usize, vec![]);
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                match http.auth("GET", "/apps", &quiet).send() {
                    Ok(r) if r.status() == 200 => ok += 1,
                    Ok(r) => failed.push(format!("HTTP {}", r.status())),
                    Err(e) => failed.push(e.to_string()),
                }
                // Paced, not a wait: flat out, this loop would spend the account's own
                // request budget.
                std::thread::sleep(Duration::from_millis(20));
            }
            (ok, failed)
        }
    });

    let url = format!("{}/apps/burst/config-vars", server.api_url);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let outcomes: Vec<Result<u16, String>> = rt.block_on(async {
        // One connection per write, all at once: the burst the listen backlog has to hold.
        let tasks: Vec<_> = (0..WRITES)
            .map(|i| {
                let client = reqwest::Client::builder()
                    .pool_max_idle_per_host(0)
                    .build()
                    .expect("client");
                let (url, noisy) = (url.clone(), noisy.clone());
                tokio::spawn(async move {
                    client
                        .patch(&url)
                        .bearer_auth(&noisy)
                        .header("Accept", "application/vnd.heroku+json; version=3")
                        .json(&json!({ format!("KEY_{i}"): i.to_string() }))
                        .send()
                        .await
                        .map(|r| r.status().as_u16())
                        .map_err(|e| format!("{e:?}"))
                })
            })
            .collect();
        let mut out = vec![];
        for t in tasks {
            out.push(t.await.expect("task"));
        }
        out
    });
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let (reads, read_failures) = reader.join().expect("reader");

    let errors: Vec<&String> = outcomes.iter().filter_map(|o| o.as_ref().err()).collect();
    assert!(
        errors.is_empty(),
        "{} writes failed: {:?}",
        errors.len(),
        &errors[..errors.len().min(5)]
    );
    let statuses: Vec<u16> = outcomes
        .into_iter()
        .flatten()
        .filter(|s| *s != 200)
        .collect();
    assert!(statuses.is_empty(), "writes answered {statuses:?}");
    assert!(
        read_failures.is_empty(),
        "{} reads failed, first: {:?}",
        read_failures.len(),
        read_failures.first()
    );
    assert!(reads > 0, "the quiet account got no read in");
    // No write was lost.
    let config = http.call("GET", "/apps/burst/config-vars", Some(&noisy), None);
    assert_eq!(config.body.as_object().map(|o| o.len()), Some(WRITES));
}
