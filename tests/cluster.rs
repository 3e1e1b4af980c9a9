//! `redis+cluster://` entries: the slot rules against known values and a real cluster's
//! `CLUSTER KEYSLOT`, the slot map, and against a real Redis Cluster (three masters, three
//! replicas, started and stopped by each test): locks on every shard, hash tags, a waiting
//! acquire woken, a slot moved while a loop locks keys of that slot (ASK, then MOVED: no failed
//! call), `CLUSTER FAILOVER` and a SIGKILL of a master (failed calls and time printed: run with
//! `--nocapture`; only the dead master's slots fail).

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::cluster::{key_on, Cluster};
use common::sentinel::command;
use common::*;
use redislock::config::parse_server_url;
use redislock::lock::cluster::redirections;
use redislock::lock::resp::{key_of, pack};
use redislock::lock::slots::{crc16, key_slot, redirect, Redirect, SlotMap};
use redislock::lock::{acquire_within, Error, Masters};

const TTL: Duration = Duration::from_secs(5);

fn masters(url: &str, ms: u64) -> Masters {
    let node = parse_server_url(url.as_bytes()).expect("a valid entry");
    Masters::new(vec![node], timeouts(ms), false)
        .expect("one node")
        .waking()
}

fn url(c: &Cluster) -> String {
    format!("redis+cluster://{}", c.seeds())
}

/// One lock/unlock cycle; the port of the server that held the token right after the grant.
fn cycle(m: &Masters, c: &Cluster, key: &str) -> Result<Option<u16>, Error> {
    let grant = acquire_within(m, key.as_bytes(), TTL, Duration::ZERO, false)?
        .ok_or_else(|| Error::Config("not granted".into()))?;
    let holder = c
        .servers
        .iter()
        .filter(|s| s.is_running())
        .map(|s| s.port)
        .find(|p| command(*p, &["GET", key]).is_some_and(|l| l.first() == Some(&grant.token)));
    if !m.release(key.as_bytes(), &grant.token)? {
        return Err(Error::Config("not released".into()));
    }
    Ok(holder)
}

#[test]
fn crc16_and_slots_match_known_values() {
    assert_eq!(crc16(b"123456789"), 0x31C3); // the XMODEM check value
    assert_eq!(key_slot(b"foo"), 12182);
    assert_eq!(key_slot(b"bar"), 5061);
    assert_eq!(key_slot(b"{user1000}.following"), key_slot(b"user1000"));
    assert_eq!(key_slot(b"{user1000}.followers"), key_slot(b"user1000"));
    assert_eq!(key_slot(b"foo{}{bar}"), crc16(b"foo{}{bar}") % 16384); // empty tag: whole key
    assert_eq!(key_slot(b"foo{{bar}}zap"), key_slot(b"{bar")); // tag is "{bar"
    assert_eq!(key_slot(b"foo{bar}{zap}"), key_slot(b"bar")); // first tag only
    assert_eq!(key_slot(b""), 0);
}

