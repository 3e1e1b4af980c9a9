//! `redis+sentinel://` entries against a real Sentinel deployment (one master, two replicas,
//! three sentinels, started and stopped by each test): discovery, the ROLE check, the sentinels'
//! and the master's credentials, a `SENTINEL FAILOVER` and a SIGKILL of the master while a loop
//! of lock/unlock cycles runs (failed calls and their time printed: run with `--nocapture`), and
//! the old master, back as a replica, never used.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::sentinel::{command, fake_sentinel, Deployment};
use common::*;
use redislock::config::parse_server_url;
use redislock::config::DEFAULT_SENTINEL_RECHECK_MS;
use redislock::lock::sentinel::current;
use redislock::lock::{acquire_within, Address, Error, Masters, Node};

const TTL: Duration = Duration::from_secs(5);

fn masters(url: &str, ms: u64) -> Masters {
    masters_rechecking(url, ms, Duration::from_millis(DEFAULT_SENTINEL_RECHECK_MS))
}

/// With the master confirmed by the sentinels every `recheck`.
fn masters_rechecking(url: &str, ms: u64, recheck: Duration) -> Masters {
    let mut node = parse_server_url(url.as_bytes()).expect("a valid entry");
    if let Address::Sentinel(set) = &mut node.address {
        set.recheck = recheck;
    }
    Masters::new(vec![node], timeouts(ms), false)
        .expect("one node")
        .waking()
}

fn master_port(node: &Node) -> Option<u16> {
    match current(node.sentinels()?)? {
        Address::Tcp { port, .. } => Some(port),
        _ => None,
    }
}

/// One lock/unlock cycle; the ports of the servers that held its token right after the grant.
fn cycle(m: &Masters, key: &str, ports: &[u16]) -> Result<Vec<u16>, Error> {
    cycle_timed(m, key, ports).0
}

/// `cycle`, and the time its lock calls took (the looking at the servers not counted).
fn cycle_timed(m: &Masters, key: &str, ports: &[u16]) -> (Result<Vec<u16>, Error>, Duration) {
    let t = Instant::now();
    let grant = match acquire_within(m, key.as_bytes(), TTL, Duration::ZERO, false) {
        Ok(Some(g)) => g,
        Ok(None) => return (Err(Error::Config("not granted".into())), t.elapsed()),
        Err(e) => return (Err(e), t.elapsed()),
    };
    let mut took = t.elapsed();
    let holders = ports
        .iter()
        .copied()
        .filter(|p| command(*p, &["GET", key]).is_some_and(|l| l.first() == Some(&grant.token)))
        .collect();
    let t = Instant::now();
    let released = m.release(key.as_bytes(), &grant.token);
    took += t.elapsed();
    (released.map(|_| holders), took)
}

#[test]
fn discovers_the_master_and_locks_there() {
    let d = Deployment::start("svc-discover");
    let m = masters(&d.url("", ""), 1000);
    let k = key("sentinel-discover");
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .expect("granted");
    assert_eq!(d.servers[0].get(&k).as_deref(), Some(g.token.as_str()));
    assert_eq!(master_port(&m.nodes()[0]), Some(d.servers[0].port));
    assert!(m.release(k.as_bytes(), &g.token).unwrap());
    assert_eq!(d.servers[0].get(&k), None);
    // A second entry of the same deployment (sentinels in another order) is the same master.
    let other = format!(
        "redis+sentinel://127.0.0.1:{},127.0.0.1:{}/svc-discover",
        d.sentinels[2].port, d.sentinels[0].port
    );
    let list = format!("{},{other}", d.url("", ""));
    let e = redislock::config::parse_servers(list.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("listed twice"), "{e}");
}

