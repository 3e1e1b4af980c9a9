//! Redis Cluster: which master serves a key now, and following the cluster's redirections.
//!
//! The slot map (`CLUSTER SLOTS`) is read at the first call and cached per process, one per
//! cluster (entries that share a seed share it). It is read again (from the node that answered
//! last, then the masters it named, then the seeds, each with an equal share of what is left of
//! the connect timeout) after a reply that says it is out of date: `-MOVED` (the slot is
//! recorded at once), a connection error or timeout, `-CLUSTERDOWN`. A node that is down fails
//! only the calls for its slots (and costs the others a map read until it is taken over).
//!
//! After a round (`follow`): `-MOVED` sends the command to the master named, `-ASK` sends it once
//! to the node named behind `ASKING` (a slot being migrated: the map is not changed),
//! `-TRYAGAIN` (a multi-key script while the slot's keys are split between two nodes) sends it
//! again after a pause, and a command that certainly ran nowhere (connection refused) goes to
//! the master a new map names, if it names another; all within the node's connect + reply
//! timeout, at most `MAX_HOPS` times. Nothing that may have run is sent twice.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use redis::Value;

use super::conn::Preload;
use super::error::NodeError;
use super::fanout::{round_trip, round_trip_asking, Reply};
use super::node::{Address, Node, Seeds, Timeouts};
use super::resp::pack;
use super::sentinel_ask::shown;
use super::slots::{key_slot, redirect, Endpoint, Redirect, SlotMap};

/// Most redirections one command follows.
const MAX_HOPS: usize = 8;
/// While no node answers, the map is asked for again at most this often.
const RETRY_MAP: Duration = Duration::from_millis(100);

struct Known {
    seeds: Seeds,
    map: Option<SlotMap>,
    /// A reply said the map may be out of date: read it again before the next use.
    stale: bool,
    /// The node that answered last: asked first next time.
    preferred: Option<Endpoint>,
    /// When a read of the map last failed at every node.
    failed_at: Option<Instant>,
}

static KNOWN: Mutex<Vec<Known>> = Mutex::new(Vec::new());
/// Redirections followed by this process: `-MOVED`, `-ASK`, `-TRYAGAIN` (phpinfo, tests).
static FOLLOWED: [AtomicU64; 3] = [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)];

/// How many `-MOVED`, `-ASK` and `-TRYAGAIN` replies this process has followed.
pub fn redirections() -> (u64, u64, u64) {
    let n = |i: usize| FOLLOWED[i].load(Ordering::Relaxed);
    (n(0), n(1), n(2))
}
fn known() -> MutexGuard<'static, Vec<Known>> {
    KNOWN.lock().unwrap_or_else(PoisonError::into_inner)
}

fn entry<'a>(known: &'a mut Vec<Known>, seeds: &Seeds) -> &'a mut Known {
    let i = match known.iter().position(|k| k.seeds.same_cluster(seeds)) {
        Some(i) => i,
        None => {
            known.push(Known {
                seeds: seeds.clone(),
                map: None,
                stale: true,
                preferred: None,
                failed_at: None,
            });
            known.len() - 1
        }
    };
    &mut known[i]
}

/// `node` (a Cluster entry) as the cluster node at `endpoint`.
pub fn at(node: &Node, (host, port): &Endpoint) -> Node {
    Node {
        address: Address::Tcp {
            host: host.clone(),
            port: *port,
        },
        db: 0,
        ..node.clone()
    }
}

/// The slot of the key `command` works on.
pub fn slot_of(command: &[u8]) -> Result<u16, NodeError> {
    super::resp::key_of(command)
        .map(key_slot)
        .ok_or_else(|| NodeError::Cluster("a command without a key cannot go to a Cluster".into()))
}

/// The node to send a command for `slot` to: the master the cached map names (the map read
/// first when unknown or out of date, within `timeouts.connect`).
pub fn master_for(
    node: &Node,
    seeds: &Seeds,
    slot: u16,
    timeouts: Timeouts,
    preload: &Preload,
) -> Result<Node, NodeError> {
    // The usual case, a usable cached map: only the master's address is copied out.
    let cached = {
        let mut known = known();
        let k = entry(&mut known, seeds);
        let usable = !k.stale || k.failed_at.is_some_and(|t| t.elapsed() < RETRY_MAP);
        match &k.map {
            Some(map) if usable => Ok(served(node, seeds, map, slot)),
            _ => Err((k.map.clone(), k.preferred.clone())),
        }
    };
    let found = match cached {
        Ok(found) => found,
        Err((old, preferred)) => {
            match read_map(node, seeds, old.as_ref(), preferred, timeouts, preload) {
                Ok(map) => served(node, seeds, &map, slot),
                // No node answered: the map they gave last stays in use.
                Err(error) => match old {
                    Some(map) => served(node, seeds, &map, slot),
                    None => return Err(error),
                },
            }
        }
    };
    if found.is_err() {
        // Read again (at most every RETRY_MAP): a failover or a new node may serve it now.
        let mut known = known();
        let k = entry(&mut known, seeds);
        k.stale = true;
        k.failed_at.get_or_insert_with(Instant::now);
    }
    found
}

