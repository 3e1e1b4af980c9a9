//! RESP2, the two halves the lock needs: packing a command, and finding and decoding one reply
//! frame in received bytes. Hand-written because the frame finder must be bounded: a reply is
//! walked iteratively (no recursion a hostile server could drive into a stack overflow), its
//! nesting, element counts and size are limited, and an impossible length is refused at once
//! instead of being waited for. Complete frames other than the hot path's `+OK`, `:n` and `$-1`
//! are decoded by the redis crate's parser, which only ever sees frames that passed these limits.

use redis::Value;

use super::error::NodeError;

/// Deepest nesting of arrays a reply may have (the lock's replies are flat; Cluster's slot map
/// has four levels).
pub const MAX_DEPTH: usize = 16;
/// Most elements one array header may announce.
pub const MAX_ELEMENTS: i64 = 65_536;
/// Largest reply, and largest bulk string, accepted (the lock's replies are a few bytes).
pub const MAX_REPLY_BYTES: usize = 1 << 20;

/// Encodes a command as RESP (`*N` then `$len` + bytes per argument) in one exact allocation.
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

fn protocol(what: impl Into<String>) -> NodeError {
    NodeError::Protocol(what.into())
}

fn length(line: &[u8]) -> Result<i64, NodeError> {
    std::str::from_utf8(line)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| protocol("malformed length"))
}

/// The length of the complete frame at the start of `b`, or None while it is incomplete.
/// Errors as soon as the bytes in hand show the frame breaks a limit or is not RESP2.
pub fn frame_len(b: &[u8]) -> Result<Option<usize>, NodeError> {
    // Elements still expected by each open array, innermost last.
    let mut open = [0i64; MAX_DEPTH];
    let mut depth = 0;
    let mut pos = 0;
    loop {
        let Some(nl) = b[pos..].windows(2).position(|w| w == b"\r\n") else {
            return Ok(None);
        };
        let line = &b[pos + 1..pos + nl];
        let next = pos + nl + 2;
        match b[pos] {
            b'+' | b'-' | b':' => pos = next,
            b'$' => {
                let n = length(line)?;
                if n < 0 {
                    pos = next;
                } else if n as u64 > MAX_REPLY_BYTES as u64 {
                    return Err(protocol(format!(
                        "bulk string of {n} bytes exceeds the {MAX_REPLY_BYTES}-byte limit"
                    )));
                } else {
                    let end = next + n as usize + 2;
                    if b.len() < end {
                        return Ok(None);
                    }
                    pos = end;
                }
            }
            b'*' => {
                let n = length(line)?;
                if n > MAX_ELEMENTS {
                    return Err(protocol(format!(
                        "array of {n} elements exceeds the {MAX_ELEMENTS}-element limit"
                    )));
                }
                pos = next;
                if n > 0 {
                    if depth == MAX_DEPTH {
                        return Err(protocol(format!("nested deeper than {MAX_DEPTH} levels")));
                    }
                    open[depth] = n;
                    depth += 1;
                    continue;
                }
            }
            other => return Err(protocol(format!("unexpected reply type byte {other:#04x}"))),
        }
        // One element is complete: it may complete the arrays around it.
        loop {
            if depth == 0 {
                return Ok(Some(pos));
            }
            open[depth - 1] -= 1;
            if open[depth - 1] > 0 {
                break;
            }
            depth -= 1;
        }
    }
}

/// A server's error reply as Redis wrote it (`ERR unknown command ...`, `WRONGPASS ...`).
pub fn error_text(e: &redis::ServerError) -> String {
    match e.details() {
        Some(details) => format!("{} {details}", e.code()),
        None => e.code().to_string(),
    }
}

/// One complete frame (as delimited by [`frame_len`]) to a value.
pub fn decode(frame: &[u8]) -> Result<Value, NodeError> {
    match frame {
        b"+OK\r\n" => Ok(Value::Okay),
        b"$-1\r\n" => Ok(Value::Nil),
        [b':', digits @ .., b'\r', b'\n'] => std::str::from_utf8(digits)
            .ok()
            .and_then(|s| s.parse().ok())
            .map(Value::Int)
            .ok_or_else(|| protocol("malformed integer")),
        // A status or error line that is not UTF-8: its bytes escaped, so it still reads as the
        // server's words (the redis crate refuses such a line).
        [b'-' | b'+', line @ .., b'\r', b'\n'] if std::str::from_utf8(line).is_err() => {
            let escaped = [&frame[..1], super::error::quote(line).as_bytes(), b"\r\n"].concat();
            decode(&escaped)
        }
        _ => redis::parse_redis_value(frame)
            .map_err(|e| protocol(super::error::quote(e.to_string().as_bytes()))),
    }
}

