//! RINIT / RSHUTDOWN: masking credentials a request's settings brought in, and releasing the
//! locks a request took and did not release (`redislock.auto_release=1`). Request end is
//! bounded: a server that fails once is not asked again in that shutdown, so it costs its
//! timeout once in all; what could not be released is logged once through PHP's error log.

use std::ffi::{c_char, c_int, c_void, CString};

use crate::lock::{quote, Node, NodeError};
use crate::php;

/// RINIT.
pub extern "C" fn startup(_ty: i32, _module_number: i32) -> i32 {
    let _ = std::panic::catch_unwind(|| php::ini::servers_with_secret(false));
    0
}

/// RSHUTDOWN: runs after exit(), an uncaught exception or a fatal error too. Locks the request
/// did not release are no longer renewed (nobody can release them any more): they expire
/// within one watchdog lease, or are released here with `redislock.auto_release=1`.
pub extern "C" fn shutdown(_ty: i32, _module_number: i32) -> i32 {
    let _ = std::panic::catch_unwind(release_forgotten);
    let _ = std::panic::catch_unwind(crate::lock::watchdog::unwatch_all);
    0
}

/// Most lock keys one log line names.
const LOGGED_KEYS: usize = 10;

fn release_forgotten() {
    let held = php::held::take();
    if held.is_empty() {
        return;
    }
    let mut dead: Vec<(Node, NodeError)> = Vec::new();
    let mut unreleased = Vec::new();
    for h in &held {
        crate::lock::watchdog::unwatch(&h.key, &h.token);
        let released = if h.shared {
            h.masters.release_shared(&h.key, &h.token)
        } else {
            h.masters.release_avoiding(&h.key, &h.token, &mut dead)
        };
        if released.is_err() {
            unreleased.push(quote(&h.key));
        }
    }
    if unreleased.is_empty() {
        return;
    }
    let servers = dead
        .iter()
        .map(|(node, error)| format!("{node}: {error}"))
        .collect::<Vec<_>>()
        .join("; ");
    let more = unreleased.len().saturating_sub(LOGGED_KEYS);
    let mut keys = unreleased[..unreleased.len().min(LOGGED_KEYS)].join(", ");
    if more > 0 {
        keys.push_str(&format!(" and {more} more"));
    }
    log(&format!(
        "redislock: {} lock(s) not released at request end (they expire with their TTL): {keys}; Redis server {servers}",
        unreleased.len()
    ));
}

/// One line to PHP's error log (`error_log`, else the SAPI's log).
fn log(line: &str) {
    type LogErr = unsafe extern "C" fn(*const c_char, c_int);
    const LOG_WARNING: c_int = 4;
    let f = php::engine::symbol(c"php_log_err_with_severity");
    let Ok(line) = CString::new(php::exception::one_line(line)) else {
        return;
    };
    if !f.is_null() {
        // SAFETY: PHP's `void php_log_err_with_severity(const char *msg, int syslog_type)`.
        unsafe { std::mem::transmute::<*mut c_void, LogErr>(f)(line.as_ptr(), LOG_WARNING) };
    }
}
