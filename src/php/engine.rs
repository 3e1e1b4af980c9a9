//! Symbols of the running PHP looked up at run time: linking to them would break `cargo php
//! stubs` and Rust test binaries, which load this library outside PHP.

use std::ffi::{c_void, CStr};

/// A symbol of the running PHP, or null.
pub fn symbol(name: &CStr) -> *mut c_void {
    // SAFETY: dlsym with RTLD_DEFAULT only reads the loaded symbol tables.
    unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) }
}
