//! TLS (`rediss://`) in the lock core against real TLS redis-servers: a CA and certificates made
//! with the `openssl` command once per test process (removed when it exits), servers started with
//! a TLS port beside their plain one (the plain port is for inspection only). The core is driven
//! as the PHP side drives it: `tls::configure(&TlsSettings)` -> a `Node` with `tls = true` and its
//! `tls_config` -> `Masters` -> try_acquire / is_held / release.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::*;
use redislock::lock::tls::{configure, TlsSettings};
use redislock::lock::{acquire_within, Attempt, Error, Masters, Node, NodeError};

const TTL: Duration = Duration::from_secs(20);

/// The test's certificates, in a scratch directory (see `certs()`).
struct Certs {
    dir: PathBuf,
}

impl Certs {
    fn ca(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }
    fn cert(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.pem"))
    }
    fn key(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.key"))
    }
}

fn openssl(args: &[&str], dir: &Path) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the openssl command must be installed");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

extern "C" fn remove_certs() {
    if let Some(c) = CERTS.get() {
        let _ = std::fs::remove_dir_all(&c.dir);
    }
}

static CERTS: OnceLock<Certs> = OnceLock::new();

const CA_CNF: &str = "\
[ca]
default_ca = tca
[tca]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[anything]
commonName = supplied
[server]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
[dnsonly]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost
[othername]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:other.invalid
[client]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth
";

/// Made once per test process: ca (trusted only through `ca_file`), other-ca, and certificates
/// server (localhost + 127.0.0.1), dns-only (localhost), other-name (other.invalid), expired
/// (2020-2021), client (clientAuth of ca).
fn certs() -> &'static Certs {
    CERTS.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("redislock-rs-tls-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        // SAFETY: registers a plain extern "C" function to run at exit.
        unsafe { libc::atexit(remove_certs) };
        std::fs::write(dir.join("ca.cnf"), CA_CNF).unwrap();
        let key = |name: &str| {
            openssl(
                &[
                    "genpkey",
                    "-algorithm",
                    "EC",
                    "-pkeyopt",
                    "ec_paramgen_curve:P-256",
                    "-out",
                    &format!("{name}.key"),
                ],
                &dir,
            )
        };
        for (name, cn) in [("ca", "rs test CA"), ("other-ca", "rs other CA")] {
            key(name);
            openssl(
                &[
                    "req",
                    "-x509",
                    "-new",
                    "-key",
                    &format!("{name}.key"),
                    "-subj",
                    &format!("/CN={cn}"),
                    "-days",
                    "3650",
                    "-out",
                    &format!("{name}.pem"),
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign",
                ],
                &dir,
            );
        }
        let sign = |name: &str, ext: &str, dates: &[&str]| {
            key(name);
            openssl(
                &[
                    "req",
                    "-new",
                    "-key",
                    &format!("{name}.key"),
                    "-subj",
                    &format!("/CN={name}"),
                    "-out",
                    &format!("{name}.csr"),
                ],
                &dir,
            );
            std::fs::write(dir.join("index.txt"), "").unwrap();
            std::fs::write(dir.join("serial"), format!("{:016x}\n", rand_u64(name))).unwrap();
            let (csr, out) = (format!("{name}.csr"), format!("{name}.pem"));
            let mut args = vec![
                "ca",
                "-batch",
                "-notext",
                "-config",
                "ca.cnf",
                "-extensions",
                ext,
                "-cert",
                "ca.pem",
                "-keyfile",
                "ca.key",
                "-in",
                &csr,
                "-out",
                &out,
            ];
            args.extend_from_slice(dates);
            openssl(&args, &dir);
        };
        let now: &[&str] = &["-days", "3650"];
        sign("server", "server", now);
        sign("dns-only", "dnsonly", now);
        sign("other-name", "othername", now);
        sign(
            "expired",
            "server",
            &[
                "-startdate",
                "20200101000000Z",
                "-enddate",
                "20210101000000Z",
            ],
        );
        sign("client", "client", now);
        Certs { dir }
    })
}