#[test]
fn waiting_acquire_is_woken_on_the_master() {
    let d = Deployment::start("svc-wake");
    let m = Arc::new(masters(&d.url("", ""), 1000));
    let k = key("sentinel-wake");
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .unwrap();
    let (m2, k2) = (m.clone(), k.clone());
    let waiter = std::thread::spawn(move || {
        let t = Instant::now();
        let got = acquire_within(&m2, k2.as_bytes(), TTL, Duration::from_secs(3), false).unwrap();
        (got.is_some(), t.elapsed())
    });
    std::thread::sleep(Duration::from_millis(200));
    assert!(m.release(k.as_bytes(), &g.token).unwrap());
    let (got, waited) = waiter.join().unwrap();
    assert!(got && waited < Duration::from_millis(900), "{waited:?}");
}

#[test]
fn a_dead_sentinel_costs_its_share_of_the_connect_timeout() {
    let d = Deployment::start("svc-dead-sentinel");
    let (_silent, silent) = silent_listener();
    let Address::Tcp { port: silent, .. } = silent.address else {
        unreachable!()
    };
    let dead = free_port();
    // A refused port costs nothing, a silent one its share (1000 ms / 3 sentinels).
    let url = format!(
        "redis+sentinel://127.0.0.1:{dead},127.0.0.1:{silent},127.0.0.1:{}/svc-dead-sentinel",
        d.sentinels[1].port
    );
    let m = masters(&url, 1000);
    let t = Instant::now();
    cycle(&m, &key("sentinel-dead"), &[]).expect("the live sentinel answered");
    let took = t.elapsed();
    println!("discovery past a refused and a silent sentinel: {took:?}");
    assert!(took >= Duration::from_millis(300) && took < Duration::from_millis(900));
    // Cached: the next cycle asks no sentinel.
    let t = Instant::now();
    cycle(&m, &key("sentinel-dead"), &[]).unwrap();
    assert!(
        t.elapsed() < Duration::from_millis(100),
        "{:?}",
        t.elapsed()
    );
}

#[test]
fn no_usable_answer_is_an_error_naming_each_sentinel() {
    let d = Deployment::start("svc-unknown");
    let url = d.url("", "").replace("/svc-unknown", "/no-such-service");
    let e = cycle(&masters(&url, 1000), &key("sentinel-unknown"), &[]).unwrap_err();
    let text = e.to_string();
    assert_eq!(
        text.matches("does not monitor a service 'no-such-service'")
            .count(),
        3,
        "{text}"
    );
    // Only silent sentinels: bounded by the connect timeout.
    let (_a, a) = silent_listener();
    let (_b, b) = silent_listener();
    let url = format!("redis+sentinel://{a},{b}/svc");
    let t = Instant::now();
    let e = cycle(&masters(&url, 300), &key("sentinel-silent"), &[]).unwrap_err();
    assert!(
        t.elapsed() < Duration::from_millis(450),
        "{:?}",
        t.elapsed()
    );
    assert!(e.to_string().contains("no usable master"), "{e}");
}

#[test]
fn a_sentinel_naming_a_replica_is_not_believed() {
    let d = Deployment::start("svc-stale");
    let replica = d.servers[1].port;
    let stale = fake_sentinel(("127.0.0.1".into(), replica));
    let alone = format!("redis+sentinel://127.0.0.1:{stale}/svc-stale");
    let e = cycle(&masters(&alone, 1000), &key("sentinel-stale"), &[]).unwrap_err();
    assert!(
        e.to_string().contains(&format!(
            "names 127.0.0.1:{replica}, but it is a slave (ROLE)"
        )),
        "{e}"
    );
    // The stale one first, a real one after it: the real one's answer is used.
    let both = format!(
        "redis+sentinel://127.0.0.1:{stale},127.0.0.1:{}/svc-stale",
        d.sentinels[0].port
    );
    let m = masters(&both, 1000);
    let k = key("sentinel-stale-2");
    cycle(&m, &k, &[]).unwrap();
    assert_eq!(master_port(&m.nodes()[0]), Some(d.servers[0].port));
}

