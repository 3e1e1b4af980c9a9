//! The locks this process's request took while `redislock.auto_release` was on and has not
//! released: the classes add and remove them, the request end takes what is left.

use std::sync::Arc;

use parking_lot::Mutex;

use crate::config;
use crate::lock::{current_pid, Masters};

pub struct Held {
    pub masters: Arc<Masters>,
    pub key: Vec<u8>,
    pub token: String,
    pub pid: u32,
    /// A reader of a shared lock (released by `release_shared`).
    pub shared: bool,
}

static HELD: Mutex<Vec<Held>> = Mutex::new(Vec::new());

/// Tracks a lock for release at request end, when `redislock.auto_release` is on now.
pub fn remember(masters: &Arc<Masters>, key: &[u8], token: &str) {
    remember_as(masters, key, token, false);
}

/// `remember` for a reader of a shared lock.
pub fn remember_shared(masters: &Arc<Masters>, key: &[u8], token: &str) {
    remember_as(masters, key, token, true);
}

fn remember_as(masters: &Arc<Masters>, key: &[u8], token: &str, shared: bool) {
    if !super::ini::bytes(config::INI_AUTO_RELEASE, config::parse_bool) {
        return;
    }
    let held = Held {
        masters: masters.clone(),
        key: key.to_vec(),
        token: token.to_string(),
        pid: current_pid(),
        shared,
    };
    HELD.lock().push(held);
}

pub fn forget(key: &[u8], token: &str) {
    HELD.lock().retain(|h| !(h.key == key && h.token == token));
}

/// Everything still held by this process (a forked child's inherited list is its parent's).
pub fn take() -> Vec<Held> {
    let pid = current_pid();
    let held = std::mem::take(&mut *HELD.lock());
    held.into_iter().filter(|h| h.pid == pid).collect()
}