/// A serial number that differs per certificate and run.
fn rand_u64(salt: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write(salt.as_bytes());
    h.finish() >> 1
}

/// A redis-server with a TLS port presenting `cert` (plain port: `server.port`, inspection).
struct TlsServer {
    server: Server,
    tls_port: u16,
}

impl TlsServer {
    fn start(cert: &str, auth_clients: bool) -> TlsServer {
        let c = certs();
        let tls_port = free_port();
        let (cert_file, key_file, ca) = (
            c.cert(cert).to_string_lossy().into_owned(),
            c.key(cert).to_string_lossy().into_owned(),
            c.ca().to_string_lossy().into_owned(),
        );
        let port = tls_port.to_string();
        let server = Server::with_args(&[
            "--tls-port",
            &port,
            "--tls-cert-file",
            &cert_file,
            "--tls-key-file",
            &key_file,
            "--tls-ca-cert-file",
            &ca,
            "--tls-auth-clients",
            if auth_clients { "yes" } else { "no" },
        ]);
        TlsServer { server, tls_port }
    }

    /// Its TLS port as a node with these settings, reached through `host`.
    fn node(&self, host: &str, settings: &TlsSettings) -> Node {
        tls_node(host, self.tls_port, settings)
    }

    /// CLIENT LIST lines of connections to the TLS port.
    fn tls_clients(&self) -> Vec<String> {
        let mut c = self.server.client().expect("inspector connects");
        let list: String = redis::cmd("CLIENT").arg("LIST").query(&mut c).unwrap();
        let laddr = format!("laddr=127.0.0.1:{} ", self.tls_port);
        list.lines()
            .filter(|l| l.contains(&laddr))
            .map(str::to_string)
            .collect()
    }
}

fn tls_node(host: &str, port: u16, settings: &TlsSettings) -> Node {
    let mut n = Node::tcp(host, port);
    n.tls = true;
    n.tls_config = Some(configure(settings).expect("TLS settings usable"));
    n
}

/// Verifying with the test CA.
fn trusted() -> TlsSettings {
    TlsSettings {
        ca_file: Some(certs().ca()),
        verify: true,
        ..TlsSettings::default()
    }
}

fn one(node: Node, ms: u64) -> Masters {
    Masters::new(vec![node], timeouts(ms), false).expect("one node")
}

/// The one failure of a one-server error.
fn failure(err: Error) -> NodeError {
    match err {
        Error::Unavailable { failures, .. } if failures.len() == 1 => failures[0].error.clone(),
        other => panic!("expected one server's failure, got {other:?}"),
    }
}

fn tls_failure(m: &Masters) -> String {
    match failure(m.try_acquire(b"tls:refused", "t", TTL).unwrap_err()) {
        NodeError::Tls(why) => why,
        other => panic!("expected a TLS error, got {other:?}"),
    }
}

