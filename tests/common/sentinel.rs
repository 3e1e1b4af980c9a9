//! A real Sentinel deployment for the tests: one master, two replicas (`--replicaof`) and three
//! sentinels (`redis-server sentinel.conf --sentinel`, quorum 2, down after 1000 ms), all on free
//! loopback ports with `--save ''`, stopped when dropped. Also a fake sentinel that names
//! whatever server it is told to (a sentinel with a stale view).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{free_port, Server};

pub struct SentinelProc {
    pub port: u16,
    /// Its `requirepass`, if any.
    password: Option<String>,
    child: Option<Child>,
    dir: PathBuf,
}

impl SentinelProc {
    /// A sentinel monitoring `service` at `master_port`, with these extra config lines.
    pub fn start(
        service: &str,
        master_port: u16,
        extra: &[String],
        password: Option<&str>,
    ) -> SentinelProc {
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("redislock-rs-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        let mut conf = format!(
            "port {port}\nbind 127.0.0.1\ndir {}\nsentinel monitor {service} 127.0.0.1 {master_port} 2\n\
             sentinel down-after-milliseconds {service} 1000\nsentinel failover-timeout {service} 5000\n",
            dir.display()
        );
        for line in extra {
            conf.push_str(line);
            conf.push('\n');
        }
        let path = dir.join("sentinel.conf");
        std::fs::write(&path, conf).expect("sentinel.conf");
        let child = Command::new("redis-server")
            .arg(&path)
            .arg("--sentinel")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server must be installed");
        let s = SentinelProc {
            port,
            password: password.map(str::to_string),
            child: Some(child),
            dir,
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while s.raw(&["PING"]).is_none() {
            assert!(
                Instant::now() < deadline,
                "sentinel on {port} did not start"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        s
    }

    /// A command to this sentinel, its reply as text lines; None on failure.
    pub fn raw(&self, args: &[&str]) -> Option<Vec<String>> {
        command_as(self.port, self.password.as_deref(), args)
    }

    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for SentinelProc {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A command by redis-cli (raw output, one line per element), None if it failed.
pub fn command(port: u16, args: &[&str]) -> Option<Vec<String>> {
    command_as(port, None, args)
}

/// `command` with AUTH `password` first. At most 2 s (a frozen server must not hang the test).
pub fn command_as(port: u16, password: Option<&str>, args: &[&str]) -> Option<Vec<String>> {
    let mut cli = Command::new("timeout");
    cli.args(["2", "redis-cli", "-h", "127.0.0.1", "-p", &port.to_string()]);
    if let Some(p) = password {
        cli.args(["--no-auth-warning", "-a", p]);
    }
    let out = cli.args(args).stderr(Stdio::null()).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.success() && !text.starts_with("Could not connect"))
        .then(|| text.lines().map(str::to_string).collect())
}

pub struct Deployment {
    /// The servers: [0] the first master, [1] and [2] its replicas.
    pub servers: Vec<Server>,
    pub sentinels: Vec<SentinelProc>,
    pub service: String,
    /// The servers' `requirepass`, if any.
    password: Option<String>,
}

impl Deployment {
    pub fn start(service: &str) -> Deployment {
        Deployment::with(service, &[], &[], None, None)
    }

    /// With extra arguments for every redis-server and extra lines for every sentinel.conf, and
    /// the passwords these set on the servers and on the sentinels.
    pub fn with(
        service: &str,
        server_args: &[&str],
        sentinel_conf: &[String],
        server_password: Option<&str>,
        sentinel_password: Option<&str>,
    ) -> Deployment {
        let master = Server::with_args(server_args);
        let port = master.port.to_string();
        let mut servers = vec![master];
        for _ in 0..2 {
            let mut args = server_args.to_vec();
            args.extend(["--replicaof", "127.0.0.1", &port]);
            servers.push(Server::with_args(&args));
        }
        let sentinels = (0..3)
            .map(|_| {
                SentinelProc::start(service, servers[0].port, sentinel_conf, sentinel_password)
            })
            .collect();
        let d = Deployment {
            servers,
            sentinels,
            service: service.to_string(),
            password: server_password.map(str::to_string),
        };
        d.wait_until_ready();
        d
    }

    /// Until every sentinel knows both replicas and the two other sentinels (a failover needs
    /// them), and both replicas are in sync.
    fn wait_until_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ready = self.sentinels.iter().all(|s| {
                let info = s
                    .raw(&["SENTINEL", "master", &self.service])
                    .unwrap_or_default();
                let field = |name: &str| {
                    info.iter()
                        .position(|l| l == name)
                        .and_then(|i| info.get(i + 1))
                        .cloned()
                };
                field("num-slaves").as_deref() == Some("2")
                    && field("num-other-sentinels").as_deref() == Some("2")
            });
            let synced = self.servers[1..].iter().all(|r| {
                command_as(r.port, self.password.as_deref(), &["INFO", "replication"])
                    .unwrap_or_default()
                    .iter()
                    .any(|l| l.trim() == "master_link_status:up")
            });
            if ready && synced {
                return;
            }
            assert!(Instant::now() < deadline, "Sentinel deployment not ready");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// `redis+sentinel://[userinfo@]s1,s2,s3/service[query]`.
    pub fn url(&self, userinfo: &str, query: &str) -> String {
        let hosts = self
            .sentinels
            .iter()
            .map(|s| format!("127.0.0.1:{}", s.port))
            .collect::<Vec<_>>()
            .join(",");
        let at = if userinfo.is_empty() { "" } else { "@" };
        format!(
            "redis+sentinel://{userinfo}{at}{hosts}/{}{query}",
            self.service
        )
    }

    /// The master's port as each sentinel names it (None where one does not answer).
    pub fn named_masters(&self) -> Vec<Option<u16>> {
        self.sentinels
            .iter()
            .map(|s| {
                s.raw(&["SENTINEL", "get-master-addr-by-name", &self.service])
                    .and_then(|l| l.get(1).and_then(|p| p.parse().ok()))
            })
            .collect()
    }

    /// The server whose port this is.
    pub fn server(&self, port: u16) -> &Server {
        self.servers
            .iter()
            .find(|s| s.port == port)
            .expect("a server of the deployment")
    }

    pub fn role(&self, port: u16) -> Option<String> {
        command_as(port, self.password.as_deref(), &["ROLE"]).and_then(|l| l.first().cloned())
    }

    /// Waits until every live sentinel names a master other than `old`; its port.
    pub fn wait_for_new_master(&self, old: u16, within: Duration) -> u16 {
        let deadline = Instant::now() + within;
        loop {
            let named: Vec<u16> = self.named_masters().into_iter().flatten().collect();
            if !named.is_empty() && named.iter().all(|p| *p != old && *p == named[0]) {
                return named[0];
            }
            assert!(Instant::now() < deadline, "no new master named: {named:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A fake sentinel: answers `SENTINEL get-master-addr-by-name` with `names` (host, port), every
/// other command with `+OK`. Runs until the process ends.
pub fn fake_sentinel(names: (String, u16)) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let names = names.clone();
            std::thread::spawn(move || {
                let mut out = conn.try_clone().expect("clone");
                let mut input = BufReader::new(conn);
                while let Some(args) = read_command(&mut input) {
                    let reply = if args
                        .first()
                        .is_some_and(|a| a.eq_ignore_ascii_case("SENTINEL"))
                    {
                        let port = names.1.to_string();
                        format!(
                            "*2\r\n${}\r\n{}\r\n${}\r\n{}\r\n",
                            names.0.len(),
                            names.0,
                            port.len(),
                            port
                        )
                    } else {
                        "+OK\r\n".to_string()
                    };
                    if out.write_all(reply.as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
    port
}

fn read_command(input: &mut impl BufRead) -> Option<Vec<String>> {
    let mut line = String::new();
    input.read_line(&mut line).ok()?;
    let n: usize = line.trim().strip_prefix('*')?.parse().ok()?;
    let mut args = Vec::with_capacity(n);
    for _ in 0..n {
        line.clear();
        input.read_line(&mut line).ok()?;
        let len: usize = line.trim().strip_prefix('$')?.parse().ok()?;
        let mut buf = vec![0; len + 2];
        input.read_exact(&mut buf).ok()?;
        buf.truncate(len);
        args.push(String::from_utf8_lossy(&buf).into_owned());
    }
    Some(args)
}
