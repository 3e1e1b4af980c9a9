//! Fake Redis servers, one fault each, for the fault tests: plain threads on 127.0.0.1:0
//! (std::net), stopped when dropped. The faulty ones misbehave from their first reply; the
//! "correct" ones answer as a minimal Redis without a password and with 16 databases would, enough
//! for the lock's commands (PING, AUTH, SELECT, INFO (a `run_id` of its own), SET [NX] [PX|EX],
//! GET, DEL, SCRIPT LOAD, EVALSHA and EVAL of the lock's two scripts, QUIT), keys kept in the fake
//! and honouring their expiry.
//!
//! Each test makes its own fakes: tests run as threads of one process that share the lock's
//! per-process connection pool, and a fake's port is its identity there.
//!
//! Here: the modes, the fake and its accept loop; `peer`: one connection served by its mode;
//! `store`: the command reader and a correct server's answers.

mod peer;
mod store;

use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use redislock::lock::{new_token, Node};
use socket2::{Domain, SockAddr, Socket, Type};

use peer::Peer;
use store::{Command, Store};

/// How a fake answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Any command: 60,000 nested `*1\r\n`, then `:1\r\n`.
    Nested,
    /// Any command: `?x\r\n`, a reply type byte RESP does not have.
    Garbage,
    /// `$999999999999\r\n` (a bulk string of ~1 TB announced), then nothing.
    HugeBulk,
    /// `*99999999\r\n` (an array of 10^8 elements announced), then nothing.
    WideArray,
    /// `+` and then `x` without end: a status line that never finishes.
    EndlessLine,
    /// AUTH refused as Redis refuses an unknown command, echoing the arguments it received;
    /// anything else answered correctly.
    AuthEcho,
    /// Accepts and reads, never answers.
    Silent,
    /// Correct answers, one byte every 10 ms.
    Bytewise,
    /// `+O` (half of `+OK\r\n`) to the first command, then nothing.
    HalfStall,
    /// Correct answers; every command recorded.
    Recording,
    /// As `Recording`, but AUTH is refused (`-WRONGPASS ...`).
    RecordingAuthRefused,
}

/// What a fake shares between its connections.
struct Shared {
    stop: AtomicBool,
    /// Its `run_id` in `INFO server`: each fake a server of its own.
    run_id: String,
    recorded: Mutex<Vec<Command>>,
    store: Mutex<Store>,
}

/// One fake server. Stopped (its threads joined, its sockets closed) when dropped.
pub struct Fake {
    pub port: u16,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
    /// hang_connect: the listener nobody accepts on, and the fake's own connects filling its
    /// backlog; kept open for the fake's lifetime.
    _listener: Option<TcpListener>,
    _held: Vec<Socket>,
}

/// Byte pause of the `bytewise` fake.
pub const TRICKLE: Duration = Duration::from_millis(10);

impl Fake {
    pub fn nested() -> Fake {
        Fake::serving(Mode::Nested)
    }
    pub fn garbage() -> Fake {
        Fake::serving(Mode::Garbage)
    }
    pub fn huge_bulk() -> Fake {
        Fake::serving(Mode::HugeBulk)
    }
    pub fn wide_array() -> Fake {
        Fake::serving(Mode::WideArray)
    }
    pub fn endless_line() -> Fake {
        Fake::serving(Mode::EndlessLine)
    }
    pub fn auth_echo() -> Fake {
        Fake::serving(Mode::AuthEcho)
    }
    pub fn silent() -> Fake {
        Fake::serving(Mode::Silent)
    }
    pub fn bytewise() -> Fake {
        Fake::serving(Mode::Bytewise)
    }
    pub fn half_stall() -> Fake {
        Fake::serving(Mode::HalfStall)
    }
    pub fn recording() -> Fake {
        Fake::serving(Mode::Recording)
    }
    pub fn recording_auth_refused() -> Fake {
        Fake::serving(Mode::RecordingAuthRefused)
    }
    /// A recording fake whose `INFO server` reports this `run_id` (two such fakes look like one
    /// server reached by two addresses).
    pub fn recording_as(run_id: &str) -> Fake {
        let mut shared = Shared::new();
        shared.run_id = run_id.to_string();
        Fake::serving_with(Mode::Recording, shared)
    }

