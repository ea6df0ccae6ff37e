//! Every link of the Platform API schema, tried against the platform: for each resource tug
//! serves, every one of its links must be routed (its method on its path), so a client never
//! meets "no such endpoint" or 405 on a resource it can otherwise use. Placeholders become an
//! identity that names nothing, so each call answers 404 for the resource (or 4xx for the
//! body) without changing anything.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::common::InProcess;

/// The resources tug serves (at least one link routed).
const SERVED: &[&str] = &[
    "account",
    "account-feature",
    "add-on",
    "add-on-attachment",
    "add-on-service",
    "app",
    "app-feature",
    "app-setup",
    "app-webhook",
    "app-webhook-delivery",
    "app-webhook-event",
    "build",
    "buildpack-installation",
    "collaborator",
    "config-var",
    "domain",
    "dyno",
    "dyno-size",
    "filter-apps",
    "formation",
    "log-drain",
    "log-session",
    "oauth-authorization",
    "pipeline",
    "pipeline-config-var",
    "pipeline-coupling",
    "pipeline-promotion",
    "pipeline-promotion-target",
    "pipeline-release",
    "plan",
    "rate-limit",
    "region",
    "release",
    "review-app",
    "review-app-config",
    "slug",
    "sni-endpoint",
    "source",
    "stack",
];

/// Links of served resources that tug leaves out, and why: teams do not exist on tug (every
/// app belongs to an account), and add-ons have no log drains of their own.
const LEFT_OUT: &[(&str, &str)] = &[
    ("GET", "/teams/{}/addons"),
    ("PUT", "/addons/{}/log-drains/{}"),
    ("GET", "/teams/{}/pipeline-couplings"),
];

/// An identity no resource has: a UUID's shape, so id and name lookups both miss.
const NOBODY: &str = "00000000-0000-4000-8000-00000000dead";

/// The schema's href with each `{(#/definitions/…)}` placeholder as `{}`.
fn pattern(href: &str) -> String {
    let mut out = String::new();
    let mut rest = href;
    while let Some(start) = rest.find("{(") {
        out.push_str(&rest[..start]);
        out.push_str("{}");
        let end = rest[start..].find(")}").expect("a placeholder ends") + start + 2;
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_link_of_a_served_resource_is_routed() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/heroku-platform-api-schema.json"),
        )
        .expect("the schema fixture"),
    )
    .expect("the schema parses");
    let server = InProcess::start();
    let http = server.http();
    let token = Some(server.admin_token.as_str());

    let mut routed: BTreeSet<String> = BTreeSet::new();
    let mut unrouted: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (resource, definition) in schema["definitions"].as_object().expect("definitions") {
        for link in definition["links"].as_array().into_iter().flatten() {
            let method = link["method"].as_str().expect("a method");
            let href = pattern(link["href"].as_str().expect("an href"));
            // Without a placeholder a DELETE would act on something real (the account).
            if method == "DELETE" && !href.contains("{}") {
                continue;
            }
            let path = href.replace("{}", NOBODY);
            let body = matches!(method, "POST" | "PATCH" | "PUT").then(|| json!({}));
            let r = http.call(method, &path, token, body);
            assert!(r.status < 500, "{method} {path}: {} {:?}", r.status, r.body);
            let no_route = r.status == 405
                || (r.status == 404
                    && (r.body["message"].as_str())
                        .is_some_and(|m| m.starts_with("no such endpoint")));
            if no_route {
                (unrouted.entry(resource.clone()).or_default()).push((method.to_string(), href));
            } else {
                routed.insert(resource.clone());
            }
        }
    }

    let expected: BTreeSet<String> = SERVED.iter().map(|s| s.to_string()).collect();
    assert_eq!(routed, expected, "the resources with routed links");
    let mut missing: Vec<(String, String)> = unrouted
        .into_iter()
        .filter(|(resource, _)| routed.contains(resource))
        .flat_map(|(_, links)| links)
        .collect();
    missing.sort();
    let mut left_out: Vec<(String, String)> = LEFT_OUT
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    left_out.sort();
    assert_eq!(
        missing, left_out,
        "links of served resources that are not routed"
    );
}
