//! Redis Cluster's rules, pure: which of the 16384 slots a key is in (CRC16/XMODEM of the key,
//! or of its hash tag: the bytes between the first `{` and the first `}` after it, when there
//! are any), and the slot map (`CLUSTER SLOTS`: which master serves which range). Every key a
//! lock script touches is built by `scripts::companion` to share the lock key's slot.

use redis::Value;

/// Slots in a Redis Cluster.
pub const SLOTS: u16 = 16384;

/// CRC16 with the XMODEM parameters (polynomial 0x1021, initial value 0), as Redis Cluster uses.
pub fn crc16(data: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &byte in data {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// The part of a key that decides its slot: its hash tag, or the whole key.
pub fn hashed_part(key: &[u8]) -> &[u8] {
    if let Some(open) = key.iter().position(|&b| b == b'{') {
        if let Some(len) = key[open + 1..].iter().position(|&b| b == b'}') {
            if len > 0 {
                return &key[open + 1..open + 1 + len];
            }
        }
    }
    key
}

/// The slot of a key.
pub fn key_slot(key: &[u8]) -> u16 {
    crc16(hashed_part(key)) % SLOTS
}

/// `(host, port)` of a cluster node.
pub type Endpoint = (String, u16);

/// Which master serves each slot, as one node of the cluster said.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SlotMap {
    /// `(first slot, last slot, master)`, sorted by first slot, not overlapping.
    ranges: Vec<(u16, u16, Endpoint)>,
}

impl SlotMap {
    /// Reads a `CLUSTER SLOTS` reply. `asked` is the node that answered: a master shown with
    /// an empty or `?` host (an endpoint it does not know) is at `asked`'s host.
    pub fn from_reply(reply: &Value, asked: &str) -> Result<SlotMap, String> {
        let Value::Array(entries) = reply else {
            return Err("CLUSTER SLOTS did not answer with an array".into());
        };
        let mut ranges = Vec::with_capacity(entries.len());
        for entry in entries {
            let Value::Array(parts) = entry else {
                return Err("a CLUSTER SLOTS entry is not an array".into());
            };
            let (Some(first), Some(last), Some(Value::Array(master))) =
                (parts.first(), parts.get(1), parts.get(2))
            else {
                return Err("a CLUSTER SLOTS entry lacks its range or master".into());
            };
            let (first, last) = match (int(first), int(last)) {
                (Some(a), Some(b)) if a <= b && b < i64::from(SLOTS) && a >= 0 => {
                    (a as u16, b as u16)
                }
                _ => return Err("a CLUSTER SLOTS range is out of bounds".into()),
            };
            let host = match master.first() {
                Some(Value::BulkString(h)) => String::from_utf8_lossy(h).into_owned(),
                Some(Value::SimpleString(h)) => h.clone(),
                _ => return Err("a CLUSTER SLOTS master has no host".into()),
            };
            let host = if host.is_empty() || host == "?" {
                asked.to_string()
            } else if plausible_host(&host) {
                host
            } else {
                // A hostile or broken node: its text would go into lookups and messages.
                return Err(
                    "a CLUSTER SLOTS master has a host that is no host name or address".into(),
                );
            };
            let port = master
                .get(1)
                .and_then(int)
                .filter(|p| (1..=65535).contains(p))
                .ok_or("a CLUSTER SLOTS master has no port")? as u16;
            ranges.push((first, last, (host, port)));
        }
        ranges.sort_by_key(|r| r.0);
        if ranges.windows(2).any(|w| w[0].1 >= w[1].0) {
            return Err("CLUSTER SLOTS has overlapping ranges".into());
        }
        Ok(SlotMap { ranges })
    }

    /// The master that serves `slot`; None: no master does (the cluster does not cover it).
    pub fn master(&self, slot: u16) -> Option<&Endpoint> {
        let i = self.ranges.partition_point(|r| r.0 <= slot);
        let (first, last, master) = self.ranges.get(i.checked_sub(1)?)?;
        (*first <= slot && slot <= *last).then_some(master)
    }

    /// Records that `master` serves `slot` now (a `MOVED` reply), splitting a range if needed.
    pub fn set(&mut self, slot: u16, master: Endpoint) {
        if self.master(slot) == Some(&master) {
            return;
        }
        let mut ranges = Vec::with_capacity(self.ranges.len() + 2);
        for (first, last, m) in self.ranges.drain(..) {
            if first <= slot && slot <= last {
                if first < slot {
                    ranges.push((first, slot - 1, m.clone()));
                }
                if slot < last {
                    ranges.push((slot + 1, last, m));
                }
            } else {
                ranges.push((first, last, m));
            }
        }
        ranges.push((slot, slot, master));
        ranges.sort_by_key(|r| r.0);
        self.ranges = ranges;
    }

    /// Every master, once each, in slot order.
    pub fn masters(&self) -> Vec<Endpoint> {
        let mut out: Vec<Endpoint> = Vec::new();
        for (_, _, m) in &self.ranges {
            if !out.contains(m) {
                out.push(m.clone());
            }
        }
        out
    }

    /// How many slots some master serves.
    pub fn covered(&self) -> usize {
        self.ranges
            .iter()
            .map(|(a, b, _)| usize::from(*b - *a) + 1)
            .sum()
    }
}

/// A host name or IP address as a node may announce it: 1 to 253 bytes of letters, digits and
/// `. - _ :` (IPv6).
fn plausible_host(host: &str) -> bool {
    host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':'))
}

fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::BulkString(b) => std::str::from_utf8(b).ok()?.parse().ok(),
        _ => None,
    }
}

/// A redirection in a reply: `-MOVED <slot> <host>:<port>` or `-ASK <slot> <host>:<port>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Redirect {
    Moved(u16, Endpoint),
    Ask(u16, Endpoint),
}

/// The redirection an error reply's code and detail carry, if it is one.
pub fn redirect(code: &str, detail: &str) -> Option<Redirect> {
    let mut words = detail.split_whitespace();
    let slot = words.next()?.parse::<u16>().ok().filter(|s| *s < SLOTS)?;
    let (host, port) = words.next()?.rsplit_once(':')?;
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let port = port.parse::<u16>().ok().filter(|p| *p > 0)?;
    match code {
        "MOVED" => Some(Redirect::Moved(slot, (host, port))),
        "ASK" => Some(Redirect::Ask(slot, (host, port))),
        _ => None,
    }
}
