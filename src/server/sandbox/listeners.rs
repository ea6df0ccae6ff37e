//! Whether a dyno in a network of its own listens on its port yet. Connecting from the host
//! would not tell: pasta's forwarder accepts there before the dyno does. The kernel is asked
//! instead, through a sock_diag netlink socket made inside the dyno's network, for its
//! listening TCP sockets only.
//!
//! Not `/proc/PID/net/tcp`: every read of that walks the whole established-connections hash
//! table, which the host's namespaces share and which is sized by the host's memory (about
//! 1.2 ms a read on a 24 GiB machine), and a starting dyno is asked every 20 ms.

use std::fs::File;
use std::io;
use std::os::fd::{AsFd as _, OwnedFd};
use std::os::unix::fs::MetadataExt as _;

use rustix::net::{AddressFamily, SocketFlags, SocketType, netlink};

/// Asks, for one process, whether something in its network listens on a TCP port.
pub struct PortProbe {
    pid: u32,
    socket: Option<OwnedFd>,
}

impl PortProbe {
    pub fn new(pid: u32) -> PortProbe {
        PortProbe { pid, socket: None }
    }

    /// Whether something listens on `port` (any address, IPv4 or IPv6) in the process's
    /// network. `false` while the process is still in the server's own network: the helper
    /// passes through it while it starts pasta, whose forwarder listens on the same port there.
    pub fn listening(&mut self, port: u16) -> bool {
        if self.socket.is_none() {
            self.socket = socket_in_network_of(self.pid).ok().flatten();
        }
        let Some(socket) = &self.socket else {
            return false;
        };
        [AddressFamily::INET, AddressFamily::INET6]
            .into_iter()
            .any(|family| listens(socket, family, port).unwrap_or(false))
    }
}

/// A sock_diag socket in the network namespace of process `pid`; `None` while that is the
/// server's own.
fn socket_in_network_of(pid: u32) -> io::Result<Option<OwnedFd>> {
    let theirs = File::open(format!("/proc/{pid}/ns/net"))?;
    let ours = std::fs::metadata("/proc/thread-self/ns/net")?;
    let same = |m: &std::fs::Metadata| m.dev() == ours.dev() && m.ino() == ours.ino();
    if same(&theirs.metadata()?) {
        return Ok(None);
    }
    // A socket belongs to the namespace it was made in. Made on a thread of its own, which
    // joins the namespace (through the very descriptor checked above) and ends right after.
    std::thread::spawn(move || -> io::Result<Option<OwnedFd>> {
        rustix::thread::move_into_link_name_space(
            theirs.as_fd(),
            Some(rustix::thread::LinkNameSpaceType::Network),
        )?;
        Ok(Some(diag_socket()?))
    })
    .join()
    .map_err(|_| io::Error::other("cannot look into the network"))?
}

fn diag_socket() -> io::Result<OwnedFd> {
    Ok(rustix::net::socket_with(
        AddressFamily::NETLINK,
        SocketType::RAW,
        SocketFlags::CLOEXEC,
        Some(netlink::SOCK_DIAG),
    )?)
}

/// `SOCK_DIAG_BY_FAMILY`, `NLMSG_ERROR`, `NLMSG_DONE` (linux/sock_diag.h, linux/netlink.h).
const SOCK_DIAG_BY_FAMILY: u16 = 20;
const NLMSG_ERROR: u16 = 2;
const NLMSG_DONE: u16 = 3;
const NLM_F_REQUEST: u16 = 1;
const NLM_F_DUMP: u16 = 0x300;
/// `TCP_LISTEN` as a state bit: with no other bit, the kernel walks only its listening
/// sockets, never the established ones.
const LISTEN_ONLY: u32 = 1 << 10;

