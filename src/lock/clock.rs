//! The clock a lock's validity is measured on. `Instant` (CLOCK_MONOTONIC) stops while the host
//! is suspended, but the TTL on the Redis server does not: a suspend between the `SET`s and the
//! decision would overstate the validity. CLOCK_BOOTTIME counts the time suspended too.

use std::time::Duration;

/// A reading of CLOCK_BOOTTIME.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp(Duration);

/// Now, on the boot-time clock.
pub fn now() -> Stamp {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid timespec to fill; CLOCK_BOOTTIME exists on every Linux this builds for.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut ts) };
    if rc != 0 {
        // Not expected on Linux; the monotonic clock is the next best.
        return Stamp(monotonic_fallback());
    }
    Stamp(Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

fn monotonic_fallback() -> Duration {
    use std::sync::OnceLock;
    use std::time::Instant;
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed()
}

impl Stamp {
    /// Time since this reading (zero if the clock went backwards, which it does not).
    pub fn elapsed(&self) -> Duration {
        now().0.saturating_sub(self.0)
    }

    /// This reading plus `d`.
    pub fn after(self, d: Duration) -> Stamp {
        Stamp(self.0.saturating_add(d))
    }

    /// Time from this reading to a later one (zero if it is not later).
    pub fn until(self, later: Stamp) -> Duration {
        later.0.saturating_sub(self.0)
    }
}
