//! Thin PHP glue: one file per PHP class, plus the helpers they share here: PHP's own argument
//! coercion, INI access, and the return types ext-php-rs cannot declare.

pub mod redis_lock;
pub mod redlock;

use std::ffi::{c_char, c_int, c_void, CStr};
use std::sync::OnceLock;

use ext_php_rs::args::Arg;
use ext_php_rs::exception::PhpException;
use ext_php_rs::ffi::{zend_function, zend_ini_entry, zend_string};
use ext_php_rs::types::{ZendStr, Zval};
use ext_php_rs::zend::{ce, ClassEntry, ExecuteData, ExecutorGlobals};

use crate::config;

/// PHP's `zend_expected_type` values used here (Zend/zend_API.h, PHP 8.2).
const Z_EXPECTED_LONG: c_int = 0;
const Z_EXPECTED_STRING: c_int = 4;
const Z_EXPECTED_ARRAY: c_int = 6;
/// `MAY_BE_FALSE` (Zend/zend_type_info.h).
const MAY_BE_FALSE: u32 = 1 << 2;

type ParseStrSlow = unsafe extern "C" fn(*mut Zval, *mut *mut zend_string, u32) -> bool;
type ParseLongSlow = unsafe extern "C" fn(*mut Zval, *mut i64, u32) -> bool;
type WrongParameterType = unsafe extern "C" fn(u32, c_int, *mut Zval);

/// PHP's own weak-mode coercion and error reporting, resolved at run time: linking to them would
/// break `cargo php stubs` and Rust test binaries, which load this library outside PHP.
struct Zpp {
    parse_str: ParseStrSlow,
    parse_long: ParseLongSlow,
    wrong_type: WrongParameterType,
}

pub fn symbol(name: &CStr) -> *mut c_void {
    // SAFETY: dlsym with RTLD_DEFAULT only reads the loaded symbol tables.
    unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) }
}

fn zpp() -> Option<&'static Zpp> {
    static ZPP: OnceLock<Option<Zpp>> = OnceLock::new();
    ZPP.get_or_init(|| {
        let s = symbol(c"zend_parse_arg_str_slow");
        let l = symbol(c"zend_parse_arg_long_slow");
        let w = symbol(c"zend_wrong_parameter_type_error");
        if s.is_null() || l.is_null() || w.is_null() {
            return None;
        }
        // SAFETY: the symbols have these C signatures in PHP 8.2 (ZEND_FASTCALL is the plain C
        // convention on x86-64 and aarch64).
        unsafe {
            Some(Zpp {
                parse_str: std::mem::transmute::<*mut c_void, ParseStrSlow>(s),
                parse_long: std::mem::transmute::<*mut c_void, ParseLongSlow>(l),
                wrong_type: std::mem::transmute::<*mut c_void, WrongParameterType>(w),
            })
        }
    })
    .as_ref()
}

/// Ok(None) means PHP has already thrown (its own TypeError or deprecation-turned-exception).
pub type ArgResult<T> = Result<Option<T>, PhpException>;

fn missing_zpp() -> PhpException {
    PhpException::new(
        "redislock: PHP's argument parser symbols were not found".into(),
        0,
        ce::error(),
    )
}

/// `string` parameter, exactly as PHP's `Z_PARAM_STR` (weak mode coerces; strict_types does not).
/// Borrows the argument's bytes: a coerced value is converted in place, inside the zval.
fn arg_string(zv: &mut Zval, num: u32) -> ArgResult<&[u8]> {
    if !zv.is_string() {
        let zpp = zpp().ok_or_else(missing_zpp)?;
        let mut dest: *mut zend_string = std::ptr::null_mut();
        // SAFETY: a live zval of this call; on success PHP has converted it to a string in place.
        if !unsafe { (zpp.parse_str)(zv, &mut dest, num) } {
            if !ExecutorGlobals::has_exception() {
                // SAFETY: as above; this throws PHP's TypeError with PHP's message.
                unsafe { (zpp.wrong_type)(num, Z_EXPECTED_STRING, zv) };
            }
            return Ok(None);
        }
    }
    let zv: &Zval = zv;
    Ok(zv.zend_str().map(|s| s.as_bytes()))
}

/// `int` parameter, exactly as PHP's `Z_PARAM_LONG`.
fn arg_long(zv: &mut Zval, num: u32) -> ArgResult<i64> {
    if let Some(n) = zv.long() {
        return Ok(Some(n));
    }
    let zpp = zpp().ok_or_else(missing_zpp)?;
    let mut dest: i64 = 0;
    // SAFETY: a live zval of this call and a local destination.
    if unsafe { (zpp.parse_long)(zv, &mut dest, num) } {
        return Ok(Some(dest));
    }
    if !ExecutorGlobals::has_exception() {
        // SAFETY: as above.
        unsafe { (zpp.wrong_type)(num, Z_EXPECTED_LONG, zv) };
    }
    Ok(None)
}

