//! One connection to one server, driven without ever blocking: dial (TCP or Unix socket),
//! handshake (AUTH, SELECT), send, receive. `step()` does whatever can be done now and says what
//! it waits for; the fan-out owns the clock and the poll(), so one slow server never holds up
//! another, and every wait has the deadline of the phase it is in.
//!
//! The handshake finishes before any command is written: a refused AUTH or a failed SELECT means
//! the command never ran there (pipelining them would run it as the default user, or in db 0).
//! What a new connection should load first (the lock's scripts) is given by the caller as data.
//!
//! A `rediss://` server adds a TLS session (rustls) between the socket and the bytes: its
//! handshake is part of the connect (same deadline, same non-blocking steps), and every record
//! it decrypts is moved into the input buffer at once, so a reply never sits unseen in the TLS
//! layer while poll() waits on a socket that has nothing more to say. The EOF probe before reuse
//! reads through the TLS layer too (TLS 1.3 session tickets arrive after the handshake: they are
//! neither a reply nor an EOF).

use std::io;
use std::mem::MaybeUninit;
use std::time::{Duration, Instant};

use redis::Value;
use socket2::{Domain, SockAddr, Socket};

use super::dial::new_socket;

use super::error::NodeError;
use super::handshake;
use super::identity::{run_id_in, Identity};
use super::inbuf::InBuf;
use super::node::{Address, Node};
use super::resp::error_text;
use super::tls_io::TlsStream;

/// What a connection waits for before it can go on.
#[derive(Debug, PartialEq)]
pub enum Step {
    /// The socket to become readable (`libc::POLLIN`) or writable (`libc::POLLOUT`).
    Wait(i16),
    /// Nothing to wait on (a Unix socket whose listen backlog is full): try again shortly.
    Retry,
    /// Connected and handshaken, nothing in flight: ready for a command.
    Ready,
    /// The reply to the command sent.
    Reply(Value),
}

/// Commands a new connection sends ahead of its first command, with replies that are only
/// skipped (e.g. `SCRIPT LOAD`: a refusal is harmless, EVAL is the fallback).
pub struct Preload {
    pub bytes: Vec<u8>,
    pub replies: usize,
}

enum Dial {
    /// connect() is in progress on the socket; these addresses are left to try after it.
    InProgress(Vec<SockAddr>),
    /// A Unix socket's backlog was full: connect() again to this address.
    Again(SockAddr, Vec<SockAddr>),
    Connected,
}

/// One connection. Dropped (closed) after any error, so a late reply is never read as the
/// answer to a later command.
pub struct Conn {
    sock: Socket,
    dial: Dial,
    /// The TLS session of a `rediss://` server, from the TCP connect on.
    tls: Option<Box<TlsStream>>,
    /// Bytes to write: `out[out_at..]`.
    out: Vec<u8>,
    out_at: usize,
    /// Received bytes not yet consumed.
    input: InBuf,
    /// SO_RCVTIMEO as last set, in whole ms (0: never set).
    read_ms: u64,
    /// Handshake replies still to read; each must not be an error.
    handshake: usize,
    /// Replies to read and drop before the command's own (the preload's).
    skip: usize,
    /// Replies after the first one that counts, to return with it as one array (a command
    /// sent with another behind it, e.g. `WAIT`), and those read so far.
    gather: usize,
    gathered: Vec<Value>,
    /// A command was sent and its reply is not read yet.
    awaiting: bool,
    /// Nothing was sent on it yet: the preload goes with the first command.
    fresh: bool,
    /// The next reply is the `INFO server` sent with the first command.
    identify: bool,
    /// What it learned of its server (after its first reply).
    identity: Option<Identity>,
    /// The server and credentials it was opened for (the pool matches on them).
    node: Node,
    /// The process that opened it (a fork()ed child must not use its parent's socket).
    pub pid: u32,
}

fn io_err(e: io::Error) -> NodeError {
    NodeError::Io(e.to_string())
}

impl Conn {
    /// Starts connecting to the first of `addrs` (the others are tried if it fails).
    pub fn dial(node: &Node, mut addrs: Vec<SockAddr>, pid: u32) -> Result<Box<Conn>, NodeError> {
        if addrs.is_empty() {
            return Err(NodeError::Io("host resolved to no address".into()));
        }
        let first = addrs.remove(0);
        let sock = new_socket(&first)?;
        let mut conn = Box::new(Conn {
            sock,
            dial: Dial::Again(first, addrs),
            tls: None,
            out: Vec::new(),
            out_at: 0,
            input: InBuf::default(),
            read_ms: 0,
            handshake: 0,
            skip: 0,
            gather: 0,
            gathered: Vec::new(),
            awaiting: false,
            fresh: true,
            identify: false,
            identity: None,
            node: node.clone(),
            pid,
        });
        conn.connect_again()?;
        Ok(conn)
    }

    /// Whether this connection was opened for the same server, database and credentials.
    pub fn serves(&self, node: &Node) -> bool {
        self.node.same_session(node)
    }

    /// The address it was opened for.
    pub fn address(&self) -> &Address {
        &self.node.address
    }