/// Whether a socket of `family` listens on TCP `port` in the namespace of `socket`.
fn listens(socket: &OwnedFd, family: AddressFamily, port: u16) -> io::Result<bool> {
    // A netlink header and an `inet_diag_req_v2` with an empty socket id: 16 + 56 bytes.
    let mut request = Vec::with_capacity(72);
    request.extend_from_slice(&72u32.to_ne_bytes());
    request.extend_from_slice(&SOCK_DIAG_BY_FAMILY.to_ne_bytes());
    request.extend_from_slice(&(NLM_F_REQUEST | NLM_F_DUMP).to_ne_bytes());
    request.extend_from_slice(&[0; 8]); // sequence number, port id
    let family = u8::try_from(family.as_raw()).unwrap_or_default();
    request.extend_from_slice(&[family, rustix::net::ipproto::TCP.as_raw().get() as u8, 0, 0]);
    request.extend_from_slice(&LISTEN_ONLY.to_ne_bytes());
    request.resize(72, 0);
    rustix::net::send(socket, &request, rustix::net::SendFlags::empty())?;
    let mut found = false;
    let mut buffer = vec![0u8; 32 * 1024];
    loop {
        let (n, _) = rustix::net::recv(socket, &mut buffer, rustix::net::RecvFlags::empty())?;
        match scan(&buffer[..n], port) {
            Reply::More(hit) => found |= hit,
            Reply::Done(hit) => return Ok(found || hit),
            Reply::Failed => return Err(io::Error::other("sock_diag refused the request")),
        }
    }
}

enum Reply {
    /// More messages follow; whether these named the port.
    More(bool),
    /// The dump ended; whether these named the port.
    Done(bool),
    Failed,
}

/// Reads one datagram of netlink messages, each an `inet_diag_msg` whose source port (bytes
/// 4 and 5 after the 16-byte header, big-endian) is the listening port.
fn scan(mut data: &[u8], port: u16) -> Reply {
    let mut hit = false;
    while data.len() >= 16 {
        let len = u32::from_ne_bytes([data[0], data[1], data[2], data[3]]) as usize;
        let kind = u16::from_ne_bytes([data[4], data[5]]);
        if len < 16 || len > data.len() {
            return Reply::Failed;
        }
        match kind {
            NLMSG_DONE => return Reply::Done(hit),
            NLMSG_ERROR => return Reply::Failed,
            SOCK_DIAG_BY_FAMILY if len >= 22 => {
                hit |= u16::from_be_bytes([data[20], data[21]]) == port;
            }
            _ => {}
        }
        // Messages are aligned to 4 bytes.
        data = &data[len.next_multiple_of(4).min(data.len())..];
    }
    Reply::More(hit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kernel_names_a_listening_port_and_not_a_closed_one() {
        let socket = diag_socket().expect("a sock_diag socket");
        let v4 = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = v4.local_addr().expect("addr").port();
        assert!(listens(&socket, AddressFamily::INET, port).expect("asked"));
        assert!(!listens(&socket, AddressFamily::INET6, port).expect("asked"));
        drop(v4);
        assert!(!listens(&socket, AddressFamily::INET, port).expect("asked"));
        // A connection that is not listening does not count.
        let server = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let client = std::net::TcpStream::connect(server.local_addr().expect("addr")).unwrap();
        let (_accepted, _) = server.accept().expect("accept");
        let client_port = client.local_addr().expect("addr").port();
        assert!(!listens(&socket, AddressFamily::INET, client_port).expect("asked"));
    }

    #[test]
    fn a_process_in_the_servers_own_network_is_never_reported() {
        let v4 = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = v4.local_addr().expect("addr").port();
        let mut probe = PortProbe::new(std::process::id());
        assert!(!probe.listening(port));
    }

    #[test]
    fn replies_are_read_message_by_message() {
        let message = |kind: u16, sport: u16| {
            let mut m = vec![0u8; 88];
            m[..4].copy_from_slice(&88u32.to_ne_bytes());
            m[4..6].copy_from_slice(&kind.to_ne_bytes());
            m[20..22].copy_from_slice(&sport.to_be_bytes());
            m
        };
        let two = [
            message(SOCK_DIAG_BY_FAMILY, 80),
            message(SOCK_DIAG_BY_FAMILY, 5000),
        ]
        .concat();
        assert!(matches!(scan(&two, 5000), Reply::More(true)));
        assert!(matches!(scan(&two, 5001), Reply::More(false)));
        let done = [two.clone(), message(NLMSG_DONE, 0)].concat();
        assert!(matches!(scan(&done, 80), Reply::Done(true)));
        assert!(matches!(scan(&message(NLMSG_ERROR, 0), 80), Reply::Failed));
        // A length past the end is refused, not read.
        let mut bad = message(SOCK_DIAG_BY_FAMILY, 80);
        bad[..4].copy_from_slice(&500u32.to_ne_bytes());
        assert!(matches!(scan(&bad, 80), Reply::Failed));
    }
}