#[test]
fn round_trip_over_verified_tls() {
    let s = TlsServer::start("server", false);
    let m = one(s.node("127.0.0.1", &trusted()), 1000);
    assert_eq!(
        m.nodes()[0].to_string(),
        format!("tls://127.0.0.1:{}", s.tls_port)
    );
    let k = key("tls-roundtrip");
    let token = "0123456789abcdef0123456789abcdef";
    assert!(matches!(
        m.try_acquire(k.as_bytes(), token, TTL).unwrap(),
        Attempt::Granted { .. }
    ));
    assert_eq!(s.server.get(&k).as_deref(), Some(token));
    let pttl = s.server.pttl(&k);
    assert!(pttl > 19_000 && pttl <= 20_000, "pttl {pttl}");
    // The lock's connection is on the TLS port, and it ran the SET.
    let clients = s.tls_clients();
    assert_eq!(clients.len(), 1, "{clients:?}");
    assert!(clients[0].contains(" cmd=set "), "{clients:?}");
    assert_eq!(
        m.try_acquire(k.as_bytes(), "someoneelse", TTL).unwrap(),
        Attempt::Busy
    );
    assert!(m.is_held(k.as_bytes(), token).unwrap());
    assert!(!m.is_held(k.as_bytes(), "someoneelse").unwrap());
    assert!(m.release(k.as_bytes(), token).unwrap());
    assert_eq!(s.server.get(&k), None);
    assert!(!m.is_held(k.as_bytes(), token).unwrap());
    assert!(!m.release(k.as_bytes(), token).unwrap());
    // Through the host name too (SNI, DNS name in the certificate).
    let m = one(s.node("localhost", &trusted()), 1000);
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .expect("granted");
    assert_eq!(s.server.get(&k).as_deref(), Some(g.token.as_str()));
    assert!(m.release(k.as_bytes(), &g.token).unwrap());
}

#[test]
fn unknown_ca_is_refused() {
    let s = TlsServer::start("server", false);
    let system_roots = TlsSettings {
        verify: true,
        ..TlsSettings::default()
    };
    let other_ca = TlsSettings {
        ca_file: Some(certs().cert("other-ca")),
        verify: true,
        ..TlsSettings::default()
    };
    for settings in [system_roots, other_ca] {
        let m = one(s.node("127.0.0.1", &settings), 1000);
        let t = Instant::now();
        let why = tls_failure(&m);
        assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
        assert!(
            why.contains("not signed by a trusted CA (unknown issuer;"),
            "{why}"
        );
    }
    assert_eq!(s.server.get("tls:refused"), None);
}

#[test]
fn name_mismatch_is_refused() {
    let other = TlsServer::start("other-name", false);
    for host in ["127.0.0.1", "localhost"] {
        let why = tls_failure(&one(other.node(host, &trusted()), 1000));
        assert!(
            why.contains("not valid for this host name (name mismatch)"),
            "{host}: {why}"
        );
    }
    // DNS:localhost only: the IP address is not in it, the name is.
    let dns_only = TlsServer::start("dns-only", false);
    let why = tls_failure(&one(dns_only.node("127.0.0.1", &trusted()), 1000));
    assert!(why.contains("(name mismatch)"), "{why}");
    let m = one(dns_only.node("localhost", &trusted()), 1000);
    let k = key("tls-dns-only");
    assert!(matches!(
        m.try_acquire(k.as_bytes(), "tok", TTL).unwrap(),
        Attempt::Granted { .. }
    ));
    assert!(m.release(k.as_bytes(), "tok").unwrap());
}

#[test]
fn expired_certificate_is_refused() {
    let s = TlsServer::start("expired", false);
    let why = tls_failure(&one(s.node("localhost", &trusted()), 1000));
    assert!(why.contains("has expired"), "{why}");
}

#[test]
fn verify_off_accepts_any_certificate() {
    let s = TlsServer::start("other-name", false);
    let off = TlsSettings {
        verify: false,
        ..TlsSettings::default()
    };
    let m = one(s.node("127.0.0.1", &off), 1000);
    let k = key("tls-noverify");
    assert!(matches!(
        m.try_acquire(k.as_bytes(), "tok", TTL).unwrap(),
        Attempt::Granted { .. }
    ));
    assert_eq!(s.server.get(&k).as_deref(), Some("tok"));
    assert!(m.release(k.as_bytes(), "tok").unwrap());
    assert_ne!(configure(&off).unwrap(), configure(&trusted()).unwrap());
}

