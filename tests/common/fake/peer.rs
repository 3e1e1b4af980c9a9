//! One accepted connection of a fake: reads commands and answers them the way its mode says.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use super::store::{answer, parse_command, verb, Command};
use super::{Mode, Shared, TRICKLE};

/// One accepted connection.
pub(super) struct Peer {
    stream: TcpStream,
    shared: Arc<Shared>,
    buf: Vec<u8>,
}

impl Peer {
    pub(super) fn new(stream: TcpStream, shared: Arc<Shared>) -> Option<Peer> {
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

    pub(super) fn serve(&mut self, mode: Mode) {
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
