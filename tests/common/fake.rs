//! Fake Redis servers, one fault each, for the fault tests: plain threads on 127.0.0.1:0
//! (std::net), stopped when dropped. The faulty ones misbehave from their first reply; the
//! "correct" ones answer as a minimal Redis without a password and with 16 databases would, enough
//! for the lock's commands (PING, AUTH, SELECT, INFO (a `run_id` of its own), SET [NX] [PX|EX],
//! GET, DEL, SCRIPT LOAD, EVALSHA and EVAL of the lock's two scripts, QUIT), keys kept in the fake
//! and honouring their expiry.
//!
//! Each test makes its own fakes: tests run as threads of one process that share the lock's
//! per-process connection pool, and a fake's port is its identity there.

use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use redislock::lock::scripts::{EXTEND_SCRIPT, EXTEND_SHA, RELEASE_SCRIPT, RELEASE_SHA};
use redislock::lock::{new_token, Node};
use socket2::{Domain, SockAddr, Socket, Type};

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

type Command = Vec<Vec<u8>>;
type Store = HashMap<Vec<u8>, (Vec<u8>, Option<Instant>)>;

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
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("addr").port();
        let shared = Arc::new(Shared::new());
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

/// One accepted connection.
struct Peer {
    stream: TcpStream,
    shared: Arc<Shared>,
    buf: Vec<u8>,
}

impl Peer {
    fn new(stream: TcpStream, shared: Arc<Shared>) -> Option<Peer> {
        stream.set_nonblocking(false).ok()?;
        // Reads and writes wake up regularly to notice the fake stopping.
        stream
            .set_read_timeout(Some(Duration::from_millis(20)))
            .ok()?;
        stream
            .set_write_timeout(Some(Duration::from_millis(20)))
            .ok()?;
        let _ = stream.set_nodelay(true);
        Some(Peer {
            stream,
            shared,
            buf: Vec::new(),
        })
    }

    fn serve(&mut self, mode: Mode) {
        match mode {
            Mode::Nested => {
                let reply = [b"*1\r\n".repeat(60_000), b":1\r\n".to_vec()].concat();
                while self.command().is_some() && self.send(&reply) {}
            }
            Mode::Garbage => while self.command().is_some() && self.send(b"?x\r\n") {},
            Mode::HugeBulk => self.then_stall(b"$999999999999\r\n"),
            Mode::WideArray => self.then_stall(b"*99999999\r\n"),
            Mode::HalfStall => self.then_stall(b"+O"),
            Mode::EndlessLine => {
                if self.command().is_none() || !self.send(b"+") {
                    return;
                }
                // 64 MiB at most (the client must give up long before), then silence.
                let chunk = vec![b'x'; 64 * 1024];
                for _ in 0..1024 {
                    if self.shared.stopping() || !self.send(&chunk) {
                        return;
                    }
                }
                self.stall();
            }
            Mode::Silent => self.stall(),
            Mode::AuthEcho => {
                while let Some(cmd) = self.command() {
                    let reply = if verb(&cmd) == "AUTH" {
                        let mut e =
                            b"-ERR unknown command 'AUTH', with args beginning with: ".to_vec();
                        for arg in &cmd[1..] {
                            e.extend_from_slice(b"'");
                            e.extend_from_slice(arg);
                            e.extend_from_slice(b"' ");
                        }
                        e.extend_from_slice(b"\r\n");
                        e
                    } else {
                        answer(&cmd, &self.shared)
                    };
                    if !self.send(&reply) {
                        return;
                    }
                }
            }
            Mode::Bytewise => {
                while let Some(cmd) = self.command() {
                    let reply = answer(&cmd, &self.shared);
                    for b in reply {
                        if self.shared.stopping() || !self.send(&[b]) {
                            return;
                        }
                        std::thread::sleep(TRICKLE);
                    }
                }
            }
            Mode::Recording | Mode::RecordingAuthRefused => {
                while let Some(cmd) = self.command() {
                    self.shared.recorded.lock().unwrap().push(cmd.clone());
                    let reply = if mode == Mode::RecordingAuthRefused && verb(&cmd) == "AUTH" {
                        b"-WRONGPASS invalid username-password pair or user is disabled.\r\n"
                            .to_vec()
                    } else {
                        answer(&cmd, &self.shared)
                    };
                    if !self.send(&reply) {
                        return;
                    }
                }
            }
        }
    }

    /// Waits for a command, sends `bytes` and then nothing more.
    fn then_stall(&mut self, bytes: &[u8]) {
        if self.command().is_some() && self.send(bytes) {
            self.stall();
        }
    }

