//! A connection's received bytes: read from the socket in chunks, cut into RESP frames, and
//! bounded (a reply larger than the limit is an error, never a growing buffer).

use std::io;
use std::mem::MaybeUninit;

use redis::Value;
use socket2::Socket;

use super::error::NodeError;
use super::resp::{decode, frame_len, MAX_REPLY_BYTES};

/// Bytes received and not consumed yet: `buf[start..end]`.
pub struct InBuf {
    buf: Vec<u8>,
    start: usize,
    end: usize,
}

impl Default for InBuf {
    fn default() -> InBuf {
        InBuf {
            buf: vec![0; 512],
            start: 0,
            end: 0,
        }
    }
}

impl InBuf {
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// One complete frame, if the bytes in hand hold one.
    pub fn next_frame(&mut self) -> Result<Option<Value>, NodeError> {
        if self.start == self.end {
            return Ok(None);
        }
        let Some(len) = frame_len(&self.buf[self.start..self.end])? else {
            return Ok(None);
        };
        let value = decode(&self.buf[self.start..self.start + len])?;
        self.start += len;
        if self.start == self.end {
            (self.start, self.end) = (0, 0);
        }
        Ok(Some(value))
    }

    /// Room for more bytes at the end (compacting, else growing up to the reply limit).
    fn room(&mut self) -> Result<&mut [u8], NodeError> {
        if self.end == self.buf.len() {
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                (self.start, self.end) = (0, self.end - self.start);
            } else if self.buf.len() >= MAX_REPLY_BYTES {
                return Err(NodeError::Protocol(format!(
                    "reply exceeds {MAX_REPLY_BYTES} bytes"
                )));
            } else {
                let grown = (self.buf.len() * 2).min(MAX_REPLY_BYTES);
                self.buf.resize(grown, 0);
            }
        }
        Ok(&mut self.buf[self.end..])
    }

    /// One read from `sock` with these `recv` flags; false when nothing had arrived (or a
    /// blocking read's timeout passed).
    pub fn fill(&mut self, sock: &Socket, flags: libc::c_int) -> Result<bool, NodeError> {
        let free = self.room()?;
        // SAFETY: initialised bytes viewed as MaybeUninit (recv only writes into them).
        let free = unsafe { &mut *(free as *mut [u8] as *mut [MaybeUninit<u8>]) };
        loop {
            return match sock.recv_with_flags(free, flags) {
                Ok(0) => Err(NodeError::Io("connection closed by the server".into())),
                Ok(n) => {
                    self.end += n;
                    Ok(true)
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(false),
                Err(e) if e.kind() == io::ErrorKind::TimedOut => Ok(false),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => Err(NodeError::Io(e.to_string())),
            };
        }
    }

    /// Everything `reader` holds now (a TLS session's decrypted bytes); how many bytes came.
    pub fn fill_from(&mut self, reader: &mut impl io::Read) -> Result<usize, NodeError> {
        let mut got = 0;
        loop {
            let free = self.room()?;
            match reader.read(free) {
                Ok(0) => return Ok(got),
                Ok(n) => {
                    self.end += n;
                    got += n;
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(got),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(NodeError::Io(e.to_string())),
            }
        }
    }
}
