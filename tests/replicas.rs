//! `redislock.wait_replicas` (`Masters::waiting_for_replicas`) against a real master with two
//! replicas: granted when they acknowledge; with the replicas frozen (SIGSTOP) not granted
//! within the WAIT time (half the reply timeout), the key given back, never a hang; more
//! replicas asked for than exist: never granted; RedLock-style quorum rounds too.

mod common;

use std::time::{Duration, Instant};

use common::*;
use redislock::lock::{acquire_within, Masters};

const TTL: Duration = Duration::from_secs(5);

fn deployment() -> (Server, Server, Server) {
    let master = Server::start();
    let port = master.port.to_string();
    let r1 = Server::with_args(&["--replicaof", "127.0.0.1", &port]);
    let r2 = Server::with_args(&["--replicaof", "127.0.0.1", &port]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while master.info_field("connected_slaves") < 2 {
        assert!(Instant::now() < deadline, "replicas did not connect");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Both replicas acknowledge (a first WAIT returns 2 once they are in sync).
    let mut c = master.client().unwrap();
    let n: i64 = redis::cmd("WAIT").arg(2).arg(5000).query(&mut c).unwrap();
    assert_eq!(n, 2);
    (master, r1, r2)
}

fn waiting(server: &Server, replicas: u32, ms: u64) -> Masters {
    Masters::new(vec![server.node()], timeouts(ms), false)
        .unwrap()
        .waking()
        .waiting_for_replicas(replicas)
}

#[test]
fn granted_once_replicas_acknowledge_and_refused_when_they_cannot() {
    let (master, r1, r2) = deployment();
    let k = key("replicas-ok");
    let m = waiting(&master, 2, 1000);
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .expect("granted");
    assert_eq!(master.get(&k).as_deref(), Some(g.token.as_str()));
    assert!(m.release(k.as_bytes(), &g.token).unwrap());
    // A fenced acquire goes through the same check.
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, true)
        .unwrap()
        .expect("granted");
    assert!(g.fence.is_some());
    assert!(m.release(k.as_bytes(), &g.token).unwrap());

    // Three asked of two: never granted, nothing left behind, within the WAIT time.
    let three = waiting(&master, 3, 400);
    let t = Instant::now();
    assert!(
        acquire_within(&three, k.as_bytes(), TTL, Duration::ZERO, false)
            .unwrap()
            .is_none()
    );
    let took = t.elapsed();
    println!("3 replicas asked of 2: not granted in {took:?} (WAIT 200 ms)");
    assert!(
        took >= Duration::from_millis(190) && took < Duration::from_secs(4),
        "{took:?}"
    );
    assert_eq!(master.get(&k), None, "the key was given back");

    // Replicas frozen: not granted within the WAIT time (half the 600 ms reply timeout), not a hang.
    r1.freeze();
    r2.freeze();
    let one = waiting(&master, 1, 600);
    let t = Instant::now();
    let got = acquire_within(&one, k.as_bytes(), TTL, Duration::ZERO, false).unwrap();
    let took = t.elapsed();
    println!(
        "replicas frozen, 1 asked: granted={} in {took:?} (WAIT 300 ms)",
        got.is_some()
    );
    assert!(got.is_none());
    assert!(took < Duration::from_secs(6), "{took:?}");
    assert_eq!(master.get(&k), None, "the key was given back");
    // Waiting 1.5 s: tried again and again, then not acquired (false), still bounded.
    let t = Instant::now();
    let got = acquire_within(&one, k.as_bytes(), TTL, Duration::from_millis(1500), false).unwrap();
    assert!(got.is_none());
    assert!(t.elapsed() < Duration::from_secs(15), "{:?}", t.elapsed());
    // The same master without the setting grants at once.
    assert!(acquire_within(
        &waiting(&master, 0, 600),
        k.as_bytes(),
        TTL,
        Duration::ZERO,
        false
    )
    .unwrap()
    .is_some());
    r1.thaw();
    r2.thaw();
    // Thawed: granted again with the check.
    let k2 = key("replicas-thawed");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if acquire_within(&one, k2.as_bytes(), TTL, Duration::ZERO, false)
            .unwrap()
            .is_some()
        {
            break;
        }
        assert!(Instant::now() < deadline, "never granted after thaw");
    }
}

#[test]
fn quorum_rounds_count_only_acknowledged_grants() {
    // Three masters, one with a replica: asking for 1 replica, only that master's vote counts.
    let (master, _r1, _r2) = deployment();
    let lone1 = Server::start();
    let lone2 = Server::start();
    let k = key("replicas-quorum");
    let m = Masters::new(
        vec![master.node(), lone1.node(), lone2.node()],
        timeouts(200),
        true,
    )
    .unwrap()
    .waiting_for_replicas(1);
    let got = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false).unwrap();
    assert!(got.is_none(), "1 acknowledged vote of 3 is no quorum");
    for s in [&master, &lone1, &lone2] {
        assert_eq!(s.get(&k), None, "given back on {}", s.port);
    }
    let m = Masters::new(
        vec![master.node(), lone1.node(), lone2.node()],
        timeouts(200),
        true,
    )
    .unwrap();
    assert!(acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .is_some());
}
