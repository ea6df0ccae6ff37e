//! Bodies streamed both ways, kept-alive connections and upgrades.

use super::*;

#[tokio::test]
async fn request_bodies_stream_to_the_dyno() {
    const CHUNK: usize = 64 * 1024;
    const CHUNKS: usize = 256;
    let r = router().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (first_tx, first_rx) = oneshot::channel::<()>();
    let first_tx = Arc::new(Mutex::new(Some(first_tx)));
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let service = hyper::service::service_fn(move |req: Request<Incoming>| {
            let first_tx = first_tx.clone();
            async move {
                let mut body = req.into_body();
                let mut total = 0usize;
                while let Some(frame) = body.frame().await {
                    if let Some(data) = frame.unwrap().data_ref() {
                        total += data.len();
                        if let Some(tx) = first_tx.lock().unwrap().take() {
                            let _ = tx.send(());
                        }
                    }
                }
                Ok::<_, Infallible>(Response::new(Full::new(Bytes::from(total.to_string()))))
            }
        });
        let _ = hyper::server::conn::http1::Builder::new()
            .serve_connection(TokioIo::new(stream), service)
            .await;
    });
    r.serve_demo(addr);

    let (tx, response) = post_streamed(r.addr, None).await;
    tx.send(Bytes::from(vec![7u8; CHUNK])).await.unwrap();
    // The dyno sees the first chunk while the rest has not been written yet.
    tokio::time::timeout(Duration::from_secs(5), first_rx)
        .await
        .expect("the first chunk did not reach the dyno on its own")
        .unwrap();
    for _ in 1..CHUNKS {
        tx.send(Bytes::from(vec![7u8; CHUNK])).await.unwrap();
    }
    drop(tx);
    let response = response.await.unwrap().unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(body, (CHUNK * CHUNKS).to_string());
}

#[tokio::test]
async fn response_bodies_stream_to_the_client() {
    const CHUNK: usize = 64 * 1024;
    const CHUNKS: usize = 256;
    let r = router().await;
    let (go_tx, go_rx) = oneshot::channel::<()>();
    let go_rx = Arc::new(Mutex::new(Some(go_rx)));
    let addr = streaming_dyno(move || {
        let go_rx = go_rx.lock().unwrap().take();
        let (tx, rx) = mpsc::channel::<Bytes>(4);
        tokio::spawn(async move {
            tx.send(Bytes::from(vec![1u8; CHUNK])).await.unwrap();
            // The rest only once the client has seen the first chunk.
            if let Some(go) = go_rx {
                let _ = go.await;
            }
            for _ in 1..CHUNKS {
                if tx.send(Bytes::from(vec![1u8; CHUNK])).await.is_err() {
                    return;
                }
            }
        });
        ChannelBody(rx)
    })
    .await;
    let app = r.serve_demo(addr);

    let (_sender, response) = get_streamed(r.addr, "/download").await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = response.into_body();
    let mut total = 0;
    while total < CHUNK {
        let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
            .await
            .expect("the first chunk did not reach the client on its own")
            .unwrap()
            .unwrap();
        total += frame.data_ref().map_or(0, |d| d.len());
    }
    go_tx.send(()).unwrap();
    while let Some(frame) = body.frame().await {
        total += frame.unwrap().data_ref().map_or(0, |d| d.len());
    }
    assert_eq!(total, CHUNK * CHUNKS);
    let line = &router_lines(&r.logs, app, 1).await[0];
    assert!(
        line.contains(&format!(
            " status=200 bytes={} protocol=http",
            CHUNK * CHUNKS
        )),
        "{line}"
    );
}

#[tokio::test]
async fn connections_are_kept_alive_on_both_sides() {
    let r = router().await;
    let d = dyno("a").await;
    r.serve_demo(d.addr);
    let mut sender = client::<Full<Bytes>>(r.addr).await;
    for i in 0..5 {
        let reply = send(
            &mut sender,
            request("demo.localhost", &format!("/{i}"), &[]),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(
            reply.one("conn"),
            "1",
            "request {i} used a new dyno connection"
        );
    }
    // Other clients reuse idle dyno connections: each of the router's threads (one per core)
    // keeps its own, so there are at most that many, however many clients come one by one.
    for _ in 0..8 {
        let reply = get(r.addr, "demo.localhost", "/").await;
        assert_eq!(reply.status, StatusCode::OK);
    }
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let conns = d.conns.load(Ordering::SeqCst);
    assert!(
        conns <= threads,
        "{conns} dyno connections for {threads} threads"
    );
}

#[tokio::test]
async fn upgrades_are_tunnelled_both_ways() {
    let r = router().await;
    let d = dyno("a").await;
    let app = r.serve_demo(d.addr);
    let (mut s, head) = upgraded(r.addr).await;
    let lower = head.to_ascii_lowercase();
    assert!(lower.contains("\r\nupgrade: echo\r\n"), "{head}");
    assert!(lower.contains("\r\nconnection: upgrade\r\n"), "{head}");
    for msg in [&b"ping"[..], b"hello through the router"] {
        s.write_all(msg).await.unwrap();
        let mut back = vec![0u8; msg.len()];
        tokio::time::timeout(Duration::from_secs(5), s.read_exact(&mut back))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(back, msg);
    }
    let line = &router_lines(&r.logs, app, 1).await[0];
    assert!(
        line.starts_with("at=info method=GET path=\"/upgrade\""),
        "{line}"
    );
    assert!(
        line.contains(" dyno=web.1 ") && line.contains(" status=101 "),
        "{line}"
    );
}

// ---------------------------------------------------------------------------------------------
// Errors
