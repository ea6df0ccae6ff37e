//! Which dyno gets a request, and the headers it gets.

use super::*;

#[tokio::test]
async fn host_picks_the_app_and_unknown_hosts_get_404() {
    let r = router().await;
    let (a, b) = (dyno("a").await, dyno("b").await);
    r.routes
        .set("one", up(Uuid::new_v4(), &[("web.1", a.addr)]));
    r.routes
        .set("two", up(Uuid::new_v4(), &[("web.1", b.addr)]));

    let reply = get(r.addr, "one.localhost", "/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.one("backend"), "a");
    assert_eq!(
        get(r.addr, "two.localhost:7780", "/").await.one("backend"),
        "b"
    );
    assert_eq!(get(r.addr, "TWO.LocalHost", "/").await.one("backend"), "b");

    for host in [
        "nope.localhost",
        "localhost",
        "one.example.com",
        "a.one.localhost",
        "::::",
    ] {
        let reply = get(r.addr, host, "/").await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{host}");
        assert!(reply.body.contains("No such app"), "{}", reply.body);
        assert_eq!(reply.headers["content-type"], "text/html; charset=utf-8");
    }

    // No Host at all, two Host headers, and bytes that are not HTTP.
    let mut s = TcpStream::connect(r.addr).await.unwrap();
    s.write_all(b"GET / HTTP/1.0\r\n\r\n").await.unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    assert!(
        out.starts_with("HTTP/1.0 404") || out.starts_with("HTTP/1.1 404"),
        "{out}"
    );

    let mut s = TcpStream::connect(r.addr).await.unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: one.localhost\r\nHost: two.localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    assert!(out.starts_with("HTTP/1.1 400"), "{out}");

    let mut s = TcpStream::connect(r.addr).await.unwrap();
    s.write_all(b"\x00\xff garbage \r\n\r\n").await.unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out).await;

    let mut s = TcpStream::connect(r.addr).await.unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: one.localhost\r\nX-Bad: \x01\x02\r\n\r\n")
        .await
        .unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out).await;

    // Still serving.
    assert_eq!(
        get(r.addr, "one.localhost", "/").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn requests_go_round_robin_over_the_web_dynos() {
    let r = router().await;
    let (a, b) = (dyno("a").await, dyno("b").await);
    r.routes.set(
        "demo",
        up(Uuid::new_v4(), &[("web.1", a.addr), ("web.2", b.addr)]),
    );
    let mut seen = vec![];
    for _ in 0..6 {
        seen.push(
            get(r.addr, "demo.localhost", "/")
                .await
                .one("backend")
                .to_string(),
        );
    }
    assert_eq!(seen, ["a", "b", "a", "b", "a", "b"]);
}

#[tokio::test]
async fn a_refused_connection_is_retried_on_the_next_dyno() {
    let r = router().await;
    let live = dyno("live").await;
    let app = Uuid::new_v4();
    r.routes.set(
        "demo",
        up(app, &[("web.1", closed_port()), ("web.2", live.addr)]),
    );
    for _ in 0..4 {
        let reply = get(r.addr, "demo.localhost", "/").await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.one("backend"), "live");
    }
    let lines = router_lines(&r.logs, app, 4).await;
    assert!(lines.iter().all(|l| l.contains("dyno=web.2 ")), "{lines:?}");

    // Every dyno refusing: H21.
    let dead = Uuid::new_v4();
    r.routes.set(
        "dead",
        up(dead, &[("web.1", closed_port()), ("web.2", closed_port())]),
    );
    let reply = get(r.addr, "dead.localhost", "/").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(reply.body.contains("Application error"));
    let line = &router_lines(&r.logs, dead, 1).await[0];
    assert!(
        line.starts_with("at=error code=H21 desc=\"Backend connection refused\" method=GET path=\"/\" host=dead.localhost request_id="),
        "{line}"
    );
    assert!(
        line.contains(" service= status=503 bytes= protocol=http"),
        "{line}"
    );
}

