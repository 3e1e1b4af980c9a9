//! The lock itself: plain Rust, no PHP types.

pub mod client;
pub mod redlock;
pub mod wait;

pub use client::{Address, Node, NodeError, Timeouts};
pub use redlock::{Attempt, Masters};
pub use wait::{acquire_with_retries, acquire_within, new_token, Grant};