#[test]
fn slot_map_and_redirections_parse() {
    use redis::Value::{Array, BulkString, Int};
    let entry = |a: i64, b: i64, port: i64| {
        Array(vec![
            Int(a),
            Int(b),
            Array(vec![
                BulkString(b"127.0.0.1".to_vec()),
                Int(port),
                BulkString(b"id".to_vec()),
            ]),
        ])
    };
    let reply = Array(vec![
        entry(5461, 10922, 7001),
        entry(0, 5460, 7000),
        entry(10923, 16383, 7002),
    ]);
    let mut map = SlotMap::from_reply(&reply, "h").unwrap();
    assert_eq!(map.covered(), 16384);
    assert_eq!(map.master(0).unwrap().1, 7000);
    assert_eq!(map.master(5461).unwrap().1, 7001);
    assert_eq!(map.master(16383).unwrap().1, 7002);
    map.set(5461, ("127.0.0.1".into(), 7002));
    assert_eq!(map.master(5461).unwrap().1, 7002);
    assert_eq!(map.master(5462).unwrap().1, 7001);
    assert_eq!(map.master(5460).unwrap().1, 7000);
    assert_eq!(map.masters().len(), 3);
    // A master shown with an unknown endpoint ("?") is at the host asked.
    let unknown = Array(vec![Array(vec![
        Int(0),
        Int(16383),
        Array(vec![BulkString(b"?".to_vec()), Int(7000)]),
    ])]);
    assert_eq!(
        SlotMap::from_reply(&unknown, "10.0.0.1")
            .unwrap()
            .master(9)
            .unwrap()
            .0,
        "10.0.0.1"
    );
    assert!(SlotMap::from_reply(&Array(vec![entry(0, 20000, 1)]), "h").is_err());
    assert!(SlotMap::from_reply(&Array(vec![entry(0, 10, 1), entry(5, 20, 2)]), "h").is_err());
    assert!(SlotMap::from_reply(&Int(3), "h").is_err());
    // A host with control bytes (a hostile node) is refused, not looked up or shown.
    let hostile = Array(vec![Array(vec![
        Int(0),
        Int(16383),
        Array(vec![BulkString(b"evil\r\nhost".to_vec()), Int(7000)]),
    ])]);
    assert!(SlotMap::from_reply(&hostile, "h").is_err());
    assert_eq!(
        redirect("MOVED", "3999 127.0.0.1:6381"),
        Some(Redirect::Moved(3999, ("127.0.0.1".into(), 6381)))
    );
    assert_eq!(
        redirect("ASK", "3999 [::1]:6381"),
        Some(Redirect::Ask(3999, ("::1".into(), 6381)))
    );
    assert_eq!(redirect("MOVED", "99999 h:1"), None);
    assert_eq!(redirect("ERR", "3999 h:1"), None);
    // The key of each command the lock sends.
    assert_eq!(
        key_of(&pack(&[b"EVALSHA", b"abc", b"2", b"k1", b"k2", b"a"])),
        Some(&b"k1"[..])
    );
    assert_eq!(key_of(&pack(&[b"EVAL", b"return 1", b"0"])), None);
    assert_eq!(key_of(&pack(&[b"GET", b"lock:x"])), Some(&b"lock:x"[..]));
    assert_eq!(
        key_of(&pack(&[b"BLPOP", b"{k}:wake", b"1"])),
        Some(&b"{k}:wake"[..])
    );
}

#[test]
fn slots_agree_with_the_cluster_and_locks_land_on_every_shard() {
    let c = Cluster::start();
    // CRC16 of ours against CLUSTER KEYSLOT for names with and without tags.
    for i in 0..200 {
        let name = match i % 4 {
            0 => format!("lock:{i}"),
            1 => format!("{{order-{i}}}:stock"),
            2 => format!("a{{}}b{i}"),
            _ => format!("é{i}{{x{}}}", i % 7),
        };
        let theirs = command(c.servers[0].port, &["CLUSTER", "KEYSLOT", &name]).unwrap();
        assert_eq!(theirs[0], key_slot(name.as_bytes()).to_string(), "{name}");
    }
    let m = masters(&url(&c), 1000);
    let master_ports = c.master_ports();
    assert_eq!(master_ports.len(), 3);
    for port in &master_ports {
        let k = key_on(&c, *port, "cluster-shard-");
        assert_eq!(cycle(&m, &c, &k).unwrap(), Some(*port), "{k}");
    }
    // Hash-tagged names land in their tag's slot, fencing counters too.
    let g = acquire_within(&m, b"{order-7}:a", TTL, Duration::ZERO, true)
        .unwrap()
        .unwrap();
    let tag_master = c.master_of_slot(key_slot(b"order-7")).port;
    assert_eq!(
        command(tag_master, &["GET", "{order-7}:a"]).unwrap()[0],
        g.token
    );
    assert_eq!(
        command(tag_master, &["GET", "{order-7}:a:fence"]).unwrap()[0],
        "1"
    );
    assert!(m.release(b"{order-7}:a", &g.token).unwrap());
}

