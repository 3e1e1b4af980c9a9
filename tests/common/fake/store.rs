//! What a fake understands: commands read from RESP (arrays of bulk strings, or inline), and the
//! answers of a minimal correct Redis, with its keys in memory honouring their expiry.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use redislock::lock::scripts::{EXTEND_SCRIPT, EXTEND_SHA, RELEASE_SCRIPT, RELEASE_SHA};

use super::Shared;

/// A command as its arguments.
pub type Command = Vec<Vec<u8>>;
/// Keys, their values and expiry.
pub type Store = HashMap<Vec<u8>, (Vec<u8>, Option<Instant>)>;

pub fn verb(cmd: &Command) -> String {
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
pub fn parse_command(b: &[u8]) -> Result<Option<(Command, usize)>, ()> {
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

/// The entry of `key`, unless it expired (then it is removed).
pub fn live<'a>(store: &'a mut Store, key: &[u8]) -> Option<&'a mut (Vec<u8>, Option<Instant>)> {
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
pub fn answer(cmd: &Command, shared: &Shared) -> Vec<u8> {
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
