//! `redislock.wait_replicas`: a lock granted by a master is only as safe as the copies of it,
//! since replication is asynchronous and a failover promotes a replica that may not have it.
//! With `wait_replicas = N`, every acquire is sent with `WAIT N <ms>` behind it in the same
//! write (so `WAIT` waits for that very write, on that very connection), and a grant that fewer
//! than N replicas acknowledged within the time is not a grant: the key is deleted again and
//! the acquire goes on as if the lock were busy (retried while `acquire_time` lasts, then
//! `false`). `WAIT` is given half of the server's reply timeout, so its answer always comes
//! before the reply deadline.

use std::time::Duration;

use redis::Value;

use super::error::NodeError;
use super::fanout::Reply;
use super::resp::pack;

/// How many replicas must have a new lock before it counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replicas(pub u32);

impl Replicas {
    /// `request` with `WAIT N <ms>` behind it (half of `reply_timeout`, at least 1 ms).
    pub fn behind(self, mut request: Vec<u8>, reply_timeout: Duration) -> Vec<u8> {
        let ms = (reply_timeout / 2).as_millis().max(1).to_string();
        request.extend(pack(&[
            b"WAIT",
            self.0.to_string().as_bytes(),
            ms.as_bytes(),
        ]));
        request
    }

    /// Splits the reply of a request sent `behind` WAIT: the request's own reply, and whether
    /// enough replicas acknowledged (Err: how many did, or what WAIT said instead).
    pub fn split(self, reply: Reply) -> (Reply, Result<(), NodeError>) {
        match reply {
            Reply::Value(Value::Array(mut both)) if both.len() == 2 => {
                let wait = both.pop().unwrap_or(Value::Nil);
                let own = Reply::Value(both.pop().unwrap_or(Value::Nil));
                let verdict = match wait {
                    Value::Int(n) if n >= i64::from(self.0) => Ok(()),
                    Value::Int(n) => Err(NodeError::Replicas {
                        acknowledged: n,
                        wanted: self.0,
                    }),
                    other => Err(super::decide::unexpected(&other)),
                };
                (own, verdict)
            }
            // Failed, or not the two replies expected: the caller's rules see it as it is.
            other => (other, Ok(())),
        }
    }
}