#[test]
fn waiting_acquire_is_woken_on_the_cluster() {
    let c = Cluster::start();
    let m = Arc::new(masters(&url(&c), 1000));
    let k = key("cluster-wake");
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

/// Moves `slot` from the master on `from` to the one on `to` as `redis-cli --cluster
/// reshard` does: IMPORTING/MIGRATING, MIGRATE of its keys (a few at a time, slowly, so the loop
/// meets the half-moved slot), then NODE on every master.
fn move_slot(c: &Cluster, slot: u16, from: u16, to: u16) {
    let nodes = c.nodes();
    let id = |p: u16| nodes.iter().find(|n| n.port == p).unwrap().id.clone();
    let s = slot.to_string();
    command(to, &["CLUSTER", "SETSLOT", &s, "IMPORTING", &id(from)]).unwrap();
    command(from, &["CLUSTER", "SETSLOT", &s, "MIGRATING", &id(to)]).unwrap();
    for _ in 0..100 {
        let mut keys = command(from, &["CLUSTER", "GETKEYSINSLOT", &s, "2"]).unwrap();
        keys.retain(|k| !k.is_empty());
        if keys.is_empty() {
            break;
        }
        let mut args = vec!["MIGRATE", "127.0.0.1"];
        let port = to.to_string();
        args.extend([port.as_str(), "", "0", "5000", "REPLACE", "KEYS"]);
        args.extend(keys.iter().map(String::as_str));
        let said = command(from, &args).unwrap();
        assert!(
            said.first().is_some_and(|r| r == "OK" || r == "NOKEY"),
            "MIGRATE: {said:?}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(50));
    for n in nodes.iter().filter(|n| n.master) {
        command(n.port, &["CLUSTER", "SETSLOT", &s, "NODE", &id(to)]).unwrap();
    }
}

#[test]
fn a_slot_moved_under_a_lock_loop_costs_no_failed_call() {
    let c = Cluster::start();
    let m = Arc::new(masters(&url(&c), 1000));
    let tag = "moving";
    let slot = key_slot(tag.as_bytes());
    let from = c.master_of_slot(slot).port;
    let to = c
        .nodes()
        .iter()
        .find(|n| n.master && n.port != from)
        .unwrap()
        .port;
    // Keys that stay in the slot during the move (held locks, fencing counters).
    for i in 0..20 {
        command(from, &["SET", &format!("{{{tag}}}:parked{i}"), "x"]).unwrap();
    }
    let stop = Arc::new(AtomicBool::new(false));
    let (m2, stop2) = (m.clone(), stop.clone());
    let looping = std::thread::spawn(move || {
        let (mut ok, mut failed) = (0, Vec::new());
        let mut i = 0u64;
        while !stop2.load(Ordering::Relaxed) {
            let k = format!("{{{tag}}}:k{}", i % 5);
            i += 1;
            let r = acquire_within(&m2, k.as_bytes(), TTL, Duration::ZERO, false)
                .and_then(|g| g.ok_or_else(|| Error::Config("not granted".into())))
                .and_then(|g| m2.release(k.as_bytes(), &g.token));
            match r {
                Ok(true) => ok += 1,
                Ok(false) => failed.push("not released".to_string()),
                Err(e) => failed.push(e.to_string()),
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        (ok, failed)
    });
    std::thread::sleep(Duration::from_millis(200));
    let before = redirections();
    let t = Instant::now();
    move_slot(&c, slot, from, to);
    let moved_in = t.elapsed();
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, Ordering::Relaxed);
    let (ok, failed) = looping.join().unwrap();
    let after = redirections();
    println!(
        "slot {slot} moved {from} -> {to} in {moved_in:?}: {ok} cycles, {} failed; MOVED {}, ASK {}, TRYAGAIN {}",
        failed.len(),
        after.0 - before.0,
        after.1 - before.1,
        after.2 - before.2
    );
    assert!(failed.is_empty(), "{failed:?}");
    assert!(ok > 50, "{ok}");
    assert!(after.0 > before.0, "a MOVED was followed");
    assert!(
        after.1 + after.2 > before.1 + before.2,
        "the half-moved slot was met"
    );
    assert_eq!(
        cycle(&m, &c, &format!("{{{tag}}}:after")).unwrap(),
        Some(to)
    );
}

/// Cycles on one key per master while `act` runs; per master: (ok, failed, first and last
/// failure time after `act` began, first success on a new master).
fn loop_during(
    c: &Cluster,
    keys: &[String],
    act: impl FnOnce(),
) -> Vec<(u32, Vec<(Duration, String)>)> {
    let m = Arc::new(masters(&url(c), 300));
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let workers: Vec<_> = keys
        .iter()
        .cloned()
        .map(|k| {
            let (m, stop) = (m.clone(), stop.clone());
            std::thread::spawn(move || {
                let (mut ok, mut failed) = (0u32, Vec::new());
                let tag = k;
                let mut i = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    // A new key each cycle, in the same slot: a lock left by a release that
                    // timed out is not counted again by the cycles after it.
                    let k = format!("{{{tag}}}:{i}");
                    i += 1;
                    let r = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
                        .and_then(|g| g.ok_or_else(|| Error::Config("not granted".into())))
                        .and_then(|g| m.release(k.as_bytes(), &g.token));
                    match r {
                        Ok(true) => ok += 1,
                        Ok(false) => failed.push((started.elapsed(), "not released".into())),
                        Err(e) => failed.push((started.elapsed(), e.to_string())),
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
                (ok, failed)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    act();
    std::thread::sleep(Duration::from_millis(1500));
    stop.store(true, Ordering::Relaxed);
    workers.into_iter().map(|w| w.join().unwrap()).collect()
}

#[test]
fn cluster_failover_is_bounded() {
    let c = Cluster::start();
    let masters_now = c.master_ports();
    let keys: Vec<String> = masters_now
        .iter()
        .map(|p| key_on(&c, *p, "cluster-fo-"))
        .collect();
    let victim = masters_now[0];
    let replica = c.replica_of(victim);
    let t = Instant::now();
    let results = loop_during(&c, &keys, || {
        command(replica, &["CLUSTER", "FAILOVER"]).unwrap();
        c.wait_promoted(replica, Duration::from_secs(20));
    });
    let (ok, failed) = &results[0];
    println!(
        "CLUSTER FAILOVER: its key {ok} ok, {} failed from {:?} to {:?} (first: {:?}); other shards: {:?}; {:?} in all",
        failed.len(),
        failed.first().map(|f| f.0),
        failed.last().map(|f| f.0),
        failed.first().map(|f| &f.1),
        results[1..].iter().map(|(o, f)| (o, f.len())).collect::<Vec<_>>(),
        t.elapsed()
    );
    let m = masters(&url(&c), 1000);
    assert_eq!(cycle(&m, &c, &keys[0]).unwrap(), Some(replica));
    for (ok, failed) in &results[1..] {
        assert!(
            failed.is_empty() && *ok > 20,
            "other shards untouched: {ok} {:?}",
            failed.first()
        );
    }
    assert!(
        results[0].1.len() <= 30,
        "a manual failover costs few calls: {}",
        results[0].1.len()
    );
}

#[test]
fn a_killed_master_fails_only_its_slots_until_its_replica_takes_over() {
    let mut c = Cluster::start();
    let masters_now = c.master_ports();
    let keys: Vec<String> = masters_now
        .iter()
        .map(|p| key_on(&c, *p, "cluster-kill-"))
        .collect();
    let victim = masters_now[0];
    let replica = c.replica_of(victim);
    let results = loop_during(&c, &keys, || {
        let pid = c.server(victim).pid();
        std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .unwrap();
        c.wait_promoted(replica, Duration::from_secs(30));
    });
    c.server_mut(victim).stop();
    let (ok, failed) = &results[0];
    println!(
        "SIGKILL of master {victim}: its key {ok} ok, {} failed from {:?} to {:?}; other shards: {:?}",
        failed.len(),
        failed.first().map(|f| f.0),
        failed.last().map(|f| f.0),
        results[1..].iter().map(|(o, f)| (o, f.len())).collect::<Vec<_>>()
    );
    for (ok, failed) in &results[1..] {
        assert!(
            failed.is_empty() && *ok > 20,
            "other shards untouched: {ok} {:?}",
            failed.first()
        );
    }
    assert!(
        !failed.is_empty(),
        "the dead master's slots failed for a while"
    );
    // The message names the node that failed, not only the entry's seeds.
    let named = format!(
        "{}: 127.0.0.1:{victim}: ",
        url(&c).replace("redis+cluster://", "cluster:")
    );
    assert!(
        failed.iter().any(|(_, m)| m.contains(&named)),
        "{:?}",
        failed.first()
    );
    let span = failed
        .last()
        .unwrap()
        .0
        .saturating_sub(failed.first().unwrap().0);
    assert!(span < Duration::from_secs(15), "bounded: {span:?}");
    let m = masters(&url(&c), 1000);
    assert_eq!(cycle(&m, &c, &keys[0]).unwrap(), Some(replica));
}

#[test]
fn an_uncovered_slot_fails_fast_and_is_used_again_once_served() {
    let c = Cluster::start();
    let m = masters(&url(&c), 1000);
    let k = key("cluster-uncovered");
    let slot = key_slot(k.as_bytes());
    let owner = c.master_of_slot(slot).port;
    let s = slot.to_string();
    // The slot served by no one (every node forgets it): the map read has a hole there.
    for n in c.nodes() {
        command(n.port, &["CLUSTER", "DELSLOTS", &s]);
    }
    std::thread::sleep(Duration::from_millis(300));
    let t = Instant::now();
    let e = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false).unwrap_err();
    assert!(
        e.to_string().contains(&format!("serves slot {slot}")),
        "{e}"
    );
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    // Served again: the map is read again, not kept with its hole.
    command(owner, &["CLUSTER", "ADDSLOTS", &s]).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        std::thread::sleep(Duration::from_millis(150));
        if let Ok(Some(port)) = cycle(&m, &c, &k) {
            assert_eq!(port, owner);
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the slot never became usable again"
        );
    }
}