    /// A listener with a backlog of 0 that never accepts, its queue filled by a few
    /// non-blocking connects of its own: Linux drops the SYN of any further connect (no
    /// SYN-ACK), so a client's connect hangs until its own timeout.
    pub fn hang_connect() -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        // SAFETY: listen() again on our own listening socket, only to shrink its backlog.
        assert_eq!(unsafe { libc::listen(listener.as_raw_fd(), 0) }, 0);
        let addr: SocketAddr = listener.local_addr().expect("addr");
        let mut held = Vec::new();
        for _ in 0..4 {
            let s = Socket::new(Domain::IPV4, Type::STREAM, None).expect("socket");
            s.set_nonblocking(true).expect("non-blocking");
            // EINPROGRESS: the first completes into the accept queue, the later ones hang.
            let _ = s.connect(&SockAddr::from(addr));
            held.push(s);
            std::thread::sleep(Duration::from_millis(20));
        }
        Fake {
            port: addr.port(),
            shared: Arc::new(Shared::new()),
            accept: None,
            _listener: Some(listener),
            _held: held,
        }
    }

    fn serving(mode: Mode) -> Fake {
        Fake::serving_with(mode, Shared::new())
    }

    fn serving_with(mode: Mode, shared: Shared) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("addr").port();
        let shared = Arc::new(shared);
        let s = shared.clone();
        let accept = std::thread::Builder::new()
            .name(format!("fake-{mode:?}-{port}"))
            .spawn(move || accept_loop(mode, listener, s))
            .expect("spawn");
        Fake {
            port,
            shared,
            accept: Some(accept),
            _listener: None,
            _held: Vec::new(),
        }
    }

    pub fn node(&self) -> Node {
        Node::tcp("127.0.0.1", self.port)
    }

    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// Sets `key` in the fake's store directly (no command is received or recorded).
    pub fn seed(&self, key: &str, value: &str, ttl: Duration) {
        let expiry = Instant::now() + ttl;
        let mut store = self.shared.store.lock().unwrap();
        store.insert(key.into(), (value.into(), Some(expiry)));
    }

    /// The value of `key` in the fake's store, unless absent or expired.
    pub fn get(&self, key: &str) -> Option<String> {
        let mut store = self.shared.store.lock().unwrap();
        store::live(&mut store, key.as_bytes()).map(|(v, _)| String::from_utf8_lossy(v).into())
    }

    /// Every command received so far (recording fakes), as its arguments.
    pub fn commands(&self) -> Vec<Command> {
        self.shared.recorded.lock().unwrap().clone()
    }

    /// The commands received so far, each as one line (arguments joined by spaces, lossy UTF-8).
    pub fn command_lines(&self) -> Vec<String> {
        self.commands()
            .iter()
            .map(|c| {
                c.iter()
                    .map(|a| String::from_utf8_lossy(a).into_owned())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The verbs received so far, upper-cased (`SCRIPT LOAD` counts as `SCRIPT`).
    pub fn verbs(&self) -> Vec<String> {
        self.commands()
            .iter()
            .map(|c| {
                c.first()
                    .map(|v| String::from_utf8_lossy(v).to_ascii_uppercase())
                    .unwrap_or_default()
            })
            .collect()
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

impl Shared {
    fn new() -> Shared {
        Shared {
            stop: AtomicBool::new(false),
            run_id: format!("{}{}", new_token(), &new_token()[..8]),
            recorded: Mutex::new(Vec::new()),
            store: Mutex::new(HashMap::new()),
        }
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

fn accept_loop(mode: Mode, listener: TcpListener, shared: Arc<Shared>) {
    let mut peers = Vec::new();
    while !shared.stopping() {
        match listener.accept() {
            Ok((stream, _)) => {
                let s = shared.clone();
                peers.push(std::thread::spawn(move || {
                    if let Some(mut peer) = Peer::new(stream, s) {
                        peer.serve(mode);
                    }
                }));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(2)),
        }
    }
    for p in peers {
        let _ = p.join();
    }
}
