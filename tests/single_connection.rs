//! One server (the `RedisLock` face), its connections: reused across calls, made again after a
//! restart, authenticated with a password or an ACL user; an unreachable, silent or full server
//! is an error naming it within its timeout, never a hang.

mod common;

use std::time::{Duration, Instant};

use common::*;
use redislock::lock::acquire_within;
use redislock::lock::Error;

const TTL: Duration = Duration::from_secs(20);

#[test]
fn connection_is_reused_across_calls() {
    let s = Server::start();
    let m = single(&s);
    let k = key("reuse");
    // Warm: one connection opened by the lock.
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .unwrap();
    m.release(k.as_bytes(), &g.token).unwrap();
    let before = s.info_field("total_connections_received");
    for _ in 0..100 {
        let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
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
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .unwrap();
    assert!(m.release(k.as_bytes(), &g.token).unwrap());
    s.restart();
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
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
    assert!(acquire_within(&m, b"k1", TTL, Duration::ZERO, false)
        .unwrap()
        .is_some());

    n.username = Some("locker".into());
    n.password = Some("wonderland".into());
    let m = redislock::lock::Masters::new(vec![n.clone()], timeouts(1000), false).unwrap();
    assert!(acquire_within(&m, b"k2", TTL, Duration::ZERO, false)
        .unwrap()
        .is_some());

    n.password = Some("wrong-pass".into());
    let m = redislock::lock::Masters::new(vec![n], timeouts(1000), false).unwrap();
    let err = m.try_acquire(b"k3", "t", TTL).unwrap_err().to_string();
    assert!(err.contains("authentication"), "{err}");
    assert!(!err.contains("wrong-pass"), "no secret in: {err}");
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
