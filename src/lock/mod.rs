//! The lock itself: plain Rust, no PHP types. Layers, each using only those listed after it:
//! `wait` (how an acquire spends its time) -> `redlock` (the rounds of an acquire, release,
//! extend) -> `decide` (what replies mean), `scripts`, `fanout` (one command to N servers) ->
//! `pool` -> `conn` (one connection) -> `dial`, `resp`, `node` -> `error`.

pub mod clock;
pub mod conn;
pub mod decide;
pub mod dial;
pub mod error;
pub mod fanout;
pub mod identity;
pub mod node;
pub mod pool;
pub mod redlock;
pub mod resp;
pub mod scripts;
pub mod wait;

pub use decide::{decide, Decision};
pub use error::{mask_credentials, quote, quote_masked, Error, NodeError, NodeFailure};
pub use fanout::Reply;
pub use node::{Address, Node, Timeouts};
pub use pool::{close_all, current_pid, pooled_connections};
pub use redlock::{Attempt, Masters};
pub use wait::{acquire_with_retries, acquire_within, new_token, Grant};
