//! The `redislock.*` INI entries: their registration and validation, fast reads of their values,
//! the masking of credentials in `redislock.servers`, and the masters the settings describe.
//! No Rust lock is held while PHP allocates: a PHP fatal error there would leave it locked.

use std::ffi::{c_char, c_int, c_void, CString};
use std::sync::Arc;
use std::time::Duration;

use ext_php_rs::ffi::{zend_ini_entry, zend_string};
use ext_php_rs::flags::IniEntryPermission;
use ext_php_rs::types::{ZendStr, Zval};
use ext_php_rs::zend::{ExecutorGlobals, IniEntryDef};
use parking_lot::Mutex;

use crate::config;
use crate::lock::tls::{configure, TlsSettings};
use crate::lock::{Address, Error, Masters, Node, Timeouts};

/// The INI entries, each with its default and the validating handler.
pub fn defs() -> &'static [IniEntryDef] {
    let entry = |name: &str, default: String| {
        let name: &'static std::ffi::CStr =
            Box::leak(CString::new(name).unwrap_or_default().into_boxed_c_str());
        let value: &'static std::ffi::CStr =
            Box::leak(CString::new(default).unwrap_or_default().into_boxed_c_str());
        let mut def = IniEntryDef::new(name, value, IniEntryPermission::All);
        def.on_modify = Some(check_value);
        def
    };
    let mut servers = entry(config::INI_SERVERS, config::DEFAULT_SERVERS.into());
    servers.displayer = Some(display_servers);
    let defs = vec![
        servers,
        entry(config::INI_PREFIX, config::DEFAULT_PREFIX.into()),
        entry(
            config::INI_CONNECT_TIMEOUT,
            config::DEFAULT_CONNECT_TIMEOUT_MS.to_string(),
        ),
        entry(config::INI_TIMEOUT, config::DEFAULT_TIMEOUT_MS.to_string()),
        entry(
            config::INI_NODE_TIMEOUT,
            config::DEFAULT_NODE_TIMEOUT_MS.to_string(),
        ),
        entry(
            config::INI_AUTO_RELEASE,
            (config::DEFAULT_AUTO_RELEASE as u8).to_string(),
        ),
        entry(
            config::INI_WATCHDOG,
            (config::DEFAULT_WATCHDOG as u8).to_string(),
        ),
        entry(
            config::INI_WATCHDOG_LEASE,
            config::DEFAULT_WATCHDOG_LEASE_MS.to_string(),
        ),
        entry(config::INI_TLS_CA_FILE, String::new()),
        entry(config::INI_TLS_CERT_FILE, String::new()),
        entry(config::INI_TLS_KEY_FILE, String::new()),
        entry(
            config::INI_TLS_VERIFY,
            (config::DEFAULT_TLS_VERIFY as u8).to_string(),
        ),
        entry(
            config::INI_SENTINEL_RECHECK,
            config::DEFAULT_SENTINEL_RECHECK_MS.to_string(),
        ),
        entry(
            config::INI_WAIT_REPLICAS,
            config::DEFAULT_WAIT_REPLICAS.to_string(),
        ),
        IniEntryDef::end(),
    ];
    Box::leak(defs.into_boxed_slice())
}