    /// The next command (RESP array or inline); None when the peer closed, sent something that
    /// is not a command, or the fake stops.
    fn command(&mut self) -> Option<Command> {
        loop {
            match parse_command(&self.buf) {
                Err(()) => return None,
                Ok(Some((cmd, used))) => {
                    self.buf.drain(..used);
                    return Some(cmd);
                }
                Ok(None) => {}
            }
            if !self.read_some() {
                return None;
            }
        }
    }

    /// Reads what arrives into the buffer; false when the peer closed or the fake stops.
    fn read_some(&mut self) -> bool {
        let mut chunk = [0u8; 16 * 1024];
        loop {
            if self.shared.stopping() {
                return false;
            }
            match self.stream.read(&mut chunk) {
                Ok(0) => return false,
                Ok(n) => {
                    self.buf.extend_from_slice(&chunk[..n]);
                    return true;
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                    ) => {}
                Err(_) => return false,
            }
        }
    }

    /// Reads and drops whatever comes, answering nothing, until the peer closes or the fake stops.
    fn stall(&mut self) {
        while self.read_some() {
            self.buf.clear();
        }
    }

    /// Writes all of `bytes`; false when the peer is gone or the fake stops (a peer that stops
    /// reading never holds the fake's thread beyond its stop).
    fn send(&mut self, mut bytes: &[u8]) -> bool {
        while !bytes.is_empty() {
            if self.shared.stopping() {
                return false;
            }
            match self.stream.write(bytes) {
                Ok(0) => return false,
                Ok(n) => bytes = &bytes[n..],
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                    ) => {}
                Err(_) => return false,
            }
        }
        true
    }
}

fn verb(cmd: &Command) -> String {
    cmd.first()
        .map(|v| String::from_utf8_lossy(v).to_ascii_uppercase())
        .unwrap_or_default()
}

/// A number at `b[at..]` up to CRLF: (value, index after the CRLF); None while incomplete.
fn number_line(b: &[u8], at: usize) -> Result<Option<(i64, usize)>, ()> {
    let Some(nl) = b[at..].windows(2).position(|w| w == b"\r\n") else {
        return Ok(None);
    };
    let n = std::str::from_utf8(&b[at..at + nl])
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or(())?;
    Ok(Some((n, at + nl + 2)))
}

/// One command from the start of `b`: its arguments and the bytes it took; None while
/// incomplete; Err when it is not a command.
fn parse_command(b: &[u8]) -> Result<Option<(Command, usize)>, ()> {
    if b.is_empty() {
        return Ok(None);
    }
    if b[0] != b'*' {
        // Inline: one line of words (`PING\r\n`).
        let Some(nl) = b.iter().position(|&c| c == b'\n') else {
            return Ok(None);
        };
        let line = b[..nl].strip_suffix(b"\r").unwrap_or(&b[..nl]);
        let words = line
            .split(|c| c.is_ascii_whitespace())
            .filter(|w| !w.is_empty())
            .map(<[u8]>::to_vec)
            .collect();
        return Ok(Some((words, nl + 1)));
    }
    let Some((count, mut at)) = number_line(b, 1)? else {
        return Ok(None);
    };
    if !(0..=1024).contains(&count) {
        return Err(());
    }
    let mut args = Vec::with_capacity(count as usize);
    for _ in 0..count {
        if at >= b.len() {
            return Ok(None);
        }
        if b[at] != b'$' {
            return Err(());
        }
        let Some((len, start)) = number_line(b, at + 1)? else {
            return Ok(None);
        };
        if !(0..=(64 << 20)).contains(&len) {
            return Err(());
        }
        let end = start + len as usize;
        if b.len() < end + 2 {
            return Ok(None);
        }
        if &b[end..end + 2] != b"\r\n" {
            return Err(());
        }
        args.push(b[start..end].to_vec());
        at = end + 2;
    }
    Ok(Some((args, at)))
}

fn bulk(bytes: &[u8]) -> Vec<u8> {
    [
        format!("${}\r\n", bytes.len()).as_bytes(),
        bytes,
        b"\r\n".as_slice(),
    ]
    .concat()
}

fn int(n: i64) -> Vec<u8> {
    format!(":{n}\r\n").into_bytes()
}

fn error(text: &str) -> Vec<u8> {
    format!("-{text}\r\n").into_bytes()
}

