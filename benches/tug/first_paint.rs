//! The dashboard's first paint in a real browser: Debian's headless Chromium, driven over
//! WebDriver, signed in by the single-use link `tug dashboard` opens, each page loaded several
//! times and its `first-contentful-paint` read from the browser's own Paint Timing. Skipped,
//! saying so, without `chromium` and `chromedriver`.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::ClientBuilder;

/// chromedriver, stopped when the measurement ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// How many loads of each page.
const LOADS: usize = 9;

/// Prints the median and worst first paint of each page, in milliseconds.
pub fn measure(link: &str, api: &str, pages: &[&str]) {
    let on_path = |p: &str| {
        std::env::var_os("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(p).is_file()))
    };
    if !on_path("chromium") || !on_path("chromedriver") {
        println!(
            "first paint: SKIPPED (needs `chromium` and `chromedriver`: apt-get install chromium chromium-driver)"
        );
        return;
    }
    let port = crate::free_port();
    let driver = Driver(
        Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver"),
    );
    let webdriver = format!("http://127.0.0.1:{port}");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while reqwest::blocking::get(format!("{webdriver}/status")).is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "chromedriver did not answer"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let profile = tempfile::tempdir().expect("profile");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let args: Vec<String> = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ]
        .map(String::from)
        .into_iter()
        .chain([format!("--user-data-dir={}", profile.path().display())])
        .collect();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "args": args, "binary": "/usr/bin/chromium" }),
        );
        let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&webdriver)
            .await
            .expect("a WebDriver session");
        c.goto(link).await.expect("sign in");
        println!("first paint in headless Chromium ({LOADS} loads each; target < 200 ms):");
        for page in pages {
            let mut paints = vec![];
            for _ in 0..LOADS {
                c.goto(&format!("{api}{page}")).await.expect("page");
                let fcp = c
                    .execute(
                        "const e = performance.getEntriesByName('first-contentful-paint')[0]; \
                         return e ? e.startTime : null;",
                        vec![],
                    )
                    .await
                    .expect("paint timing");
                if let Some(ms) = fcp.as_f64() {
                    paints.push(ms);
                }
            }
            paints.sort_by(f64::total_cmp);
            match (paints.get(paints.len() / 2), paints.last()) {
                (Some(p50), Some(max)) => {
                    println!("{page:<40} p50 {p50:.1} ms  max {max:.1} ms")
                }
                _ => println!("{page:<40} no paint timing reported"),
            }
        }
        let _ = c.close().await;
    });
    drop(driver);
}
