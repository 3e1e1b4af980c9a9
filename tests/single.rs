//! One server (the `RedisLock` face): the core against a real redis-server.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use redislock::lock::scripts::{EXTEND_SCRIPT, EXTEND_SHA, RELEASE_SCRIPT, RELEASE_SHA};
use redislock::lock::Error;
use redislock::lock::{acquire_within, Attempt};

const TTL: Duration = Duration::from_secs(20);

#[test]
fn script_hashes_match_what_redis_computes() {
    let s = Server::start();
    let mut c = s.client().unwrap();
    let sha: String = redis::cmd("SCRIPT")
        .arg("LOAD")
        .arg(RELEASE_SCRIPT)
        .query(&mut c)
        .unwrap();
    assert_eq!(sha, RELEASE_SHA);
    let sha: String = redis::cmd("SCRIPT")
        .arg("LOAD")
        .arg(EXTEND_SCRIPT)
        .query(&mut c)
        .unwrap();
    assert_eq!(sha, EXTEND_SHA);
}

#[test]
fn acquire_sets_token_with_ttl_and_release_deletes_it() {
    let s = Server::start();
    let m = single(&s);
    let k = key("roundtrip");
    let grant = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO)
        .unwrap()
        .expect("granted");
    assert_eq!(grant.token.len(), 32);
    assert!(grant
        .token
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_eq!(s.get(&k).as_deref(), Some(grant.token.as_str()));
    let pttl = s.pttl(&k);
    assert!(pttl > 19_000 && pttl <= 20_000, "pttl {pttl}");
    assert!(m.release(k.as_bytes(), &grant.token).unwrap());
    assert_eq!(s.get(&k), None);
    assert!(
        !m.release(k.as_bytes(), &grant.token).unwrap(),
        "second release is false"
    );
}

#[test]
fn held_lock_is_busy_and_forged_token_cannot_release() {
    let s = Server::start();
    let m = single(&s);
    let k = key("held");
    let grant = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO)
        .unwrap()
        .unwrap();
    assert_eq!(
        m.try_acquire(k.as_bytes(), "someoneelse", TTL).unwrap(),
        Attempt::Busy
    );
    assert!(!m
        .release(k.as_bytes(), "0123456789abcdef0123456789abcdef")
        .unwrap());
    assert_eq!(s.get(&k).as_deref(), Some(grant.token.as_str()));
}

#[test]
fn lock_can_be_taken_after_its_ttl() {
    let s = Server::start();
    let m = single(&s);
    let k = key("ttl");
    let first = acquire_within(&m, k.as_bytes(), Duration::from_millis(200), Duration::ZERO)
        .unwrap()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let second = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO)
        .unwrap()
        .expect("expired lock is free");
    assert_ne!(first.token, second.token);
    assert_eq!(s.get(&k).as_deref(), Some(second.token.as_str()));
}

#[test]
fn waiting_acquire_gets_the_lock_soon_after_release() {
    let s = Server::start();
    let m = Arc::new(single(&s));
    let k = key("wait");
    let holder = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO)
        .unwrap()
        .unwrap();
    let (m2, k2) = (m.clone(), k.clone());
    let waiter = std::thread::spawn(move || {
        let t = Instant::now();
        let g = acquire_within(&m2, k2.as_bytes(), TTL, Duration::from_secs(5)).unwrap();
        (g, t.elapsed())
    });
    std::thread::sleep(Duration::from_millis(300));
    let released_at = Instant::now();
    assert!(m.release(k.as_bytes(), &holder.token).unwrap());
    let (grant, waited) = waiter.join().unwrap();
    let grant = grant.expect("waiter gets the lock");
    assert!(
        waited >= Duration::from_millis(290),
        "it really waited: {waited:?}"
    );
    assert!(released_at.elapsed() < Duration::from_secs(5), "hang bound");
    assert_eq!(s.get(&k).as_deref(), Some(grant.token.as_str()));
}

