//! The one HTTP receiver for what the server sends out (webhooks, HTTP log drains): a listener on
//! 127.0.0.1 port 0 in its own threads that answers scripted statuses and hands every request over.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use super::wait::DEADLINE;

/// One request a receiver got.
#[derive(Debug, Clone)]
pub struct Got {
    /// The request line, such as `POST /hook HTTP/1.1`.
    pub line: String,
    /// Header names lower-cased, in the order sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Got {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the body is JSON")
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("the body is UTF-8")
    }
}

/// A running receiver; its threads live as long as the test process, answering whoever calls.
pub struct Receiver {
    pub addr: SocketAddr,
    got: mpsc::Receiver<Got>,
}

impl Receiver {
    /// Answers `statuses` in turn and 200 once they run out.
    pub fn start(statuses: &[u16]) -> Receiver {
        Receiver::scripted(statuses, 200)
    }

    /// Answers `status` to every request.
    pub fn always(status: u16) -> Receiver {
        Receiver::scripted(&[], status)
    }

    fn scripted(statuses: &[u16], then: u16) -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let script = Arc::new(Mutex::new(
            statuses.iter().copied().collect::<VecDeque<_>>(),
        ));
        let (tx, got) = mpsc::channel();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let (tx, script) = (tx.clone(), script.clone());
                std::thread::spawn(move || {
                    while let Some(req) = read_request(&stream) {
                        let status = script.lock().unwrap().pop_front().unwrap_or(then);
                        let answer =
                            format!("HTTP/1.1 {status} Scripted\r\ncontent-length: 2\r\n\r\nok");
                        let _ = (&stream).write_all(answer.as_bytes());
                        if tx.send(req).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        Receiver { addr, got }
    }

    /// `http://ADDR/PATH` for this receiver.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The next request, waiting up to the harness deadline.
    #[track_caller]
    pub fn next(&self) -> Got {
        self.got
            .recv_timeout(DEADLINE)
            .expect("the receiver got a request")
    }

    /// The next request if one arrives within `wait`.
    pub fn next_within(&self, wait: Duration) -> Option<Got> {
        self.got.recv_timeout(wait).ok()
    }

    /// Requests until one matches `wanted`; the others are returned too.
    #[track_caller]
    pub fn until(&self, wanted: impl Fn(&Got) -> bool) -> (Got, Vec<Got>) {
        let mut before = Vec::new();
        loop {
            let got = self.next();
            if wanted(&got) {
                return (got, before);
            }
            before.push(got);
        }
    }

    /// Whatever else arrives within `wait`.
    pub fn more(&self, wait: Duration) -> Vec<Got> {
        let deadline = Instant::now() + wait;
        let mut out = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.got.recv_timeout(left) {
                Ok(got) => out.push(got),
                Err(_) => break,
            }
        }
        out
    }
}

/// Reads one HTTP/1.1 request with a `content-length` body; None when the peer hangs up.
fn read_request(stream: &TcpStream) -> Option<Got> {
    let mut r = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    if r.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
    }
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    Some(Got {
        line: line.trim_end().to_string(),
        headers,
        body,
    })
}