/// The node serving `slot` by `map`; an error when no master does.
fn served(node: &Node, seeds: &Seeds, map: &SlotMap, slot: u16) -> Result<Node, NodeError> {
    match map.master(slot) {
        Some(master) => Ok(at(node, master)),
        None => Err(NodeError::Cluster(format!(
            "no master of {seeds} serves slot {slot} ({} of 16384 slots are served)",
            map.covered()
        ))),
    }
}

/// Reads the map from the cluster's nodes in turn, and remembers it.
fn read_map(
    node: &Node,
    seeds: &Seeds,
    old: Option<&SlotMap>,
    preferred: Option<Endpoint>,
    timeouts: Timeouts,
    preload: &Preload,
) -> Result<SlotMap, NodeError> {
    let mut candidates: Vec<Endpoint> = preferred.into_iter().collect();
    for e in old
        .map(SlotMap::masters)
        .unwrap_or_default()
        .into_iter()
        .chain(seeds.seeds.iter().cloned())
    {
        if !candidates.contains(&e) {
            candidates.push(e);
        }
    }
    let deadline = Instant::now() + timeouts.connect;
    let ask = pack(&[b"CLUSTER", b"SLOTS"]);
    let mut said = Vec::new();
    // A node in the middle of a failover may answer a map with slots missing (the failed
    // master's): the best one is kept while the others are asked for a whole one.
    let mut best: Option<(SlotMap, Endpoint)> = None;
    let count = candidates.len();
    for (k, candidate) in candidates.iter().enumerate() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            said.push(format!(
                "{}: not asked (the connect timeout was spent)",
                shown(candidate)
            ));
            continue;
        }
        let share = (left / (count - k) as u32).max(Duration::from_millis(1));
        let t = Timeouts {
            connect: share,
            reply: share,
        };
        let target = at(node, candidate);
        let reply = round_trip(
            std::slice::from_ref(&target),
            &[t],
            &ask,
            preload,
            &|_, _| None,
        )
        .pop();
        let why = match reply {
            Some(Reply::Value(v @ Value::Array(_))) => {
                match SlotMap::from_reply(&v, &candidate.0) {
                    Ok(map) if map.covered() == usize::from(super::slots::SLOTS) => {
                        return Ok(remember(seeds, map, candidate, true));
                    }
                    Ok(map) if map.covered() > 0 => {
                        let covered = map.covered();
                        if best.as_ref().is_none_or(|(b, _)| b.covered() < covered) {
                            best = Some((map, candidate.clone()));
                        }
                        format!("serves {covered} of 16384 slots")
                    }
                    Ok(_) => "serves no slot (CLUSTER SLOTS is empty)".to_string(),
                    Err(e) => e,
                }
            }
            Some(Reply::Value(Value::ServerError(e))) => {
                format!("{} {}", e.code(), e.details().unwrap_or(""))
            }
            Some(Reply::Value(other)) => super::decide::unexpected(&other).to_string(),
            Some(Reply::Failed { error, .. }) => error.to_string(),
            None => "no reply".into(),
        };
        said.push(format!("{}: {why}", shown(candidate)));
    }
    if let Some((map, from)) = best {
        // Used for the slots it has, and read again at the next call (at most every RETRY_MAP).
        return Ok(remember(seeds, map, &from, false));
    }
    entry(&mut known(), seeds).failed_at = Some(Instant::now());
    Err(NodeError::Cluster(format!(
        "the slot map of {seeds} could not be read: {}",
        said.join("; ")
    )))
}

/// Caches a map read from `from`; `whole`: it covers every slot (else it is read again soon).
fn remember(seeds: &Seeds, map: SlotMap, from: &Endpoint, whole: bool) -> SlotMap {
    let mut known = known();
    let k = entry(&mut known, seeds);
    k.map = Some(map.clone());
    k.stale = !whole;
    k.preferred = Some(from.clone());
    k.failed_at = (!whole).then(Instant::now);
    map
}