/// `array` parameter, exactly as PHP's `Z_PARAM_ARRAY` (no coercion in either mode).
fn arg_array(zv: &mut Zval, num: u32) -> ArgResult<&ext_php_rs::types::ZendHashTable> {
    if zv.is_array() {
        return Ok(zv.array());
    }
    let zpp = zpp().ok_or_else(missing_zpp)?;
    // SAFETY: a live zval of this call; this throws PHP's TypeError with PHP's message.
    unsafe { (zpp.wrong_type)(num, Z_EXPECTED_ARRAY, zv) };
    Ok(None)
}

/// Marks parameter `index` (0-based) of `method` with #[\SensitiveParameter], as PHP 8.2 does for
/// password parameters of its own functions: traces show it as a SensitiveParameterValue.
pub fn mark_sensitive_parameter(class: &ClassEntry, method: &str, index: u32) {
    type AddAttribute = unsafe extern "C" fn(
        *mut *mut ext_php_rs::ffi::HashTable,
        *mut zend_string,
        u32,
        u32,
        u32,
        u32,
    ) -> *mut c_void;
    const ZEND_ATTRIBUTE_PERSISTENT: u32 = 1 << 0;
    let add = symbol(c"zend_add_attribute");
    let Some(func) = method_of(class, method) else {
        return;
    };
    if add.is_null() {
        return;
    }
    let name = ZendStr::new_interned("SensitiveParameter", true).into_raw();
    // SAFETY: PHP 8.2's zend_add_attribute(attributes, name, argc, flags, offset, lineno); a
    // parameter attribute has offset = index + 1. Our internal method, registered a moment ago.
    unsafe {
        let add = std::mem::transmute::<*mut c_void, AddAttribute>(add);
        add(
            &mut (*func).common.attributes,
            name,
            0,
            ZEND_ATTRIBUTE_PERSISTENT,
            index + 1,
            0,
        );
    }
}

/// The `string` PHP passed for parameter `num`. Ok(None): PHP has thrown (or it was not passed).
pub fn string_arg<'b>(arg: &'b mut Arg<'_>, num: u32) -> ArgResult<&'b [u8]> {
    match arg.zval() {
        Some(zv) => arg_string(zv, num),
        None => Ok(None),
    }
}

/// The `int` PHP passed for parameter `num`, or `default` when an optional one was left out.
/// Ok(None): PHP has thrown.
pub fn long_arg(arg: &mut Arg<'_>, num: u32, default: Option<i64>) -> ArgResult<i64> {
    match arg.zval() {
        Some(zv) => arg_long(zv, num),
        None => Ok(default),
    }
}

/// The `array` PHP passed for parameter `num`. Ok(None): PHP has thrown.
pub fn array_arg<'a>(
    arg: &'a mut Arg<'_>,
    num: u32,
) -> ArgResult<&'a ext_php_rs::types::ZendHashTable> {
    match arg.zval() {
        Some(zv) => arg_array(zv, num),
        None => Ok(None),
    }
}

/// The internal method `name` of `class`, registered a moment ago.
fn method_of(class: &ClassEntry, name: &str) -> Option<*mut zend_function> {
    let zv = class
        .function_table
        .get(name.to_ascii_lowercase().as_str())?;
    // SAFETY: the function table stores zend_function pointers.
    unsafe { zv.ptr::<zend_function>() }
}

/// Declares `T|false` as the return type of `method`: ext-php-rs has no way to say a union, so
/// the copy of the arg_info that PHP made at registration is amended right after it.
pub fn allow_false_return(class: &ClassEntry, method: &str) {
    let Some(func) = method_of(class, method) else {
        return;
    };
    // SAFETY: an internal method of our own class, registered a moment ago; its arg_info[-1]
    // is the return type, in memory PHP allocated for this function.
    unsafe {
        let internal = &mut (*func).internal_function;
        if !internal.arg_info.is_null() {
            (*internal.arg_info.offset(-1)).type_.type_mask |= MAY_BE_FALSE;
        }
    }
}

