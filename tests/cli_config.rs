//! `tug config` and `tug releases`: every config change is a release, and rollback is one too.

use crate::common::TestServer;

#[test]
fn config_set_get_unset_shell_and_json() {
    let server = TestServer::start();
    let admin = server.admin();
    admin.tug(&["create", "demo"]).ok();

    let empty = admin
        .tug(&["config", "-a", "demo"])
        .ok()
        .stderr_has("demo has no config vars");
    assert_eq!(empty.stdout, "");

    let set = admin
        .tug(&["config:set", "FOO=bar", "MSG=hello world", "-a", "demo"])
        .ok()
        .stderr_has("Setting FOO, MSG and restarting demo... done, v2");
    assert_eq!(set.stdout, "FOO\tbar\nMSG\thello world\n");

    assert_eq!(
        admin.tug(&["config", "-a", "demo"]).ok().stdout,
        "FOO\tbar\nMSG\thello world\n"
    );
    assert_eq!(
        admin
            .tug(&["config:list", "--shell", "-a", "demo"])
            .ok()
            .stdout,
        "FOO=bar\nMSG='hello world'\n"
    );
    let json = admin.tug(&["config", "--json", "-a", "demo"]).ok().json();
    assert_eq!(
        json,
        serde_json::json!({"FOO": "bar", "MSG": "hello world"})
    );

    assert_eq!(
        admin.tug(&["config:get", "MSG", "-a", "demo"]).ok().stdout,
        "hello world\n"
    );
    assert_eq!(
        admin
            .tug(&["config", "get", "MSG", "-s", "-a", "demo"])
            .ok()
            .stdout,
        "MSG='hello world'\n"
    );
    assert_eq!(
        admin
            .tug(&["config:get", "FOO", "--json", "-a", "demo"])
            .ok()
            .json(),
        serde_json::json!({"FOO": "bar"})
    );
    let missing = admin
        .tug(&["config:get", "NOPE", "-a", "demo"])
        .code(1)
        .stderr_has("error: config var `NOPE` is not set on demo");
    assert_eq!(missing.stdout, "");

    // Values with `=`, quotes and newlines survive; the JSON answer is the whole map.
    let json = admin
        .tug(&[
            "config:add",
            "URL=postgres://u:p@h/db?a=b",
            "Q=it's \"x\"\nline2",
            "-a",
            "demo",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(json["URL"], "postgres://u:p@h/db?a=b");
    assert_eq!(json["FOO"], "bar");
    assert_eq!(
        admin.tug(&["config:get", "Q", "-a", "demo"]).ok().stdout,
        "it's \"x\"\nline2\n"
    );
    admin
        .tug(&["config"])
        .code(2)
        .stderr_has("hint: pass `--app APP`");

    // Bad input is a usage error and changes nothing.
    admin
        .tug(&["config:set", "FOO-BAR=1", "-a", "demo"])
        .code(2)
        .stderr_has("not a valid config var name");
    admin
        .tug(&["config:set", "NOEQ", "-a", "demo"])
        .code(2)
        .stderr_has("KEY=VALUE");
    admin.tug(&["config:set", "-a", "demo"]).code(2);
    admin.tug(&["config:unset", "A.B", "-a", "demo"]).code(2);
    assert_eq!(
        admin.tug(&["releases", "--json", "-a", "demo"]).ok().json()[0]["version"],
        3
    );

    admin
        .tug(&["config:unset", "FOO", "-a", "demo"])
        .ok()
        .stderr_has("Unsetting FOO and restarting demo... done, v4");
    admin
        .tug(&["config:remove", "URL", "Q", "-a", "demo"])
        .ok()
        .stderr_has("Unsetting URL, Q and restarting demo... done, v5");
    assert_eq!(
        admin.tug(&["config", "-a", "demo"]).ok().stdout,
        "MSG\thello world\n"
    );
}

#[test]
fn releases_list_info_and_rollback() {
    let server = TestServer::start();
    let admin = server.admin();
    admin.tug(&["create", "demo"]).ok();
    admin
        .tug(&["config:set", "FOO=bar", "MSG=hi", "-a", "demo"])
        .ok();
    admin.tug(&["config:unset", "FOO", "-a", "demo"]).ok();

    let list = admin.tug(&["releases", "-a", "demo"]).ok();
    let lines: Vec<Vec<&str>> = list
        .stdout
        .lines()
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(lines.len(), 3, "{}", list.stdout);
    assert_eq!(
        lines[0][..3],
        ["v3", "Remove FOO config vars", "admin@localhost"]
    );
    assert_eq!(lines[1][..2], ["v2", "Set FOO, MSG config vars"]);
    assert_eq!(lines[2][..2], ["v1", "Initial release"]);
    assert!(
        tug::api::Timestamp::parse(lines[0][3]).is_some(),
        "RFC 3339: {}",
        lines[0][3]
    );

    let two = admin
        .tug(&["releases", "-n", "2", "--json", "-a", "demo"])
        .ok()
        .json();
    let versions: Vec<i64> = two
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, [3, 2]);
    admin.tug(&["releases", "-n", "0", "-a", "demo"]).code(2);

    let info = admin.tug(&["releases:info", "v2", "-a", "demo"]).ok();
    info.stdout_has("Set FOO, MSG config vars")
        .stdout_has("FOO:  bar");
    let latest = admin
        .tug(&["releases:info", "--json", "-a", "demo"])
        .ok()
        .json();
    assert_eq!(latest["version"], 3);
    assert_eq!(latest["current"], true);
    assert_eq!(
        admin
            .tug(&["releases", "info", "2", "--shell", "-a", "demo"])
            .ok()
            .stdout,
        "FOO=bar\nMSG=hi\n"
    );
    admin
        .tug(&["releases:info", "v99", "-a", "demo"])
        .code(1)
        .stderr_has("error: ");
    admin
        .tug(&["releases:info", "latest", "-a", "demo"])
        .code(2)
        .stderr_has("like `v3`");

    // No argument: back to the release before the current one.
    admin
        .tug(&["rollback", "-a", "demo"])
        .ok()
        .stderr_has("Rolling back demo to v2... done, v4")
        .stderr_has("tug releases:rollback v3 -a demo");
    assert_eq!(
        admin.tug(&["config:get", "FOO", "-a", "demo"]).ok().stdout,
        "bar\n"
    );
    let rolled = admin
        .tug(&["releases:rollback", "v1", "-a", "demo", "--json"])
        .ok()
        .stderr_has("Rolling back demo to v1... done, v5")
        .json();
    assert_eq!(rolled["version"], 5);
    assert_eq!(rolled["description"], "Rollback to v1");
    assert_eq!(
        admin.tug(&["config", "--json", "-a", "demo"]).ok().json(),
        serde_json::json!({})
    );
    let list = admin.tug(&["releases", "-a", "demo"]).ok();
    assert!(
        list.stdout.starts_with("v5\tRollback to v1\t"),
        "{}",
        list.stdout
    );
}