/// How many commands `bytes` (commands packed by `pack`, one after another) holds: each gets a
/// reply of its own.
pub fn count_commands(mut bytes: &[u8]) -> usize {
    fn number(rest: &[u8], sigil: u8) -> Option<(usize, &[u8])> {
        let body = rest.strip_prefix(&[sigil])?;
        let end = body.iter().position(|&b| b == b'\r')?;
        let n = std::str::from_utf8(&body[..end]).ok()?.parse().ok()?;
        Some((n, body.get(end + 2..)?))
    }
    let mut count = 0;
    while let Some((args, mut rest)) = number(bytes, b'*') {
        for _ in 0..args {
            let Some((len, after)) = number(rest, b'$') else {
                return count + 1;
            };
            rest = after.get(len + 2..).unwrap_or(&[]);
        }
        count += 1;
        bytes = rest;
    }
    count.max(1)
}

/// The key a command packed by `pack` works on, for Redis Cluster's routing: the first key of
/// `EVAL`/`EVALSHA` (None when it declares none), otherwise its first argument.
pub fn key_of(command: &[u8]) -> Option<&[u8]> {
    /// The bulk strings of a packed command, in order.
    fn args(mut rest: &[u8]) -> impl Iterator<Item = &[u8]> {
        let mut count = 0usize;
        if let Some(body) = rest.strip_prefix(b"*") {
            let end = body.iter().position(|&b| b == b'\r').unwrap_or(0);
            count = std::str::from_utf8(&body[..end])
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            rest = body.get(end + 2..).unwrap_or(&[]);
        }
        std::iter::from_fn(move || {
            if count == 0 {
                return None;
            }
            count -= 1;
            let body = rest.strip_prefix(b"$")?;
            let end = body.iter().position(|&b| b == b'\r')?;
            let len: usize = std::str::from_utf8(&body[..end]).ok()?.parse().ok()?;
            let arg = body.get(end + 2..end + 2 + len)?;
            rest = body.get(end + 4 + len..).unwrap_or(&[]);
            Some(arg)
        })
    }
    let mut parts = args(command);
    let name = parts.next()?;
    if name.eq_ignore_ascii_case(b"EVALSHA") || name.eq_ignore_ascii_case(b"EVAL") {
        let _body = parts.next()?;
        let numkeys = parts.next()?;
        if numkeys == b"0" {
            return None;
        }
    }
    parts.next()
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
            b"0123",
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
        assert_eq!(frame_len(b"+OK\r\n:1\r\n").unwrap(), Some(5));
        assert_eq!(frame_len(b"+OK\r").unwrap(), None);
        assert_eq!(frame_len(b"$5\r\nhel").unwrap(), None);
        assert_eq!(frame_len(b"$5\r\nhello\r\n").unwrap(), Some(11));
        assert_eq!(frame_len(b"$-1\r\n").unwrap(), Some(5));
        assert_eq!(frame_len(b"*-1\r\n").unwrap(), Some(5));
        assert_eq!(frame_len(b"*0\r\n+OK\r\n").unwrap(), Some(4));
        assert_eq!(frame_len(b"*2\r\n:1\r\n$1\r\na\r\n").unwrap(), Some(15));
        assert_eq!(frame_len(b"*2\r\n:1\r\n$1\r\na").unwrap(), None);
        assert_eq!(
            frame_len(b"*2\r\n*1\r\n:1\r\n:2\r\n:3\r\n").unwrap(),
            Some(16)
        );
        assert!(frame_len(b"?x\r\n").is_err());
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

    #[test]
    fn hostile_frames_are_refused_not_followed() {
        let nested = [b"*1\r\n".repeat(60_000), b":1\r\n".to_vec()].concat();
        let e = frame_len(&nested).unwrap_err().to_string();
        assert!(e.contains("nested deeper than 16 levels"), "{e}");
        let ok = [b"*1\r\n".repeat(MAX_DEPTH), b":1\r\n".to_vec()].concat();
        assert_eq!(frame_len(&ok).unwrap(), Some(ok.len()));
        assert!(decode(&ok).is_ok());
        let e = frame_len(b"$999999999999\r\n").unwrap_err().to_string();
        assert!(e.contains("exceeds"), "{e}");
        let e = frame_len(b"*99999999\r\n").unwrap_err().to_string();
        assert!(e.contains("exceeds"), "{e}");
        assert!(frame_len(b"$abc\r\n").is_err());
        match decode(b"-ERR caf\xe9\r\n").unwrap() {
            Value::ServerError(e) => assert_eq!(error_text(&e), "ERR caf\\xe9"),
            other => panic!("{other:?}"),
        }
        assert!(frame_len(b"$-999999999999999999999\r\n").is_err());
    }
}