/// The INI entry `name`, from the executor's table (filled before MINIT returns). Our entries
/// live as long as the module, so each is looked up once.
pub fn ini_entry(name: &str) -> Option<*mut zend_ini_entry> {
    static FOUND: parking_lot::Mutex<Vec<(String, usize)>> = parking_lot::Mutex::new(Vec::new());
    if let Some((_, at)) = FOUND.lock().iter().find(|(n, _)| n == name) {
        return Some(*at as *mut zend_ini_entry);
    }
    let eg = ExecutorGlobals::get();
    // SAFETY: EG(ini_directives) lives for the process once INI startup ran.
    let table = unsafe { eg.ini_directives.as_ref() }?;
    // SAFETY: the INI table stores zend_ini_entry pointers.
    let entry = unsafe { table.get(name)?.ptr::<zend_ini_entry>() }?;
    if name.starts_with("redislock.") {
        FOUND.lock().push((name.to_string(), entry as usize));
    }
    Some(entry)
}

/// The current value of one INI setting.
pub fn ini_value(name: &str) -> String {
    String::from_utf8_lossy(&ini_bytes(name, |b| b.to_vec())).into_owned()
}

/// Runs `f` on the current value of one INI setting, borrowed (no copy on the hot path).
pub fn ini_bytes<T>(name: &str, f: impl FnOnce(&[u8]) -> T) -> T {
    let value = ini_entry(name)
        // SAFETY: a registered entry; its value is a live zend_string or null.
        .and_then(|e| unsafe { (*e).value.as_ref() })
        .map(|v| v.as_bytes());
    f(value.unwrap_or_default())
}

/// `redislock.servers` with its password. PHP only ever holds a masked form: a value that
/// carries a password is swapped for `redis://user:***N@host` at the first look (MINIT, every
/// RINIT, every lock call), and the real value is kept here under that mask. N numbers the
/// distinct values, so a changed password never maps back to an older one.
pub fn servers_with_secret(persistent: bool) -> String {
    static SECRETS: parking_lot::Mutex<Vec<(String, String)>> = parking_lot::Mutex::new(Vec::new());
    const MAX_SECRETS: usize = 256;
    let Some(entry) = ini_entry(config::INI_SERVERS) else {
        return config::DEFAULT_SERVERS.to_string();
    };
    // SAFETY: a registered entry; its value is a live zend_string or null.
    let raw = unsafe { (*entry).value.as_ref() }
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default();
    let mut secrets = SECRETS.lock();
    if let Some((_, full)) = secrets.iter().find(|(masked, _)| *masked == raw) {
        return full.clone();
    }
    if config::redact_servers(&raw) == raw {
        return raw;
    }
    let masked = match secrets.iter().find(|(_, full)| *full == raw) {
        Some((masked, _)) => masked.clone(),
        None => {
            static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
            if secrets.len() >= MAX_SECRETS {
                // Keep only the mask PHP may still hand back: the saved original value.
                // SAFETY: a registered entry; orig_value is a live zend_string or null.
                let orig = unsafe { (*entry).orig_value.as_ref() }
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
                secrets.retain(|(masked, _)| Some(masked) == orig.as_ref());
            }
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let masked = config::redact_servers_with(&raw, &format!("***{n}"));
            secrets.push((masked.clone(), raw.clone()));
            masked
        }
    };
    drop(secrets);
    // SAFETY: we own the new string; the old one is released as the engine would release it,
    // unless it is also the saved original (then the engine still owns it).
    unsafe {
        let modified = (*entry).modified != 0;
        let old = (*entry).value;
        let new = ZendStr::new(&masked, persistent || !modified).into_raw();
        (*entry).value = new;
        if !old.is_null() && old != (*entry).orig_value {
            drop(ext_php_rs::boxed::ZBox::from_raw(old));
        }
    }
    raw
}

/// Masks the password in php.ini's own copy of `redislock.servers` (what get_cfg_var() reads).
/// Called in MINIT, after the INI entry took its value from it.
pub fn mask_configuration_copy() {
    type CfgGetEntry = unsafe extern "C" fn(*const c_char, usize) -> *mut Zval;
    let f = symbol(c"cfg_get_entry");
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
        let Some(raw) = zv.str().map(str::to_string) else {
            return;
        };
        let masked = config::redact_servers(&raw);
        if masked != raw {
            zv.value.str_ = ZendStr::new(&masked, true).into_raw();
        }
    }
}

/// The phpinfo() displayer for `redislock.servers`: never shows a password.
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
        .map(|v| config::redact_servers(&String::from_utf8_lossy(v.as_bytes())))
        .unwrap_or_else(|| "no value".into());
    let shown = std::ffi::CString::new(shown.replace('\0', "")).unwrap_or_default();
    // SAFETY: "%s" with one NUL-terminated string.
    unsafe { ext_php_rs::ffi::php_printf(c"%s".as_ptr() as *const c_char, shown.as_ptr()) };
}