/// PHP's `on_modify`: at run time (`ini_set`) an invalid value is refused with a warning, so
/// `ini_set()` returns false and the old value stays, as for PHP's own settings. Values from
/// php.ini, `-d` or a pool file are kept as given and reported when a lock call uses them (the
/// extension must not fall back silently to another server).
unsafe extern "C" fn check_value(
    entry: *mut zend_ini_entry,
    new_value: *mut zend_string,
    _mh_arg1: *mut c_void,
    _mh_arg2: *mut c_void,
    _mh_arg3: *mut c_void,
    stage: c_int,
) -> c_int {
    const ZEND_INI_STAGE_RUNTIME: c_int = 1 << 4;
    const SUCCESS: c_int = 0;
    const FAILURE: c_int = -1;
    if stage != ZEND_INI_STAGE_RUNTIME {
        return SUCCESS;
    }
    let checked = std::panic::catch_unwind(|| {
        // SAFETY: PHP passes a live entry and value.
        let (name, new, orig) = unsafe {
            (
                (*entry)
                    .name
                    .as_ref()
                    .map(|n| n.as_bytes())
                    .unwrap_or_default(),
                new_value.as_ref().map(|v| v.as_bytes()).unwrap_or_default(),
                ((*entry).modified != 0)
                    .then(|| (*entry).orig_value.as_ref().map(|v| v.as_bytes()))
                    .flatten(),
            )
        };
        // Going back to the startup value (ini_restore) is always allowed.
        if orig == Some(new) {
            return Ok(());
        }
        config::check_setting(&String::from_utf8_lossy(name), new)
    });
    match checked {
        Ok(Ok(())) => SUCCESS,
        Ok(Err(e)) => {
            warn(&e.to_string());
            FAILURE
        }
        Err(_) => FAILURE,
    }
}

/// An E_WARNING with this text.
pub fn warn(text: &str) {
    const E_WARNING: c_int = 1 << 1;
    let text = CString::new(super::exception::one_line(text)).unwrap_or_default();
    // SAFETY: "%s" with one NUL-terminated string; no active function is needed.
    unsafe {
        ext_php_rs::ffi::php_error_docref(
            std::ptr::null(),
            E_WARNING,
            c"%s".as_ptr() as *const c_char,
            text.as_ptr(),
        )
    };
}