    /// Issues connect() for a pending address; a refusal moves on to the next address.
    fn connect_again(&mut self) -> Result<(), NodeError> {
        loop {
            let Dial::Again(addr, rest) = std::mem::replace(&mut self.dial, Dial::Connected) else {
                return Ok(());
            };
            match self.sock.connect(&addr) {
                Ok(()) => return self.connected(),
                Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => {
                    self.dial = Dial::InProgress(rest);
                    return Ok(());
                }
                Err(e) if e.raw_os_error() == Some(libc::EAGAIN) => {
                    self.dial = Dial::Again(addr, rest);
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                    self.dial = Dial::Again(addr, rest);
                }
                Err(e) => self.next_address(rest, e)?,
            }
        }
    }

    fn next_address(&mut self, mut rest: Vec<SockAddr>, err: io::Error) -> Result<(), NodeError> {
        if rest.is_empty() {
            return Err(io_err(err));
        }
        let next = rest.remove(0);
        self.sock = new_socket(&next)?;
        self.dial = Dial::Again(next, rest);
        Ok(())
    }

    /// The socket is connected: the handshake (AUTH, SELECT) is queued first.
    fn connected(&mut self) -> Result<(), NodeError> {
        self.dial = Dial::Connected;
        // Blocking from now on: every read and write says MSG_DONTWAIT but `wait_readable`'s.
        self.sock
            .set_nonblocking(false)
            .map_err(|e| NodeError::Io(e.to_string()))?;
        if self.sock.domain().ok() != Some(Domain::UNIX) {
            let _ = self.sock.set_tcp_nodelay(true);
        }
        if self.node.tls {
            let (Some(config), Address::Tcp { host, .. }) =
                (&self.node.tls_config, &self.node.address)
            else {
                return Err(NodeError::Tls(
                    "no TLS configuration for this server".into(),
                ));
            };
            let stream = TlsStream::new(config.config.clone(), host, config.client_cert)?;
            self.tls = Some(Box::new(stream));
        }
        self.handshake = handshake::commands(&self.node, &mut self.out);
        Ok(())
    }

    /// Advances a TLS handshake in progress; Some(step) while it is not done.
    fn advance_tls(&mut self) -> Result<Option<Step>, NodeError> {
        match self.tls.as_mut() {
            Some(tls) => Ok(tls.handshake(&self.sock)?.map(Step::Wait)),
            None => Ok(None),
        }
    }

    /// Advances a connect in progress; Some(step) while it is not done.
    fn advance_dial(&mut self) -> Result<Option<Step>, NodeError> {
        match &mut self.dial {
            Dial::Connected => return Ok(None),
            Dial::Again(..) => {
                self.connect_again()?;
                if matches!(self.dial, Dial::Again(..)) {
                    return Ok(Some(Step::Retry));
                }
            }
            Dial::InProgress(rest) => {
                if let Some(e) = self.sock.take_error().map_err(io_err)? {
                    let rest = std::mem::take(rest);
                    self.next_address(rest, e)?;
                    self.connect_again()?;
                } else if self.sock.peer_addr().is_ok() {
                    self.connected()?;
                }
            }
        }
        Ok(match self.dial {
            Dial::Connected => None,
            Dial::InProgress(_) => Some(Step::Wait(libc::POLLOUT)),
            Dial::Again(..) => Some(Step::Retry),
        })
    }

    /// Queues a command (after the preload, on a connection that has sent nothing yet).
    /// Call once `step()` said `Ready`.
    pub fn send(&mut self, command: &[u8], preload: &Preload) {
        if self.fresh {
            self.fresh = false;
            // Which server this is (see `identity`), then what the caller preloads.
            self.out
                .extend_from_slice(b"*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n");
            self.identify = true;
            self.out.extend_from_slice(&preload.bytes);
            self.skip += preload.replies;
        }
        self.out.extend_from_slice(command);
        self.gather += super::resp::count_commands(command) - 1;
        self.awaiting = true;
    }

    /// Drops the next `n` replies of what is queued (a command sent ahead of the one whose
    /// reply counts, e.g. Cluster's `ASKING`). Call right after `send`.
    pub fn skip_replies(&mut self, n: usize) {
        self.skip += n;
        self.gather = self.gather.saturating_sub(n);
    }

