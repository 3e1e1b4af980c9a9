//! MINIT / MSHUTDOWN / phpinfo(): INI registration, the classes, the exception class.
//! Nothing here connects or starts threads: PHP-FPM forks its workers after MINIT.

use std::ffi::{c_void, CString};
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::builders::ClassBuilder;
use ext_php_rs::flags::IniEntryPermission;
use ext_php_rs::zend::{ce, ClassEntry, IniEntryDef, ModuleEntry};
use ext_php_rs::{info_table_end, info_table_row, info_table_start};

use crate::config;
use crate::php;

/// The commit this library was built from, shown by phpinfo() (set by build.rs).
pub const BUILD_COMMIT: &str = env!("REDISLOCK_BUILD_COMMIT");

static EXCEPTION_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// `RedisLockException` (extends `RuntimeException`).
pub fn redislock_exception() -> &'static ClassEntry {
    // SAFETY: set once in MINIT to a class entry that lives as long as the module.
    unsafe { EXCEPTION_CE.load(Ordering::Acquire).as_ref() }.unwrap_or_else(ce::exception)
}

/// SPL's `RuntimeException` (SPL is always compiled into PHP and starts before extensions).
fn runtime_exception() -> &'static ClassEntry {
    let sym = php::symbol(c"spl_ce_RuntimeException") as *const *const ClassEntry;
    // SAFETY: the symbol is SPL's `zend_class_entry *spl_ce_RuntimeException`.
    unsafe { sym.as_ref().and_then(|p| p.as_ref()) }.unwrap_or_else(ce::exception)
}

fn ini_defs() -> &'static [IniEntryDef] {
    let entry = |name: &str, default: String| {
        let name: &'static std::ffi::CStr =
            Box::leak(CString::new(name).unwrap_or_default().into_boxed_c_str());
        let value: &'static std::ffi::CStr =
            Box::leak(CString::new(default).unwrap_or_default().into_boxed_c_str());
        let mut def = IniEntryDef::new(name, value, IniEntryPermission::All);
        // Values are read where they are used; the handler exists because PHP refuses to
        // ini_restore() an entry without one.
        def.on_modify = Some(accept_ini_value);
        def
    };
    let mut servers = entry(config::INI_SERVERS, config::DEFAULT_SERVERS.into());
    servers.displayer = Some(php::display_servers);
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
        IniEntryDef::end(),
    ];
    Box::leak(defs.into_boxed_slice())
}

unsafe extern "C" fn accept_ini_value(
    _entry: *mut ext_php_rs::ffi::zend_ini_entry,
    _new_value: *mut ext_php_rs::ffi::zend_string,
    _mh_arg1: *mut c_void,
    _mh_arg2: *mut c_void,
    _mh_arg3: *mut c_void,
    _stage: i32,
) -> i32 {
    0 // SUCCESS
}

/// MINIT.
pub fn startup(_ty: i32, module_number: i32) -> i32 {
    let ok = std::panic::catch_unwind(|| {
        // Panics become PHP errors with their message; the default hook would also print them.
        std::panic::set_hook(Box::new(|_| {}));
        IniEntryDef::register(ini_defs(), module_number);
        // A password given in php.ini or -d is masked before anything can display it.
        php::servers_with_secret(true);
        php::mask_configuration_copy();
        let exception = ClassBuilder::new("RedisLockException")
            .extends((runtime_exception, "RuntimeException"))
            .registration(|ce, arg_info| {
                std::mem::forget(arg_info);
                EXCEPTION_CE.store(ce, Ordering::Release);
            })
            .register();
        exception.is_ok()
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
    let _ = std::panic::catch_unwind(crate::lock::client::close_all);
    0
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
            crate::lock::client::pooled_connections().to_string()
        );
        info_table_end!();
    });
    type DisplayIni = unsafe extern "C" fn(*mut ModuleEntry);
    let display = php::symbol(c"display_ini_entries");
    if !display.is_null() {
        // SAFETY: PHP's `void display_ini_entries(zend_module_entry *module)`.
        unsafe { std::mem::transmute::<*mut c_void, DisplayIni>(display)(module) };
    }
}