#[test]
fn client_certificate_required_then_given() {
    let s = TlsServer::start("server", true);
    let why = tls_failure(&one(s.node("127.0.0.1", &trusted()), 1000));
    assert!(
        why.contains("the server asked for a client certificate"),
        "{why}"
    );
    let with_cert = TlsSettings {
        cert_file: Some(certs().cert("client")),
        key_file: Some(certs().key("client")),
        ..trusted()
    };
    let m = one(s.node("127.0.0.1", &with_cert), 1000);
    let k = key("tls-client-cert");
    assert!(matches!(
        m.try_acquire(k.as_bytes(), "tok", TTL).unwrap(),
        Attempt::Granted { .. }
    ));
    assert_eq!(s.server.get(&k).as_deref(), Some("tok"));
    assert!(m.release(k.as_bytes(), "tok").unwrap());
}

#[test]
fn unusable_settings_are_config_errors() {
    let c = certs();
    let cert_only = TlsSettings {
        cert_file: Some(c.cert("client")),
        ..trusted()
    };
    let key_only = TlsSettings {
        key_file: Some(c.key("client")),
        ..trusted()
    };
    for s in [cert_only, key_only] {
        match configure(&s) {
            Err(Error::Config(m)) => assert!(m.contains("go together"), "{m}"),
            other => panic!("{other:?}"),
        }
    }
    let missing = c.dir.join("missing.pem");
    let bad_ca = TlsSettings {
        ca_file: Some(missing.clone()),
        verify: true,
        ..TlsSettings::default()
    };
    match configure(&bad_ca) {
        Err(Error::Config(m)) => {
            assert!(m.starts_with("redislock.tls_ca_file '"), "{m}");
            assert!(m.contains(&*missing.to_string_lossy()), "{m}");
            assert!(m.contains("cannot read PEM certificates"), "{m}");
        }
        other => panic!("{other:?}"),
    }
    let key_as_ca = TlsSettings {
        ca_file: Some(c.key("server")),
        verify: true,
        ..TlsSettings::default()
    };
    match configure(&key_as_ca) {
        Err(Error::Config(m)) => assert!(m.contains("no certificate in it"), "{m}"),
        other => panic!("{other:?}"),
    }
    // The same settings give the same configuration (the pool matches connections on it).
    assert_eq!(
        configure(&trusted()).unwrap(),
        configure(&trusted()).unwrap()
    );
}

#[test]
fn plain_port_on_a_tls_node_is_bounded() {
    let plain = Server::start();
    let m = one(tls_node("127.0.0.1", plain.port, &trusted()), 200);
    let t = Instant::now();
    let err = failure(m.try_acquire(b"tls:plain", "t", TTL).unwrap_err());
    let took = t.elapsed();
    assert_eq!(err, NodeError::TlsTimeout(200));
    assert!(
        err.to_string()
            .contains("(a plain redis:// port on a rediss:// URL?)"),
        "{err}"
    );
    assert!(
        took >= Duration::from_millis(195) && took < Duration::from_secs(2),
        "{took:?}"
    );
    assert_eq!(plain.get("tls:plain"), None);
}

#[test]
fn tls_port_on_a_plain_node_says_so() {
    let s = TlsServer::start("server", false);
    let m = one(Node::tcp("127.0.0.1", s.tls_port), 500);
    let t = Instant::now();
    let err = failure(m.try_acquire(b"tls:on-plain", "t", TTL).unwrap_err());
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    assert!(
        err.to_string()
            .contains("before its first reply (a TLS port on a redis:// URL? use rediss://)"),
        "{err}"
    );
}

#[test]
fn idle_tls_connection_is_reused() {
    let s = TlsServer::start("server", false);
    let m = one(s.node("127.0.0.1", &trusted()), 1000);
    let k = key("tls-idle");
    let before = s.server.info_field("total_connections_received");
    for _ in 0..3 {
        let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
            .unwrap()
            .expect("granted");
        assert!(m.is_held(k.as_bytes(), &g.token).unwrap());
        assert!(m.release(k.as_bytes(), &g.token).unwrap());
        std::thread::sleep(Duration::from_millis(1200));
    }
    // The lock's one connection, and the inspector's for this reading.
    assert_eq!(
        s.server.info_field("total_connections_received") - before,
        2
    );
    assert_eq!(s.tls_clients().len(), 1);
}

