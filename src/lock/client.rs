//! Per-process connections to Redis servers, and the one network primitive the lock needs:
//! send one command to several servers before reading any reply.
//!
//! Connections are opened lazily, kept in a process-wide pool keyed by server and credentials,
//! checked against the current pid (a forked child never reuses its parent's socket), probed
//! for EOF before reuse (a restarted server or `CLIENT KILL` is noticed before a command is
//! lost), and dropped after any I/O error or timeout, so a late reply is never read as the
//! answer to the next command.

use std::fmt;
use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use std::sync::atomic::{AtomicU32, Ordering};

use parking_lot::Mutex;

use super::redlock::{EXTEND_SCRIPT, RELEASE_SCRIPT};
use redis::Value;

/// Where a server listens.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Address {
    Tcp { host: String, port: u16 },
    Unix(PathBuf),
}

/// One Redis server as the lock sees it. `Debug` and `Display` never show the password.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Node {
    pub address: Address,
    pub db: i64,
    pub username: Option<String>,
    pub password: Option<String>,
    /// This server's own per-reply timeout (a Redlock `[host, port, timeout]` entry), if any.
    pub timeout: Option<Duration>,
}

impl Node {
    pub fn tcp(host: impl Into<String>, port: u16) -> Self {
        Node {
            address: Address::Tcp {
                host: host.into(),
                port,
            },
            db: 0,
            username: None,
            password: None,
            timeout: None,
        }
    }

    fn pool_key(&self) -> PoolKey {
        PoolKey {
            address: self.address.clone(),
            db: self.db,
            username: self.username.clone(),
            password: self.password.clone(),
        }
    }

    /// Whether a pooled connection with this key serves this node (compared without copying).
    fn uses(&self, key: &PoolKey) -> bool {
        key.address == self.address
            && key.db == self.db
            && key.username == self.username
            && key.password == self.password
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.address {
            Address::Tcp { host, port } if host.contains(':') => write!(f, "[{host}]:{port}")?,
            Address::Tcp { host, port } => write!(f, "{host}:{port}")?,
            Address::Unix(path) => write!(f, "unix:{}", path.display())?,
        }
        if self.db != 0 {
            write!(f, "/{}", self.db)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Node({self})")
    }
}

/// How long one server may take: to connect (with AUTH/SELECT), and to answer one command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    pub connect: Duration,
    pub reply: Duration,
}

/// Why one server gave no usable answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeError {
    /// Could not connect, or the connection broke.
    Io(String),
    /// No answer within the timeout (in ms).
    Timeout(u128),
    /// AUTH or SELECT was refused.
    Handshake(String),
    /// The server answered with an error.
    Reply(String),
    /// The server answered something the lock did not expect.
    Protocol(String),
    /// Its reply was not awaited: the other servers had already decided the outcome.
    NotAwaited,
}

impl fmt::Display for NodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NodeError::Io(e) => write!(f, "{e}"),
            NodeError::Timeout(ms) => write!(f, "no reply within {ms} ms"),
            NodeError::Handshake(e) => {
                write!(f, "authentication or database selection failed: {e}")
            }
            NodeError::Reply(e) => write!(f, "error reply: {e}"),
            NodeError::Protocol(e) => write!(f, "unexpected reply: {e}"),
            NodeError::NotAwaited => write!(f, "reply not awaited (the others decided)"),
        }
    }
}

/// A server's answer to one round trip. `sent` tells whether the command may have reached it:
/// a server that never got the command holds nothing that needs cleaning up.
#[derive(Debug)]
pub enum Reply {
    Value(Value),
    Failed { sent: bool, error: NodeError },
}

#[derive(Clone, PartialEq, Eq)]
struct PoolKey {
    address: Address,
    db: i64,
    username: Option<String>,
    password: Option<String>,
}

enum Stream {
    Tcp(TcpStream),
    Unix(UnixStream),
}

impl Stream {
    fn set_read_timeout(&self, d: Duration) -> io::Result<()> {
        match self {
            Stream::Tcp(s) => s.set_read_timeout(Some(d)),
            Stream::Unix(s) => s.set_read_timeout(Some(d)),
        }
    }

