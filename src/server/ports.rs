//! Loopback ports the server hands out: to dynos, to the networks made ahead for them, to the
//! add-ons' database servers.

use std::collections::VecDeque;
use std::io;
use std::net::{Ipv4Addr, TcpListener};
use std::sync::Mutex;

/// A port nothing listens on now, not handed out recently.
pub fn free_port() -> io::Result<u16> {
    static RECENT: Mutex<VecDeque<u16>> = Mutex::new(VecDeque::new());
    let mut recent = crate::sync::lock(&RECENT);
    for _ in 0..64 {
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
            .local_addr()?
            .port();
        if !recent.contains(&port) {
            if recent.len() == 4096 {
                recent.pop_front();
            }
            recent.push_back(port);
            return Ok(port);
        }
    }
    Err(io::Error::other("cannot find a free port"))
}
