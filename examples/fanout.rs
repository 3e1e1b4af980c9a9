//! The Redlock fan-out measurement: a lock+unlock cycle on 5 local masters against 1, alternated
//! over rounds, beside the same code asking the 5 masters one after another. Starts its own
//! redis-servers.
//!
//!   cargo run --release --no-default-features --example fanout [CYCLES] [ROUNDS]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use redislock::lock::{acquire_with_retries, Masters, Node, Timeouts};

struct Server(Child, std::path::PathBuf);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
        let _ = std::fs::remove_dir_all(&self.1);
    }
}

fn start() -> (Server, Node) {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let dir = std::env::temp_dir().join(format!("redislock-fanout-{port}"));
    std::fs::create_dir_all(&dir).expect("dir");
    let child = Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .arg("--dir")
        .arg(&dir)
        .stdout(Stdio::null())
        .spawn()
        .expect("redis-server");
    let server = Server(child, dir);
    let node = Node::tcp("127.0.0.1", port);
    let probe = Masters::new(vec![node.clone()], timeouts(), false).expect("node");
    for _ in 0..200 {
        if probe.release(b"probe", "x").is_ok() {
            return (server, node);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("redis-server did not start");
}

fn timeouts() -> Timeouts {
    Timeouts {
        connect: Duration::from_millis(50),
        reply: Duration::from_millis(50),
    }
}

fn cycles(m: &Masters, n: usize) -> Duration {
    let t = Instant::now();
    for i in 0..n {
        let key = format!("fanout:{i}");
        let g = acquire_with_retries(
            m,
            key.as_bytes(),
            Duration::from_secs(10),
            1,
            Duration::ZERO,
        )
        .expect("no error")
        .expect("granted");
        assert!(m.release(key.as_bytes(), &g.token).expect("no error"));
    }
    t.elapsed()
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let n = args.first().copied().unwrap_or(5000);
    let rounds = args.get(1).copied().unwrap_or(5);
    let servers: Vec<(Server, Node)> = (0..5).map(|_| start()).collect();
    let nodes: Vec<Node> = servers.iter().map(|(_, n)| n.clone()).collect();
    let one = Masters::new(nodes[..1].to_vec(), timeouts(), true).expect("1");
    let five = Masters::new(nodes.clone(), timeouts(), true).expect("5");
    let five_seq = Masters::new(nodes, timeouts(), true)
        .expect("5")
        .one_by_one();
    for m in [&one, &five, &five_seq] {
        cycles(m, 200);
    }
    println!("{n} lock+unlock cycles per round, {rounds} rounds, alternated");
    let (mut r_conc, mut r_seq) = (vec![], vec![]);
    for round in 1..=rounds {
        let mut t = [Duration::ZERO; 3];
        let order: Vec<usize> = if round % 2 == 1 {
            vec![0, 1, 2]
        } else {
            vec![2, 1, 0]
        };
        for &i in &order {
            t[i] = cycles([&one, &five, &five_seq][i], n);
        }
        let us = |d: Duration| d.as_secs_f64() * 1e6 / n as f64;
        println!(
            "round {round}: 1 master {:6.1} us/cycle | 5 masters concurrent {:6.1} us ({:.2}x) | 5 masters one by one {:6.1} us ({:.2}x)",
            us(t[0]), us(t[1]), us(t[1]) / us(t[0]), us(t[2]), us(t[2]) / us(t[0])
        );
        r_conc.push(us(t[1]) / us(t[0]));
        r_seq.push(us(t[2]) / us(t[0]));
    }
    r_conc.sort_by(f64::total_cmp);
    r_seq.sort_by(f64::total_cmp);
    println!(
        "median ratio to 1 master: concurrent fan-out {:.2}x, one by one {:.2}x",
        r_conc[rounds / 2],
        r_seq[rounds / 2]
    );
}
