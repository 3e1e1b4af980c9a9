//! A round trip whose nodes may be Sentinel services or Clusters: each is replaced by the
//! master its sentinels name now (`sentinel`, cached per process) or the master that serves the
//! command's key (`cluster`, the slot map cached per process), the round goes to the masters in
//! one fan-out, and a reply that says the master moved (a connection error, `-READONLY`,
//! `-LOADING`, `-MOVED`) makes the sentinels or the map be asked again at the next round. A
//! Cluster's redirections are followed after the round (`cluster::follow`). Plain nodes go
//! straight to the fan-out, unchanged and without a copy.
//!
//! With one server, a command that certainly ran nowhere (refused `-READONLY` or `-LOADING`, or
//! never sent: the old master's port is closed) goes once more to the master the sentinels name
//! then, if that is another server: a failover that has finished costs no failed call. Nothing
//! that may have run is sent twice, and a quorum's round is never repeated (its rules decide
//! from one round).

use super::cluster;
use super::conn::Preload;
use super::error::NodeError;
use super::fanout::{round_trip_with, FanOut, Reply, StopAt};
use super::node::{Address, Node, Timeouts};
use super::sentinel;

/// `fanout::round_trip_with`, with Sentinel entries sent to their masters.
pub fn round_trip(
    fan_out: FanOut,
    nodes: &[Node],
    timeouts: &[Timeouts],
    command: &[u8],
    preload: &Preload,
    stop_at: StopAt<'_>,
) -> Vec<Reply> {
    if !nodes.iter().any(Node::is_routed) {
        return round_trip_with(fan_out, nodes, timeouts, command, preload, stop_at);
    }
    let (replies, dialed) = routed(fan_out, nodes, timeouts, command, preload, stop_at);
    if let ([node], [reply], [Some(first)]) = (nodes, replies.as_slice(), dialed.as_slice()) {
        if ran_nowhere(reply) {
            let now = node
                .sentinels()
                .and_then(|set| sentinel::master_of(node, set, timeouts[0], preload).ok());
            if now.is_some_and(|n| n.address != *first) {
                return routed(fan_out, nodes, timeouts, command, preload, stop_at).0;
            }
        }
    }
    replies
}

/// Whether a reply says for certain that the command did not run, in a way another master
/// may answer differently.
fn ran_nowhere(reply: &Reply) -> bool {
    match reply {
        Reply::Value(redis::Value::ServerError(e)) => matches!(e.code(), "READONLY" | "LOADING"),
        Reply::Failed { sent: false, error } => {
            sentinel::means_moved(reply) && !matches!(error, NodeError::Sentinel(_))
        }
        _ => false,
    }
}

/// A failure of the server an entry was routed to, its message naming that server (the entry
/// alone, `sentinel:...` or `cluster:...`, does not say which one failed).
fn naming(reply: Reply, at: &Address) -> Reply {
    let Address::Tcp { host, port } = at else {
        return reply;
    };
    let named = |e: String| {
        format!(
            "{}: {e}",
            super::sentinel_ask::shown(&(host.clone(), *port))
        )
    };
    match reply {
        Reply::Failed { sent, error } => Reply::Failed {
            sent,
            error: match error {
                NodeError::Io(e) => NodeError::Io(named(e)),
                NodeError::Protocol(e) => NodeError::Protocol(named(e)),
                NodeError::Reply(e) => NodeError::Reply(named(e)),
                NodeError::Tls(e) => NodeError::Tls(named(e)),
                other => other,
            },
        },
        other => other,
    }
}

/// Whether a Cluster entry's reply is a redirection, or a failure that may be one.
fn needs_following(reply: &Reply) -> bool {
    match reply {
        Reply::Value(redis::Value::ServerError(e)) => {
            matches!(e.code(), "MOVED" | "ASK" | "TRYAGAIN" | "CLUSTERDOWN")
        }
        Reply::Value(_) => false,
        Reply::Failed { .. } => cluster::means_outdated(reply),
    }
}

/// One round with each Sentinel or Cluster entry resolved; the replies, and the address each node was
/// sent to (None: its master could not be found; its reply says why).
fn routed(
    fan_out: FanOut,
    nodes: &[Node],
    timeouts: &[Timeouts],
    command: &[u8],
    preload: &Preload,
    stop_at: StopAt<'_>,
) -> (Vec<Reply>, Vec<Option<Address>>) {
    let mut targets = Vec::with_capacity(nodes.len());
    let mut target_timeouts = Vec::with_capacity(nodes.len());
    // Where each target's reply goes.
    let mut index = Vec::with_capacity(nodes.len());
    let mut early: Vec<Option<Reply>> = vec![None; nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        let target = match &node.address {
            Address::Sentinel(set) => sentinel::master_of(node, set, timeouts[i], preload),
            Address::Cluster(seeds) => cluster::slot_of(command)
                .and_then(|slot| cluster::master_for(node, seeds, slot, timeouts[i], preload)),
            _ => Ok(node.clone()),
        };
        match target {
            Ok(t) => {
                targets.push(t);
                target_timeouts.push(timeouts[i]);
                index.push(i);
            }
            Err(error) => early[i] = Some(Reply::Failed { sent: false, error }),
        }
    }
    // The rules see every node's reply, those that failed before the round too.
    let whole = |sub: &[Option<Reply>], started| {
        let mut all = early.clone();
        for (j, reply) in sub.iter().enumerate() {
            all[index[j]] = reply.clone();
        }
        stop_at(&all, started)
    };
    let stop: StopAt<'_> = if targets.len() == nodes.len() {
        stop_at
    } else {
        &whole
    };
    let sub = if targets.is_empty() {
        Vec::new()
    } else {
        round_trip_with(fan_out, &targets, &target_timeouts, command, preload, stop)
    };
    let mut dialed: Vec<Option<Address>> = vec![None; nodes.len()];
    let mut replies = early;
    for ((j, mut reply), target) in sub.into_iter().enumerate().zip(targets) {
        let i = index[j];
        match &nodes[i].address {
            Address::Sentinel(set) => {
                if sentinel::means_moved(&reply) {
                    sentinel::forget(set, &target.address);
                }
                reply = naming(reply, &target.address);
            }
            Address::Cluster(seeds) if needs_following(&reply) => {
                let (t, node) = (timeouts[i], &nodes[i]);
                let (last, from) =
                    cluster::follow(node, seeds, target.clone(), reply, command, t, preload);
                reply = naming(last, &from);
            }
            _ => {}
        }
        dialed[i] = Some(target.address);
        replies[i] = Some(reply);
    }
    let replies = replies
        .into_iter()
        .map(|r| {
            r.unwrap_or(Reply::Failed {
                sent: false,
                error: super::error::NodeError::Io("not sent".into()),
            })
        })
        .collect();
    (replies, dialed)
}
