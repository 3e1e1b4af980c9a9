//! The per-process pool of idle connections: opened lazily (never before PHP-FPM forks),
//! matched by server, database and credentials, checked against the current pid (a fork()ed
//! child never writes into its parent's socket), and probed for EOF before reuse (a restarted
//! server or `CLIENT KILL` is noticed before a command is lost on it). The lock is held only
//! for a vector operation: never across I/O, never while PHP code could run.

use std::sync::atomic::{AtomicU32, Ordering};

use parking_lot::Mutex;

use super::conn::Conn;
use super::node::{Address, Node};

/// Boxed: a connection moves between the pool and a round trip by pointer.
#[allow(clippy::vec_box)]
static POOL: Mutex<Vec<Box<Conn>>> = Mutex::new(Vec::new());
static PID: AtomicU32 = AtomicU32::new(0);

extern "C" fn forget_pid_after_fork() {
    PID.store(0, Ordering::Relaxed);
    super::dial::forget_lookups_after_fork();
}

/// This process's id, without a syscall per call: cached, and forgotten in a fork()ed child.
pub fn current_pid() -> u32 {
    let pid = PID.load(Ordering::Relaxed);
    if pid != 0 {
        return pid;
    }
    static ATFORK: std::sync::Once = std::sync::Once::new();
    // SAFETY: registers a handler that only stores to an atomic.
    ATFORK.call_once(|| unsafe {
        libc::pthread_atfork(None, None, Some(forget_pid_after_fork));
    });
    let pid = std::process::id();
    PID.store(pid, Ordering::Relaxed);
    pid
}

/// Takes this process's idle connection to `node`, if a healthy one exists.
pub fn checkout(node: &Node) -> Option<Box<Conn>> {
    let pid = current_pid();
    let mut pool = POOL.lock();
    // Connections inherited through fork() belong to the parent: forget them here. Closing the
    // child's copy of the descriptor does not disturb the parent's connection.
    pool.retain(|c| c.pid == pid);
    let at = pool.iter().position(|c| c.serves(node))?;
    let mut conn = pool.swap_remove(at);
    drop(pool);
    (!conn.is_stale()).then_some(conn)
}

/// Gives a connection whose exchange completed back for reuse.
pub fn checkin(conn: Box<Conn>) {
    POOL.lock().push(conn);
}

/// Number of idle pooled connections of this process (for tests and phpinfo).
pub fn pooled_connections() -> usize {
    let pid = current_pid();
    POOL.lock().iter().filter(|c| c.pid == pid).count()
}

/// Closes the idle connections to the server at `address` (a Sentinel service's old master:
/// never dialed again by that entry, so they would only sit in the pool).
pub fn close_to(address: &Address) {
    let idle: Vec<Box<Conn>> = {
        let mut pool = POOL.lock();
        let (gone, kept) = std::mem::take(&mut *pool)
            .into_iter()
            .partition(|c| c.address() == address);
        *pool = kept;
        gone
    };
    drop(idle);
}

/// Closes every pooled connection of this process.
pub fn close_all() {
    let idle = std::mem::take(&mut *POOL.lock());
    drop(idle);
}
