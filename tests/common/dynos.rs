//! Running apps from a test: a server tuned for dynos, requests through the router, the dyno
//! list, and one-off dynos over the attach protocol.

use std::io::{Read, Write};
use std::time::Duration;

use serde_json::json;

use super::server::TestServer;

/// A server whose dynos restart, stop and boot quickly, for tests that run app code.
pub fn start() -> TestServer {
    TestServer::start_with(&[
        "--restart-backoff",
        "0.1",
        "--stop-grace",
        "2",
        "--boot-timeout",
        "10",
    ])
}

/// GET / through the router with `Host: APP.localhost`.
pub fn get(server: &TestServer, app: &str) -> (u16, String) {
    let r = reqwest::blocking::Client::new()
        .get(format!("{}/", server.router_url))
        .header("Host", format!("{app}.localhost"))
        .timeout(Duration::from_secs(10))
        .send();
    match r {
        Ok(r) => (r.status().as_u16(), r.text().unwrap_or_default()),
        Err(e) => (0, e.to_string()),
    }
}

/// The app's dynos as (name, state), from the API.
pub fn dynos(server: &TestServer, app: &str) -> Vec<(String, String)> {
    let body = server
        .http()
        .call(
            "GET",
            &format!("/apps/{app}/dynos"),
            Some(&server.admin_token),
            None,
        )
        .body;
    body.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["name"].as_str().unwrap().to_string(),
                d["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Runs a one-off through the attach protocol; returns (stdout, stderr, exit code).
pub fn run(server: &TestServer, app: &str, command: &str, stdin: &[u8]) -> (String, String, i32) {
    use tug::api::attach::{Decoder, Frame};
    let r = server.http().call(
        "POST",
        &format!("/apps/{app}/dynos"),
        Some(&server.admin_token),
        Some(json!({"command": command, "attach": true, "force_no_tty": true})),
    );
    assert_eq!(r.status, 201, "{:?}", r.body);
    assert!(r.body["name"].as_str().unwrap().starts_with("run."));
    let url = reqwest::Url::parse(r.body["attach_url"].as_str().unwrap()).unwrap();
    let mut s =
        std::net::TcpStream::connect((url.host_str().unwrap(), url.port().unwrap())).unwrap();
    write!(
        s,
        "GET {} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tug-attach\r\n\r\n",
        url.path()
    )
    .unwrap();
    s.write_all(&Frame::Stdin(stdin.to_vec()).encode()).unwrap();
    s.write_all(&Frame::Eof.encode()).unwrap();
    let mut data = vec![];
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.read_to_end(&mut data).unwrap();
    let at = data
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("response head")
        + 4;
    assert!(
        data.starts_with(b"HTTP/1.1 101"),
        "{}",
        String::from_utf8_lossy(&data)
    );
    let mut d = Decoder::default();
    d.push(&data[at..]);
    let (mut out, mut err, mut code) = (vec![], vec![], None);
    while let Some(f) = d.next_frame().unwrap() {
        match f {
            Frame::Stdout(b) => out.extend(b),
            Frame::Stderr(b) => err.extend(b),
            Frame::Exit(c) => code = Some(c),
            other => panic!("unexpected {other:?}"),
        }
    }
    (
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
        code.expect("an exit frame"),
    )
}

/// `app.py` for a Python web app that answers every GET with one line: `line`, a Python f-string
/// body (`{os.environ.get('GREETING')}`, `{self.path}`…), over HTTP/1.1 on `$PORT` on every interface, as
/// Heroku asks of apps (on Swarm, one listening on its loopback only is never reached).
pub fn answering_app(line: &str) -> String {
    format!(
        r#"import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = f"{line}\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), H).serve_forever()
"#
    )
}
