//! Before a connection: the server's addresses (a host name resolved on a helper thread, so
//! several lookups run at once and a slow resolver costs the connect timeout, never its own),
//! and the non-blocking socket to connect with.

use std::io;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use socket2::{Domain, SockAddr, Socket, Type};

use super::error::NodeError;
use super::node::{Address, Node};

/// Most host name lookups one process has running at once.
const MAX_LOOKUPS_IN_FLIGHT: usize = 16;
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// In a fork()ed child: the parent's lookup threads do not exist there.
pub fn forget_lookups_after_fork() {
    IN_FLIGHT.store(0, Ordering::Relaxed);
}

/// A name being resolved on a helper thread (an IP address needs none).
pub enum Lookup {
    Done(Result<Vec<SockAddr>, NodeError>),
    Pending(mpsc::Receiver<io::Result<Vec<SocketAddr>>>),
}

impl Lookup {
    /// Starts resolving the node's address; a host name is looked up on a helper thread, so
    /// several lookups run at once and a slow resolver costs the connect timeout, not its own.
    pub fn start(node: &Node) -> Lookup {
        let (host, port) = match &node.address {
            Address::Unix(path) => {
                return Lookup::Done(
                    SockAddr::unix(path)
                        .map(|a| vec![a])
                        .map_err(|e| NodeError::Io(e.to_string())),
                )
            }
            Address::Tcp { host, port } => (host, *port),
            // Replaced by its master's address before any round (`lock::route`).
            Address::Sentinel(_) | Address::Cluster(_) => {
                return Lookup::Done(Err(NodeError::Io(
                    "a Sentinel service or a Cluster is not a server address: its master is asked first".into(),
                )))
            }
        };
        if let Ok(ip) = host.parse::<IpAddr>() {
            return Lookup::Done(Ok(vec![SocketAddr::new(ip, port).into()]));
        }
        // A resolver that hangs leaves its thread blocked until it answers: a bounded number of
        // them, so a long-lived worker never piles threads up behind a dead DNS server.
        if IN_FLIGHT.fetch_add(1, Ordering::AcqRel) >= MAX_LOOKUPS_IN_FLIGHT {
            IN_FLIGHT.fetch_sub(1, Ordering::AcqRel);
            return Lookup::Done(Err(NodeError::Io(format!(
                "cannot resolve host: {MAX_LOOKUPS_IN_FLIGHT} earlier lookups have not finished"
            ))));
        }
        let (tx, rx) = mpsc::channel();
        let name = host.clone();
        let spawned = std::thread::Builder::new()
            .name("redislock-dns".into())
            .spawn(move || {
                let found = (name.as_str(), port)
                    .to_socket_addrs()
                    .map(Iterator::collect);
                IN_FLIGHT.fetch_sub(1, Ordering::AcqRel);
                let _ = tx.send(found);
            });
        match spawned {
            Ok(_) => Lookup::Pending(rx),
            Err(e) => {
                IN_FLIGHT.fetch_sub(1, Ordering::AcqRel);
                Lookup::Done(Err(NodeError::Io(format!("cannot resolve host: {e}"))))
            }
        }
    }

    /// The addresses once the lookup is done; None while it runs. Never blocks.
    pub fn poll(&mut self) -> Option<Result<Vec<SockAddr>, NodeError>> {
        let result = match self {
            Lookup::Done(r) => std::mem::replace(r, Ok(Vec::new())),
            Lookup::Pending(rx) => match rx.try_recv() {
                Err(mpsc::TryRecvError::Empty) => return None,
                Err(mpsc::TryRecvError::Disconnected) => {
                    Err(NodeError::Io("cannot resolve host".into()))
                }
                Ok(Ok(addrs)) => Ok(addrs.into_iter().map(SockAddr::from).collect()),
                Ok(Err(e)) => Err(NodeError::Io(format!("cannot resolve host: {e}"))),
            },
        };
        Some(result)
    }
}

fn io_err(e: io::Error) -> NodeError {
    NodeError::Io(e.to_string())
}

/// A non-blocking stream socket for this address.
pub fn new_socket(addr: &SockAddr) -> Result<Socket, NodeError> {
    let domain = if addr.is_unix() {
        Domain::UNIX
    } else {
        Domain::for_address(
            addr.as_socket()
                .ok_or_else(|| NodeError::Io("bad address".into()))?,
        )
    };
    let sock = Socket::new(domain, Type::STREAM, None).map_err(io_err)?;
    sock.set_nonblocking(true).map_err(io_err)?;
    Ok(sock)
}