#[test]
fn waiting_acquire_gives_up_after_acquire_time() {
    let s = Server::start();
    let m = single(&s);
    let k = key("giveup");
    acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO)
        .unwrap()
        .unwrap();
    let t = Instant::now();
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::from_millis(500)).unwrap();
    assert!(g.is_none());
    assert!(
        t.elapsed() >= Duration::from_millis(500),
        "measured on a monotonic clock"
    );
    assert!(t.elapsed() < Duration::from_secs(5), "hang bound");
}

#[test]
fn zero_acquire_time_makes_exactly_one_attempt() {
    let s = Server::start();
    let m = single(&s);
    let k = key("once");
    acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO)
        .unwrap()
        .unwrap();
    let before = s.info_field("cmdstat_set");
    assert!(acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO)
        .unwrap()
        .is_none());
    assert_eq!(s.info_field("cmdstat_set") - before, 1);
}

#[test]
fn release_falls_back_to_eval_after_script_flush() {
    let s = Server::start();
    let m = single(&s);
    let k = key("noscript");
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO)
        .unwrap()
        .unwrap();
    let mut c = s.client().unwrap();
    let _: () = redis::cmd("SCRIPT").arg("FLUSH").query(&mut c).unwrap();
    assert!(m.release(k.as_bytes(), &g.token).unwrap());
    assert_eq!(s.get(&k), None);
}

#[test]
fn extend_renews_own_lock_only() {
    let s = Server::start();
    let m = single(&s);
    let k = key("extend");
    let g = acquire_within(&m, k.as_bytes(), Duration::from_secs(2), Duration::ZERO)
        .unwrap()
        .unwrap();
    let v = m
        .extend(k.as_bytes(), &g.token, Duration::from_secs(30))
        .unwrap();
    assert!(v.is_some());
    assert!(s.pttl(&k) > 20_000);
    assert_eq!(
        m.extend(k.as_bytes(), "forged", Duration::from_secs(60))
            .unwrap(),
        None
    );
    assert_eq!(
        s.get(&k).as_deref(),
        Some(g.token.as_str()),
        "a forged extend leaves the lock alone"
    );
}

#[test]
fn connection_is_reused_across_calls() {
    let s = Server::start();
    let m = single(&s);
    let k = key("reuse");
    // Warm: one connection opened by the lock.
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO)
        .unwrap()
        .unwrap();
    m.release(k.as_bytes(), &g.token).unwrap();
    let before = s.info_field("total_connections_received");
    for _ in 0..100 {
        let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO)
            .unwrap()
            .unwrap();
        assert!(m.release(k.as_bytes(), &g.token).unwrap());
    }
    // The inspector's own connection for the reading is the one new connection.
    assert_eq!(s.info_field("total_connections_received") - before, 1);
}

#[test]
fn works_again_after_server_restart() {
    let mut s = Server::start();
    let m = single(&s);
    let k = key("restart");
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO)
        .unwrap()
        .unwrap();
    assert!(m.release(k.as_bytes(), &g.token).unwrap());
    s.restart();
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO)
        .unwrap()
        .expect("reconnects");
    assert_eq!(s.get(&k).as_deref(), Some(g.token.as_str()));
}

#[test]
fn unreachable_server_is_an_error_naming_it() {
    let node = dead_node();
    let label = node.to_string();
    let m = redislock::lock::Masters::new(vec![node], timeouts(1000), false).unwrap();
    let err = m.try_acquire(b"k", "t", TTL).unwrap_err();
    assert!(matches!(err, Error::Unavailable { .. }));
    assert!(err.to_string().contains(&label), "{err}");
    assert!(m.release(b"k", "t").is_err());
}

#[test]
fn silent_server_costs_the_timeout_not_a_hang() {
    let (_listener, node) = silent_listener();
    let m = redislock::lock::Masters::new(vec![node], timeouts(200), false).unwrap();
    let t = Instant::now();
    let err = m.try_acquire(b"k", "t", TTL).unwrap_err();
    assert!(err.to_string().contains("no reply within 200 ms"), "{err}");
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "hang bound: {:?}",
        t.elapsed()
    );
}

