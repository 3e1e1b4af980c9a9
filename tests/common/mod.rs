//! Real redis-server processes for the core's tests: started on free loopback ports with a
//! scratch directory, stopped (and resumed first, if frozen) when dropped. A test that needs Redis
//! starts one or fails; it never passes without one. Fake servers with one fault each are in
//! `fake`; what the fault tests share, in `faults`.
#![allow(dead_code)]

pub mod cluster;
pub mod fake;
pub mod faults;
pub mod sentinel;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use redislock::lock::{Masters, Node, Timeouts};

pub struct Server {
    pub port: u16,
    child: Option<Child>,
    dir: PathBuf,
    args: Vec<String>,
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free port")
}

impl Server {
    pub fn start() -> Server {
        Server::with_args(&[])
    }

    pub fn with_args(args: &[&str]) -> Server {
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("redislock-rs-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        let mut s = Server {
            port,
            child: None,
            dir,
            args: args.iter().map(|a| a.to_string()).collect(),
        };
        s.spawn();
        s
    }

    fn spawn(&mut self) {
        let child = Command::new("redis-server")
            .args([
                "--port",
                &self.port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .arg("--dir")
            .arg(&self.dir)
            .args(&self.args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server must be installed (scripts/setup.sh installs it)");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(mut c) = self.client() {
                let pong: redis::RedisResult<String> = redis::cmd("PING").query(&mut c);
                if pong.is_ok()
                    || pong
                        .as_ref()
                        .err()
                        .map(|e| e.to_string().contains("NOAUTH"))
                        .unwrap_or(false)
                {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "redis-server on {} did not start",
                self.port
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn is_running(&self) -> bool {
        self.child.is_some()
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().map(|c| c.id()).expect("running")
    }

    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = Command::new("kill")
                .args(["-CONT", &c.id().to_string()])
                .status();
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    pub fn restart(&mut self) {
        self.stop();
        self.spawn();
    }

    pub fn freeze(&self) {
        Command::new("kill")
            .args(["-STOP", &self.pid().to_string()])
            .status()
            .expect("kill -STOP");
    }

    pub fn thaw(&self) {
        Command::new("kill")
            .args(["-CONT", &self.pid().to_string()])
            .status()
            .expect("kill -CONT");
    }

    pub fn node(&self) -> Node {
        Node::tcp("127.0.0.1", self.port)
    }

    /// An independent client (the redis crate's own connection) to look at the server.
    pub fn client(&self) -> redis::RedisResult<redis::Connection> {
        let client = redis::Client::open(format!("redis://127.0.0.1:{}/", self.port))?;
        client.get_connection_with_timeout(Duration::from_secs(2))
    }

    pub fn get(&self, key: &str) -> Option<String> {
        let mut c = self.client().expect("inspector connects");
        redis::cmd("GET").arg(key).query(&mut c).expect("GET")
    }

    pub fn set(&self, key: &str, value: &str) {
        let mut c = self.client().expect("inspector connects");
        let _: () = redis::cmd("SET")
            .arg(key)
            .arg(value)
            .query(&mut c)
            .expect("SET");
    }

    pub fn pttl(&self, key: &str) -> i64 {
        let mut c = self.client().expect("inspector connects");
        redis::cmd("PTTL").arg(key).query(&mut c).expect("PTTL")
    }

    pub fn info_field(&self, field: &str) -> i64 {
        let mut c = self.client().expect("inspector connects");
        let info: String = redis::cmd("INFO").arg("all").query(&mut c).expect("INFO");
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{field}:")))
            .and_then(|v| v.trim().split(',').next().map(str::to_string))
            .and_then(|v| v.trim_start_matches("calls=").parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn timeouts(ms: u64) -> Timeouts {
    Timeouts {
        connect: Duration::from_millis(ms),
        reply: Duration::from_millis(ms),
    }
}

pub fn single(server: &Server) -> Masters {
    Masters::new(vec![server.node()], timeouts(1000), false).expect("one node")
}

pub fn quorum(nodes: Vec<Node>, ms: u64) -> Masters {
    Masters::new(nodes, timeouts(ms), true).expect("nodes")
}

/// A loopback port that accepts connections (kernel backlog) and never answers: a frozen node.
pub fn silent_listener() -> (TcpListener, Node) {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    (l, Node::tcp("127.0.0.1", port))
}

/// A port with nothing listening.
pub fn dead_node() -> Node {
    Node::tcp("127.0.0.1", free_port())
}

pub fn key(name: &str) -> String {
    format!("test:{name}:{}", std::process::id())
}

/// `threads` threads released together each make `rounds` non-atomic increments (GET, a pause,
/// SET) of a counter on `counter_at`; with `use_lock`, each increment runs inside `masters`' lock
/// on `key`, taken by `acquire`. Returns the final count: exact with the lock, short without.
pub fn contend(
    counter_at: &Server,
    masters: Masters,
    acquire: fn(&Masters, &[u8]) -> redislock::lock::Grant,
    key: &str,
    threads: usize,
    rounds: usize,
    use_lock: bool,
) -> i64 {
    let counter = format!("{key}:n");
    counter_at.set(&counter, "0");
    let masters = std::sync::Arc::new(masters);
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let (masters, barrier, key, counter, port) = (
                masters.clone(),
                barrier.clone(),
                key.to_string(),
                counter.clone(),
                counter_at.port,
            );
            std::thread::spawn(move || {
                let mut c = redis::Client::open(format!("redis://127.0.0.1:{port}/"))
                    .unwrap()
                    .get_connection()
                    .unwrap();
                barrier.wait();
                for _ in 0..rounds {
                    let grant = use_lock.then(|| acquire(&masters, key.as_bytes()));
                    let n: i64 = redis::cmd("GET").arg(&counter).query(&mut c).unwrap();
                    std::thread::sleep(Duration::from_micros(300));
                    let _: () = redis::cmd("SET")
                        .arg(&counter)
                        .arg(n + 1)
                        .query(&mut c)
                        .unwrap();
                    if let Some(g) = grant {
                        assert!(masters.release(key.as_bytes(), &g.token).unwrap());
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    counter_at.get(&counter).unwrap().parse().unwrap()
}
