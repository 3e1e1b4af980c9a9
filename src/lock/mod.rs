//! The lock itself: plain Rust, no PHP types. Layers, each using only those after it:
//! - `wait`: how an acquire spends its time (retries, backoff, a fresh token per attempt);
//!   `watchdog`: the thread that renews leased locks while their process holds them;
//! - `redlock` (acquire), `release` (release, extend) and `wake` (a waiting acquire's attempt
//!   and its BLPOP on one server): the rounds over N masters;
//! - `shared`: read locks (many readers or the exclusive writer, upgrade, downgrade), with
//!   their scripts in `rw_scripts`;
//! - `decide`: what replies mean (pure); `identity`: which server each entry really is;
//!   `scripts`: the Lua scripts; `clock`: the validity clock (CLOCK_BOOTTIME);
//! - `route`: a round whose entries may be Sentinel services, sent to their masters, using
//!   `sentinel` (which server is a service's master now: cached per process, asked again when
//!   it may have moved) and `sentinel_ask` (asking the sentinels, the ROLE check), and
//!   `cluster` (a Cluster's slot map, cached per process; its redirections) with `slots`
//!   (CRC16, hash tags, the map itself: pure);
//! - `fanout`: one command to N servers in one poll() loop;
//! - `pool`: idle connections per process;
//! - `conn`: one connection, using `dial` (lookups, sockets), `handshake` (AUTH, SELECT),
//!   `tls_io` (a TLS session over the socket) and `tls` (rustls configuration and errors), `inbuf` (received bytes) and `resp` (the protocol);
//! - `node` (a server) and `error` (the one error enum, quoting) under all of them.

pub mod clock;
pub mod cluster;
pub mod conn;
pub mod decide;
pub mod dial;
pub mod error;
pub mod fanout;
pub mod handshake;
pub mod identity;
pub mod inbuf;
pub mod node;
pub mod pool;
pub mod redlock;
pub mod release;
pub mod replicas;
pub mod resp;
pub mod route;
pub mod rw_scripts;
pub mod scripts;
pub mod sentinel;
pub mod sentinel_ask;
pub mod shared;
pub mod slots;
pub mod tls;
pub mod tls_io;
pub mod wait;
pub mod wake;
pub mod watchdog;

pub use decide::{decide, Decision};
pub use error::{mask_credentials, quote, quote_masked, Error, NodeError, NodeFailure};
pub use fanout::Reply;
pub use node::{Address, Node, Seeds, Sentinels, Timeouts};
pub use pool::{close_all, current_pid, pooled_connections};
pub use redlock::{Attempt, Masters};
pub use release::Renewal;
pub use wait::{acquire_with_retries, acquire_within, new_token, Grant};