#[test]
fn password_and_acl_user_authenticate() {
    let s = Server::with_args(&[
        "--requirepass",
        "s3cret",
        "--user",
        "locker",
        "on",
        ">wonderland",
        "~*",
        "&*",
        "+@all",
    ]);
    let mut n = s.node();
    n.password = Some("s3cret".into());
    let m = redislock::lock::Masters::new(vec![n.clone()], timeouts(1000), false).unwrap();
    assert!(acquire_within(&m, b"k1", TTL, Duration::ZERO)
        .unwrap()
        .is_some());

    n.username = Some("locker".into());
    n.password = Some("wonderland".into());
    let m = redislock::lock::Masters::new(vec![n.clone()], timeouts(1000), false).unwrap();
    assert!(acquire_within(&m, b"k2", TTL, Duration::ZERO)
        .unwrap()
        .is_some());

    n.password = Some("wrong-pass".into());
    let m = redislock::lock::Masters::new(vec![n], timeouts(1000), false).unwrap();
    let err = m.try_acquire(b"k3", "t", TTL).unwrap_err().to_string();
    assert!(err.contains("authentication"), "{err}");
    assert!(!err.contains("wrong-pass"), "no secret in: {err}");
}

/// Threads of one process contend on a non-atomic counter (GET, pause, SET): with the lock the
/// count is exact; the same run with the lock bypassed loses updates (so the test can fail).
fn counter_run(s: &Server, use_lock: bool) -> i64 {
    let key = key(if use_lock {
        "counter-lock"
    } else {
        "counter-nolock"
    });
    let wait = |m: &redislock::lock::Masters, k: &[u8]| {
        acquire_within(m, k, TTL, Duration::from_secs(30))
            .unwrap()
            .expect("lock")
    };
    contend(s, single(s), wait, &key, 6, 25, use_lock)
}

#[test]
fn contending_threads_count_exactly_with_the_lock() {
    let s = Server::start();
    assert_eq!(counter_run(&s, true), 6 * 25);
}

#[test]
fn contending_threads_lose_updates_without_the_lock() {
    let s = Server::start();
    assert!(
        counter_run(&s, false) < 6 * 25,
        "the control must show lost updates"
    );
}

#[test]
fn unix_socket_with_full_backlog_costs_the_connect_timeout_not_a_hang() {
    use std::os::fd::AsRawFd;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::net::UnixListener;
    let dir = std::env::temp_dir().join(format!("redislock-unix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("full.sock");
    let _ = std::fs::remove_file(&path);
    let listener = UnixListener::bind(&path).unwrap();
    // SAFETY: shrink the backlog of our own listening socket.
    assert_eq!(unsafe { libc::listen(listener.as_raw_fd(), 0) }, 0);
    // Fill the backlog with non-blocking connects nobody accepts, until the kernel says EAGAIN.
    let mut held = Vec::new();
    let mut addr: libc::sockaddr_un = unsafe { std::mem::zeroed() };
    addr.sun_family = libc::AF_UNIX as libc::sa_family_t;
    for (d, s) in addr.sun_path.iter_mut().zip(path.as_os_str().as_bytes()) {
        *d = *s as libc::c_char;
    }
    let mut full = false;
    for _ in 0..64 {
        // SAFETY: plain socket calls on fds this test owns and closes.
        unsafe {
            let fd = libc::socket(libc::AF_UNIX, libc::SOCK_STREAM | libc::SOCK_NONBLOCK, 0);
            let rc = libc::connect(
                fd,
                (&addr as *const libc::sockaddr_un).cast(),
                std::mem::size_of::<libc::sockaddr_un>() as libc::socklen_t,
            );
            held.push(fd);
            if rc != 0 {
                full = true;
                break;
            }
        }
    }
    assert!(full, "the backlog filled up");
    let mut node = redislock::lock::Node::tcp("", 0);
    node.address = redislock::lock::Address::Unix(path.clone());
    let m = redislock::lock::Masters::new(vec![node], timeouts(200), false).unwrap();
    let t = Instant::now();
    let err = m.try_acquire(b"k", "t", TTL).unwrap_err().to_string();
    assert!(err.contains("connect timed out after 200 ms"), "{err}");
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "hang bound: {:?}",
        t.elapsed()
    );
    for fd in held {
        // SAFETY: closing the fds opened above.
        unsafe { libc::close(fd) };
    }
    let _ = std::fs::remove_dir_all(&dir);
}
