//! A real Redis Cluster for the tests: six redis-servers (`--cluster-enabled yes`, node timeout
//! 1000 ms, `--save ''`) on free loopback ports joined by `redis-cli --cluster create
//! --cluster-replicas 1 --cluster-yes` (three masters, three replicas), stopped when dropped.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::sentinel::command;
use super::Server;

pub struct Cluster {
    pub servers: Vec<Server>,
}

/// A node as `CLUSTER NODES` shows it.
#[derive(Clone, Debug)]
pub struct NodeLine {
    pub id: String,
    pub port: u16,
    pub master: bool,
    /// The master's id, for a replica.
    pub master_id: Option<String>,
    /// Slot ranges `first-last` it serves (a master).
    pub slots: Vec<(u16, u16)>,
}

impl Cluster {
    pub fn start() -> Cluster {
        Cluster::with_args(&[])
    }

    pub fn with_args(extra: &[&str]) -> Cluster {
        let mut args = vec![
            "--cluster-enabled",
            "yes",
            "--cluster-node-timeout",
            "1000",
            "--cluster-require-full-coverage",
            "no",
        ];
        args.extend_from_slice(extra);
        args.extend(["--logfile", "redis.log"]);
        // The bus port is the port + 10000 unless given: past 65535 for a high free port.
        let servers: Vec<Server> = (0..6)
            .map(|_| {
                let bus = super::free_port().to_string();
                let mut args = args.clone();
                args.extend(["--cluster-port", bus.as_str()]);
                Server::with_args(&args)
            })
            .collect();
        let addrs: Vec<String> = servers
            .iter()
            .map(|s| format!("127.0.0.1:{}", s.port))
            .collect();
        let status = Command::new("timeout")
            .args(["60", "redis-cli", "--cluster", "create"])
            .args(&addrs)
            .args(["--cluster-replicas", "1", "--cluster-yes"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("redis-cli");
        assert!(status.success(), "redis-cli --cluster create failed");
        let c = Cluster { servers };
        c.wait_ok(Duration::from_secs(30));
        c
    }

    /// Waits until every running node says `cluster_state:ok` and agrees on three masters
    /// serving all slots.
    pub fn wait_ok(&self, limit: Duration) {
        let deadline = Instant::now() + limit;
        loop {
            let ok = self.servers.iter().filter(|s| s.is_running()).all(|s| {
                command(s.port, &["CLUSTER", "INFO"])
                    .is_some_and(|l| l.iter().any(|l| l.trim() == "cluster_state:ok"))
            }) && self.servers.iter().filter(|s| s.is_running()).all(|s| {
                let nodes = nodes_of(s.port);
                let masters = nodes.iter().filter(|n| n.master && !n.slots.is_empty());
                masters
                    .map(|n| {
                        n.slots
                            .iter()
                            .map(|(a, b)| (b - a) as usize + 1)
                            .sum::<usize>()
                    })
                    .sum::<usize>()
                    == 16384
            });
            // Every replica synchronized (one that never was cannot be failed over to).
            let synced = || {
                self.nodes().iter().filter(|n| !n.master).all(|n| {
                    command(n.port, &["INFO", "replication"])
                        .is_some_and(|l| l.iter().any(|l| l.trim() == "master_link_status:up"))
                })
            };
            if ok && synced() {
                return;
            }
            assert!(Instant::now() < deadline, "the cluster did not become ok");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `CLUSTER NODES` as one running node sees it.
    pub fn nodes(&self) -> Vec<NodeLine> {
        let s = self
            .servers
            .iter()
            .find(|s| s.is_running())
            .expect("a node");
        nodes_of(s.port)
    }

    /// The server that serves `slot` now (by the first running node's view).
    pub fn master_of_slot(&self, slot: u16) -> &Server {
        let line = self
            .nodes()
            .into_iter()
            .find(|n| n.master && n.slots.iter().any(|(a, b)| *a <= slot && slot <= *b))
            .expect("a master serves the slot");
        self.server(line.port)
    }

    pub fn server(&self, port: u16) -> &Server {
        self.servers.iter().find(|s| s.port == port).expect("ours")
    }

    pub fn server_mut(&mut self, port: u16) -> &mut Server {
        self.servers
            .iter_mut()
            .find(|s| s.port == port)
            .expect("ours")
    }

    /// The ports of the masters (by the first running node's view).
    pub fn master_ports(&self) -> Vec<u16> {
        self.nodes()
            .iter()
            .filter(|n| n.master)
            .map(|n| n.port)
            .collect()
    }

    /// Waits until the node on `replica` says it is a master serving slots (its own view: the
    /// old master may be dead); the panic shows the node's log.
    pub fn wait_promoted(&self, replica: u16, limit: Duration) {
        let deadline = Instant::now() + limit;
        while !nodes_of(replica)
            .iter()
            .any(|n| n.port == replica && n.master && !n.slots.is_empty())
        {
            assert!(
                Instant::now() < deadline,
                "{replica} not promoted:\n{}",
                log_tail(replica)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A replica of the master on `port`.
    pub fn replica_of(&self, port: u16) -> u16 {
        let nodes = self.nodes();
        let id = nodes
            .iter()
            .find(|n| n.port == port)
            .expect("known")
            .id
            .clone();
        nodes
            .iter()
            .find(|n| n.master_id.as_deref() == Some(&id))
            .expect("a replica")
            .port
    }

    /// The seed list of an entry: every node.
    pub fn seeds(&self) -> String {
        self.servers
            .iter()
            .map(|s| format!("127.0.0.1:{}", s.port))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// `CLUSTER NODES` of the node on `port`.
pub fn nodes_of(port: u16) -> Vec<NodeLine> {
    let lines = command(port, &["CLUSTER", "NODES"]).unwrap_or_default();
    lines
        .iter()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            if f.len() < 8 || f[2].contains("fail") || f[2].contains("noaddr") {
                return None;
            }
            let port = f[1].split('@').next()?.rsplit_once(':')?.1.parse().ok()?;
            let slots = f[8..]
                .iter()
                .filter(|s| !s.starts_with('['))
                .filter_map(|s| match s.split_once('-') {
                    Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
                    None => s.parse().ok().map(|v| (v, v)),
                })
                .collect();
            Some(NodeLine {
                id: f[0].to_string(),
                port,
                master: f[2].contains("master"),
                master_id: (f[3] != "-").then(|| f[3].to_string()),
                slots,
            })
        })
        .collect()
}

/// A key name (with `prefix`) whose slot is served by the master on `port`, found by trying.
pub fn key_on(cluster: &Cluster, port: u16, prefix: &str) -> String {
    let nodes = cluster.nodes();
    let ranges = &nodes
        .iter()
        .find(|n| n.port == port)
        .expect("a master")
        .slots;
    (0..100_000)
        .map(|i| format!("{prefix}{i}"))
        .find(|k| {
            let slot = redislock::lock::slots::key_slot(k.as_bytes());
            ranges.iter().any(|(a, b)| *a <= slot && slot <= *b)
        })
        .expect("a key on every master")
}

/// The last lines of a node's log (what it said about failures and elections).
pub fn log_tail(port: u16) -> String {
    let path = std::env::temp_dir()
        .join(format!("redislock-rs-{}-{port}", std::process::id()))
        .join("redis.log");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .filter(|l| !l.contains("MASTER") && !l.contains("SYNC") && !l.contains("overcommit"))
        .copied()
        .collect::<Vec<_>>()[..]
        .join("\n")
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for s in &mut self.servers {
            s.stop();
        }
    }
}
