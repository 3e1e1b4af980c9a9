//! THE conversion of every error into a PHP exception: `ValueError` for a bad argument,
//! `RedisLockException` for Redis and settings (`RedisLockTimeoutException` and
//! `RedisLockLostException` for `synchronized()`), `Error` for misuse. Messages are made one
//! printable line here (a NUL byte in a message would otherwise stop PHP from throwing it).

use std::ffi::{c_char, c_void};
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
use ext_php_rs::exception::PhpException;
use ext_php_rs::flags::{DataType, MethodFlags};
use ext_php_rs::types::{ZendObject, Zval};
use ext_php_rs::zend::{ce, ClassEntry, ExecuteData};

use crate::lock::Error;

static EXCEPTION_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());
static TIMEOUT_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());
static LOST_CE: AtomicPtr<ClassEntry> = AtomicPtr::new(std::ptr::null_mut());

fn class_in(slot: &AtomicPtr<ClassEntry>) -> &'static ClassEntry {
    // SAFETY: set once in MINIT to a class entry that lives as long as the module.
    unsafe { slot.load(Ordering::Acquire).as_ref() }.unwrap_or_else(ce::exception)
}

/// `RedisLockException` (extends `RuntimeException`).
pub fn redislock_exception() -> &'static ClassEntry {
    class_in(&EXCEPTION_CE)
}

/// SPL's `RuntimeException` (SPL is always compiled into PHP and starts before extensions).
fn runtime_exception() -> &'static ClassEntry {
    let sym = super::engine::symbol(c"spl_ce_RuntimeException") as *const *const ClassEntry;
    // SAFETY: the symbol is SPL's `zend_class_entry *spl_ce_RuntimeException`.
    unsafe { sym.as_ref().and_then(|p| p.as_ref()) }.unwrap_or_else(ce::exception)
}

/// Declares `RedisLockException` and its subclasses (MINIT).
pub fn register() -> bool {
    let base = ClassBuilder::new("RedisLockException")
        .extends((runtime_exception, "RuntimeException"))
        .registration(|ce, arg_info| {
            std::mem::forget(arg_info);
            EXCEPTION_CE.store(ce, Ordering::Release);
        })
        .register()
        .is_ok();
    let timeout = ClassBuilder::new("RedisLockTimeoutException")
        .extends((redislock_exception, "RedisLockException"))
        .registration(|ce, arg_info| {
            std::mem::forget(arg_info);
            TIMEOUT_CE.store(ce, Ordering::Release);
        })
        .register()
        .is_ok();
    let lost = ClassBuilder::new("RedisLockLostException")
        .extends((redislock_exception, "RedisLockException"))
        .method(
            FunctionBuilder::new("getResult", get_result_handler).returns(
                DataType::Mixed,
                false,
                true,
            ),
            MethodFlags::Public,
        )
        .registration(|ce, arg_info| {
            std::mem::forget(arg_info);
            let mut null = Zval::new();
            null.set_null();
            // SAFETY: our class, being registered; a persistent (null) default value.
            unsafe {
                ext_php_rs::ffi::zend_declare_property(
                    ce,
                    RESULT.as_ptr().cast(),
                    RESULT.len(),
                    &mut null,
                    ZEND_ACC_PROTECTED,
                )
            };
            LOST_CE.store(ce, Ordering::Release);
        })
        .register()
        .is_ok();
    base && timeout && lost
}

/// The property of `RedisLockLostException` that holds the callback's result.
const RESULT: &str = "result";
const ZEND_ACC_PROTECTED: i32 = 1 << 1;

extern "C" fn get_result_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    super::guard(|| {
        let Some(this) = ex.get_self() else {
            return Ok(());
        };
        let mut rv = Zval::new();
        let ce = class_in(&LOST_CE) as *const ClassEntry as *mut ClassEntry;
        // SAFETY: our declared property, read in our class's scope from a live object.
        let value = unsafe {
            ext_php_rs::ffi::zend_read_property(
                ce,
                this,
                RESULT.as_ptr().cast(),
                RESULT.len(),
                true,
                &mut rv,
            )
        };
        // SAFETY: PHP returns a live zval (the property, or `rv`).
        if let Some(value) = unsafe { value.as_ref() } {
            *retval = value.shallow_clone();
        }
        Ok(())
    });
}

/// Sets property `name` of `object` in the scope of `scope` (PHP's `zend_update_property`).
fn update_property(scope: &ClassEntry, object: &mut ZendObject, name: &str, value: &mut Zval) {
    type Update =
        unsafe extern "C" fn(*mut ClassEntry, *mut ZendObject, *const c_char, usize, *mut Zval);
    let f = super::engine::symbol(c"zend_update_property");
    if f.is_null() {
        return;
    }
    // SAFETY: PHP's `void zend_update_property(zend_class_entry *scope, zend_object *object,
    // const char *name, size_t name_length, zval *value)`; it copies the value.
    unsafe {
        std::mem::transmute::<*mut c_void, Update>(f)(
            scope as *const ClassEntry as *mut ClassEntry,
            object,
            name.as_ptr().cast(),
            name.len(),
            value,
        )
    };
}

/// `RedisLockLostException` carrying the callback's result (`getResult()`).
pub fn lost(err: Error, result: &Zval) -> PhpException {
    let class = class_in(&LOST_CE);
    let mut object = ZendObject::new(class);
    let mut message = Zval::new();
    if message
        .set_string(&one_line(&err.to_string()), false)
        .is_err()
    {
        return err.into();
    }
    update_property(ce::exception(), &mut object, "message", &mut message);
    let mut result = result.shallow_clone();
    update_property(class, &mut object, RESULT, &mut result);
    let mut zv = Zval::new();
    zv.set_object(&mut object);
    PhpException::new(String::new(), 0, class).with_object(zv)
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
            Error::NotAcquired(_) => class_in(&TIMEOUT_CE),
            Error::Lost(_) => class_in(&LOST_CE),
            Error::Usage(_) => ce::error(),
        };
        PhpException::new(one_line(&err.to_string()), 0, class)
    }
}
