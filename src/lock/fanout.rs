//! One command to N servers: the connects, handshakes, writes and reads of all of them go on at
//! once, driven by one poll() loop, each bounded by its own deadline (connect timeout while
//! connecting and handshaking, reply timeout once its command is written). Nothing here blocks
//! on one server while another's answer waits: a hanging connect costs its own timeout, once.
//! poll() instead of threads: a PHP worker is single-threaded, the servers are few, and no
//! thread outlives a call. When to stop awaiting the stragglers is the caller's decision.

use std::time::{Duration, Instant};

use redis::Value;

use super::conn::{Conn, Preload, Step};
use super::dial::Lookup;
use super::error::NodeError;
use super::identity;
use super::node::{Node, Timeouts};
use super::pool;

/// A server's answer to one round trip. `sent` tells whether the command may have reached it:
/// a server that never got the command holds nothing that needs cleaning up.
#[derive(Clone, Debug)]
pub enum Reply {
    Value(Value),
    Failed { sent: bool, error: NodeError },
}

/// How a command reaches several nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FanOut {
    /// All nodes at once: the cost is the slowest node, not the sum.
    Concurrent,
    /// One node after another, as the PHP Redlock ports do (kept for comparison benchmarks).
    OneByOne,
}

/// Given the replies so far (None: not in yet) and when the round started, the instant after
/// which the replies still out are not awaited, once the outcome is decided; None: await each
/// until its deadline.
pub type StopAt<'a> = &'a dyn Fn(&[Option<Reply>], Instant) -> Option<Instant>;

enum State {
    Resolving(Lookup),
    /// Connecting and handshaking: nothing of the command was written yet.
    Opening(Box<Conn>),
    /// The command is (being) written: it may run there.
    Awaiting(Box<Conn>),
    /// Its reply or failure is recorded.
    Finished,
}

struct Exchange {
    index: usize,
    state: State,
    deadline: Instant,
    /// poll() events it waits for; 0 while it waits on nothing pollable (a lookup, a retry).
    events: i16,
}

/// One round trip: what is sent, and what came back so far.
struct Round<'a> {
    nodes: &'a [Node],
    timeouts: &'a [Timeouts],
    command: &'a [u8],
    preload: &'a Preload,
    /// Replies to drop before the one that counts (commands packed ahead of it).
    skip: usize,
    replies: Vec<Option<Reply>>,
}

/// `round_trip`, or the same round trips one node after another.
pub fn round_trip_with(
    fan_out: FanOut,
    nodes: &[Node],
    timeouts: &[Timeouts],
    command: &[u8],
    preload: &Preload,
    stop_at: StopAt<'_>,
) -> Vec<Reply> {
    match fan_out {
        FanOut::Concurrent => round_trip(nodes, timeouts, command, preload, stop_at),
        FanOut::OneByOne => (0..nodes.len())
            .flat_map(|i| {
                round_trip(
                    &nodes[i..=i],
                    &timeouts[i..=i],
                    command,
                    preload,
                    &|_, _| None,
                )
            })
            .collect(),
    }
}

/// Sends `command` to every node (on a pooled connection, or a new one once its handshake
/// succeeded) and reads the replies as they arrive, until each is in, failed or past its
/// deadline, or `stop_at` has passed. `preload` goes ahead of the command on new connections.
pub fn round_trip(
    nodes: &[Node],
    timeouts: &[Timeouts],
    command: &[u8],
    preload: &Preload,
    stop_at: StopAt<'_>,
) -> Vec<Reply> {
    round_trip_skipping(nodes, timeouts, command, 0, preload, stop_at)
}

/// One command to one node, with Redis Cluster's `ASKING` ahead of it (its reply dropped):
/// the answer to an `-ASK` redirection.
pub fn round_trip_asking(
    node: &Node,
    timeouts: Timeouts,
    command: &[u8],
    preload: &Preload,
) -> Reply {
    let mut asking = b"*1\r\n$6\r\nASKING\r\n".to_vec();
    asking.extend_from_slice(command);
    let nodes = std::slice::from_ref(node);
    let mut replies = round_trip_skipping(nodes, &[timeouts], &asking, 1, preload, &|_, _| None);
    replies.pop().unwrap_or(Reply::Failed {
        sent: false,
        error: NodeError::Io("not sent".into()),
    })
}