// ---------------------------------------------------------------------------------------------
// Headers

#[tokio::test]
async fn forwarding_headers_are_added_and_hop_by_hop_ones_removed() {
    let r = router().await;
    let d = dyno("a").await;
    r.serve_demo(d.addr);
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    let reply = get_with(
        r.addr,
        "demo.localhost:1234",
        "/path?q=1",
        &[
            ("x-forwarded-for", "10.0.0.1"),
            ("x-forwarded-proto", "https"),
            ("x-forwarded-port", "443"),
            ("via", "1.0 edge"),
            ("connection", "keep-alive, x-hop"),
            ("x-hop", "secret"),
            ("keep-alive", "timeout=5"),
            ("proxy-connection", "keep-alive"),
            ("te", "trailers"),
            ("x-app", "kept"),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.one("target"), "/path?q=1");
    assert_eq!(reply.one("host"), "demo.localhost:1234");
    assert_eq!(reply.one("x-forwarded-for"), "10.0.0.1, 127.0.0.1");
    assert_eq!(reply.one("x-forwarded-proto"), "http");
    assert_eq!(reply.one("x-forwarded-port"), r.addr.port().to_string());
    assert_eq!(reply.one("via"), "1.0 edge, 1.1 tug");
    assert_eq!(reply.one("x-app"), "kept");
    let start: u128 = reply.one("x-request-start").parse().unwrap();
    assert!(
        start >= before && start < before + 10_000,
        "{start} {before}"
    );
    let id = reply.one("x-request-id");
    assert!(
        Uuid::parse_str(id).is_ok_and(|u| u.get_version_num() == 4),
        "{id}"
    );
    for gone in [
        "connection",
        "x-hop",
        "keep-alive",
        "proxy-connection",
        "te",
        "upgrade",
    ] {
        assert!(reply.echoed(gone).is_empty(), "{gone} in {}", reply.body);
    }

    // Without a prior X-Forwarded-For or Via.
    let reply = get(r.addr, "demo.localhost", "/").await;
    assert_eq!(reply.one("x-forwarded-for"), "127.0.0.1");
    assert_eq!(reply.one("via"), "1.1 tug");
    assert_ne!(reply.one("x-request-id"), id);

    // Responses lose their hop-by-hop fields too, and say they came through tug.
    let reply = get(r.addr, "demo.localhost", "/hop").await;
    assert_eq!(reply.body, "hop");
    assert_eq!(reply.headers["x-kept"], "yes");
    assert_eq!(reply.headers["via"], "1.1 tug");
    assert!(reply.headers.get("x-secret").is_none());
    assert!(reply.headers.get("keep-alive").is_none());
}

#[tokio::test]
async fn a_valid_client_request_id_is_kept_and_others_replaced() {
    let r = router().await;
    let d = dyno("a").await;
    let app = r.serve_demo(d.addr);
    let valid = "abc/DEF+ghi=jkl-0123456789";
    let reply = get_with(r.addr, "demo.localhost", "/", &[("x-request-id", valid)]).await;
    assert_eq!(reply.one("x-request-id"), valid);
    let line = &router_lines(&r.logs, app, 1).await[0];
    assert!(line.contains(&format!(" request_id={valid} ")), "{line}");

    let too_long = "a".repeat(201);
    for bad in [
        "short",
        "has spaces in it here ok",
        "under_scores_are_not_allowed",
        &too_long,
    ] {
        let reply = get_with(r.addr, "demo.localhost", "/", &[("x-request-id", bad)]).await;
        let id = reply.one("x-request-id");
        assert!(Uuid::parse_str(id).is_ok(), "{bad} → {id}");
    }
    // Two ids: neither is trusted.
    let reply = get_with(
        r.addr,
        "demo.localhost",
        "/",
        &[("x-request-id", valid), ("x-request-id", valid)],
    )
    .await;
    assert!(Uuid::parse_str(reply.one("x-request-id")).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Bodies and connections