/// The INI entry `name`, from the executor's table (filled before MINIT returns). Our entries
/// live as long as the module, so each is looked up once.
fn entry(name: &str) -> Option<*mut zend_ini_entry> {
    static FOUND: Mutex<Vec<(&'static str, usize)>> = Mutex::new(Vec::new());
    if let Some((_, at)) = FOUND.lock().iter().find(|(n, _)| *n == name) {
        return Some(*at as *mut zend_ini_entry);
    }
    let eg = ExecutorGlobals::get();
    // SAFETY: EG(ini_directives) lives for the process once INI startup ran.
    let table = unsafe { eg.ini_directives.as_ref() }?;
    // SAFETY: the INI table stores zend_ini_entry pointers.
    let entry = unsafe { table.get(name)?.ptr::<zend_ini_entry>() }?;
    let known = [
        config::INI_SERVERS,
        config::INI_PREFIX,
        config::INI_CONNECT_TIMEOUT,
        config::INI_TIMEOUT,
        config::INI_NODE_TIMEOUT,
        config::INI_AUTO_RELEASE,
        config::INI_WATCHDOG,
        config::INI_WATCHDOG_LEASE,
        config::INI_TLS_CA_FILE,
        config::INI_TLS_CERT_FILE,
        config::INI_TLS_KEY_FILE,
        config::INI_TLS_VERIFY,
        config::INI_SENTINEL_RECHECK,
        config::INI_WAIT_REPLICAS,
    ];
    if let Some(name) = known.into_iter().find(|n| *n == name) {
        FOUND.lock().push((name, entry as usize));
    }
    Some(entry)
}

/// Runs `f` on the current value of one INI setting, borrowed (no copy on the hot path).
pub fn bytes<T>(name: &str, f: impl FnOnce(&[u8]) -> T) -> T {
    let value = entry(name)
        // SAFETY: a registered entry; its value is a live zend_string or null.
        .and_then(|e| unsafe { (*e).value.as_ref() })
        .map(|v| v.as_bytes());
    f(value.unwrap_or_default())
}

/// `redislock.servers` with its password. PHP only ever holds a masked form: a value that
/// carries credentials is swapped for `redis://user:***N@host` at the first look (MINIT, every
/// RINIT, every lock call), and the real value is kept here under that mask. N numbers the
/// distinct values, so a changed password never maps back to an older one.
pub fn servers_with_secret(persistent: bool) -> Vec<u8> {
    /// (masked, real) pairs.
    static SECRETS: Mutex<Vec<(Vec<u8>, Vec<u8>)>> = Mutex::new(Vec::new());
    const MAX_SECRETS: usize = 256;
    let Some(entry) = entry(config::INI_SERVERS) else {
        return config::DEFAULT_SERVERS.into();
    };
    let raw = bytes(config::INI_SERVERS, <[u8]>::to_vec);
    let masked = {
        let mut secrets = SECRETS.lock();
        if let Some((_, real)) = secrets.iter().find(|(masked, _)| *masked == raw) {
            return real.clone();
        }
        if config::redact_servers(&raw) == raw {
            return raw;
        }
        match secrets.iter().find(|(_, real)| *real == raw) {
            Some((masked, _)) => masked.clone(),
            None => {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                if secrets.len() >= MAX_SECRETS {
                    // Keep only the mask PHP may still hand back: the saved original value.
                    // SAFETY: a registered entry; orig_value is a live zend_string or null.
                    let orig = unsafe { (*entry).orig_value.as_ref() }.map(|v| v.as_bytes());
                    secrets.retain(|(masked, _)| Some(masked.as_slice()) == orig);
                }
                let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let masked = config::redact_servers_with(&raw, &format!("***{n}"));
                secrets.push((masked.clone(), raw.clone()));
                masked
            }
        }
    };
    // SAFETY: we own the new string; the old one is released as the engine would release it,
    // unless it is also the saved original (then the engine still owns it).
    unsafe {
        let modified = (*entry).modified != 0;
        let old = (*entry).value;
        let new = ZendStr::new(masked.as_slice(), persistent || !modified).into_raw();
        (*entry).value = new;
        if !old.is_null() && old != (*entry).orig_value {
            drop(ext_php_rs::boxed::ZBox::from_raw(old));
        }
    }
    raw
}

/// Masks the credentials in php.ini's own copy of `redislock.servers` (what get_cfg_var()
/// reads). Called in MINIT, after the INI entry took its value from it.
pub fn mask_configuration_copy() {
    type CfgGetEntry = unsafe extern "C" fn(*const c_char, usize) -> *mut Zval;
    let f = super::engine::symbol(c"cfg_get_entry");
    if f.is_null() {
        return;
    }
    let name = config::INI_SERVERS;
    // SAFETY: PHP's `zval *cfg_get_entry(const char *name, size_t name_length)`; the zval lives in
    // the configuration hash for the process. Its old string is left alone (never freed here).
    unsafe {
        let zv =
            std::mem::transmute::<*mut c_void, CfgGetEntry>(f)(name.as_ptr().cast(), name.len());
        let Some(zv) = zv.as_mut() else { return };
        let Some(raw) = zv.zend_str().map(|s| s.as_bytes().to_vec()) else {
            return;
        };
        let masked = config::redact_servers(&raw);
        if masked != raw {
            zv.value.str_ = ZendStr::new(masked.as_slice(), true).into_raw();
        }
    }
}

/// The phpinfo() displayer for `redislock.servers`: never shows credentials.
pub unsafe extern "C" fn display_servers(entry: *mut zend_ini_entry, kind: c_int) {
    const ZEND_INI_DISPLAY_ORIG: c_int = 1;
    // SAFETY: PHP passes a live entry.
    let value = unsafe {
        if kind == ZEND_INI_DISPLAY_ORIG && (*entry).modified != 0 {
            (*entry).orig_value
        } else {
            (*entry).value
        }
    };
    // SAFETY: a live zend_string or null.
    let shown = unsafe { value.as_ref() }
        .map(|v| crate::lock::quote(&config::redact_servers(v.as_bytes())))
        .unwrap_or_else(|| "no value".into());
    let shown = CString::new(shown).unwrap_or_default();
    // SAFETY: "%s" with one NUL-terminated string.
    unsafe { ext_php_rs::ffi::php_printf(c"%s".as_ptr() as *const c_char, shown.as_ptr()) };
}

/// The settings `RedisLock` reads, in the order the cache keeps them.
const SETTINGS: [&str; 10] = [
    config::INI_SERVERS,
    config::INI_CONNECT_TIMEOUT,
    config::INI_TIMEOUT,
    config::INI_NODE_TIMEOUT,
    config::INI_TLS_CA_FILE,
    config::INI_TLS_CERT_FILE,
    config::INI_TLS_KEY_FILE,
    config::INI_TLS_VERIFY,
    config::INI_SENTINEL_RECHECK,
    config::INI_WAIT_REPLICAS,
];
/// The settings' values as PHP holds them (servers masked), and what they made.
type Cached = ([Vec<u8>; 10], Arc<Masters>);

/// The TLS settings now (`redislock.tls_*`).
fn tls_settings() -> Result<TlsSettings, Error> {
    let path = |name| bytes(name, |v| config::tls_path(name, v));
    Ok(TlsSettings {
        ca_file: path(config::INI_TLS_CA_FILE)?,
        cert_file: path(config::INI_TLS_CERT_FILE)?,
        key_file: path(config::INI_TLS_KEY_FILE)?,
        verify: bytes(config::INI_TLS_VERIFY, config::parse_tls_verify)?,
    })
}

/// Gives the `rediss://` servers among `nodes` their TLS configuration (files read once per
/// process for each distinct setting) and the Sentinel entries their recheck, from the
/// settings now.
pub fn with_settings(mut nodes: Vec<Node>) -> Result<Vec<Node>, Error> {
    if nodes.iter().any(|n| n.tls) {
        let tls = configure(&tls_settings()?)?;
        for node in nodes.iter_mut().filter(|n| n.tls) {
            node.tls_config = Some(tls.clone());
        }
    }
    if nodes.iter().any(|n| n.sentinels().is_some()) {
        let name = config::INI_SENTINEL_RECHECK;
        let recheck = bytes(name, |v| config::parse_ms(name, v))?;
        for node in nodes.iter_mut() {
            if let Address::Sentinel(set) = &mut node.address {
                set.recheck = recheck;
            }
        }
    }
    Ok(nodes)
}
static CACHE: Mutex<Option<Cached>> = Mutex::new(None);

/// `redislock.wait_replicas` now.
pub fn wait_replicas() -> Result<u32, Error> {
    bytes(config::INI_WAIT_REPLICAS, config::parse_wait_replicas)
}

/// The masters `RedisLock` uses now, from the INI settings; re-parsed only when they change.
/// `redislock.node_timeout` is read only when there are several servers.
pub fn configured_masters() -> Result<Arc<Masters>, Error> {
    if let Some((raw, masters)) = CACHE.lock().as_ref() {
        if SETTINGS
            .iter()
            .zip(raw)
            .all(|(name, was)| bytes(name, |now| now == was.as_slice()))
        {
            return Ok(masters.clone());
        }
    }
    // Something changed: unmask (PHP allocates: no lock held), parse, remember.
    let servers = servers_with_secret(false);
    let nodes = with_settings(config::parse_servers(&servers)?)?;
    let ms = |name| bytes(name, |v| config::parse_ms(name, v));
    let connect = ms(config::INI_CONNECT_TIMEOUT)?;
    let reply = ms(config::INI_TIMEOUT)?;
    let default = if nodes.len() == 1 {
        Timeouts { connect, reply }
    } else {
        let node: Duration = ms(config::INI_NODE_TIMEOUT)?;
        Timeouts {
            connect: connect.min(node),
            reply: node,
        }
    };
    let replicas = wait_replicas()?;
    let masters = Arc::new(
        Masters::new(nodes, default, false)?
            .waking()
            .waiting_for_replicas(replicas),
    );
    let raw = SETTINGS.map(|name| bytes(name, <[u8]>::to_vec));
    *CACHE.lock() = Some((raw, masters.clone()));
    Ok(masters)
}