/// Marks the map of `seeds` out of date (read again before its next use).
pub fn outdated(seeds: &Seeds) {
    entry(&mut known(), seeds).stale = true;
}

/// Records a `-MOVED`: `slot` is served by `master` now, and the rest of the map is read again
/// at the next call (a slot seldom moves alone).
fn moved(seeds: &Seeds, slot: u16, master: Endpoint) {
    let mut known = known();
    let k = entry(&mut known, seeds);
    if let Some(map) = k.map.as_mut() {
        map.set(slot, master);
    }
    k.stale = true;
}

/// Whether a reply says the map may be out of date.
pub fn means_outdated(reply: &Reply) -> bool {
    match reply {
        Reply::Value(Value::ServerError(e)) => matches!(e.code(), "MOVED" | "CLUSTERDOWN"),
        Reply::Failed { error, .. } => error.may_mean_moved(),
        Reply::Value(_) => false,
    }
}

/// The reply of a Cluster entry after following its redirections (see the module's comment),
/// and the node it came from. `target` is the node `reply` came from.
pub fn follow(
    node: &Node,
    seeds: &Seeds,
    target: Node,
    mut reply: Reply,
    command: &[u8],
    timeouts: Timeouts,
    preload: &Preload,
) -> (Reply, Address) {
    let deadline = Instant::now() + timeouts.connect + timeouts.reply;
    let mut target = target;
    // The node of the last `-ASK`: a `-TRYAGAIN` from it is asked again there, with ASKING.
    let mut asked: Option<Node> = None;
    let mut pause = Duration::from_millis(5);
    let mut hops = 0;
    while hops < MAX_HOPS {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let t = Timeouts {
            connect: timeouts.connect.min(left),
            reply: timeouts.reply.min(left),
        };
        let send = |to: &Node, asking: bool| {
            if asking {
                return round_trip_asking(to, t, command, preload);
            }
            round_trip(std::slice::from_ref(to), &[t], command, preload, &|_, _| {
                None
            })
            .pop()
            .unwrap_or(Reply::Failed {
                sent: false,
                error: NodeError::Io("not sent".into()),
            })
        };
        let error = match &reply {
            Reply::Value(Value::ServerError(e)) => {
                Some((e.code().to_string(), e.details().unwrap_or("").to_string()))
            }
            _ => None,
        };
        match error.as_ref().map(|(c, d)| (c.as_str(), redirect(c, d))) {
            Some((_, Some(Redirect::Moved(slot, master)))) => {
                hops += 1;
                FOLLOWED[0].fetch_add(1, Ordering::Relaxed);
                moved(seeds, slot, master.clone());
                target = at(node, &master);
                asked = None;
                reply = send(&target, false);
            }
            Some((_, Some(Redirect::Ask(_, to)))) => {
                hops += 1;
                FOLLOWED[1].fetch_add(1, Ordering::Relaxed);
                let to = at(node, &to);
                reply = send(&to, true);
                asked = Some(to);
            }
            // A multi-key script while its slot's keys are split between two nodes (or
            // missing there): it ran nowhere; the migration usually ends within milliseconds.
            Some(("TRYAGAIN", None)) => {
                if pause >= left {
                    break;
                }
                FOLLOWED[2].fetch_add(1, Ordering::Relaxed);
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
                reply = match &asked {
                    Some(to) => send(to, true),
                    None => send(&target, false),
                };
            }
            Some(("CLUSTERDOWN", None)) => {
                outdated(seeds);
                break;
            }
            _ => {
                let ran_nowhere = matches!(&reply, Reply::Failed { sent: false, error }
                    if !matches!(error, NodeError::Cluster(_) | NodeError::Handshake(_)));
                if !ran_nowhere {
                    break;
                }
                hops += 1;
                outdated(seeds);
                let Ok(slot) = slot_of(command) else { break };
                match master_for(node, seeds, slot, t, preload) {
                    Ok(now) if now.address != target.address => {
                        target = now;
                        asked = None;
                        reply = send(&target, false);
                    }
                    _ => break,
                }
            }
        }
    }
    if means_outdated(&reply) {
        outdated(seeds);
    }
    (reply, asked.unwrap_or(target).address)
}

/// Every cluster this process asked about: its seeds, and how many masters its map names
/// (None: no map read yet).
pub fn known_clusters() -> Vec<(String, Option<usize>)> {
    known()
        .iter()
        .map(|k| {
            (
                k.seeds.to_string(),
                k.map.as_ref().map(|m| m.masters().len()),
            )
        })
        .collect()
}
