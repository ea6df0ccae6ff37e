//! `tug access` and `tug maintenance`, seen from the owner, a collaborator and a stranger.

use crate::common::TestServer;

#[test]
fn collaborators_are_added_listed_and_removed() {
    let server = TestServer::start();
    let admin = server.admin();
    let dev = server.user("dev@example.com");
    let eve = server.user("eve@example.com");
    admin.tug(&["create", "demo"]).ok();

    assert_eq!(
        admin.tug(&["access", "-a", "demo"]).ok().stdout,
        "admin@localhost\towner\n"
    );
    admin
        .tug(&["access:add", "dev@example.com", "-a", "demo"])
        .ok()
        .stderr_has("Adding dev@example.com access to demo... done");
    admin
        .tug(&["access:add", "not-an-email", "-a", "demo"])
        .code(2);
    admin
        .tug(&["access:add", "nobody@example.com", "-a", "demo"])
        .code(1)
        .stderr_has("error: ");

    let list = admin.tug(&["access", "-a", "demo"]).ok();
    assert_eq!(
        list.stdout,
        "admin@localhost\towner\ndev@example.com\tcollaborator\n"
    );
    let json = admin
        .tug(&["access:list", "--json", "-a", "demo"])
        .ok()
        .json();
    assert_eq!(json[1]["user"]["email"], "dev@example.com");

    // The collaborator sees the app and can change its config; a stranger sees nothing.
    dev.tug(&["apps"]).ok().stdout_has("demo\tadmin@localhost");
    dev.tug(&["config:set", "BY=dev", "-a", "demo"]).ok();
    let stranger = eve
        .tug(&["info", "demo"])
        .code(1)
        .stderr_has("hint: run `tug apps` to see the apps you can use");
    assert_eq!(stranger.stdout, "");
    eve.tug(&["config", "-a", "demo"]).code(1);
    eve.tug(&["apps", "--json"]).ok().stdout_has("[]");

    let removed = admin
        .tug(&["access:remove", "dev@example.com", "-a", "demo", "--json"])
        .ok()
        .stderr_has("Removing dev@example.com access from demo... done")
        .json();
    assert_eq!(removed["user"]["email"], "dev@example.com");
    dev.tug(&["info", "demo"]).code(1);
    assert_eq!(
        admin.tug(&["access", "-a", "demo"]).ok().stdout,
        "admin@localhost\towner\n"
    );
}

#[test]
fn maintenance_on_and_off() {
    let server = TestServer::start();
    let admin = server.admin();
    admin.tug(&["create", "demo"]).ok();
    assert_eq!(
        admin.tug(&["maintenance", "-a", "demo"]).ok().stdout,
        "off\n"
    );
    admin
        .tug(&["maintenance:on", "-a", "demo"])
        .ok()
        .stderr_has("Enabling maintenance mode for demo... done");
    assert_eq!(
        admin.tug(&["maintenance", "-a", "demo"]).ok().stdout,
        "on\n"
    );
    assert_eq!(
        admin
            .tug(&["maintenance", "--json", "-a", "demo"])
            .ok()
            .json()["maintenance"],
        true
    );
    let off = admin
        .tug(&["maintenance", "off", "-a", "demo", "--json"])
        .ok()
        .stderr_has("Disabling maintenance mode for demo... done")
        .json();
    assert_eq!(off["maintenance"], false);
    assert_eq!(
        admin.tug(&["maintenance", "-a", "demo"]).ok().stdout,
        "off\n"
    );
    admin
        .tug(&["maintenance:on", "-a", "nope"])
        .code(1)
        .stderr_has("tug apps");
}
