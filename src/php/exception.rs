//! THE conversion of every error into a PHP exception: `ValueError` for a bad argument,
//! `RedisLockException` for Redis and settings, `Error` for misuse. Messages are made one
//! printable line here (a NUL byte in a message would otherwise stop PHP from throwing it).

use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::builders::ClassBuilder;
use ext_php_rs::exception::PhpException;
use ext_php_rs::zend::{ce, ClassEntry};

use crate::lock::Error;

static EXCEPTION_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

/// `RedisLockException` (extends `RuntimeException`).
pub fn redislock_exception() -> &'static ClassEntry {
    // SAFETY: set once in MINIT to a class entry that lives as long as the module.
    unsafe { EXCEPTION_CE.load(Ordering::Acquire).as_ref() }.unwrap_or_else(ce::exception)
}

/// SPL's `RuntimeException` (SPL is always compiled into PHP and starts before extensions).
fn runtime_exception() -> &'static ClassEntry {
    let sym = super::engine::symbol(c"spl_ce_RuntimeException") as *const *const ClassEntry;
    // SAFETY: the symbol is SPL's `zend_class_entry *spl_ce_RuntimeException`.
    unsafe { sym.as_ref().and_then(|p| p.as_ref()) }.unwrap_or_else(ce::exception)
}

/// Declares `RedisLockException` (MINIT).
pub fn register() -> bool {
    ClassBuilder::new("RedisLockException")
        .extends((runtime_exception, "RuntimeException"))
        .registration(|ce, arg_info| {
            std::mem::forget(arg_info);
            EXCEPTION_CE.store(ce, Ordering::Release);
        })
        .register()
        .is_ok()
}

/// A message as one printable line: control bytes shown as `\xNN`.
pub fn one_line(message: &str) -> String {
    if !message.chars().any(char::is_control) {
        return message.to_string();
    }
    message
        .chars()
        .map(|c| {
            if c.is_control() {
                format!("\\x{:02x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

impl From<Error> for PhpException {
    fn from(err: Error) -> Self {
        let class = match err {
            Error::InvalidValue(_) => ce::value_error(),
            Error::Config(_) | Error::Unavailable { .. } => redislock_exception(),
            Error::Usage(_) => ce::error(),
        };
        PhpException::new(one_line(&err.to_string()), 0, class)
    }
}
