//! What the lock knows of one Redis server: where it listens, its database and credentials, and
//! how long it may take. Shown (`Display`, `Debug`) without credentials.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use super::tls::Tls;

/// Where a server listens.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Address {
    Tcp {
        host: String,
        port: u16,
    },
    Unix(PathBuf),
    /// The master of a Redis Sentinel service: asked of the sentinels before it is dialed
    /// (`lock::sentinel`), never dialed itself.
    Sentinel(Box<Sentinels>),
    /// A Redis Cluster, known by its seed nodes: each key goes to the master that serves its
    /// slot now (`lock::cluster`), never to the entry itself.
    Cluster(Box<Seeds>),
}

/// `host:port,[v6]:port,...`
fn write_hosts(f: &mut fmt::Formatter<'_>, hosts: &[(String, u16)]) -> fmt::Result {
    for (i, (host, port)) in hosts.iter().enumerate() {
        let comma = if i == 0 { "" } else { "," };
        if host.contains(':') {
            write!(f, "{comma}[{host}]:{port}")?;
        } else {
            write!(f, "{comma}{host}:{port}")?;
        }
    }
    Ok(())
}

/// The seed nodes of a `redis+cluster://` entry: where the slot map is first asked.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Seeds {
    /// `(host, port)` of each seed, in the order given.
    pub seeds: Vec<(String, u16)>,
}

impl Seeds {
    /// Whether `other` names the same cluster: one seed in common is enough.
    pub fn same_cluster(&self, other: &Seeds) -> bool {
        self.seeds.iter().any(|s| other.seeds.contains(s))
    }
}

impl fmt::Display for Seeds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cluster:")?;
        write_hosts(f, &self.seeds)
    }
}

impl fmt::Debug for Seeds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Seeds({self})")
    }
}

/// The sentinels that watch one service, and the credentials they want (not the master's).
/// `Debug` never shows the credentials.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Sentinels {
    /// `(host, port)` of each sentinel, in the order given.
    pub sentinels: Vec<(String, u16)>,
    /// The name the sentinels monitor the master under (`sentinel monitor <service> ...`).
    pub service: String,
    pub username: Option<String>,
    pub password: Option<String>,
    /// How long the master they named is used before they are asked to confirm it.
    pub recheck: Duration,
}

impl Sentinels {
    /// Whether both ask the same sentinels about the same service with the same credentials:
    /// one answer serves both (however often each confirms it).
    pub fn asks_alike(&self, other: &Sentinels) -> bool {
        self.sentinels == other.sentinels
            && self.service == other.service
            && self.username == other.username
            && self.password == other.password
    }

    /// Whether `other` names the same service of the same deployment: one sentinel in common
    /// is enough (the lists may differ in order or in the sentinels they name).
    pub fn same_service(&self, other: &Sentinels) -> bool {
        self.service == other.service && self.sentinels.iter().any(|s| other.sentinels.contains(s))
    }
}

impl fmt::Display for Sentinels {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sentinel:")?;
        write_hosts(f, &self.sentinels)?;
        write!(f, "/{}", super::error::quote(self.service.as_bytes()))
    }
}

impl fmt::Debug for Sentinels {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sentinels({self})")
    }
}

/// One Redis server as the lock sees it. `Debug` and `Display` never show the password.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Node {
    pub address: Address,
    pub db: i64,
    pub username: Option<String>,
    pub password: Option<String>,
    /// This server's own timeout (a Redlock `[host, port, timeout]` entry), if any.
    pub timeout: Option<Duration>,
    /// A `rediss://` server: TLS with `tls_config` (set from the settings before use).
    pub tls: bool,
    pub tls_config: Option<Tls>,
}

impl Node {
    pub fn tcp(host: impl Into<String>, port: u16) -> Self {
        Node {
            address: Address::Tcp {
                host: host.into(),
                port,
            },
            db: 0,
            username: None,
            password: None,
            timeout: None,
            tls: false,
            tls_config: None,
        }
    }

    pub fn unix(path: impl Into<PathBuf>) -> Self {
        Node {
            address: Address::Unix(path.into()),
            ..Node::tcp("", 0)
        }
    }

    /// The sentinels of a `redis+sentinel://` entry, if it is one.
    pub fn sentinels(&self) -> Option<&Sentinels> {
        match &self.address {
            Address::Sentinel(s) => Some(s),
            _ => None,
        }
    }

    /// The seeds of a `redis+cluster://` entry, if it is one.
    pub fn cluster(&self) -> Option<&Seeds> {
        match &self.address {
            Address::Cluster(s) => Some(s),
            _ => None,
        }
    }

    /// Whether rounds to it go through `lock::route` (its server is found first).
    pub fn is_routed(&self) -> bool {
        matches!(self.address, Address::Sentinel(_) | Address::Cluster(_))
    }

    /// Whether a connection opened for `other` serves this node too: same server, database and
    /// credentials (the per-node timeout does not matter to a connection).
    pub fn same_session(&self, other: &Node) -> bool {
        self.address == other.address
            && self.db == other.db
            && self.username == other.username
            && self.password == other.password
            && self.tls == other.tls
            && self.tls_config == other.tls_config
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.tls {
            write!(f, "tls://")?;
        }
        match &self.address {
            Address::Tcp { host, port } if host.contains(':') => write!(f, "[{host}]:{port}")?,
            Address::Tcp { host, port } => write!(f, "{host}:{port}")?,
            Address::Sentinel(s) => write!(f, "{s}")?,
            Address::Cluster(s) => write!(f, "{s}")?,
            Address::Unix(path) => {
                use std::os::unix::ffi::OsStrExt;
                write!(
                    f,
                    "unix:{}",
                    super::error::quote(path.as_os_str().as_bytes())
                )?
            }
        }
        if self.db != 0 {
            write!(f, "/{}", self.db)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Node({self})")
    }
}

/// How long one server may take: to connect (with AUTH/SELECT), and to answer one command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    pub connect: Duration,
    pub reply: Duration,
}
