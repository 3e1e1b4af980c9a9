//! MINIT / MSHUTDOWN / phpinfo(): INI registration, the classes, the exception class.
//! Nothing here connects or starts threads: PHP-FPM forks its workers after MINIT.

use std::ffi::c_void;

use ext_php_rs::zend::{IniEntryDef, ModuleEntry};
use ext_php_rs::{info_table_end, info_table_row, info_table_start};

use crate::php;

/// The commit this library was built from, shown by phpinfo() (set by build.rs).
pub const BUILD_COMMIT: &str = env!("REDISLOCK_BUILD_COMMIT");

/// MINIT.
pub fn startup(_ty: i32, module_number: i32) -> i32 {
    let ok = std::panic::catch_unwind(|| {
        // Panics become PHP errors with their message; the default hook would also print them.
        std::panic::set_hook(Box::new(|_| {}));
        IniEntryDef::register(php::ini::defs(), module_number);
        // A password given in php.ini or -d is masked before anything can display it.
        php::ini::servers_with_secret(true);
        php::ini::mask_configuration_copy();
        php::exception::register()
            && php::redis_lock::class().register().is_ok()
            && php::redlock::class().register().is_ok()
    });
    if matches!(ok, Ok(true)) {
        0
    } else {
        -1
    }
}

/// MSHUTDOWN.
pub extern "C" fn shutdown(_ty: i32, _module_number: i32) -> i32 {
    // The watchdog's thread first: no code of ours may run once PHP unloads the library.
    let _ = std::panic::catch_unwind(crate::lock::watchdog::shutdown);
    let _ = std::panic::catch_unwind(crate::lock::close_all);
    0
}

/// The Sentinel services this process asked about and the master each names now (no
/// credentials: a service is shown by its sentinels' addresses and its name).
fn sentinel_row() -> String {
    let services = crate::lock::sentinel::known_services();
    if services.is_empty() {
        return "none asked yet".into();
    }
    services
        .into_iter()
        .map(|(service, master)| match master {
            Some(m) => format!("{service}: master {m}"),
            None => format!("{service}: no master known"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The Clusters this process asked about and how many masters each map names (no
/// credentials: a cluster is shown by its seeds).
fn cluster_row() -> String {
    let clusters = crate::lock::cluster::known_clusters();
    if clusters.is_empty() {
        return "none asked yet".into();
    }
    let (moved, ask, again) = crate::lock::cluster::redirections();
    let each = clusters
        .into_iter()
        .map(|(seeds, masters)| match masters {
            Some(n) => format!("{seeds}: {n} master(s)"),
            None => format!("{seeds}: slot map not read yet"),
        })
        .collect::<Vec<_>>()
        .join("; ");
    format!("{each}; redirections followed: {moved} MOVED, {ask} ASK, {again} TRYAGAIN")
}

/// phpinfo() section.
pub extern "C" fn info(module: *mut ModuleEntry) {
    let _ = std::panic::catch_unwind(|| {
        info_table_start!();
        info_table_row!("redislock support", "enabled");
        info_table_row!("version", env!("CARGO_PKG_VERSION"));
        info_table_row!("build", BUILD_COMMIT);
        info_table_row!(
            "lock",
            "SET NX PX, compare-and-delete by EVALSHA, Redlock quorum over N masters"
        );
        info_table_row!(
            "pooled connections (this process)",
            crate::lock::pooled_connections().to_string()
        );
        info_table_row!("sentinel services (this process)", sentinel_row());
        info_table_row!("clusters (this process)", cluster_row());
        let (watched, renewals, lost, running) = crate::lock::watchdog::stats();
        info_table_row!(
            "watchdog (this process)",
            if running {
                format!("running: {watched} lock(s) renewed; {renewals} renewal(s), {lost} lock(s) found lost")
            } else {
                "not started (starts at the first lock it renews)".to_string()
            }
        );
        info_table_end!();
    });
    type DisplayIni = unsafe extern "C" fn(*mut ModuleEntry);
    let display = php::engine::symbol(c"display_ini_entries");
    if !display.is_null() {
        // SAFETY: PHP's `void display_ini_entries(zend_module_entry *module)`.
        unsafe { std::mem::transmute::<*mut c_void, DisplayIni>(display)(module) };
    }
}
