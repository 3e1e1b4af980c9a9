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

/// Locks taken in this request and not yet released.
static HELD: Mutex<Vec<Held>> = Mutex::new(Vec::new());

pub fn remember(masters: Arc<Masters>, key: Vec<u8>, token: String) {
    HELD.lock().push(Held {
        masters,
        key,
        token,
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
    if !config::parse_bool(&php::ini_value(config::INI_AUTO_RELEASE)) {
        return;
    }
    let pid = crate::lock::client::current_pid();
    // A forked child inherits its parent's list: those locks are the parent's to release.
    for h in held.into_iter().filter(|h| h.pid == pid) {
        let _ = h.masters.release(&h.key, &h.token);
    }
}
