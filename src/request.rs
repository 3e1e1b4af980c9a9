//! RINIT / RSHUTDOWN: masking credentials a request's settings brought in, and releasing the
//! locks a request took and did not release (`redislock.auto_release=1`).

use std::sync::Arc;

use parking_lot::Mutex;

use crate::config;
use crate::lock::Masters;
use crate::php;

struct Held {
    masters: Arc<Masters>,
    key: Vec<u8>,
    token: String,
    pid: u32,
}

/// Locks taken in this request while `redislock.auto_release` was on, and not yet released.
static HELD: Mutex<Vec<Held>> = Mutex::new(Vec::new());

/// Tracks a lock for release at request end, when `redislock.auto_release` is on now.
pub fn remember(masters: &Arc<Masters>, key: &[u8], token: &str) {
    if !php::ini_bytes(config::INI_AUTO_RELEASE, |v| {
        config::parse_bool(&String::from_utf8_lossy(v))
    }) {
        return;
    }
    HELD.lock().push(Held {
        masters: masters.clone(),
        key: key.to_vec(),
        token: token.to_string(),
        pid: crate::lock::client::current_pid(),
    });
}

pub fn forget(key: &[u8], token: &str) {
    HELD.lock().retain(|h| !(h.key == key && h.token == token));
}

/// RINIT.
pub extern "C" fn startup(_ty: i32, _module_number: i32) -> i32 {
    let _ = std::panic::catch_unwind(|| php::servers_with_secret(false));
    0
}

/// RSHUTDOWN: runs after exit(), an uncaught exception or a fatal error too.
pub extern "C" fn shutdown(_ty: i32, _module_number: i32) -> i32 {
    let _ = std::panic::catch_unwind(release_forgotten);
    0
}

fn release_forgotten() {
    let held = std::mem::take(&mut *HELD.lock());
    let pid = crate::lock::client::current_pid();
    // A forked child inherits its parent's list: those locks are the parent's to release.
    for h in held.into_iter().filter(|h| h.pid == pid) {
        let _ = h.masters.release(&h.key, &h.token);
    }
}