    fn set_write_timeout(&self, d: Duration) -> io::Result<()> {
        match self {
            Stream::Tcp(s) => s.set_write_timeout(Some(d)),
            Stream::Unix(s) => s.set_write_timeout(Some(d)),
        }
    }

    fn raw_fd(&self) -> i32 {
        match self {
            Stream::Tcp(s) => s.as_raw_fd(),
            Stream::Unix(s) => s.as_raw_fd(),
        }
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Tcp(s) => s.read(buf),
            Stream::Unix(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Tcp(s) => s.write(buf),
            Stream::Unix(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Largest reply the lock accepts (its replies are a few bytes; this only stops a broken server).
const MAX_REPLY_BYTES: usize = 1 << 20;

/// One open connection. Dropped (closed) on any error.
pub struct Conn {
    stream: Stream,
    /// Received bytes not yet consumed: `buf[start..end]`.
    buf: Vec<u8>,
    start: usize,
    end: usize,
    pid: u32,
    /// The server and credentials it was opened for.
    key: PoolKey,
    /// Handshake commands not yet sent (they go out with the first command).
    prelude: Vec<u8>,
    /// Handshake replies still to read before a command's own: [must succeed, may fail].
    handshake_replies: [usize; 2],
    /// Socket timeouts as last set, in whole ms: a round trip sets them only when they change.
    read_ms: u64,
    write_ms: u64,
}

/// Time left until the deadline in whole ms, rounded up, at least 1 (a zero socket timeout means
/// "block forever" to the OS). Whole ms keep the value steady, so no syscall per round trip.
fn remaining_ms(deadline: Instant) -> u64 {
    let left = deadline.saturating_duration_since(Instant::now());
    (left.as_micros().div_ceil(1000) as u64).max(1)
}

fn remaining(deadline: Instant) -> Duration {
    Duration::from_millis(remaining_ms(deadline))
}

static PID: AtomicU32 = AtomicU32::new(0);

extern "C" fn forget_pid_after_fork() {
    PID.store(0, Ordering::Relaxed);
}

/// This process's id, without a syscall per call: cached, and forgotten in a fork()ed child.
pub fn current_pid() -> u32 {
    let pid = PID.load(Ordering::Relaxed);
    if pid != 0 {
        return pid;
    }
    static ATFORK: std::sync::Once = std::sync::Once::new();
    // SAFETY: registers a handler that only stores to an atomic.
    ATFORK.call_once(|| unsafe {
        libc::pthread_atfork(None, None, Some(forget_pid_after_fork));
    });
    let pid = std::process::id();
    PID.store(pid, Ordering::Relaxed);
    pid
}

fn io_error(e: &io::Error, timeout: Duration) -> NodeError {
    match e.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
            NodeError::Timeout(timeout.as_millis())
        }
        _ => NodeError::Io(e.to_string()),
    }
}

impl Conn {
    /// Connects and authenticates within `timeouts.connect` in all.
    pub fn open(node: &Node, timeouts: Timeouts) -> Result<Conn, NodeError> {
        let deadline = Instant::now() + timeouts.connect;
        let stream = match &node.address {
            Address::Tcp { host, port } => {
                Stream::Tcp(connect_tcp(host, *port, deadline, timeouts.connect)?)
            }
            Address::Unix(path) => Stream::Unix(connect_unix(path, deadline, timeouts.connect)?),
        };
        // The handshake is not awaited here: it goes out with the first command, and its replies
        // are read before that command's, so a fan-out stays concurrent for new connections too.
        let mut prelude = Vec::new();
        let mut must_succeed = 0;
        if let Some(password) = &node.password {
            let mut auth = redis::cmd("AUTH");
            if let Some(user) = &node.username {
                auth.arg(user);
            }
            auth.arg(password);
            prelude.extend(auth.get_packed_command());
            must_succeed += 1;
        }
        if node.db != 0 {
            prelude.extend(redis::cmd("SELECT").arg(node.db).get_packed_command());
            must_succeed += 1;
        }
        // The lock's scripts, loaded on every new connection (a restarted server has none), so
        // EVALSHA finds them. A refusal (an ACL without +script) is not fatal: EVAL is the fallback.
        for script in [RELEASE_SCRIPT, EXTEND_SCRIPT] {
            prelude.extend(pack(&[b"SCRIPT", b"LOAD", script.as_bytes()]));
        }
        Ok(Conn {
            stream,
            buf: vec![0; 512],
            start: 0,
            end: 0,
            pid: current_pid(),
            key: node.pool_key(),
            read_ms: 0,
            write_ms: 0,
            prelude,
            handshake_replies: [must_succeed, 2],
        })
    }

    fn send(
        &mut self,
        bytes: &[u8],
        deadline: Instant,
        timeout: Duration,
    ) -> Result<(), NodeError> {
        let ms = remaining_ms(deadline);
        if ms != self.write_ms {
            self.stream
                .set_write_timeout(Duration::from_millis(ms))
                .map_err(|e| NodeError::Io(e.to_string()))?;
            self.write_ms = ms;
        }
        if self.prelude.is_empty() {
            return self
                .stream
                .write_all(bytes)
                .map_err(|e| io_error(&e, timeout));
        }
        let mut first = std::mem::take(&mut self.prelude);
        first.extend_from_slice(bytes);
        self.stream
            .write_all(&first)
            .map_err(|e| io_error(&e, timeout))
    }

    /// Reads one reply: bytes are buffered here until a whole RESP frame is in, then decoded
    /// (the frequent `+OK`, `:n` and `$-1` directly, anything else by the redis crate's parser).
    fn recv(&mut self, deadline: Instant, timeout: Duration) -> Result<Value, NodeError> {
        while self.handshake_replies != [0, 0] {
            let reply = self.recv_frame(deadline, timeout)?;
            if self.handshake_replies[0] > 0 {
                self.handshake_replies[0] -= 1;
                if let Value::ServerError(e) = reply {
                    return Err(NodeError::Handshake(e.to_string()));
                }
            } else {
                self.handshake_replies[1] -= 1;
            }
        }
        self.recv_frame(deadline, timeout)
    }

    fn recv_frame(&mut self, deadline: Instant, timeout: Duration) -> Result<Value, NodeError> {
        loop {
            if let Some(len) = frame_len(&self.buf[self.start..self.end], 0)? {
                let frame = &self.buf[self.start..self.start + len];
                let value = decode(frame)?;
                self.start += len;
                if self.start == self.end {
                    (self.start, self.end) = (0, 0);
                }
                return Ok(value);
            }
            // A server that trickles bytes must not stretch the deadline, nor grow the buffer
            // without end (the lock's replies are a few bytes).
            if Instant::now() >= deadline {
                return Err(NodeError::Timeout(timeout.as_millis()));
            }
            if self.end == self.buf.len() {
                if self.buf.len() >= MAX_REPLY_BYTES {
                    return Err(NodeError::Protocol(format!(
                        "reply larger than {MAX_REPLY_BYTES} bytes"
                    )));
                }
                if self.start > 0 {
                    self.buf.copy_within(self.start..self.end, 0);
                    (self.start, self.end) = (0, self.end - self.start);
                } else {
                    let grown = self.buf.len() * 2;
                    self.buf.resize(grown, 0);
                }
            }
            let ms = remaining_ms(deadline);
            if ms != self.read_ms {
                self.stream
                    .set_read_timeout(Duration::from_millis(ms))
                    .map_err(|e| NodeError::Io(e.to_string()))?;
                self.read_ms = ms;
            }
            match self.stream.read(&mut self.buf[self.end..]) {
                Ok(0) => return Err(NodeError::Io("connection closed by the server".into())),
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io_error(&e, timeout)),
            }
        }
    }

    /// True when the peer has closed the connection, or sent bytes nobody asked for.
    fn is_stale(&self) -> bool {
        if self.start != self.end {
            return true;
        }
        let mut byte = 0u8;
        // SAFETY: a valid fd and a one-byte buffer we own; MSG_PEEK leaves the data in place.
        let n = unsafe {
            libc::recv(
                self.stream.raw_fd(),
                (&mut byte as *mut u8).cast(),
                1,
                libc::MSG_PEEK | libc::MSG_DONTWAIT,
            )
        };
        if n < 0 {
            let err = io::Error::last_os_error();
            return err.kind() != io::ErrorKind::WouldBlock;
        }
        true
    }
}

/// Encodes a command as RESP (`*N` then `$len` + bytes per argument) in one exact allocation:
/// the hot path's two commands per lock cycle, where building a `redis::Cmd` cost more.
pub fn pack(args: &[&[u8]]) -> Vec<u8> {
    fn digits(mut n: usize) -> usize {
        let mut d = 1;
        while n >= 10 {
            n /= 10;
            d += 1;
        }
        d
    }
    fn push_len(out: &mut Vec<u8>, prefix: u8, n: usize) {
        out.push(prefix);
        let start = out.len();
        let mut n = n;
        loop {
            out.push(b'0' + (n % 10) as u8);
            n /= 10;
            if n == 0 {
                break;
            }
        }
        out[start..].reverse();
        out.extend_from_slice(b"\r\n");
    }
    let size = 3
        + digits(args.len())
        + args
            .iter()
            .map(|a| 5 + digits(a.len()) + a.len())
            .sum::<usize>();
    let mut out = Vec::with_capacity(size);
    push_len(&mut out, b'*', args.len());
    for a in args {
        push_len(&mut out, b'$', a.len());
        out.extend_from_slice(a);
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// One server: send, then a plain blocking read bounded by the socket timeout.
fn round_trip_one(node: &Node, t: Timeouts, request: &[u8]) -> Reply {
    match send_to(node, t, request) {
        Ok((conn, deadline)) => receive(conn, deadline, t.reply),
        Err(failed) => failed,
    }
}

/// Writes `request` to the node on a pooled or new connection; the connection and the reply's
/// deadline, or the failure.
fn send_to(node: &Node, t: Timeouts, request: &[u8]) -> Result<(Conn, Instant), Reply> {
    let mut conn = match checkout(node) {
        Some(conn) => conn,
        None => Conn::open(node, t).map_err(|error| Reply::Failed { sent: false, error })?,
    };
    let deadline = Instant::now() + t.reply;
    conn.send(request, deadline, t.reply)
        .map_err(|error| Reply::Failed { sent: true, error })?;
    Ok((conn, deadline))
}

/// Reads the reply; a healthy connection goes back to the pool, a failed one is closed.
fn receive(mut conn: Conn, deadline: Instant, timeout: Duration) -> Reply {
    match conn.recv(deadline, timeout) {
        Ok(value) => {
            checkin(conn);
            Reply::Value(value)
        }
        Err(error) => Reply::Failed { sent: true, error },
    }
}

/// The length of the RESP2 frame at `b[at..]`, or None while it is incomplete.
fn frame_len(b: &[u8], at: usize) -> Result<Option<usize>, NodeError> {
    let Some(nl) = b
        .get(at..)
        .and_then(|rest| rest.windows(2).position(|w| w == b"\r\n"))
    else {
        return Ok(None);
    };
    let line_end = at + nl + 2;
    let number = || -> Result<i64, NodeError> {
        std::str::from_utf8(&b[at + 1..at + nl])
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| NodeError::Protocol("malformed length".into()))
    };
    match b[at] {
        b'+' | b'-' | b':' => Ok(Some(line_end - at)),
        b'$' => {
            let n = number()?;
            if n < 0 {
                return Ok(Some(line_end - at));
            }
            let end = line_end + n as usize + 2;
            Ok((b.len() >= end).then_some(end - at))
        }
        b'*' => {
            let n = number()?;
            let mut pos = line_end;
            for _ in 0..n.max(0) {
                match frame_len(b, pos)? {
                    Some(len) => pos += len,
                    None => return Ok(None),
                }
            }
            Ok(Some(pos - at))
        }
        other => Err(NodeError::Protocol(format!(
            "unexpected reply type byte {other:#04x}"
        ))),
    }
}

/// One complete frame to a value.
fn decode(frame: &[u8]) -> Result<Value, NodeError> {
    match frame {
        b"+OK\r\n" => Ok(Value::Okay),
        b"$-1\r\n" => Ok(Value::Nil),
        [b':', digits @ .., b'\r', b'\n'] => std::str::from_utf8(digits)
            .ok()
            .and_then(|s| s.parse().ok())
            .map(Value::Int)
            .ok_or_else(|| NodeError::Protocol("malformed integer".into())),
        _ => redis::parse_redis_value(frame).map_err(|e| NodeError::Protocol(e.to_string())),
    }
}

/// A Unix-socket connect that gives up at the deadline: a server whose listen backlog is full
/// (stopped, or swamped) would otherwise block a blocking connect() for ever.
fn connect_unix(
    path: &std::path::Path,
    deadline: Instant,
    timeout: Duration,
) -> Result<UnixStream, NodeError> {
    use std::os::fd::FromRawFd;
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    // SAFETY: a zeroed sockaddr_un is valid; the path fits (checked) and stays NUL-terminated.
    let mut addr: libc::sockaddr_un = unsafe { std::mem::zeroed() };
    if bytes.len() >= addr.sun_path.len() {
        return Err(NodeError::Io("unix socket path too long".into()));
    }
    addr.sun_family = libc::AF_UNIX as libc::sa_family_t;
    for (d, s) in addr.sun_path.iter_mut().zip(bytes) {
        *d = *s as libc::c_char;
    }
    // SAFETY: plain socket creation; the fd is owned by the UnixStream below, or closed here.
    let fd = unsafe {
        libc::socket(
            libc::AF_UNIX,
            libc::SOCK_STREAM | libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK,
            0,
        )
    };
    if fd < 0 {
        return Err(NodeError::Io(io::Error::last_os_error().to_string()));
    }
    // SAFETY: we own fd from here on; dropping the stream closes it.
    let stream = unsafe { UnixStream::from_raw_fd(fd) };
    loop {
        // SAFETY: addr is a valid sockaddr_un of the size given.
        let rc = unsafe {
            libc::connect(
                fd,
                (&addr as *const libc::sockaddr_un).cast(),
                std::mem::size_of::<libc::sockaddr_un>() as libc::socklen_t,
            )
        };
        if rc == 0 {
            break;
        }
        let err = io::Error::last_os_error();
        match err.raw_os_error() {
            // Backlog full: try again shortly, until the deadline.
            Some(libc::EAGAIN) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(1))
            }
            Some(libc::EAGAIN) => return Err(NodeError::Timeout(timeout.as_millis())),
            Some(libc::EINTR) => {}
            _ => return Err(NodeError::Io(err.to_string())),
        }
    }
    stream
        .set_nonblocking(false)
        .map_err(|e| NodeError::Io(e.to_string()))?;
    Ok(stream)
}