fn live<'a>(store: &'a mut Store, key: &[u8]) -> Option<&'a mut (Vec<u8>, Option<Instant>)> {
    if store
        .get(key)
        .is_some_and(|(_, exp)| exp.is_some_and(|e| e <= Instant::now()))
    {
        store.remove(key);
    }
    store.get_mut(key)
}

fn ms_arg(arg: &[u8]) -> Option<u64> {
    std::str::from_utf8(arg).ok()?.parse().ok()
}

/// What a minimal correct Redis (no password, 16 databases) answers to the lock's commands.
fn answer(cmd: &Command, shared: &Shared) -> Vec<u8> {
    let mut store = shared.store.lock().unwrap();
    let arg = |i: usize| cmd.get(i).map(Vec::as_slice);
    match verb(cmd).as_str() {
        "PING" => b"+PONG\r\n".to_vec(),
        "AUTH" | "QUIT" => b"+OK\r\n".to_vec(),
        "INFO" => bulk(format!("# Server\r\nrun_id:{}\r\n", shared.run_id).as_bytes()),
        "SELECT" => match arg(1).and_then(ms_arg) {
            Some(db) if db < 16 => b"+OK\r\n".to_vec(),
            _ => error("ERR DB index is out of range"),
        },
        "SET" => {
            let (Some(key), Some(value)) = (arg(1), arg(2)) else {
                return error("ERR wrong number of arguments for 'set' command");
            };
            let mut nx = false;
            let mut expiry = None;
            let mut i = 3;
            while let Some(opt) = arg(i) {
                let opt = String::from_utf8_lossy(opt).to_ascii_uppercase();
                match opt.as_str() {
                    "NX" => nx = true,
                    "PX" | "EX" => {
                        let Some(n) = arg(i + 1).and_then(ms_arg) else {
                            return error("ERR value is not an integer or out of range");
                        };
                        let ms = if opt == "EX" { n * 1000 } else { n };
                        expiry = Some(Instant::now() + Duration::from_millis(ms));
                        i += 1;
                    }
                    _ => return error("ERR syntax error"),
                }
                i += 1;
            }
            if nx && live(&mut store, key).is_some() {
                return b"$-1\r\n".to_vec();
            }
            store.insert(key.to_vec(), (value.to_vec(), expiry));
            b"+OK\r\n".to_vec()
        }
        "GET" => match arg(1).and_then(|k| live(&mut store, k)) {
            Some((v, _)) => bulk(v),
            None => b"$-1\r\n".to_vec(),
        },
        "DEL" => {
            let mut n = 0;
            for key in &cmd[1..] {
                if live(&mut store, key).is_some() {
                    store.remove(key.as_slice());
                    n += 1;
                }
            }
            int(n)
        }
        "SCRIPT" => {
            let sub = arg(1).map(|s| String::from_utf8_lossy(s).to_ascii_uppercase());
            match (sub.as_deref(), arg(2)) {
                (Some("LOAD"), Some(body)) => {
                    let sha = if body == RELEASE_SCRIPT.as_bytes() {
                        RELEASE_SHA
                    } else if body == EXTEND_SCRIPT.as_bytes() {
                        EXTEND_SHA
                    } else {
                        "0000000000000000000000000000000000000000"
                    };
                    bulk(sha.as_bytes())
                }
                _ => b"+OK\r\n".to_vec(),
            }
        }
        "EVALSHA" | "EVAL" => {
            let body = arg(1).unwrap_or_default();
            let release = body == RELEASE_SHA.as_bytes() || body == RELEASE_SCRIPT.as_bytes();
            let extend = body == EXTEND_SHA.as_bytes() || body == EXTEND_SCRIPT.as_bytes();
            if !release && !extend {
                return if verb(cmd) == "EVALSHA" {
                    error("NOSCRIPT No matching script. Please use EVAL.")
                } else {
                    error("ERR this fake runs only the lock's scripts")
                };
            }
            let (Some(key), Some(token)) = (arg(3), arg(4)) else {
                return error("ERR wrong number of arguments");
            };
            let holds = live(&mut store, key).is_some_and(|(v, _)| v.as_slice() == token);
            if !holds {
                return int(0);
            }
            if release {
                store.remove(key);
            } else {
                let Some(ms) = arg(5).and_then(ms_arg) else {
                    return error("ERR value is not an integer or out of range");
                };
                if let Some(entry) = live(&mut store, key) {
                    entry.1 = Some(Instant::now() + Duration::from_millis(ms));
                }
            }
            int(1)
        }
        other => error(&format!("ERR unknown command '{other}'")),
    }
}
