//! Where `RedLock` objects keep their settings. Objects carry no PHP properties (nothing for
//! var_dump to show, passwords included): each object's settings live in a table keyed by its
//! handle, filled by the constructor and removed when PHP frees the object. The table's lock is
//! held only for a map operation, never while PHP code runs.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use ext_php_rs::ffi::{
    object_properties_init, std_object_handlers, zend_class_entry, zend_object,
    zend_object_handlers, zend_object_std_dtor, zend_objects_new,
};
use parking_lot::Mutex;

use crate::lock::Masters;

pub struct RedLockObject {
    pub masters: Arc<Masters>,
    pub retry_delay: Duration,
    pub retry_count: u32,
}

static OBJECTS: Mutex<Option<HashMap<u32, RedLockObject>>> = Mutex::new(None);

pub fn set_object(handle: u32, obj: Option<RedLockObject>) {
    let mut objects = OBJECTS.lock();
    let map = objects.get_or_insert_with(HashMap::new);
    match obj {
        Some(o) => {
            map.insert(handle, o);
        }
        None => {
            map.remove(&handle);
        }
    }
}

pub fn with_object<T>(handle: u32, f: impl FnOnce(&RedLockObject) -> T) -> Option<T> {
    OBJECTS.lock().as_ref()?.get(&handle).map(f)
}

fn handlers() -> &'static zend_object_handlers {
    struct Handlers(zend_object_handlers);
    // SAFETY: a plain table of function pointers, written once, then only read by PHP.
    unsafe impl Send for Handlers {}
    unsafe impl Sync for Handlers {}
    static HANDLERS: OnceLock<Handlers> = OnceLock::new();
    &HANDLERS
        .get_or_init(|| {
            // SAFETY: PHP's standard handlers, initialised before any extension's MINIT.
            let mut h = unsafe { std_object_handlers };
            h.free_obj = Some(free_object);
            // The Rust side cannot be shared between two PHP objects: `clone` is an Error.
            h.clone_obj = None;
            Handlers(h)
        })
        .0
}

pub unsafe extern "C" fn create_object(ce: *mut zend_class_entry) -> *mut zend_object {
    // SAFETY: the standard way to make a plain object of an internal class.
    unsafe {
        let obj = zend_objects_new(ce);
        object_properties_init(obj, ce);
        (*obj).handlers = handlers();
        // A handle is reused after an object is freed: a new object starts with no settings.
        set_object((*obj).handle, None);
        obj
    }
}

unsafe extern "C" fn free_object(obj: *mut zend_object) {
    // SAFETY: PHP frees one of our objects.
    unsafe {
        let _ = std::panic::catch_unwind(|| set_object((*obj).handle, None));
        zend_object_std_dtor(obj);
    }
}
