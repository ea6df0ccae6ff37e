//! Heroku's router errors: no dyno, H12, H13, bad responses, H27.

use super::*;

#[tokio::test]
async fn apps_without_a_running_dyno_get_heroku_errors() {
    let r = router().await;
    let (idle, crashed, maint, empty) = (
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
    );
    r.routes.set("idle", Route::NoWebDynos { app_id: idle });
    r.routes.set("crashed", Route::Crashed { app_id: crashed });
    r.routes.set("maint", Route::Maintenance { app_id: maint });
    r.routes.set("empty", up(empty, &[]));
    for (app, id, page, code) in [
        (
            "idle",
            idle,
            "Application error",
            "at=error code=H14 desc=\"No web processes running\"",
        ),
        (
            "crashed",
            crashed,
            "Application error",
            "at=error code=H10 desc=\"App crashed\"",
        ),
        (
            "maint",
            maint,
            "Offline for maintenance",
            "at=info code=H80 desc=\"Maintenance mode\"",
        ),
        (
            "empty",
            empty,
            "Application error",
            "at=error code=H14 desc=\"No web processes running\"",
        ),
    ] {
        let reply = get_with(
            r.addr,
            &format!("{app}.localhost"),
            "/x?y=%22z%22",
            &[("x-forwarded-for", "1.2.3.4")],
        )
        .await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{app}");
        assert!(reply.body.contains(page), "{app}: {}", reply.body);
        let line = &router_lines(&r.logs, id, 1).await[0];
        let expected =
            format!("{code} method=GET path=\"/x?y=%22z%22\" host={app}.localhost request_id=");
        assert!(line.starts_with(&expected), "{line}\n{expected}");
        assert!(
            line.ends_with(
                " fwd=\"1.2.3.4, 127.0.0.1\" dyno= connect= service= status=503 bytes= protocol=http"
            ),
            "{line}"
        );
    }
}

#[tokio::test]
async fn a_slow_dyno_gets_h12() {
    let mut config = RouterConfig::new("localhost");
    config.request_timeout = Duration::from_millis(200);
    let r = router_with(config).await;
    let d = dyno("a").await;
    let app = r.serve_demo(d.addr);
    let started = std::time::Instant::now();
    let reply = get(r.addr, "demo.localhost", "/slow").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(started.elapsed() < Duration::from_millis(1500));
    assert!(reply.body.contains("Application error"));
    let line = &router_lines(&r.logs, app, 1).await[0];
    assert!(
        line.starts_with("at=error code=H12 desc=\"Request timeout\" method=GET path=\"/slow\""),
        "{line}"
    );
    assert!(line.contains(" dyno=web.1 connect="), "{line}");
    assert!(
        line.ends_with(" status=503 bytes=0 protocol=http"),
        "{line}"
    );
    // The router still serves that dyno afterwards.
    assert_eq!(
        get(r.addr, "demo.localhost", "/").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_dyno_that_closes_without_answering_gets_h13() {
    let r = router().await;
    let addr = raw_dyno(b"").await;
    let app = r.serve_demo(addr);
    let reply = get(r.addr, "demo.localhost", "/").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    let line = &router_lines(&r.logs, app, 1).await[0];
    assert!(
        line.starts_with("at=error code=H13 desc=\"Connection closed without response\""),
        "{line}"
    );
    assert!(line.contains(" dyno=web.1 "), "{line}");
}

#[tokio::test]
async fn a_dyno_that_sends_garbage_gets_a_503() {
    let r = router().await;
    let app = Uuid::new_v4();
    let garbage = raw_dyno(b"this is not HTTP at all\r\n\r\n").await;
    let status_only = raw_dyno(b"HTTP/1.1 999999 Weird\r\n\r\n").await;
    let bad_header = raw_dyno(b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n").await;
    for addr in [garbage, status_only, bad_header] {
        r.routes.set("demo", up(app, &[("web.1", addr)]));
        let reply = get(r.addr, "demo.localhost", "/").await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    }
    let lines = router_lines(&r.logs, app, 3).await;
    assert!(lines.iter().all(|l| l.contains("code=H17")), "{lines:?}");
}

#[tokio::test]
async fn a_client_that_leaves_mid_body_is_logged_as_h27() {
    let r = router().await;
    let addr = streaming_dyno(|| {
        let (tx, rx) = mpsc::channel::<Bytes>(1);
        tokio::spawn(async move {
            let _ = tx.send(Bytes::from_static(b"first")).await;
            // Never finishes on its own.
            tokio::time::sleep(Duration::from_secs(30)).await;
        });
        ChannelBody(rx)
    })
    .await;
    let app = r.serve_demo(addr);
    let mut s = TcpStream::connect(r.addr).await.unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: demo.localhost\r\n\r\n")
        .await
        .unwrap();
    let _ = read_head(&mut s).await;
    drop(s);
    let line = &router_lines(&r.logs, app, 1).await[0];
    assert!(
        line.starts_with("sock=client at=warning code=H27 desc=\"Client Request Interrupted\""),
        "{line}"
    );
    assert!(line.contains(" status=499 "), "{line}");
}
