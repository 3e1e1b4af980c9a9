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
use super::node::{Node, Timeouts};
use super::pool;

/// A server's answer to one round trip. `sent` tells whether the command may have reached it:
/// a server that never got the command holds nothing that needs cleaning up.
#[derive(Debug)]
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
    Opening(Conn),
    /// The command is (being) written: it may run there.
    Awaiting(Conn),
}

struct Exchange {
    index: usize,
    state: State,
    deadline: Instant,
    /// poll() events it waits for; 0 while it waits on nothing pollable (a lookup, a retry).
    events: i16,
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
    debug_assert_eq!(nodes.len(), timeouts.len());
    let started = Instant::now();
    let mut replies: Vec<Option<Reply>> = Vec::with_capacity(nodes.len());
    let mut pending: Vec<Exchange> = Vec::with_capacity(nodes.len());
    for (index, (node, t)) in nodes.iter().zip(timeouts).enumerate() {
        replies.push(None);
        let ex = match pool::checkout(node) {
            Some(mut conn) => {
                conn.send(command, preload);
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
        pending.push(ex);
    }
    let mut pending: Vec<Exchange> = pending
        .into_iter()
        .filter_map(|ex| advance(ex, nodes, timeouts, command, preload, &mut replies))
        .collect();

    let mut stop: Option<Instant> = None;
    let mut fds: Vec<libc::pollfd> = Vec::with_capacity(nodes.len());
    while !pending.is_empty() {
        let now = Instant::now();
        if stop.is_none() {
            stop = stop_at(&replies, started);
        }
        if stop.is_some_and(|s| now >= s) {
            break;
        }
        // Past its deadline: one last look without waiting (our own work may have been late),
        // then it failed.
        pending = pending
            .into_iter()
            .filter_map(|ex| {
                if ex.deadline > now {
                    return Some(ex);
                }
                let ex = advance(ex, nodes, timeouts, command, preload, &mut replies)?;
                let t = timeouts[ex.index];
                let (sent, error) = match ex.state {
                    State::Awaiting(_) => (true, NodeError::Timeout(t.reply.as_millis())),
                    _ => (false, NodeError::ConnectTimeout(t.connect.as_millis())),
                };
                replies[ex.index] = Some(Reply::Failed { sent, error });
                None
            })
            .collect();
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
                let sent = matches!(ex.state, State::Awaiting(_));
                let error = NodeError::Io(err.to_string());
                replies[ex.index] = Some(Reply::Failed { sent, error });
            }
            break;
        }
        pending = pending
            .into_iter()
            .zip(&fds)
            .filter_map(|(ex, fd)| {
                if fd.revents == 0 && ex.events != 0 {
                    return Some(ex);
                }
                advance(ex, nodes, timeouts, command, preload, &mut replies)
            })
            .collect();
    }
    // Not awaited: the outcome was decided without them. Their connections close here, so a
    // late reply is never read as the answer to a later command.
    for ex in pending {
        let sent = matches!(ex.state, State::Awaiting(_));
        replies[ex.index] = Some(Reply::Failed {
            sent,
            error: NodeError::NotAwaited,
        });
    }
    replies
        .into_iter()
        .map(|r| {
            r.unwrap_or(Reply::Failed {
                sent: false,
                error: NodeError::Io("not sent".into()),
            })
        })
        .collect()
}

/// Moves one exchange on as far as it goes without blocking. None when it is finished (its
/// reply, or failure, is recorded); otherwise the exchange, with what it waits for.
fn advance(
    mut ex: Exchange,
    nodes: &[Node],
    timeouts: &[Timeouts],
    command: &[u8],
    preload: &Preload,
    replies: &mut [Option<Reply>],
) -> Option<Exchange> {
    let index = ex.index;
    let fail = |replies: &mut [Option<Reply>], sent: bool, error: NodeError| {
        replies[index] = Some(Reply::Failed { sent, error });
        None
    };
    loop {
        ex.state = match ex.state {
            State::Resolving(mut lookup) => match lookup.poll() {
                None => {
                    ex.state = State::Resolving(lookup);
                    ex.events = 0;
                    return Some(ex);
                }
                Some(Err(e)) => return fail(replies, false, e),
                Some(Ok(addrs)) => match Conn::dial(&nodes[ex.index], addrs, pool::current_pid()) {
                    Ok(conn) => State::Opening(conn),
                    Err(e) => return fail(replies, false, e),
                },
            },
            State::Opening(mut conn) => match conn.step() {
                Ok(Step::Ready) => {
                    conn.send(command, preload);
                    ex.deadline = Instant::now() + timeouts[ex.index].reply;
                    State::Awaiting(conn)
                }
                Ok(Step::Wait(events)) => {
                    ex.events = events;
                    ex.state = State::Opening(conn);
                    return Some(ex);
                }
                Ok(Step::Retry) => {
                    ex.events = 0;
                    ex.state = State::Opening(conn);
                    return Some(ex);
                }
                Ok(Step::Reply(_)) => {
                    return fail(
                        replies,
                        false,
                        NodeError::Protocol("a reply before any command".into()),
                    )
                }
                Err(e) => return fail(replies, false, e),
            },
            State::Awaiting(mut conn) => match conn.step() {
                Ok(Step::Reply(value)) => {
                    pool::checkin(conn);
                    replies[ex.index] = Some(Reply::Value(value));
                    return None;
                }
                Ok(Step::Wait(events)) => {
                    ex.events = events;
                    ex.state = State::Awaiting(conn);
                    return Some(ex);
                }
                Ok(Step::Retry | Step::Ready) => {
                    return fail(
                        replies,
                        true,
                        NodeError::Protocol("connection lost its command".into()),
                    )
                }
                Err(e) => return fail(replies, true, e),
            },
        };
    }
}
