//! `tug deploy REF -e ENV` for an environment with `promote_from` in deploy.yml: production's
//! checks run as for any deploy, then the staging release built from REF's commit is promoted
//! (no build), or a clear error says staging never built it.

use serde_json::json;

use crate::common::dynos::{get, start};
use crate::common::push::deploy;
use crate::pipelines::{app_py, create_app, current_release, set_config};

/// deploy.yml of a repository whose production promotes what staging built.
const PROMOTE_YML: &str = "\
envs:
  - name: production
    app: shop-prod
    pipeline: shop
    promote_from: staging
    required_contexts: [\"ci/test\"]
  - name: staging
    app: shop-staging
";

#[test]
fn deploy_to_an_environment_that_promotes_from_staging_releases_the_staging_build_of_the_ref() {
    let server = start();
    let home = server.admin();
    let dir = deploy(
        &server,
        &home,
        "shop-staging",
        &[
            ("Procfile", "web: python3 app.py\n"),
            ("app.py", app_py().as_str()),
            ("VERSION", "one"),
            ("deploy.yml", PROMOTE_YML),
        ],
    );
    create_app(&server, "shop-prod");
    set_config(&server, "shop-prod", json!({"GREETING": "prod"}));
    crate::pipelines::couple_shop(&home, &["shop-prod"]);
    let here = server.admin().in_dir(&dir);
    crate::common::push::git(&home, &dir, &["tag", "v1.4.0"]);
    crate::common::push::commit(&home, &dir, &[("VERSION", "two")], "Two");
    crate::common::push::git(&home, &dir, &["tag", "v1.5.0"]);

    // Production's checks apply as for any deploy, before anything is looked for.
    here.tug(&["deploy", "v1.4.0", "-e", "production"])
        .code(1)
        .stderr_has("deployment refused");
    for tag in ["v1.4.0", "v1.5.0"] {
        here.tug(&["statuses:set", tag, "ci/test", "success", "-a", "shop-prod"])
            .ok();
    }
    // Never built on staging: nothing to promote.
    here.tug(&["deploy", "v1.5.0", "-e", "production"])
        .code(1)
        .stderr_has("staging never built v1.5.0; deploy it there first");
    here.tug(&["deploy", "v1.4.0", "-e", "production"])
        .ok()
        .stderr_has("Finding the staging release of")
        .stderr_has("Promoting shop-staging v")
        .stderr_has("to shop-prod... done");
    let staging = current_release(&home, "shop-staging");
    let prod = current_release(&home, "shop-prod");
    assert_eq!(
        prod["slug"]["id"], staging["slug"]["id"],
        "no build: the same slug"
    );
    assert_eq!(get(&server, "shop-prod"), (200, "prod one\n".to_string()));
    let builds = home
        .tug(&["builds", "-a", "shop-prod", "--json"])
        .ok()
        .json();
    assert_eq!(builds, json!([]), "production never built anything");
}
