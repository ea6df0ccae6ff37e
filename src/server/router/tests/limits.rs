//! Heroku's router limits: the idle windows (H15 for a silent dyno, H28 for a silent client),
//! the 8 KB request line and header fields, and hop-by-hop fields that cannot take away what
//! the request needs.

use super::*;

fn quick(idle_ms: u64) -> RouterConfig {
    let mut config = RouterConfig::new("localhost");
    config.idle_timeout = Duration::from_millis(idle_ms);
    config
}

#[tokio::test]
async fn a_dyno_that_goes_silent_mid_body_is_cut_off_with_h15() {
    let r = router_with(quick(300)).await;
    let addr = scripted_dyno(|mut stream| async move {
        stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nhello")
            .await
            .unwrap();
        // Then nothing, with the connection open.
        tokio::time::sleep(Duration::from_secs(30)).await;
        drop(stream);
    })
    .await;
    let app = r.serve_demo(addr);
    let (_sender, response) = get_streamed(r.addr, "/").await;
    assert_eq!(response.status(), StatusCode::OK, "the head was on time");
    let body = tokio::time::timeout(Duration::from_secs(10), response.into_body().collect())
        .await
        .expect("the router did not give up on the silent dyno");
    assert!(body.is_err(), "the client must see the body end early");
    let lines = router_lines(&r.logs, app, 1).await;
    assert!(
        lines[0].starts_with("at=error code=H15 desc=\"Idle connection\""),
        "{lines:?}"
    );
    assert!(lines[0].contains("status=503"), "{lines:?}");
}

#[tokio::test]
async fn a_slow_but_steady_dyno_is_not_idle() {
    let r = router_with(quick(300)).await;
    let addr = scripted_dyno(|mut stream| async move {
        stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n")
            .await
            .unwrap();
        for b in b"hello" {
            tokio::time::sleep(Duration::from_millis(150)).await;
            stream.write_all(&[*b]).await.unwrap();
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
    })
    .await;
    r.serve_demo(addr);
    let reply = get(r.addr, "demo.localhost", "/").await;
    assert_eq!(
        reply.body, "hello",
        "a byte every 150 ms keeps a 300 ms window open"
    );
}

#[tokio::test]
async fn a_client_that_stops_sending_its_body_is_logged_as_h28() {
    let r = router_with(quick(300)).await;
    let d = dyno("a").await;
    let app = r.serve_demo(d.addr);
    let (tx, response) = post_streamed(r.addr, Some("100")).await;
    tx.send(Bytes::from_static(b"0123456789")).await.unwrap();
    // The rest never comes; `tx` stays open.
    let lines = router_lines(&r.logs, app, 1).await;
    assert!(
        lines[0].starts_with("sock=client at=warning code=H28 desc=\"Client Connection Idle\""),
        "{lines:?}"
    );
    assert!(lines[0].contains("status=499"), "{lines:?}");
    drop(tx);
    let _ = tokio::time::timeout(Duration::from_secs(5), response).await;
}

#[tokio::test]
async fn request_lines_and_header_fields_are_limited_to_8_kb() {
    let r = router().await;
    let d = dyno("a").await;
    let app = r.serve_demo(d.addr);
    // `GET ` + target + ` HTTP/1.1` may make 8192 bytes, not one more.
    let fits = format!("/{}", "a".repeat(MAX_LINE - 4 - 9 - 1));
    let reply = get(r.addr, "demo.localhost", &fits).await;
    assert_eq!(reply.status, StatusCode::OK);
    let long = format!("{fits}b");
    let reply = get(r.addr, "demo.localhost", &long).await;
    assert_eq!(reply.status, StatusCode::URI_TOO_LONG);

    let value = "v".repeat(MAX_LINE - "x-big: ".len() + 1);
    let reply = get_with(r.addr, "demo.localhost", "/", &[("x-big", &value)]).await;
    assert_eq!(reply.status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    let value = "v".repeat(MAX_LINE - "x-big: ".len());
    let reply = get_with(r.addr, "demo.localhost", "/", &[("x-big", &value)]).await;
    assert_eq!(reply.status, StatusCode::OK);

    let lines = router_lines(&r.logs, app, 4).await;
    let refused: Vec<_> = lines.iter().filter(|l| l.contains("code=H25")).collect();
    assert_eq!(refused.len(), 2, "{lines:?}");
    assert!(refused[0].contains("status=414"), "{refused:?}");
    assert!(refused[1].contains("status=431"), "{refused:?}");
}

#[tokio::test]
async fn connection_cannot_strip_the_host_or_the_length() {
    let r = router().await;
    let d = dyno("a").await;
    r.serve_demo(d.addr);
    let mut sender = client::<Full<Bytes>>(r.addr).await;
    let req = Request::builder()
        .method("POST")
        .uri("/")
        .header("host", "demo.localhost")
        .header("connection", "host, content-length, x-hop")
        .header("x-hop", "1")
        .body(Full::new(Bytes::from_static(b"payload")))
        .unwrap();
    let reply = send(&mut sender, req).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.one("host"), "demo.localhost");
    assert_eq!(reply.one("body-bytes"), "7");
    assert!(reply.echoed("x-hop").is_empty(), "{}", reply.body);
}

#[tokio::test]
async fn an_idle_websocket_is_closed_and_a_chatty_one_kept() {
    let r = router_with(quick(300)).await;
    let d = dyno("a").await;
    let app = r.serve_demo(d.addr);
    let open = || async { upgraded(r.addr).await.0 };
    // Chatty: a message every 100 ms for a second keeps a 300 ms window open.
    let mut chatty = open().await;
    for _ in 0..10 {
        chatty.write_all(b"hi").await.unwrap();
        let mut back = [0u8; 2];
        tokio::time::timeout(Duration::from_secs(5), chatty.read_exact(&mut back))
            .await
            .unwrap()
            .unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Closed by the client: not an idle connection.
    drop(chatty);
    // Silent: closed once the window runs out.
    let mut silent = open().await;
    let mut buf = [0u8; 16];
    let read = tokio::time::timeout(Duration::from_secs(10), silent.read(&mut buf))
        .await
        .expect("the router kept an idle tunnel open");
    assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
    // The chatty one's upgrade, the silent one's upgrade, and the silent one's close.
    let lines = router_lines(&r.logs, app, 3).await;
    let idle: Vec<&String> = lines.iter().filter(|l| l.contains("code=H15")).collect();
    assert_eq!(idle.len(), 1, "{lines:?}");
    assert!(
        idle[0].contains("desc=\"Idle connection\"")
            && idle[0].contains("dyno=web.1")
            && idle[0].contains("status=503"),
        "{}",
        idle[0]
    );
}
