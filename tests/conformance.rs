//! Responses carry the fields of the official Platform API schema with the schema's types, for
//! every resource tug implements (pipelines, promotions, review apps and app setups in a test of
//! their own). The schema is a copy kept in `tests/fixtures/` (source and
//! licence in `tests/fixtures/README.md`) so this runs from any clone;
//! patterns that are specific to Heroku's hosts (`*.herokuapp.com`) are not checked, types and
//! formats are.

use serde_json::{Value, json};

use crate::common::{TestServer, add_user_with_password};

fn schema() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/heroku-platform-api-schema.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the schema fixture {} is missing: {e}", path.display()));
    serde_json::from_str(&text).expect("schema parses")
}

fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    let mut node = node;
    while let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let mut cur = root;
        for part in r.trim_start_matches("#/").split('/') {
            cur = &cur[part];
        }
        node = cur;
    }
    node
}

fn type_ok(ty: &str, v: &Value) -> bool {
    match ty {
        "null" => v.is_null(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        _ => true,
    }
}

fn check(root: &Value, node: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    let node = resolve(root, node);
    if let Some(variants) = node
        .get("anyOf")
        .or_else(|| node.get("oneOf"))
        .and_then(Value::as_array)
    {
        let ok = variants.iter().any(|var| {
            let mut errs = vec![];
            check(root, var, v, path, &mut errs);
            errs.is_empty()
        });
        if !ok {
            errors.push(format!("{path}: matches none of its variants: {v}"));
        }
        return;
    }
    let types: Vec<&str> = match node.get("type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ if node.get("properties").is_some() => vec!["object"],
        _ => vec![],
    };
    if !types.is_empty() && !types.iter().any(|t| type_ok(t, v)) {
        errors.push(format!("{path}: expected {types:?}, got {v}"));
        return;
    }
    if let (Some(format), Some(s)) = (node.get("format").and_then(Value::as_str), v.as_str()) {
        let ok = match format {
            "uuid" => uuid::Uuid::parse_str(s).is_ok() && s == s.to_lowercase() && s.len() == 36,
            "date-time" => {
                s.len() == 20
                    && s.ends_with('Z')
                    && s.as_bytes()[10] == b'T'
                    && s[..4].bytes().all(|b| b.is_ascii_digit())
            }
            _ => true,
        };
        if !ok {
            errors.push(format!("{path}: `{s}` is not a {format}"));
        }
    }
    if let (Some(props), Some(obj)) = (
        node.get("properties").and_then(Value::as_object),
        v.as_object(),
    ) {
        for (key, sub) in props {
            match obj.get(key) {
                Some(child) => check(root, sub, child, &format!("{path}.{key}"), errors),
                None => errors.push(format!("{path}.{key}: missing")),
            }
        }
    }
    if let (Some(items), Some(arr)) = (node.get("items"), v.as_array()) {
        for (i, item) in arr.iter().enumerate() {
            check(root, items, item, &format!("{path}[{i}]"), errors);
        }
    }
    if let (Some(pattern_props), Some(obj)) = (
        node.get("patternProperties").and_then(Value::as_object),
        v.as_object(),
    ) {
        for sub in pattern_props.values() {
            for (key, child) in obj {
                check(root, sub, child, &format!("{path}.{key}"), errors);
            }
        }
    }
}

/// Checks a response against a resource definition (`app`, `release`, …), or one nested in it
/// (`app-webhook/definitions/app_webhook`, where that resource keeps its response shape).
fn conforms(root: &Value, resource: &str, v: &Value, errors: &mut Vec<String>) {
    let mut def = &root["definitions"];
    for part in resource.split('/') {
        def = &def[part];
    }
    assert!(def.is_object(), "no schema for {resource}");
    check(root, def, v, resource, errors);
}

#[test]
fn responses_match_the_platform_api_schema() {
    let root = schema();
    let server = TestServer::start();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    add_user_with_password(&server, "dev@example.com", "password1");
    let mut errors = vec![];
    let ok = |resource: &str,
              method: &str,
              path: &str,
              body: Option<Value>,
              errors: &mut Vec<String>| {
        let r = http.call(method, path, t, body);
        assert!(
            (200..300).contains(&r.status),
            "{method} {path}: {} {:?}",
            r.status,
            r.body
        );
        match &r.body {
            Value::Array(items) => {
                assert!(
                    !items.is_empty(),
                    "{path} returned an empty list; the check needs items"
                );
                for item in items {
                    conforms(&root, resource, item, errors);
                }
            }
            other => conforms(&root, resource, other, errors),
        }
        r.body
    };
    ok(
        "app",
        "POST",
        "/apps",
        Some(json!({"name": "conform"})),
        &mut errors,
    );
    let app = ok("app", "GET", "/apps/conform", None, &mut errors);
    // The checker itself must notice a missing field and a wrong type.
    let mut broken = app.clone();
    broken.as_object_mut().unwrap().remove("acm");
    broken["maintenance"] = json!("no");
    let mut caught = vec![];
    conforms(&root, "app", &broken, &mut caught);
    assert_eq!(caught.len(), 2, "{caught:?}");
    ok("app", "GET", "/apps", None, &mut errors);
    ok(
        "app",
        "PATCH",
        "/apps/conform",
        Some(json!({"maintenance": false})),
        &mut errors,
    );
    // A webhook first, so that the changes below are events with deliveries.
    const WEBHOOK: &str = "app-webhook/definitions/app_webhook";
    let webhook = ok(
        WEBHOOK,
        "POST",
        "/apps/conform/webhooks",
        Some(json!({
            "include": ["api:release", "api:formation"],
            "level": "notify",
            "url": "http://127.0.0.1:9/hook"
        })),
        &mut errors,
    );
    let webhook_path = format!("/apps/conform/webhooks/{}", webhook["id"].as_str().unwrap());
    ok(WEBHOOK, "GET", "/apps/conform/webhooks", None, &mut errors);
    ok(WEBHOOK, "GET", &webhook_path, None, &mut errors);
    ok(
        WEBHOOK,
        "PATCH",
        &webhook_path,
        Some(json!({"level": "sync"})),
        &mut errors,
    );
    ok("stack", "GET", "/stacks", None, &mut errors);
    ok("stack", "GET", "/stacks/heroku-24", None, &mut errors);
    ok(
        "stack",
        "GET",
        "/apps/conform/available-stacks",
        None,
        &mut errors,
    );
    ok("region", "GET", "/regions", None, &mut errors);
    ok("region", "GET", "/regions/local", None, &mut errors);
    ok("dyno-size", "GET", "/dyno-sizes", None, &mut errors);
    ok(
        "dyno-size",
        "GET",
        "/dyno-sizes/standard-2X",
        None,
        &mut errors,
    );
    ok(
        "dyno-size",
        "GET",
        "/apps/conform/available-dyno-sizes",
        None,
        &mut errors,
    );
    ok(
        "app-feature",
        "GET",
        "/apps/conform/features",
        None,
        &mut errors,
    );
    ok(
        "app-feature",
        "PATCH",
        "/apps/conform/features/preboot",
        Some(json!({"enabled": false})),
        &mut errors,
    );
    ok(
        "oauth-authorization",
        "PATCH",
        "/oauth/authorizations/~",
        Some(json!({"description": "renamed"})),
        &mut errors,
    );
    ok("account", "GET", "/account", None, &mut errors);
    ok(
        "account",
        "PATCH",
        "/account",
        Some(json!({"name": "Ada"})),
        &mut errors,
    );
    ok(
        "oauth-authorization",
        "POST",
        "/oauth/authorizations",
        Some(json!({"scope": ["global"]})),
        &mut errors,
    );
    ok(
        "oauth-authorization",
        "GET",
        "/oauth/authorizations",
        None,
        &mut errors,
    );
    ok(
        "rate-limit",
        "GET",
        "/account/rate-limits",
        None,
        &mut errors,
    );
    let config = http
        .call(
            "PATCH",
            "/apps/conform/config-vars",
            t,
            Some(json!({"FOO": "bar"})),
        )
        .body;
    check(
        &root,
        &root["definitions"]["config-var"]["definitions"]["config_vars"],
        &config,
        "config-vars",
        &mut errors,
    );
    ok(
        "release",
        "GET",
        "/apps/conform/releases",
        None,
        &mut errors,
    );
    ok(
        "release",
        "GET",
        "/apps/conform/releases/1",
        None,
        &mut errors,
    );
    let slug = ok(
        "slug",
        "POST",
        "/apps/conform/slugs",
        Some(json!({"process_types": {"web": "./web"}})),
        &mut errors,
    );
    ok(
        "release",
        "POST",
        "/apps/conform/releases",
        Some(json!({"slug": slug["id"]})),
        &mut errors,
    );
    ok(
        "formation",
        "GET",
        "/apps/conform/formation",
        None,
        &mut errors,
    );
    ok(
        "formation",
        "PATCH",
        "/apps/conform/formation",
        Some(json!({"updates": [{"type": "web", "quantity": 2}]})),
        &mut errors,
    );
    ok(
        "collaborator",
        "POST",
        "/apps/conform/collaborators",
        Some(json!({"user": "dev@example.com"})),
        &mut errors,
    );
    ok(
        "collaborator",
        "GET",
        "/apps/conform/collaborators",
        None,
        &mut errors,
    );
    let events = ok(
        "app-webhook-event",
        "GET",
        "/apps/conform/webhook-events",
        None,
        &mut errors,
    );
    ok(
        "app-webhook-event",
        "GET",
        &format!(
            "/apps/conform/webhook-events/{}",
            events[0]["id"].as_str().unwrap()
        ),
        None,
        &mut errors,
    );
    let deliveries = ok(
        "app-webhook-delivery",
        "GET",
        "/apps/conform/webhook-deliveries",
        None,
        &mut errors,
    );
    ok(
        "app-webhook-delivery",
        "GET",
        &format!(
            "/apps/conform/webhook-deliveries/{}",
            deliveries[0]["id"].as_str().unwrap()
        ),
        None,
        &mut errors,
    );
    ok(
        "add-on-service",
        "GET",
        "/addon-services",
        None,
        &mut errors,
    );
    ok(
        "add-on-service",
        "GET",
        "/addon-services/heroku-postgresql",
        None,
        &mut errors,
    );
    ok(
        "plan",
        "GET",
        "/addon-services/heroku-postgresql/plans",
        None,
        &mut errors,
    );
    ok("plan", "GET", "/plans/heroku-redis:mini", None, &mut errors);
    if tug::server::addons::postgres::bin_dir().is_some() {
        ok(
            "add-on",
            "POST",
            "/apps/conform/addons",
            Some(json!({"plan": "heroku-postgresql"})),
            &mut errors,
        );
        ok("add-on", "GET", "/apps/conform/addons", None, &mut errors);
        ok("add-on", "GET", "/addons", None, &mut errors);
        ok(
            "add-on-attachment",
            "GET",
            "/apps/conform/addon-attachments",
            None,
            &mut errors,
        );
        ok(
            "add-on-attachment",
            "GET",
            "/apps/conform/addon-attachments/DATABASE",
            None,
            &mut errors,
        );
    } else {
        crate::common::skip::skipped("the add-on shapes (PostgreSQL is not installed)");
    }
    ok(WEBHOOK, "DELETE", &webhook_path, None, &mut errors);
    let err = http.call("GET", "/apps/nope", t, None).body;
    for key in ["id", "message"] {
        if !err[key].is_string() {
            errors.push(format!("error body lacks `{key}`: {err}"));
        }
    }
    assert!(
        errors.is_empty(),
        "schema mismatches:\n{}",
        errors.join("\n")
    );
}

/// A source blob holding a file and `app.json`, uploaded through `POST /sources`; its GET URL.
fn uploaded_source(server: &TestServer) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("app.json"),
        r#"{"buildpacks": [{"url": "null"}]}"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("VERSION"), "one").unwrap();
    let tgz = dir.path().join("source.tgz");
    crate::common::run_ok(
        std::process::Command::new("tar")
            .arg("-czf")
            .arg(&tgz)
            .arg("-C")
            .arg(dir.path())
            .args(["app.json", "VERSION"]),
    );
    let source = server
        .http()
        .call("POST", "/sources", Some(&server.admin_token), None);
    assert_eq!(source.status, 201, "{:?}", source.body);
    let put = reqwest::blocking::Client::new()
        .put(source.body["source_blob"]["put_url"].as_str().unwrap())
        .body(std::fs::read(&tgz).unwrap())
        .send()
        .unwrap();
    assert!(put.status().is_success());
    source.body["source_blob"]["get_url"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn pipeline_responses_match_the_platform_api_schema() {
    let root = schema();
    let server = TestServer::start();
    let http = server.http();
    let t = Some(server.admin_token.as_str());
    let mut errors = vec![];
    let ok = |resource: &str,
              method: &str,
              path: &str,
              body: Option<Value>,
              errors: &mut Vec<String>| {
        let r = http.call(method, path, t, body);
        assert!(
            (200..300).contains(&r.status),
            "{method} {path}: {} {:?}",
            r.status,
            r.body
        );
        match &r.body {
            Value::Array(items) => {
                assert!(!items.is_empty(), "{path} returned an empty list");
                for item in items {
                    conforms(&root, resource, item, errors);
                }
            }
            other => conforms(&root, resource, other, errors),
        }
        r.body
    };
    for app in ["conform-staging", "conform-prod"] {
        ok(
            "app",
            "POST",
            "/apps",
            Some(json!({ "name": app })),
            &mut errors,
        );
    }
    let pipeline = ok(
        "pipeline",
        "POST",
        "/pipelines",
        Some(json!({"name": "conform"})),
        &mut errors,
    );
    let pipe = pipeline["id"].as_str().unwrap().to_string();
    ok("pipeline", "GET", "/pipelines", None, &mut errors);
    ok(
        "pipeline",
        "GET",
        &format!("/pipelines/{pipe}"),
        None,
        &mut errors,
    );
    for (app, stage) in [
        ("conform-staging", "staging"),
        ("conform-prod", "production"),
    ] {
        ok(
            "pipeline-coupling",
            "POST",
            "/pipeline-couplings",
            Some(json!({"app": app, "pipeline": pipe, "stage": stage})),
            &mut errors,
        );
    }
    ok(
        "pipeline-coupling",
        "GET",
        "/pipeline-couplings",
        None,
        &mut errors,
    );
    ok(
        "pipeline-coupling",
        "GET",
        &format!("/pipelines/{pipe}/pipeline-couplings"),
        None,
        &mut errors,
    );
    ok(
        "pipeline-coupling",
        "GET",
        "/apps/conform-staging/pipeline-couplings",
        None,
        &mut errors,
    );

    // A slug on staging to promote.
    let slug = http.call(
        "POST",
        "/apps/conform-staging/slugs",
        t,
        Some(json!({"process_types": {"web": "true"}, "commit": "60883d9e"})),
    );
    let r = http.call(
        "POST",
        "/apps/conform-staging/releases",
        t,
        Some(json!({"slug": slug.body["id"]})),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    let ids = |path: &str| http.call("GET", path, t, None).body["id"].clone();
    let promotion = ok(
        "pipeline-promotion",
        "POST",
        "/pipeline-promotions",
        Some(json!({
            "pipeline": {"id": pipe},
            "source": {"app": {"id": ids("/apps/conform-staging")}},
            "targets": [{"app": {"id": ids("/apps/conform-prod")}}],
        })),
        &mut errors,
    );
    let promotion = promotion["id"].as_str().unwrap().to_string();
    crate::common::wait_for("the promotion completes", || {
        http.call("GET", &format!("/pipeline-promotions/{promotion}"), t, None)
            .body["status"]
            == "completed"
    });
    ok(
        "pipeline-promotion",
        "GET",
        &format!("/pipeline-promotions/{promotion}"),
        None,
        &mut errors,
    );
    ok(
        "pipeline-promotion-target",
        "GET",
        &format!("/pipeline-promotions/{promotion}/promotion-targets"),
        None,
        &mut errors,
    );
    // Each is a release. The schema's `pipeline-release.artifacts` refers to one artifact where
    // `release.artifacts` (and Heroku's answer) is a list of them, so the list is checked as
    // the release's.
    let mut quirk = vec![];
    ok(
        "pipeline-release",
        "GET",
        &format!("/pipelines/{pipe}/latest-releases"),
        None,
        &mut quirk,
    );
    errors.extend(
        quirk
            .into_iter()
            .filter(|e| !e.starts_with("pipeline-release.artifacts:")),
    );
    ok(
        "release",
        "GET",
        &format!("/pipelines/{pipe}/latest-releases"),
        None,
        &mut errors,
    );

    // Review apps, and an app made from app.json.
    let config = format!("/pipelines/{pipe}/review-app-config");
    ok(
        "review-app-config",
        "POST",
        &config,
        Some(json!({"repo": "conform/conform"})),
        &mut errors,
    );
    ok("review-app-config", "GET", &config, None, &mut errors);
    ok(
        "review-app-config",
        "PATCH",
        &config,
        Some(json!({"destroy_stale_apps": true, "stale_days": 3})),
        &mut errors,
    );
    let url = uploaded_source(&server);
    let review = ok(
        "review-app",
        "POST",
        "/review-apps",
        Some(
            json!({"branch": "feature-x", "pipeline": pipe, "source_blob": {"url": url, "version": "60883d9e"}}),
        ),
        &mut errors,
    );
    ok(
        "review-app",
        "GET",
        &format!("/review-apps/{}", review["id"].as_str().unwrap()),
        None,
        &mut errors,
    );
    ok(
        "review-app",
        "GET",
        &format!("/pipelines/{pipe}/review-apps"),
        None,
        &mut errors,
    );
    let setup = ok(
        "app-setup",
        "POST",
        "/app-setups",
        Some(
            json!({"app": {"name": "conform-setup"}, "source_blob": {"url": uploaded_source(&server)}}),
        ),
        &mut errors,
    );
    ok(
        "app-setup",
        "GET",
        &format!("/app-setups/{}", setup["id"].as_str().unwrap()),
        None,
        &mut errors,
    );
    assert!(
        errors.is_empty(),
        "schema mismatches:\n{}",
        errors.join("\n")
    );
}
