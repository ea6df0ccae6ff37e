//! The webhook store's records: subscriptions, events and their deliveries.

use super::*;
use serde_json::json;

fn event(app_id: Uuid, include: &str, actor: Uuid) -> NewEvent {
    NewEvent {
        app_id,
        include: include.into(),
        action: "create".into(),
        actor_id: actor,
        actor_email: "o@example.com".into(),
        resource: "release".into(),
        data: json!({"version": 2}),
        previous_data: json!({}),
    }
}

#[test]
fn events_are_recorded_only_for_subscribers_with_one_delivery_each() {
    let store = Store::in_memory();
    let owner = store.insert_account("o@example.com", None).unwrap();
    let app = store.create_app("demo", owner.id).unwrap();
    assert!(
        store
            .record_webhook_event(&event(app.id, "api:release", owner.id), 10)
            .unwrap()
            .is_none()
    );
    let a = store
        .insert_webhook(
            app.id,
            "http://a/",
            &["api:release".into(), "dyno".into()],
            "sync",
            "s1",
            Some("Bearer x"),
        )
        .unwrap();
    assert!(super::super::is_unique_violation(
        &store
            .insert_webhook(app.id, "http://a/", &["dyno".into()], "sync", "s", None)
            .unwrap_err()
    ));
    store
        .insert_webhook(
            app.id,
            "http://b/",
            &["api:build".into()],
            "notify",
            "s2",
            None,
        )
        .unwrap();
    assert!(store.has_webhook_for(app.id, "dyno").unwrap());
    assert!(!store.has_webhook_for(app.id, "api:formation").unwrap());
    let (ev, deliveries) = store
        .record_webhook_event(&event(app.id, "api:release", owner.id), 10)
        .unwrap()
        .unwrap();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(ev.data, json!({"version": 2}));
    let job = store.delivery_job(deliveries[0]).unwrap().unwrap();
    assert_eq!(
        (job.url.as_str(), job.secret.as_str(), job.status.as_str()),
        ("http://a/", "s1", "pending")
    );
    assert_eq!(job.authorization.as_deref(), Some("Bearer x"));
    assert_eq!(
        store.unfinished_webhook_deliveries().unwrap(),
        deliveries.clone()
    );

    let attempt = |status: &str, code| NewAttempt {
        id: Uuid::new_v4(),
        status: status.into(),
        code,
        error_class: None,
        duration_ms: 12,
        created_at: 1,
    };
    assert!(
        store
            .record_webhook_attempt(
                deliveries[0],
                &attempt("failed", Some(500)),
                "scheduled",
                Some(99)
            )
            .unwrap()
    );
    assert!(
        store
            .record_webhook_attempt(
                deliveries[0],
                &attempt("succeeded", Some(200)),
                "succeeded",
                None
            )
            .unwrap()
    );
    let d = store
        .webhook_delivery(app.id, deliveries[0])
        .unwrap()
        .unwrap();
    assert_eq!((d.status.as_str(), d.num_attempts), ("succeeded", 2));
    let codes: Vec<_> = d.attempts.iter().map(|a| (a.number, a.code)).collect();
    assert_eq!(codes, vec![(1, Some(500)), (2, Some(200))]);
    assert_eq!(
        store.webhook_deliveries(app.id).unwrap()[0].attempts.len(),
        2
    );
    assert!(store.unfinished_webhook_deliveries().unwrap().is_empty());

    // Deleting the webhook takes its deliveries; the event stays.
    assert!(store.delete_webhook(a.id).unwrap());
    assert!(store.delivery_job(deliveries[0]).unwrap().is_none());
    assert!(
        !store
            .record_webhook_attempt(deliveries[0], &attempt("failed", None), "failed", None)
            .unwrap()
    );
    assert_eq!(store.webhook_events(app.id).unwrap().len(), 1);
}

#[test]
fn old_events_are_pruned_and_apps_take_everything_with_them() {
    let store = Store::in_memory();
    let owner = store.insert_account("o@example.com", None).unwrap();
    let app = store.create_app("demo", owner.id).unwrap();
    let w = store
        .insert_webhook(
            app.id,
            "http://a/",
            &["api:release".into()],
            "notify",
            "s",
            None,
        )
        .unwrap();
    for _ in 0..5 {
        store
            .record_webhook_event(&event(app.id, "api:release", owner.id), 3)
            .unwrap();
    }
    assert_eq!(store.webhook_events(app.id).unwrap().len(), 3);
    assert_eq!(store.webhook_deliveries(app.id).unwrap().len(), 3);
    let changed = store
        .update_webhook(
            w.id,
            &WebhookChange {
                level: Some("sync".into()),
                authorization: Some(Some("Bearer t".into())),
                ..Default::default()
            },
        )
        .unwrap()
        .unwrap();
    assert_eq!(changed.level, "sync");
    assert_eq!(changed.url, "http://a/");
    assert_eq!(changed.authorization.as_deref(), Some("Bearer t"));
    store.delete_app(app.id).unwrap();
    assert!(store.webhook(app.id, w.id).unwrap().is_none());
    assert!(store.webhook_events(app.id).unwrap().is_empty());
    assert!(store.webhook_deliveries(app.id).unwrap().is_empty());
}