/// Host name to addresses within the deadline. An IP literal needs no lookup; a name is looked
/// up on a helper thread, so a slow resolver costs the connect timeout, not its own.
fn resolve(
    host: &str,
    port: u16,
    deadline: Instant,
    timeout: Duration,
) -> Result<Vec<std::net::SocketAddr>, NodeError> {
    if let Ok(ip) = host.parse::<std::net::IpAddr>() {
        return Ok(vec![std::net::SocketAddr::new(ip, port)]);
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let name = host.to_string();
    std::thread::Builder::new()
        .name("redislock-dns".into())
        .spawn(move || {
            let _ = tx.send(
                (name.as_str(), port)
                    .to_socket_addrs()
                    .map(Iterator::collect::<Vec<_>>),
            );
        })
        .map_err(|e| NodeError::Io(format!("cannot resolve host: {e}")))?;
    match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(Ok(addrs)) => Ok(addrs),
        Ok(Err(e)) => Err(NodeError::Io(format!("cannot resolve host: {e}"))),
        Err(_) => Err(NodeError::Timeout(timeout.as_millis())),
    }
}

fn connect_tcp(
    host: &str,
    port: u16,
    deadline: Instant,
    timeout: Duration,
) -> Result<TcpStream, NodeError> {
    let addrs = resolve(host, port, deadline, timeout)?;
    let mut last = NodeError::Io("host resolved to no address".into());
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, remaining(deadline)) {
            Ok(stream) => {
                let _ = stream.set_nodelay(true);
                return Ok(stream);
            }
            Err(e) => last = io_error(&e, timeout),
        }
        if Instant::now() >= deadline {
            break;
        }
    }
    Err(last)
}