/// `round_trip` of `command`, whose first `skip` replies are dropped.
fn round_trip_skipping(
    nodes: &[Node],
    timeouts: &[Timeouts],
    command: &[u8],
    skip: usize,
    preload: &Preload,
    stop_at: StopAt<'_>,
) -> Vec<Reply> {
    debug_assert_eq!(nodes.len(), timeouts.len());
    let started = Instant::now();
    let mut round = Round {
        nodes,
        timeouts,
        command,
        preload,
        skip,
        replies: (0..nodes.len()).map(|_| None).collect(),
    };
    let mut pending: Vec<Exchange> = Vec::with_capacity(nodes.len());
    for (index, (node, t)) in nodes.iter().zip(timeouts).enumerate() {
        let mut ex = match pool::checkout(node) {
            Some(mut conn) => {
                conn.send(command, preload);
                conn.skip_replies(skip);
                Exchange {
                    index,
                    state: State::Awaiting(conn),
                    deadline: started + t.reply,
                    events: 0,
                }
            }
            None => Exchange {
                index,
                state: State::Resolving(Lookup::start(node)),
                deadline: started + t.connect,
                events: 0,
            },
        };
        if !round.advance(&mut ex) {
            pending.push(ex);
        }
    }

    let mut stop: Option<Instant> = None;
    let mut fds: Vec<libc::pollfd> = Vec::with_capacity(nodes.len());
    while !pending.is_empty() {
        let now = Instant::now();
        if stop.is_none() {
            stop = stop_at(&round.replies, started);
        }
        if stop.is_some_and(|s| now >= s) {
            // One last look without waiting: a reply that has just arrived is used (and its
            // connection kept), not thrown away with the connection (e.g. a wake-up at the cut).
            pending.retain_mut(|ex| !round.advance(ex));
            break;
        }
        // Past its deadline: one last look without waiting (our own work may have been late),
        // then it failed.
        pending.retain_mut(|ex| {
            if ex.deadline > now {
                return true;
            }
            if round.advance(ex) {
                return false;
            }
            // It may have moved on to its next phase, which has a deadline of its own.
            ex.deadline > now || !round.expire(ex)
        });
        if pending.is_empty() {
            break;
        }
        let mut until = pending.iter().map(|ex| ex.deadline).min().unwrap_or(now);
        if let Some(s) = stop {
            until = until.min(s);
        }
        // A lookup or a full Unix backlog has nothing to poll: look again in a millisecond.
        if pending.iter().any(|ex| ex.events == 0) {
            until = until.min(now + Duration::from_millis(1));
        }
        // One exchange left, waiting for its reply (the single-server round trip): a blocking
        // read bounded by the same wait, one system call where poll() and a read are two.
        if let [ex] = pending.as_mut_slice() {
            if let (State::Awaiting(conn), libc::POLLIN) = (&mut ex.state, ex.events) {
                let waited = conn.wait_readable(until.saturating_duration_since(now));
                let done = match waited {
                    Ok(_) => round.advance(ex),
                    Err(e) => {
                        round.fail(ex, e);
                        true
                    }
                };
                if done {
                    pending.clear();
                }
                continue;
            }
        }
        fds.clear();
        fds.extend(pending.iter().map(|ex| libc::pollfd {
            fd: match &ex.state {
                State::Opening(c) | State::Awaiting(c) if ex.events != 0 => c.fd(),
                _ => -1, // poll() ignores negative descriptors
            },
            events: ex.events,
            revents: 0,
        }));
        let wait = until.saturating_duration_since(now);
        let wait_ms = wait.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32;
        // SAFETY: a valid array of pollfd of the length given, for descriptors we own.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, wait_ms) };
        if n < 0 {
            let err = std::io::Error::last_os_error();
            if err.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            for ex in pending.drain(..) {
                round.fail(&ex, NodeError::Io(err.to_string()));
            }
            break;
        }
        let mut ready = fds.iter().map(|fd| fd.revents != 0);
        pending.retain_mut(|ex| {
            let polled = ready.next().unwrap_or(true);
            (ex.events != 0 && !polled) || !round.advance(ex)
        });
    }
    // Not awaited: the outcome was decided without them. Their connections close here, so a
    // late reply is never read as the answer to a later command.
    for ex in pending {
        round.fail(&ex, NodeError::NotAwaited);
    }
    round
        .replies
        .into_iter()
        .map(|r| {
            r.unwrap_or(Reply::Failed {
                sent: false,
                error: NodeError::Io("not sent".into()),
            })
        })
        .collect()
}

