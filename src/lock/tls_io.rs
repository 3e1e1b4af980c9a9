//! A TLS session over a connection's socket: the handshake in non-blocking steps, writing
//! (plaintext in, records out), reading (records in, every decrypted byte straight into the
//! connection's input buffer, so nothing waits unseen in the TLS layer while poll() waits on a
//! socket that has nothing more to say), and the EOF probe before reuse (TLS 1.3 session
//! tickets arrive after the handshake: they are neither a reply nor an EOF). `conn.rs` drives
//! it; what the errors say is in `tls.rs`.

use std::io::{self, Write};
use std::sync::Arc;

use socket2::Socket;

use super::error::NodeError;
use super::inbuf::InBuf;
use super::tls::{self, SockIo};

/// What a step waits for: `libc::POLLIN` or `libc::POLLOUT`.
pub type PollEvents = i16;

pub struct TlsStream {
    session: rustls::ClientConnection,
    /// Whether this client has a certificate to give (what a refusal most likely means).
    client_cert: bool,
}

fn io_err(e: io::Error) -> NodeError {
    NodeError::Io(e.to_string())
}

fn nonblocking(sock: &Socket) -> SockIo<'_> {
    SockIo {
        sock,
        flags: libc::MSG_DONTWAIT,
    }
}

impl TlsStream {
    pub fn new(
        config: Arc<rustls::ClientConfig>,
        host: &str,
        client_cert: bool,
    ) -> Result<TlsStream, NodeError> {
        let session = rustls::ClientConnection::new(config, tls::server_name(host)?)
            .map_err(|e| tls::error(&e, client_cert))?;
        Ok(TlsStream {
            session,
            client_cert,
        })
    }

    pub fn handshaking(&self) -> bool {
        self.session.is_handshaking()
    }

    /// Advances the handshake: None when it is done, else what to wait for.
    pub fn handshake(&mut self, sock: &Socket) -> Result<Option<PollEvents>, NodeError> {
        let mut io = nonblocking(sock);
        while self.session.is_handshaking() {
            if let Some(wait) = self.flush(&mut io)? {
                return Ok(Some(wait));
            }
            if !self.session.is_handshaking() {
                break;
            }
            match self.session.read_tls(&mut io) {
                Ok(0) => return Err(tls::closed_in_handshake()),
                Ok(_) => {
                    if let Err(e) = self.session.process_new_packets() {
                        // Its alert goes out if it can; the error is ours to report.
                        let _ = self.session.write_tls(&mut io);
                        return Err(tls::error(&e, self.client_cert));
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(Some(libc::POLLIN)),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::ConnectionReset => {
                    return Err(tls::closed_in_handshake())
                }
                Err(e) => return Err(io_err(e)),
            }
        }
        Ok(None)
    }

    /// Takes `plaintext` (all of it) and writes out what the session has to send: Some(POLLOUT)
    /// when the socket is full (call again with nothing new).
    pub fn send(
        &mut self,
        sock: &Socket,
        plaintext: &[u8],
    ) -> Result<Option<PollEvents>, NodeError> {
        if !plaintext.is_empty() {
            self.session.writer().write_all(plaintext).map_err(io_err)?;
        }
        self.flush(&mut nonblocking(sock))
    }

    /// Writes out what the session has to send; a server that refused this client and closed
    /// (TLS 1.2 refuses while the client still writes, TLS 1.3 after the handshake) is reported
    /// by its alert, read first, rather than by the write error.
    fn flush(&mut self, io: &mut SockIo<'_>) -> Result<Option<PollEvents>, NodeError> {
        while self.session.wants_write() {
            match self.session.write_tls(io) {
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(Some(libc::POLLOUT)),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(self.alert_waiting(io).unwrap_or_else(|| io_err(e))),
            }
        }
        Ok(None)
    }

    /// The error the server's alert (already received) gives, if there is one.
    fn alert_waiting(&mut self, io: &mut SockIo<'_>) -> Option<NodeError> {
        for _ in 0..4 {
            match self.session.read_tls(io) {
                Ok(0) | Err(_) => return None,
                Ok(_) => {
                    if let Err(e) = self.session.process_new_packets() {
                        return Some(tls::error(&e, self.client_cert));
                    }
                }
            }
        }
        None
    }

    /// One read with these `recv` flags and all it decrypts, into `input`. False when no reply
    /// byte came (nothing arrived, a blocking read's timeout passed, or only records such as a
    /// session ticket).
    pub fn receive(
        &mut self,
        sock: &Socket,
        flags: libc::c_int,
        input: &mut InBuf,
    ) -> Result<bool, NodeError> {
        let mut io = SockIo { sock, flags };
        loop {
            match self.session.read_tls(&mut io) {
                Ok(0) => return Err(NodeError::Io("connection closed by the server".into())),
                Ok(_) => break,
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    return Ok(false)
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io_err(e)),
            }
        }
        let state = self
            .session
            .process_new_packets()
            .map_err(|e| tls::error(&e, self.client_cert))?;
        let got = input.fill_from(&mut self.session.reader())?;
        if got == 0 && state.peer_has_closed() {
            return Err(NodeError::Io("connection closed by the server".into()));
        }
        Ok(got > 0)
    }

    /// The EOF probe before reuse, through the TLS layer: stale when the peer closed, sent
    /// bytes nobody asked for, or the session cannot be written; records that decrypt to
    /// nothing are fine.
    pub fn is_stale(&mut self, sock: &Socket) -> bool {
        let mut io = nonblocking(sock);
        loop {
            match self.session.read_tls(&mut io) {
                Ok(0) => return true,
                Ok(_) => match self.session.process_new_packets() {
                    Ok(state)
                        if state.plaintext_bytes_to_read() == 0 && !state.peer_has_closed() => {}
                    _ => return true,
                },
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    return self.session.is_handshaking()
                        || self.session.wants_write() && {
                            let _ = self.session.write_tls(&mut io);
                            self.session.wants_write()
                        }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return true,
            }
        }
    }
}