static POOL: Mutex<Vec<Conn>> = Mutex::new(Vec::new());

/// Takes this process's idle connection to `node`, if a healthy one exists.
fn checkout(node: &Node) -> Option<Conn> {
    let pid = current_pid();
    let mut pool = POOL.lock();
    // Connections inherited through fork() belong to the parent: forget them here. Closing the
    // child's copy of the descriptor does not disturb the parent's connection.
    pool.retain(|c| c.pid == pid);
    let at = pool.iter().position(|c| node.uses(&c.key))?;
    let conn = pool.swap_remove(at);
    drop(pool);
    if conn.is_stale() {
        None
    } else {
        Some(conn)
    }
}

fn checkin(conn: Conn) {
    POOL.lock().push(conn);
}

/// Number of idle pooled connections of this process (for tests and phpinfo).
pub fn pooled_connections() -> usize {
    let pid = current_pid();
    POOL.lock().iter().filter(|c| c.pid == pid).count()
}

/// Closes every pooled connection of this process.
pub fn close_all() {
    POOL.lock().clear();
}

/// How a command reaches several nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FanOut {
    /// Write to every node, then read the replies: the cost is the slowest node, not the sum.
    Concurrent,
    /// One node after another, as the PHP Redlock ports do (kept for comparison benchmarks).
    OneByOne,
}