#[test]
fn credentials_of_the_master_and_of_the_sentinels() {
    let master_args = [
        "--requirepass",
        "m4ster",
        "--masterauth",
        "m4ster",
        "--user",
        "locker",
        "on",
        ">wonderland",
        "~*",
        "&*",
        "+@all",
    ];
    let conf = [
        "sentinel auth-pass svc-auth m4ster".to_string(),
        "requirepass s3ntinel".to_string(),
        "sentinel sentinel-pass s3ntinel".to_string(),
    ];
    let d = Deployment::with(
        "svc-auth",
        &master_args,
        &conf,
        Some("m4ster"),
        Some("s3ntinel"),
    );
    let m = masters(
        &d.url("locker:wonderland", "?sentinel_password=s3ntinel"),
        1000,
    );
    cycle(&m, &key("sentinel-auth"), &[]).expect("both credentials right");
    let wrong = masters(
        &d.url("locker:wonderland", "?sentinel_password=wr0ng-s3cr3t"),
        1000,
    );
    let e = cycle(&wrong, &key("sentinel-auth"), &[])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("authentication") && !e.contains("wr0ng-s3cr3t"),
        "{e}"
    );
    let wrong = masters(
        &d.url("locker:wr0ng-s3cr3t", "?sentinel_password=s3ntinel"),
        1000,
    );
    let e = cycle(&wrong, &key("sentinel-auth"), &[])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("authentication") && !e.contains("wr0ng-s3cr3t"),
        "{e}"
    );
    let none = masters(&d.url("locker:wonderland", ""), 1000);
    let e = cycle(&none, &key("sentinel-auth"), &[])
        .unwrap_err()
        .to_string();
    assert!(e.contains("NOAUTH"), "{e}");
}

/// What a loop of lock/unlock cycles saw around a failover.
#[derive(Default)]
struct Record {
    cycles: usize,
    failed: Vec<(Duration, Duration, String)>,
    /// Granted with the token on the old master after the sentinels named the new one.
    stale: usize,
    first_on_new: Option<Duration>,
    longest_call: Duration,
}

