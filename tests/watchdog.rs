//! The watchdog (a thread renewing leased locks while this process holds them) against real
//! redis-servers. Its state is process-global (one thread per process, counters since it
//! started), so everything that watches runs in one test, step by step, with exact counters;
//! `plan` is pure and tested on its own.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use redislock::lock::watchdog::{self, plan};
use redislock::lock::{new_token, Attempt, Masters, Renewal};

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Takes `key` with a key TTL of `ttl` (as the PHP glue does before it watches); the token.
fn take(m: &Masters, key: &str, ttl: Duration) -> String {
    let token = new_token();
    match m.try_acquire(key.as_bytes(), &token, ttl).expect("acquire") {
        Attempt::Granted { .. } => token,
        Attempt::Busy => panic!("{key} is busy"),
    }
}

/// Threads of this process named like the watchdog's.
fn watch_threads() -> usize {
    std::fs::read_dir("/proc/self/task")
        .expect("/proc/self/task")
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
        .filter(|comm| comm.trim_end() == "redislock-watch")
        .count()
}

/// Polls `cond` every 5 ms: the time it took to become true, or None after `timeout`.
fn wait_until(timeout: Duration, mut cond: impl FnMut() -> bool) -> Option<Duration> {
    let start = Instant::now();
    loop {
        if cond() {
            return Some(start.elapsed());
        }
        if start.elapsed() > timeout {
            return None;
        }
        std::thread::sleep(ms(5));
    }
}

fn del(s: &Server, key: &str) -> i64 {
    let mut c = s.client().expect("inspector connects");
    redis::cmd("DEL").arg(key).query(&mut c).expect("DEL")
}

#[test]
fn plan_leases_only_locks_longer_than_the_lease() {
    let lease = Some(ms(1000));
    assert_eq!(plan(ms(30_000), lease), (ms(1000), Some(ms(1000))));
    assert_eq!(plan(ms(1001), lease), (ms(1000), Some(ms(1000))));
    // No longer than the lease: set as it is, not watched.
    assert_eq!(plan(ms(1000), lease), (ms(1000), None));
    assert_eq!(plan(ms(999), lease), (ms(999), None));
    assert_eq!(plan(ms(1), lease), (ms(1), None));
    // The watchdog off.
    assert_eq!(plan(ms(30_000), None), (ms(30_000), None));
    // Extremes of the settings: 30 days with the shortest lease, the longest lease.
    assert_eq!(
        plan(Duration::from_secs(2_592_000), Some(ms(10))),
        (ms(10), Some(ms(10)))
    );
    assert_eq!(
        plan(Duration::from_secs(2_592_000), Some(ms(86_400_000))),
        (ms(86_400_000), Some(ms(86_400_000)))
    );
    assert_eq!(
        plan(ms(86_400_000), Some(ms(86_400_000))),
        (ms(86_400_000), None)
    );
}