    /// Does what can be done now without blocking.
    pub fn step(&mut self) -> Result<Step, NodeError> {
        if let Some(step) = self.advance_dial()? {
            return Ok(step);
        }
        if let Some(step) = self.advance_tls()? {
            return Ok(step);
        }
        let mut wrote = false;
        if let Some(tls) = self.tls.as_mut() {
            let plaintext = &self.out[self.out_at..];
            wrote = !plaintext.is_empty();
            self.out_at = self.out.len();
            if let Some(wait) = tls.send(&self.sock, plaintext)? {
                return Ok(Step::Wait(wait));
            }
        }
        while self.out_at < self.out.len() {
            match self.sock.send_with_flags(
                &self.out[self.out_at..],
                libc::MSG_NOSIGNAL | libc::MSG_DONTWAIT,
            ) {
                Ok(n) => self.out_at += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    return Ok(Step::Wait(libc::POLLOUT))
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io_err(e)),
            }
            wrote = true;
        }
        self.out.clear();
        self.out_at = 0;
        // Just written: the answer cannot be there yet, so wait instead of a read that fails.
        let mut may_read = !wrote;
        loop {
            while let Some(value) = self.input.next_frame()? {
                if self.handshake > 0 {
                    self.handshake -= 1;
                    if let Value::ServerError(e) = value {
                        return Err(NodeError::Handshake(handshake::shown_error(
                            &self.node,
                            &error_text(&e),
                        )));
                    }
                } else if self.identify {
                    self.identify = false;
                    let run_id = match &value {
                        Value::BulkString(info) => run_id_in(info),
                        _ => None, // e.g. an ACL without +info: the address alone
                    };
                    let peer = self.sock.peer_addr().ok().map(|a| match a.as_socket() {
                        Some(ip) => ip.to_string(),
                        None => format!("{:?}", a.as_pathname()),
                    });
                    self.identity = Some(Identity { run_id, peer });
                } else if self.skip > 0 {
                    self.skip -= 1;
                } else if self.awaiting && self.gather > 0 {
                    self.gather -= 1;
                    self.gathered.push(value);
                } else if self.awaiting {
                    self.awaiting = false;
                    if self.gathered.is_empty() {
                        return Ok(Step::Reply(value));
                    }
                    let mut all = std::mem::take(&mut self.gathered);
                    all.push(value);
                    return Ok(Step::Reply(Value::Array(all)));
                } else {
                    return Err(NodeError::Protocol("a reply nobody asked for".into()));
                }
            }
            if self.handshake == 0 && !self.awaiting {
                return Ok(Step::Ready);
            }
            if !may_read {
                return Ok(Step::Wait(libc::POLLIN));
            }
            if !self.fill()? {
                return Ok(Step::Wait(libc::POLLIN));
            }
            may_read = true;
        }
    }

    /// Reads what has arrived without waiting; false when nothing had.
    fn fill(&mut self) -> Result<bool, NodeError> {
        self.fill_with(libc::MSG_DONTWAIT)
    }

    /// One read with these `recv` flags: the bytes themselves, or (TLS) the records read and
    /// all they decrypt. False when nothing (no reply bytes) came.
    fn fill_with(&mut self, flags: libc::c_int) -> Result<bool, NodeError> {
        let Some(tls) = self.tls.as_mut() else {
            let first = self.first_reply_pending();
            return self.input.fill(&self.sock, flags).map_err(|e| match e {
                // A TLS server drops a client that speaks plain RESP to it.
                NodeError::Io(e) if first => NodeError::Io(format!(
                    "{e}, before its first reply (a TLS port on a redis:// URL? use rediss://)"
                )),
                e => e,
            });
        };
        tls.receive(&self.sock, flags, &mut self.input)
    }

    /// Waits for the reply's bytes in a blocking read bounded by `timeout` (one system call
    /// where poll() and a read would be two: the single-server round trip). False: nothing came.
    pub fn wait_readable(&mut self, timeout: Duration) -> Result<bool, NodeError> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let ms = (left.as_micros().div_ceil(1000) as u64).max(1);
            if ms != self.read_ms {
                self.sock
                    .set_read_timeout(Some(Duration::from_millis(ms)))
                    .map_err(|e| NodeError::Io(e.to_string()))?;
                self.read_ms = ms;
            }
            // A TLS read may bring records that carry no reply (a session ticket): read on.
            let got = self.fill_with(0)?;
            if got || self.tls.is_none() || Instant::now() >= deadline {
                return Ok(got);
            }
        }
    }

    /// True when the peer has closed the connection, or sent bytes nobody asked for: then the
    /// connection must not carry a command.
    pub fn is_stale(&mut self) -> bool {
        if !self.input.is_empty() || self.awaiting || !matches!(self.dial, Dial::Connected) {
            return true;
        }
        if let Some(tls) = self.tls.as_mut() {
            return tls.is_stale(&self.sock);
        }
        let mut byte = [MaybeUninit::<u8>::uninit()];
        match self
            .sock
            .recv_with_flags(&mut byte, libc::MSG_PEEK | libc::MSG_DONTWAIT)
        {
            Err(e) => e.kind() != io::ErrorKind::WouldBlock,
            Ok(_) => true,
        }
    }

    /// Nothing was received on this connection yet (its handshake or first reply is awaited).
    fn first_reply_pending(&self) -> bool {
        (self.handshake > 0 || self.identify) && self.input.is_empty()
    }

    /// Connected, and its TLS handshake not finished yet.
    pub fn tls_handshaking(&self) -> bool {
        matches!(self.dial, Dial::Connected) && self.tls.as_ref().is_some_and(|t| t.handshaking())
    }

    /// What the first exchange learned of the server, once (later calls: None).
    pub fn take_identity(&mut self) -> Option<Identity> {
        self.identity.take()
    }

    pub fn fd(&self) -> i32 {
        use std::os::fd::AsRawFd;
        self.sock.as_raw_fd()
    }
}