/// Decides from the replies so far (None: not yet in) that the rest need not be awaited.
pub type Enough<'a> = &'a dyn Fn(&[Option<Reply>]) -> bool;

/// `round_trip`, or the same round trips one node after another.
pub fn round_trip_with(
    fan_out: FanOut,
    nodes: &[Node],
    timeouts: &[Timeouts],
    request: &[u8],
    enough: Enough<'_>,
) -> Vec<Reply> {
    match fan_out {
        FanOut::Concurrent => round_trip(nodes, timeouts, request, enough),
        FanOut::OneByOne => (0..nodes.len())
            .flat_map(|i| round_trip(&nodes[i..=i], &timeouts[i..=i], request, &|_| false))
            .collect(),
    }
}

/// Sends one command to every node before reading any reply, then reads the replies as they
/// arrive, each by its own deadline (sent time + its reply timeout): one slow or dead node costs
/// its own timeout once, not a sum over nodes. Once `enough` says the outcome is decided (a quorum
/// answered), the replies still out get a short grace (10 ms or more) and are then not awaited: those
/// connections are closed, so a late reply is never read as the answer to a later command.
/// `request` is the packed command, the same for every node.
pub fn round_trip(
    nodes: &[Node],
    timeouts: &[Timeouts],
    request: &[u8],
    enough: Enough<'_>,
) -> Vec<Reply> {
    debug_assert_eq!(nodes.len(), timeouts.len());
    if let ([node], [t]) = (nodes, timeouts) {
        return vec![round_trip_one(node, *t, request)];
    }
    let mut replies: Vec<Option<Reply>> = Vec::with_capacity(nodes.len());
    // (node index, connection, deadline) of every command sent and not yet answered.
    let mut pending: Vec<(usize, Conn, Instant)> = Vec::with_capacity(nodes.len());
    let started = Instant::now();

    for (i, (node, t)) in nodes.iter().zip(timeouts).enumerate() {
        match send_to(node, *t, request) {
            Ok((conn, deadline)) => {
                replies.push(None);
                pending.push((i, conn, deadline));
            }
            Err(failed) => replies.push(Some(failed)),
        }
    }

    // Once decided, the others get a short grace (three times the time the decision took, at
    // least 10 ms): healthy servers answer within it; only a frozen or slow one is left behind.
    let mut grace: Option<Instant> = None;
    while !pending.is_empty() {
        let now = Instant::now();
        if grace.is_none() && enough(&replies) {
            grace = Some(now + (now - started).mul_f64(3.0).max(Duration::from_millis(10)));
        }
        if grace.is_some_and(|g| now >= g) {
            break;
        }
        let (expired, waiting): (Vec<_>, Vec<_>) =
            pending.into_iter().partition(|(_, _, d)| *d <= now);
        pending = waiting;
        for (i, _, _) in expired {
            replies[i] = Some(Reply::Failed {
                sent: true,
                error: NodeError::Timeout(timeouts[i].reply.as_millis()),
            });
        }
        if pending.is_empty() {
            break;
        }
        let until = pending.iter().map(|(_, _, d)| *d).min().unwrap_or(now);
        let wait = grace
            .map_or(until, |g| g.min(until))
            .saturating_duration_since(now);
        let mut fds: Vec<libc::pollfd> = pending
            .iter()
            .map(|(_, c, _)| libc::pollfd {
                fd: c.stream.raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            })
            .collect();
        let wait_ms = (wait.as_micros().div_ceil(1000)).min(i32::MAX as u128) as i32;
        // SAFETY: a valid array of pollfd for fds we own, of the length given.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, wait_ms) };
        if n < 0 {
            let err = io::Error::last_os_error();
            if err.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            for (i, _, _) in pending.drain(..) {
                replies[i] = Some(Reply::Failed {
                    sent: true,
                    error: NodeError::Io(err.to_string()),
                });
            }
            break;
        }
        let mut still = Vec::with_capacity(pending.len());
        for ((i, conn, deadline), fd) in pending.into_iter().zip(&fds) {
            if fd.revents != 0 {
                replies[i] = Some(receive(conn, deadline, timeouts[i].reply));
            } else {
                still.push((i, conn, deadline));
            }
        }
        pending = still;
    }
    for (i, _conn, _) in pending {
        replies[i] = Some(Reply::Failed {
            sent: true,
            error: NodeError::NotAwaited,
        });
    }

    replies
        .into_iter()
        .map(|r| {
            r.unwrap_or(Reply::Failed {
                sent: false,
                error: NodeError::Io("not sent".into()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_matches_the_redis_crate() {
        let long = vec![b'x'; 1234];
        let args: [&[u8]; 6] = [
            b"SET",
            b"AGENT_ORDER_LOCK:2001",
            b"0123456789abcdef",
            b"NX",
            b"PX",
            &long,
        ];
        let ours = pack(&args);
        let mut theirs = redis::cmd("SET");
        for a in &args[1..] {
            theirs.arg(*a);
        }
        assert_eq!(ours, theirs.get_packed_command());
        assert_eq!(ours.capacity(), ours.len(), "sized exactly");
        assert_eq!(pack(&[]), b"*0\r\n");
    }

    #[test]
    fn frames_are_delimited_and_decoded() {
        assert_eq!(frame_len(b"+OK\r\n:1\r\n", 0).unwrap(), Some(5));
        assert_eq!(frame_len(b"+OK\r", 0).unwrap(), None);
        assert_eq!(frame_len(b"$5\r\nhel", 0).unwrap(), None);
        assert_eq!(frame_len(b"$5\r\nhello\r\n", 0).unwrap(), Some(11));
        assert_eq!(frame_len(b"$-1\r\n", 0).unwrap(), Some(5));
        assert_eq!(frame_len(b"*2\r\n:1\r\n$1\r\na\r\n", 0).unwrap(), Some(15));
        assert_eq!(frame_len(b"*2\r\n:1\r\n$1\r\na", 0).unwrap(), None);
        assert!(frame_len(b"?x\r\n", 0).is_err());
        assert_eq!(decode(b"+OK\r\n").unwrap(), Value::Okay);
        assert_eq!(decode(b"$-1\r\n").unwrap(), Value::Nil);
        assert_eq!(decode(b":-7\r\n").unwrap(), Value::Int(-7));
        assert_eq!(
            decode(b"$5\r\nhello\r\n").unwrap(),
            Value::BulkString(b"hello".to_vec())
        );
        match decode(b"-NOSCRIPT No matching script\r\n").unwrap() {
            Value::ServerError(e) => assert_eq!(e.code(), "NOSCRIPT"),
            other => panic!("{other:?}"),
        }
    }
}