/// Every step that watches, in order (the counters are exact because nothing else watches).
#[test]
fn watchdog_renews_stops_loses_caps_and_restarts() {
    let s = Server::start();
    let m = Arc::new(single(&s));
    let lease = ms(300);
    let long = Duration::from_secs(30);

    // -- No thread before the first watched lock.
    assert_eq!(watchdog::stats(), (0, 0, 0, false));
    assert_eq!(watch_threads(), 0);

    // -- watch renews: a 300 ms key lives on for a second (renewed every 100 ms) and keeps its
    // token; one thread, named.
    let k1 = key("wd-renews");
    let t1 = take(&m, &k1, lease);
    watchdog::watch(m.clone(), k1.as_bytes(), &t1, lease, long).expect("watch");
    let st = watchdog::stats();
    assert_eq!((st.0, st.2, st.3), (1, 0, true), "{st:?}");
    assert!(
        wait_until(ms(1000), || watch_threads() == 1).is_some(),
        "one redislock-watch thread"
    );
    let start = Instant::now();
    while start.elapsed() < ms(1000) {
        assert_eq!(s.get(&k1).as_deref(), Some(t1.as_str()), "held throughout");
        let pttl = s.pttl(&k1);
        assert!(pttl > 0 && pttl <= 300, "pttl {pttl}");
        std::thread::sleep(ms(20));
    }
    assert!(m.is_held(k1.as_bytes(), &t1).unwrap());
    let renewals = watchdog::stats().1;
    assert!(renewals >= 5, "renewals {renewals}");

    // -- unwatch stops it: true once, the key (not deleted by unwatch) expires within a lease and
    // stays gone; no renewal is counted after it.
    assert!(watchdog::unwatch(k1.as_bytes(), &t1));
    assert!(!watchdog::unwatch(k1.as_bytes(), &t1));
    let renewals = watchdog::stats().1;
    assert_eq!(watchdog::stats().0, 0);
    let gone = wait_until(ms(3000), || s.get(&k1).is_none()).expect("expired");
    assert!(gone <= ms(450), "expired after {gone:?}");
    std::thread::sleep(ms(600));
    assert_eq!(s.get(&k1), None);
    assert_eq!(watchdog::stats().1, renewals);
    // Unwatching a pair never watched changes nothing.
    assert!(!watchdog::unwatch(b"never-watched", "token"));

    // -- A key taken over by another token: Lost, counted once, not renewed, the other holder's
    // key untouched (the thread's cleanup is compare-and-delete).
    let k2 = key("wd-takeover");
    let t2 = take(&m, &k2, lease);
    watchdog::watch(m.clone(), k2.as_bytes(), &t2, lease, long).expect("watch");
    std::thread::sleep(ms(150));
    s.set(&k2, "someone-else");
    let lost = wait_until(ms(3000), || watchdog::stats().2 == 1).expect("found lost");
    assert!(lost <= ms(600), "found lost after {lost:?}");
    assert_eq!(watchdog::stats().0, 0);
    assert_eq!(s.get(&k2).as_deref(), Some("someone-else"));
    assert_eq!(
        s.pttl(&k2),
        -1,
        "the other holder's key keeps no TTL of ours"
    );
    assert!(!m.is_held(k2.as_bytes(), &t2).unwrap());
    assert_eq!(
        m.renew(k2.as_bytes(), &t2, ms(5000)).unwrap(),
        Renewal::Lost
    );
    assert_eq!(s.pttl(&k2), -1);
    assert!(!watchdog::unwatch(k2.as_bytes(), &t2), "no longer watched");
    del(&s, &k2);

    // -- renew never revives: a deleted key is Lost and stays absent, directly and watched.
    let k3 = key("wd-deleted");
    let t3 = take(&m, &k3, lease);
    assert_eq!(del(&s, &k3), 1);
    assert_eq!(
        m.renew(k3.as_bytes(), &t3, ms(5000)).unwrap(),
        Renewal::Lost
    );
    assert_eq!(s.get(&k3), None);
    let k4 = key("wd-deleted-watched");
    let t4 = take(&m, &k4, lease);
    watchdog::watch(m.clone(), k4.as_bytes(), &t4, lease, long).expect("watch");
    assert_eq!(del(&s, &k4), 1);
    let start = Instant::now();
    while start.elapsed() < ms(900) {
        assert_eq!(s.get(&k4), None, "revived after {:?}", start.elapsed());
        std::thread::sleep(ms(5));
    }
    assert_eq!(watchdog::stats().2, 2);
    assert_eq!(watchdog::stats().0, 0);

    // -- renew itself: Renewed sets the TTL asked for where the token holds; a forged token is
    // Lost and changes nothing.
    let k5 = key("wd-renew");
    let t5 = take(&m, &k5, lease);
    assert_eq!(
        m.renew(k5.as_bytes(), &t5, ms(5000)).unwrap(),
        Renewal::Renewed
    );
    let pttl = s.pttl(&k5);
    assert!(pttl > 4000 && pttl <= 5000, "pttl {pttl}");
    assert_eq!(
        m.renew(k5.as_bytes(), &new_token(), ms(60_000)).unwrap(),
        Renewal::Lost
    );
    assert!(s.pttl(&k5) <= 5000);
    assert_eq!(s.get(&k5).as_deref(), Some(t5.as_str()));
    assert!(m.release(k5.as_bytes(), &t5).unwrap());

    // -- The lock's own TTL caps the renewals: lease 200 ms, ttl 500 ms: renewed past the first
    // lease, gone at about 500 ms, not counted as lost, no longer watched.
    let k6 = key("wd-cap");
    let t6 = take(&m, &k6, ms(200));
    let start = Instant::now();
    watchdog::watch(m.clone(), k6.as_bytes(), &t6, ms(200), ms(500)).expect("watch");
    let mut last_seen = Duration::ZERO;
    let gone = loop {
        if s.get(&k6).is_some() {
            last_seen = start.elapsed();
        } else {
            break start.elapsed();
        }
        assert!(start.elapsed() < ms(5000), "never expired");
        std::thread::sleep(ms(5));
    };
    assert!(last_seen >= ms(400), "last seen at {last_seen:?}");
    assert!(gone <= ms(800), "gone at {gone:?}");
    std::thread::sleep(ms(400));
    assert_eq!(s.get(&k6), None);
    assert_eq!(watchdog::stats().0, 0);
    assert_eq!(watchdog::stats().2, 2, "reaching the cap is not a loss");

    // -- extend moves a watched lock's end (its lease is what the key is set to); unknown: None.
    let k7 = key("wd-extend");
    let t7 = take(&m, &k7, ms(200));
    let start = Instant::now();
    watchdog::watch(m.clone(), k7.as_bytes(), &t7, ms(200), ms(400)).expect("watch");
    std::thread::sleep(ms(200));
    assert_eq!(
        watchdog::extend(k7.as_bytes(), &t7, ms(1000)),
        Some(ms(200))
    );
    assert_eq!(
        watchdog::extend(k7.as_bytes(), &t7, ms(100)),
        Some(ms(100)),
        "a TTL under the lease is set as it is"
    );
    assert_eq!(
        watchdog::extend(k7.as_bytes(), &t7, ms(1000)),
        Some(ms(200))
    );
    assert_eq!(watchdog::extend(b"never-watched", "token", ms(1000)), None);
    let mut last_seen = Duration::ZERO;
    let gone = loop {
        if s.get(&k7).is_some() {
            last_seen = start.elapsed();
        } else {
            break start.elapsed();
        }
        assert!(start.elapsed() < ms(5000), "never expired");
        std::thread::sleep(ms(5));
    };
    assert!(last_seen >= ms(1000), "last seen at {last_seen:?}");
    assert!(gone <= ms(1500), "gone at {gone:?}");

    // -- A frozen server: a renewal is undecided (an error, not Lost); the watchdog retries
    // (every lease/10) and the lock survives a freeze shorter than the lease.
    let frozen = Server::start();
    let fm = Arc::new(Masters::new(vec![frozen.node()], timeouts(100), false).unwrap());
    let k8 = key("wd-frozen");
    let t8 = take(&fm, &k8, ms(2000));
    watchdog::watch(fm.clone(), k8.as_bytes(), &t8, ms(2000), long).expect("watch");
    std::thread::sleep(ms(500));
    let renewals = watchdog::stats().1;
    // Renewals fall due at 667 ms: the freeze (500 to about 1100 ms) covers it and the
    // 100 ms timeouts of two retries.
    frozen.freeze();
    let started = Instant::now();
    let direct = fm.renew(k8.as_bytes(), &t8, ms(2000));
    assert!(direct.is_err(), "undecided while frozen: {direct:?}");
    assert!(started.elapsed() < ms(1000), "bounded by the timeout");
    std::thread::sleep(ms(600).saturating_sub(started.elapsed()));
    frozen.thaw();
    assert_eq!(frozen.get(&k8).as_deref(), Some(t8.as_str()));
    std::thread::sleep(ms(2200));
    assert_eq!(
        frozen.get(&k8).as_deref(),
        Some(t8.as_str()),
        "renewed after the thaw"
    );
    let pttl = frozen.pttl(&k8);
    assert!(pttl > 0 && pttl <= 2000, "pttl {pttl}");
    assert!(watchdog::stats().1 >= renewals + 2);
    assert_eq!(watchdog::stats().2, 2, "not lost");
    assert!(watchdog::unwatch(k8.as_bytes(), &t8));
    assert!(fm.release(k8.as_bytes(), &t8).unwrap());

    // -- A quorum of three: renewed with one master down, undecided with two down, Lost when
    // two masters hold another token.
    let q: Vec<Server> = (0..3).map(|_| Server::start()).collect();
    let qm = quorum(q.iter().map(|s| s.node()).collect(), 50);
    let k9 = key("wd-quorum");
    let t9 = take(&qm, &k9, ms(1000));
    for s in &q {
        assert_eq!(s.get(&k9).as_deref(), Some(t9.as_str()));
    }
    q[0].freeze();
    assert_eq!(
        qm.renew(k9.as_bytes(), &t9, ms(5000)).unwrap(),
        Renewal::Renewed
    );
    assert!(q[1].pttl(&k9) > 4000 && q[2].pttl(&k9) > 4000);
    q[1].freeze();
    assert!(qm.renew(k9.as_bytes(), &t9, ms(5000)).is_err());
    q[0].thaw();
    q[1].thaw();
    q[0].set(&k9, "someone-else");
    q[1].set(&k9, "someone-else");
    assert_eq!(
        qm.renew(k9.as_bytes(), &t9, ms(5000)).unwrap(),
        Renewal::Lost
    );
    assert_eq!(q[0].get(&k9).as_deref(), Some("someone-else"));
    assert_eq!(q[1].get(&k9).as_deref(), Some("someone-else"));

    // -- unwatch_all stops every lock of this process.
    let k10 = key("wd-all-a");
    let k11 = key("wd-all-b");
    let t10 = take(&m, &k10, lease);
    let t11 = take(&m, &k11, lease);
    watchdog::watch(m.clone(), k10.as_bytes(), &t10, lease, long).expect("watch");
    watchdog::watch(m.clone(), k11.as_bytes(), &t11, lease, long).expect("watch");
    assert_eq!(watchdog::stats().0, 2);
    assert_eq!(watchdog::unwatch_all(), 2);
    assert_eq!(watchdog::stats().0, 0);
    assert!(wait_until(ms(3000), || s.get(&k10).is_none() && s.get(&k11).is_none()).is_some());

    // -- shutdown joins the thread; a later watch starts a new one, which renews.
    watchdog::shutdown();
    let st = watchdog::stats();
    assert_eq!((st.0, st.3), (0, false), "{st:?}");
    assert_eq!(watch_threads(), 0, "the thread was joined");
    let k12 = key("wd-after-shutdown");
    let t12 = take(&m, &k12, lease);
    watchdog::watch(m.clone(), k12.as_bytes(), &t12, lease, long).expect("watch");
    assert!(watchdog::stats().3);
    std::thread::sleep(ms(700));
    assert_eq!(s.get(&k12).as_deref(), Some(t12.as_str()));
    assert!(wait_until(ms(1000), || watch_threads() == 1).is_some());
    watchdog::shutdown();
    assert_eq!(watch_threads(), 0);
    assert!(m.release(k12.as_bytes(), &t12).unwrap());
}
