//! What both classes do around the core's acquire, release and extend: the watchdog (a lease in
//! Redis, renewed by the extension's thread while the lock is held, when `redislock.watchdog` is
//! on) and the request-end list (`held`). Release always stops the renewal before it deletes.

use std::sync::Arc;
use std::time::Duration;

use crate::config;
use crate::lock::{clock, watchdog, Error, Grant, Masters};

use super::held;
use super::ini;

/// The watchdog's lease now: None when `redislock.watchdog` is off.
pub fn watchdog_lease() -> Result<Option<Duration>, Error> {
    if !ini::bytes(config::INI_WATCHDOG, config::parse_bool) {
        return Ok(None);
    }
    ini::bytes(config::INI_WATCHDOG_LEASE, config::parse_lease).map(Some)
}

/// Takes a lock of `ttl` through `acquire` (given the TTL to set on the key): with the watchdog
/// on and `ttl` longer than its lease, the key lives a lease and is renewed up to `ttl` in all.
pub fn take(
    masters: &Arc<Masters>,
    key: &[u8],
    ttl: Duration,
    acquire: impl FnOnce(Duration) -> Result<Option<Grant>, Error>,
) -> Result<Option<Grant>, Error> {
    let (key_ttl, lease) = watchdog::plan(ttl, watchdog_lease()?);
    let Some(grant) = acquire(key_ttl)? else {
        return Ok(None);
    };
    if let Some(lease) = lease {
        if let Err(e) = watchdog::watch(masters.clone(), key, &grant.token, lease, ttl) {
            // Nobody would renew it: give it back rather than hand out a lock of one lease.
            let _ = masters.release(key, &grant.token);
            return Err(e);
        }
    }
    held::remember(masters, key, &grant.token);
    Ok(Some(grant))
}

/// Releases: stops its renewal first, then compare-and-delete.
pub fn give_back(masters: &Masters, key: &[u8], token: &str) -> Result<bool, Error> {
    watchdog::unwatch(key, token);
    held::forget(key, token);
    masters.release(key, token)
}

/// Extends to `ttl` from now. A watched lock gets a new end (`ttl` from now) and its key a
/// lease (or `ttl` if shorter); another is set to `ttl`. None when it was lost.
pub fn extend(
    masters: &Masters,
    key: &[u8],
    token: &str,
    ttl: Duration,
) -> Result<Option<Duration>, Error> {
    let start = clock::now();
    let key_ttl = watchdog::extend(key, token, ttl);
    let extended = masters.extend(key, token, key_ttl.unwrap_or(ttl))?;
    match (extended, key_ttl) {
        (Some(_), Some(key_ttl)) => watchdog::extended(key, token, start, key_ttl),
        (None, _) => {
            watchdog::unwatch(key, token);
            held::forget(key, token);
        }
        _ => {}
    }
    Ok(extended)
}