#[test]
fn fresh_tls_connections_never_hang() {
    let s = TlsServer::start("server", false);
    let m = one(s.node("127.0.0.1", &trusted()), 5000);
    let mut inspector = s.server.client().unwrap();
    let before = s.server.info_field("total_connections_received");
    let k = key("tls-fresh");
    for i in 0..300 {
        let _: redis::Value = redis::cmd("CLIENT")
            .arg("KILL")
            .arg("TYPE")
            .arg("normal")
            .query(&mut inspector)
            .unwrap();
        let t = Instant::now();
        let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
            .unwrap_or_else(|e| panic!("round {i}: {e}"))
            .expect("granted");
        assert!(m.release(k.as_bytes(), &g.token).unwrap());
        assert!(
            t.elapsed() < Duration::from_secs(1),
            "round {i}: {:?}",
            t.elapsed()
        );
    }
    // 300 lock connections and the reading's own.
    assert_eq!(
        s.server.info_field("total_connections_received") - before,
        301
    );
}

#[test]
fn server_restart_gets_a_new_handshake() {
    let mut s = TlsServer::start("server", false);
    let m = one(s.node("127.0.0.1", &trusted()), 1000);
    let k = key("tls-restart");
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .unwrap();
    assert!(m.release(k.as_bytes(), &g.token).unwrap());
    s.server.restart();
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .expect("reconnects");
    assert_eq!(s.server.get(&k).as_deref(), Some(g.token.as_str()));
    assert!(m.release(k.as_bytes(), &g.token).unwrap());
}

#[test]
fn quorum_of_tls_masters_with_one_frozen() {
    let servers: Vec<TlsServer> = (0..3).map(|_| TlsServer::start("server", false)).collect();
    let nodes = servers
        .iter()
        .map(|s| s.node("127.0.0.1", &trusted()))
        .collect();
    let m = quorum(nodes, 50);
    let k = key("tls-quorum");
    // Warm: every master has a pooled TLS connection; then one freezes (resumed when dropped).
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .unwrap();
    assert!(m.release(k.as_bytes(), &g.token).unwrap());
    servers[1].server.freeze();
    let t = Instant::now();
    let attempt = m.try_acquire(k.as_bytes(), "tok", Duration::from_secs(10));
    let took = t.elapsed();
    servers[1].server.thaw();
    assert!(matches!(attempt.unwrap(), Attempt::Granted { .. }));
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert_eq!(servers[0].server.get(&k).as_deref(), Some("tok"));
    assert_eq!(servers[2].server.get(&k).as_deref(), Some("tok"));
    assert!(m.release(k.as_bytes(), "tok").unwrap());
    assert_eq!(servers[0].server.get(&k), None);
    assert_eq!(servers[2].server.get(&k), None);
}

#[test]
fn mixed_tls_and_plain_quorum() {
    let t1 = TlsServer::start("server", false);
    let p = Server::start();
    let t2 = TlsServer::start("server", false);
    let m = quorum(
        vec![
            t1.node("127.0.0.1", &trusted()),
            p.node(),
            t2.node("localhost", &trusted()),
        ],
        500,
    );
    let k = key("tls-mixed");
    assert!(matches!(
        m.try_acquire(k.as_bytes(), "tok", TTL).unwrap(),
        Attempt::Granted { .. }
    ));
    for got in [t1.server.get(&k), p.get(&k), t2.server.get(&k)] {
        assert_eq!(got.as_deref(), Some("tok"));
    }
    assert!(m.is_held(k.as_bytes(), "tok").unwrap());
    assert!(m.release(k.as_bytes(), "tok").unwrap());
    assert_eq!(p.get(&k), None);
}