impl Round<'_> {
    /// Records a failure; `sent` follows from how far the exchange got.
    fn fail(&mut self, ex: &Exchange, error: NodeError) {
        let sent = matches!(ex.state, State::Awaiting(_));
        self.replies[ex.index] = Some(Reply::Failed { sent, error });
    }

    /// Records that its deadline passed (connect or reply, by the phase it is in). True: done.
    fn expire(&mut self, ex: &Exchange) -> bool {
        let t = self.timeouts[ex.index];
        let error = match &ex.state {
            State::Awaiting(_) => NodeError::Timeout(t.reply.as_millis()),
            State::Opening(conn) if conn.tls_handshaking() => {
                NodeError::TlsTimeout(t.connect.as_millis())
            }
            _ => NodeError::ConnectTimeout(t.connect.as_millis()),
        };
        self.fail(ex, error);
        true
    }

    /// Moves one exchange on as far as it goes without blocking. True when it is finished (its
    /// reply, or failure, is recorded); otherwise it says what it waits for.
    fn advance(&mut self, ex: &mut Exchange) -> bool {
        loop {
            let (next, outcome) = match std::mem::replace(&mut ex.state, State::Finished) {
                State::Resolving(mut lookup) => match lookup.poll() {
                    None => (State::Resolving(lookup), Some(0)),
                    Some(Err(e)) => (State::Finished, self.failed(ex, false, e)),
                    Some(Ok(addrs)) => {
                        match Conn::dial(&self.nodes[ex.index], addrs, pool::current_pid()) {
                            Ok(conn) => (State::Opening(conn), None),
                            Err(e) => (State::Finished, self.failed(ex, false, e)),
                        }
                    }
                },
                State::Opening(mut conn) => match conn.step() {
                    Ok(Step::Ready) => {
                        conn.send(self.command, self.preload);
                        conn.skip_replies(self.skip);
                        ex.deadline = Instant::now() + self.timeouts[ex.index].reply;
                        (State::Awaiting(conn), None)
                    }
                    Ok(Step::Wait(events)) => (State::Opening(conn), Some(events)),
                    Ok(Step::Retry) => (State::Opening(conn), Some(0)),
                    Ok(Step::Reply(_)) => {
                        let e = NodeError::Protocol("a reply before any command".into());
                        (State::Finished, self.failed(ex, false, e))
                    }
                    Err(e) => (State::Finished, self.failed(ex, false, e)),
                },
                State::Awaiting(mut conn) => match conn.step() {
                    Ok(Step::Reply(value)) => {
                        if let Some(identity) = conn.take_identity() {
                            identity::learn(&self.nodes[ex.index].address, identity);
                        }
                        pool::checkin(conn);
                        self.replies[ex.index] = Some(Reply::Value(value));
                        (State::Finished, None)
                    }
                    Ok(Step::Wait(events)) => (State::Awaiting(conn), Some(events)),
                    Ok(Step::Retry | Step::Ready) => {
                        let e = NodeError::Protocol("connection lost its command".into());
                        (State::Finished, self.failed(ex, true, e))
                    }
                    Err(e) => (State::Finished, self.failed(ex, true, e)),
                },
                State::Finished => return true,
            };
            ex.state = next;
            if let Some(events) = outcome {
                ex.events = events;
                return false;
            }
        }
    }

    /// Records a failure; None, so `advance` goes on to `Finished`.
    fn failed(&mut self, ex: &Exchange, sent: bool, error: NodeError) -> Option<i16> {
        self.replies[ex.index] = Some(Reply::Failed { sent, error });
        None
    }
}
