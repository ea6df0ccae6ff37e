//! The official CLI on the links the schema audit found last (rotating a token), and `heroku
//! run` on a terminal as a person types into it.

use crate::official_cli::{Heroku, tls_http, tls_server};
use crate::other_clients::push_null;

#[test]
fn the_official_cli_rotates_a_token() {
    let tls = tls_server();
    let Some(heroku) = Heroku::find(&tls) else {
        return;
    };
    let http = tls_http(&tls);
    let api = &tls.server.api_url;
    let made: serde_json::Value = http
        .post(format!("{api}/oauth/authorizations"))
        .bearer_auth(&tls.server.admin_token)
        .json(&serde_json::json!({"description": "deploy bot"}))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let old = made["access_token"]["token"].as_str().unwrap();
    let id = made["id"].as_str().unwrap();
    let status = |token: &str| {
        http.get(format!("{api}/account"))
            .bearer_auth(token)
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(status(old), 200);
    let (out, err) = heroku.ok(&["authorizations:rotate", id]);
    assert!(out.contains("deploy bot"), "{out}\n{err}");
    assert_eq!(status(old), 401, "the old token is refused at once");
    let (out, _) = heroku.ok(&["authorizations:info", id, "--json"]);
    let info: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(info["description"], "deploy bot");
}

/// `heroku run` with a terminal: through rendezvous, keys typed reach the dyno's shell, its
/// output comes back, and with `-x` the shell's exit code is the CLI's.
#[test]
fn heroku_run_sh_on_a_terminal() {
    let tls = tls_server();
    let Some(heroku) = Heroku::find(&tls) else {
        return;
    };
    heroku.ok(&["apps:create", "typed"]);
    push_null(&tls, "typed");
    let mut term = heroku.pty(&["run", "-x", "-a", "typed", "--", "sh"]);
    term.expect("up, run.");
    // The arithmetic is done by the dyno's shell: the screen's echo of the keys never shows it.
    term.send("echo hi-$((1+1))\r");
    term.expect("hi-2");
    term.send("exit 3\r");
    assert_eq!(term.wait(), Some(3), "{}", term.screen());
    assert!(!term.screen().contains("heroku-command-exit-status"));
}
