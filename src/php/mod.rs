//! Thin PHP glue: one file per PHP class (`redis_lock`, `redlock`), and what they share:
//! `args` (PHP's own argument coercion), `ini` (settings), `held` (locks for request end),
//! `exception` (the one conversion of every error into a PHP exception).

pub mod args;
pub mod engine;
pub mod exception;
pub mod held;
pub mod ini;
pub mod lifecycle;
pub mod redis_lock;
pub mod redlock;
pub mod redlock_objects;
pub mod server_list;
pub mod shared;
pub mod synchronized;

use ext_php_rs::exception::PhpException;
use ext_php_rs::ffi::zend_function;
use ext_php_rs::zend::ExecuteData;

use crate::config;
use crate::lock::Error;

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
            PhpException::from(Error::Usage(format!("redislock internal error: {what}"))).throw();
        }
    }
}

/// Validates a lock name argument: not empty, no NUL byte, at most [`config::MAX_NAME_BYTES`].
/// Other bytes are fine: Redis keys are binary (shops use GBK-encoded names too).
pub fn check_name(func: Caller, num: u32, param: &str, name: &[u8]) -> Result<(), PhpException> {
    if name.is_empty() {
        return Err(arg_value_error(func, num, param, "must not be empty"));
    }
    if name.contains(&0) {
        return Err(arg_value_error(
            func,
            num,
            param,
            "must not contain any null bytes",
        ));
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
    Error::InvalidValue(format!("{func}(): Argument #{num} (${param}) {what}")).into()
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