/// Runs cycles (a pause of `pause` between them) until `done` says so or `limit` passes; the
/// instant the sentinels first named another master than `old` is watched on a thread.
fn cycles_through(
    d: &Deployment,
    m: &Masters,
    old: u16,
    start: Instant,
    pause: Duration,
    limit: Duration,
    done: &dyn Fn(&Record) -> bool,
) -> (Record, Option<Duration>, u16) {
    let switched: Arc<Mutex<Option<(Duration, u16)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (switched, stop) = (switched.clone(), stop.clone());
        let ports: Vec<u16> = d.sentinels.iter().map(|s| s.port).collect();
        let service = d.service.clone();
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                for p in &ports {
                    let named = command(*p, &["SENTINEL", "get-master-addr-by-name", &service])
                        .and_then(|l| l.get(1).and_then(|p| p.parse::<u16>().ok()));
                    if let Some(n) = named.filter(|n| *n != old) {
                        switched.lock().unwrap().get_or_insert((start.elapsed(), n));
                        return;
                    }
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    let ports: Vec<u16> = d.servers.iter().map(|s| s.port).collect();
    let mut r = Record::default();
    while start.elapsed() < limit && !done(&r) {
        let at = start.elapsed();
        // A key of its own per cycle: a release lost in the failover (run on the old master
        // after the promotion) leaves its key on the new master until its TTL.
        let k = key(&format!("sentinel-failover-{old}-{}", r.cycles));
        let (result, took) = cycle_timed(m, &k, &ports);
        r.cycles += 1;
        r.longest_call = r.longest_call.max(took);
        let switch = *switched.lock().unwrap();
        match result {
            Err(e) => r.failed.push((at, took, e.to_string())),
            Ok(holders) => {
                if let Some((when, new)) = switch {
                    if holders.contains(&new) && r.first_on_new.is_none() {
                        r.first_on_new = Some(at);
                    }
                    if at > when && holders.contains(&old) {
                        r.stale += 1;
                    }
                }
            }
        }
        std::thread::sleep(pause);
    }
    stop.store(true, Ordering::Relaxed);
    let _ = watcher.join();
    let switch = *switched.lock().unwrap();
    (r, switch.map(|s| s.0), switch.map_or(0, |s| s.1))
}

fn report(what: &str, r: &Record, switched: Option<Duration>) {
    let window = match (r.failed.first(), r.failed.last()) {
        (Some(a), Some(b)) => format!("{:?} .. {:?}", a.0, b.0 + b.1),
        _ => "none".into(),
    };
    println!(
        "{what}: {} cycles, {} failed (window {window}), sentinels switched at {switched:?}, first grant on the new master at {:?}, {} grant(s) on the old master after the switch, longest call {:?}",
        r.cycles,
        r.failed.len(),
        r.first_on_new,
        r.stale,
        r.longest_call
    );
    for (at, took, e) in r.failed.iter().take(5) {
        println!("  failed at {at:?} after {took:?}: {e}");
    }
}

#[test]
fn sentinel_failover_moves_the_locks_to_the_new_master() {
    let d = Deployment::start("svc-failover");
    let old = d.servers[0].port;
    // Confirmed every 250 ms here (php-tests/1002 measures the default, 1 s).
    let recheck = Duration::from_millis(250);
    let m = masters_rechecking(&d.url("", ""), 1000, recheck);
    cycle(&m, &key("warm"), &[]).unwrap();
    let evalsha_before = d.servers[0].info_field("cmdstat_evalsha");
    let start = Instant::now();
    assert_eq!(
        command(
            d.sentinels[0].port,
            &["SENTINEL", "FAILOVER", "svc-failover"]
        ),
        Some(vec!["OK".to_string()])
    );
    let (r, switched, new) = cycles_through(
        &d,
        &m,
        old,
        start,
        Duration::from_millis(2),
        Duration::from_secs(30),
        &|r| {
            r.first_on_new
                .is_some_and(|t| start.elapsed() > t + Duration::from_secs(2))
        },
    );
    report("SENTINEL FAILOVER", &r, switched);
    let switched = switched.expect("the sentinels named a new master");
    let on_new = r.first_on_new.expect("locks moved to the new master");
    assert!(r.failed.len() <= 2, "{:?}", r.failed);
    assert!(on_new <= switched + recheck + Duration::from_millis(500));
    assert!(r.longest_call < Duration::from_millis(1500));
    // Until Sentinel reconfigures it, the old master is still a master; from then on it is a
    // replica that this process never sends a lock command.
    let deadline = Instant::now() + Duration::from_secs(30);
    while d.role(old).as_deref() != Some("slave") {
        assert!(Instant::now() < deadline, "old master not reconfigured");
        cycle(&m, &key("during"), &[]).unwrap();
        std::thread::sleep(Duration::from_millis(20));
    }
    let evalsha_then = d.servers[0].info_field("cmdstat_evalsha");
    println!(
        "old master: {} EVALSHA before the failover, {} when it became a replica",
        evalsha_before, evalsha_then
    );
    let ports = [old, new];
    for _ in 0..200 {
        // The old master, a replica now, gets the key too (replicated), not the EVALSHA.
        assert!(cycle(&m, &key("after"), &ports).unwrap().contains(&new));
    }
    assert_eq!(d.servers[0].info_field("cmdstat_evalsha"), evalsha_then);
    assert_eq!(master_port(&m.nodes()[0]), Some(new));
}

#[test]
fn sigkill_of_the_master_fails_calls_for_a_bounded_time() {
    let mut d = Deployment::start("svc-sigkill");
    let old = d.servers[0].port;
    let m = masters(&d.url("", ""), 1000);
    cycle(&m, &key("warm"), &[]).unwrap();
    let start = Instant::now();
    d.servers[0].stop();
    let (r, switched, new) = cycles_through(
        &d,
        &m,
        old,
        start,
        Duration::from_millis(10),
        Duration::from_secs(40),
        &|r| {
            r.first_on_new
                .is_some_and(|t| start.elapsed() > t + Duration::from_secs(1))
        },
    );
    report("SIGKILL of the master", &r, switched);
    assert!(
        r.first_on_new.is_some(),
        "locks never moved to a new master"
    );
    assert!(!r.failed.is_empty());
    assert!(r.longest_call < Duration::from_millis(1500));
    assert_eq!(r.stale, 0);
    // The old master comes back (empty, a master by its own account) and Sentinel turns it
    // into a replica: it is never used for a lock.
    d.servers[0].restart();
    let ports = [old, new];
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut cycles = 0;
    while d.role(old).as_deref() != Some("slave") || cycles < 100 {
        assert!(Instant::now() < deadline, "old master not reconfigured");
        let holders = cycle(&m, &key("rejoined"), &ports).unwrap();
        assert!(holders.contains(&new), "{holders:?}");
        cycles += 1;
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(d.servers[0].info_field("cmdstat_evalsha"), 0);
}

#[test]
fn frozen_master_costs_one_timeout_per_recheck_not_per_call() {
    let d = Deployment::start("svc-frozen");
    let old = d.servers[0].port;
    // Connect and reply timeouts of 300 ms: a call that dials the frozen master waits that long.
    let m = masters(&d.url("", ""), 300);
    cycle(&m, &key("warm"), &[]).unwrap();
    let start = Instant::now();
    d.servers[0].freeze();
    let (r, switched, _new) = cycles_through(
        &d,
        &m,
        old,
        start,
        Duration::from_millis(10),
        Duration::from_secs(40),
        &|r| {
            r.first_on_new
                .is_some_and(|t| start.elapsed() > t + Duration::from_secs(1))
        },
    );
    d.servers[0].thaw();
    report("SIGSTOP of the master", &r, switched);
    let slow = r
        .failed
        .iter()
        .filter(|(_, took, _)| *took > Duration::from_millis(100))
        .count();
    println!("  failed calls slower than 100 ms: {slow}");
    assert!(
        r.first_on_new.is_some(),
        "locks never moved to a new master"
    );
    assert!(
        r.longest_call < Duration::from_millis(700),
        "{:?}",
        r.longest_call
    );
    // One slow call when the pooled connection times out, then one per recheck (1 s).
    let window = r.failed.last().map_or(Duration::ZERO, |f| f.0);
    assert!(
        slow as u128 <= 2 + window.as_millis() / 1000,
        "{slow} slow calls"
    );
    assert!(r
        .failed
        .iter()
        .any(|(_, _, e)| e.contains("which failed its check")));
}

#[test]
fn readonly_from_the_demoted_master_is_retried_on_the_new_one() {
    let d = Deployment::start("svc-readonly");
    let old = d.servers[0].port;
    // A recheck far longer than the test: only the old master's own answers can move the lock.
    let m = masters_rechecking(&d.url("", ""), 1000, Duration::from_secs(600));
    cycle(&m, &key("warm"), &[]).unwrap();
    command(
        d.sentinels[0].port,
        &["SENTINEL", "FAILOVER", "svc-readonly"],
    )
    .unwrap();
    let new = d.wait_for_new_master(old, Duration::from_secs(30));
    let deadline = Instant::now() + Duration::from_secs(40);
    while d.role(old).as_deref() != Some("slave") {
        assert!(Instant::now() < deadline, "old master not reconfigured");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Still cached: the old master, a replica now, answers -READONLY; the same call goes to
    // the master the sentinels name now.
    assert_eq!(master_port(&m.nodes()[0]), Some(old));
    let holders = cycle(&m, &key("readonly"), &[old, new]).expect("no failed call");
    assert!(holders.contains(&new), "{holders:?}");
    assert_eq!(master_port(&m.nodes()[0]), Some(new));
}