/// The masters `RedisLock` uses now, from the INI settings; re-parsed only when they change.
pub fn configured_masters() -> Result<std::sync::Arc<crate::lock::Masters>, crate::error::Error> {
    use std::sync::Arc;
    use std::time::Duration;
    const SETTINGS: [&str; 4] = [
        config::INI_SERVERS,
        config::INI_CONNECT_TIMEOUT,
        config::INI_TIMEOUT,
        config::INI_NODE_TIMEOUT,
    ];
    /// The four settings' values as PHP holds them (servers masked), and what they made.
    type Cached = ([Vec<u8>; 4], Arc<crate::lock::Masters>);
    static CACHE: parking_lot::Mutex<Option<Cached>> = parking_lot::Mutex::new(None);

    let mut cache = CACHE.lock();
    if let Some((raw, masters)) = cache.as_ref() {
        if SETTINGS
            .iter()
            .zip(raw)
            .all(|(name, was)| ini_bytes(name, |now| now == was.as_slice()))
        {
            return Ok(masters.clone());
        }
    }
    // Something changed: unmask, parse, and remember the values PHP now holds (masked).
    let servers = servers_with_secret(false);
    let timeouts = [
        ini_value(config::INI_CONNECT_TIMEOUT),
        ini_value(config::INI_TIMEOUT),
        ini_value(config::INI_NODE_TIMEOUT),
    ];
    let nodes = config::parse_servers(&servers)?;
    let connect = config::parse_ms(config::INI_CONNECT_TIMEOUT, &timeouts[0])?;
    let reply = config::parse_ms(config::INI_TIMEOUT, &timeouts[1])?;
    let node: Duration = config::parse_ms(config::INI_NODE_TIMEOUT, &timeouts[2])?;
    let default = if nodes.len() == 1 {
        crate::lock::Timeouts { connect, reply }
    } else {
        crate::lock::Timeouts {
            connect: connect.min(node),
            reply: node,
        }
    };
    let masters = Arc::new(crate::lock::Masters::new(nodes, default, false)?);
    let raw = SETTINGS.map(|name| ini_bytes(name, <[u8]>::to_vec));
    *cache = Some((raw, masters.clone()));
    Ok(masters)
}

/// Runs a method body: its error becomes the PHP exception, and a panic becomes a PHP `Error`
/// instead of unwinding into the engine.
pub fn guard(body: impl FnOnce() -> Result<(), PhpException>) {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(Ok(())) => {}
        Ok(Err(e)) => e.throw(),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            PhpException::new(format!("redislock internal error: {what}"), 0, ce::error()).throw();
        }
    }
}

/// Validates a lock name argument: not empty, at most [`config::MAX_NAME_BYTES`].
pub fn check_name(func: Caller, num: u32, param: &str, name: &[u8]) -> Result<(), PhpException> {
    if name.is_empty() {
        return Err(arg_value_error(func, num, param, "must not be empty"));
    }
    if name.len() > config::MAX_NAME_BYTES {
        return Err(arg_value_error(
            func,
            num,
            param,
            &format!("must be at most {} bytes long", config::MAX_NAME_BYTES),
        ));
    }
    Ok(())
}

/// PHP's message shape for a bad argument value: `C::m(): Argument #1 ($x) must ...`.
pub fn arg_value_error(func: Caller, num: u32, param: &str, what: &str) -> PhpException {
    PhpException::new(
        format!("{func}(): Argument #{num} (${param}) {what}"),
        0,
        ce::value_error(),
    )
}

/// The running internal function, named (`Class::method`) only when a message needs it.
#[derive(Clone, Copy)]
pub struct Caller(*const zend_function);

impl Caller {
    pub fn of(ex: &ExecuteData) -> Self {
        Caller(
            ex.function()
                .map_or(std::ptr::null(), |f| f as *const zend_function),
        )
    }
}

impl std::fmt::Display for Caller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // SAFETY: the function of the call still running; its name and scope live as long.
        let Some(func) = (unsafe { self.0.as_ref() }) else {
            return Ok(());
        };
        // SAFETY: common.function_name is a live zend_string or null; common.scope a class or null.
        unsafe {
            if let Some(class) = func.common.scope.as_ref().and_then(|c| c.name()) {
                write!(f, "{class}::")?;
            }
            if let Some(name) = func.common.function_name.as_ref() {
                write!(f, "{}", String::from_utf8_lossy(name.as_bytes()))?;
            }
        }
        Ok(())
    }
}
