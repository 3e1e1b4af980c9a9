//! Arguments exactly as PHP's own functions take them (weak-mode coercion, strict_types,
//! PHP's TypeError messages), by PHP's own parser routines resolved at run time; and the parts
//! of a method's signature ext-php-rs cannot declare (`T|false`, `#[\SensitiveParameter]`).

use std::borrow::Cow;
use std::ffi::{c_int, c_void};
use std::sync::OnceLock;

use ext_php_rs::args::Arg;
use ext_php_rs::exception::PhpException;
use ext_php_rs::ffi::{zend_function, zend_string};
use ext_php_rs::types::{ZendHashTable, ZendStr, Zval};
use ext_php_rs::zend::{ClassEntry, ExecutorGlobals};

use super::engine::symbol;
use crate::lock::Error;

/// PHP's `zend_expected_type` values used here (Zend/zend_API.h). PHP 8.3 inserted
/// `Z_EXPECTED_NUMBER_OR_STRING` (and its `_OR_NULL`) before `Z_EXPECTED_ARRAY_OR_STRING`, which
/// moves the values after it by two; the PHP this library is built for decides.
const Z_EXPECTED_LONG: c_int = 0;
const Z_EXPECTED_STRING: c_int = 4;
const Z_EXPECTED_ARRAY: c_int = 6;
const Z_EXPECTED_NUMBER: c_int = 22;
const Z_EXPECTED_STRING_OR_LONG: c_int = if ext_php_rs::ffi::ZEND_MODULE_API_NO >= 20230831 {
    28
} else {
    26
};
/// `MAY_BE_*` (Zend/zend_type_info.h).
const MAY_BE_FALSE: u32 = 1 << 2;
pub const MAY_BE_LONG: u32 = 1 << 4;
pub const MAY_BE_DOUBLE: u32 = 1 << 5;
pub const MAY_BE_STRING: u32 = 1 << 6;

type ParseStrSlow = unsafe extern "C" fn(*mut Zval, *mut *mut zend_string, u32) -> bool;
type ParseLongSlow = unsafe extern "C" fn(*mut Zval, *mut i64, u32) -> bool;
type ParseNumberSlow = unsafe extern "C" fn(*mut Zval, *mut *mut Zval, u32) -> bool;
type ParseStrOrLongSlow =
    unsafe extern "C" fn(*mut Zval, *mut *mut zend_string, *mut i64, u32) -> bool;
type WrongParameterType = unsafe extern "C" fn(u32, c_int, *mut Zval);
type IsCallableEx = unsafe extern "C" fn(
    *mut Zval,
    *mut c_void,
    u32,
    *mut *mut zend_string,
    *mut c_void,
    *mut *mut std::ffi::c_char,
) -> bool;
type WrongCallbackError = unsafe extern "C" fn(u32, *mut std::ffi::c_char);

/// PHP's own weak-mode coercion and error reporting, resolved at run time: linking to them would
/// break `cargo php stubs` and Rust test binaries, which load this library outside PHP.
struct Zpp {
    parse_str: ParseStrSlow,
    parse_long: ParseLongSlow,
    parse_number: ParseNumberSlow,
    parse_str_or_long: ParseStrOrLongSlow,
    wrong_type: WrongParameterType,
    is_callable: IsCallableEx,
    wrong_callback: WrongCallbackError,
}

fn zpp() -> Option<&'static Zpp> {
    static ZPP: OnceLock<Option<Zpp>> = OnceLock::new();
    ZPP.get_or_init(|| {
        let s = symbol(c"zend_parse_arg_str_slow");
        let l = symbol(c"zend_parse_arg_long_slow");
        let n = symbol(c"zend_parse_arg_number_slow");
        let sl = symbol(c"zend_parse_arg_str_or_long_slow");
        let w = symbol(c"zend_wrong_parameter_type_error");
        let c = symbol(c"zend_is_callable_ex");
        let wc = symbol(c"zend_wrong_callback_error");
        if [s, l, n, sl, w, c, wc].iter().any(|p| p.is_null()) {
            return None;
        }
        // SAFETY: the symbols have these C signatures in PHP 8.2 (ZEND_FASTCALL is the plain C
        // convention on x86-64 and aarch64).
        unsafe {
            Some(Zpp {
                parse_str: std::mem::transmute::<*mut c_void, ParseStrSlow>(s),
                parse_long: std::mem::transmute::<*mut c_void, ParseLongSlow>(l),
                parse_number: std::mem::transmute::<*mut c_void, ParseNumberSlow>(n),
                parse_str_or_long: std::mem::transmute::<*mut c_void, ParseStrOrLongSlow>(sl),
                wrong_type: std::mem::transmute::<*mut c_void, WrongParameterType>(w),
                is_callable: std::mem::transmute::<*mut c_void, IsCallableEx>(c),
                wrong_callback: std::mem::transmute::<*mut c_void, WrongCallbackError>(wc),
            })
        }
    })
    .as_ref()
}

/// Ok(None) means PHP has already thrown (its own TypeError or deprecation-turned-exception).
pub type ArgResult<T> = Result<Option<T>, PhpException>;

fn missing_zpp() -> PhpException {
    Error::Usage("redislock: PHP's argument parser symbols were not found".into()).into()
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

/// `int|float` parameter, exactly as PHP's `Z_PARAM_NUMBER`, as seconds (an int exactly).
fn arg_number(zv: &mut Zval, num: u32) -> ArgResult<f64> {
    if let Some(n) = zv.long() {
        return Ok(Some(n as f64));
    }
    if let Some(d) = zv.double() {
        return Ok(Some(d));
    }
    let zpp = zpp().ok_or_else(missing_zpp)?;
    let mut dest: *mut Zval = std::ptr::null_mut();
    // SAFETY: a live zval of this call; on success PHP converted it in place to int or float.
    if unsafe { (zpp.parse_number)(zv, &mut dest, num) } {
        // SAFETY: on success `dest` points at the converted zval.
        let converted = unsafe { dest.as_ref() };
        if let Some(v) = converted.and_then(|z| z.long().map(|n| n as f64).or_else(|| z.double())) {
            return Ok(Some(v));
        }
    }
    if !ExecutorGlobals::has_exception() {
        // SAFETY: as above.
        unsafe { (zpp.wrong_type)(num, Z_EXPECTED_NUMBER, zv) };
    }
    Ok(None)
}

/// `string|int` parameter, exactly as PHP's `Z_PARAM_STR_OR_LONG`, as bytes: an int is its
/// decimal string (as the PHP class's string concatenation made it).
fn arg_string_or_long(zv: &mut Zval, num: u32) -> ArgResult<Cow<'_, [u8]>> {
    if let Some(n) = zv.long() {
        return Ok(Some(Cow::Owned(n.to_string().into_bytes())));
    }
    if zv.is_string() {
        let zv: &Zval = zv;
        return Ok(zv.zend_str().map(|s| Cow::Borrowed(s.as_bytes())));
    }
    let zpp = zpp().ok_or_else(missing_zpp)?;
    let mut dest_str: *mut zend_string = std::ptr::null_mut();
    let mut dest_long: i64 = 0;
    // SAFETY: a live zval of this call and local destinations.
    if unsafe { (zpp.parse_str_or_long)(zv, &mut dest_str, &mut dest_long, num) } {
        // SAFETY: on success `dest_str` is the (possibly converted in place) string, or null for
        // an int in `dest_long`.
        return Ok(Some(match unsafe { dest_str.as_ref() } {
            Some(s) => Cow::Owned(s.as_bytes().to_vec()),
            None => Cow::Owned(dest_long.to_string().into_bytes()),
        }));
    }
    if !ExecutorGlobals::has_exception() {
        // SAFETY: as above.
        unsafe { (zpp.wrong_type)(num, Z_EXPECTED_STRING_OR_LONG, zv) };
    }
    Ok(None)
}

/// `callable` parameter, checked as PHP's `Z_PARAM_FUNC` checks it (its TypeError message).
fn arg_callable(zv: &mut Zval, num: u32) -> ArgResult<&Zval> {
    let zpp = zpp().ok_or_else(missing_zpp)?;
    let mut error: *mut std::ffi::c_char = std::ptr::null_mut();
    // SAFETY: a live zval of this call; no object scope, no name wanted, PHP's own cache.
    let ok = unsafe {
        (zpp.is_callable)(
            zv,
            std::ptr::null_mut(),
            0,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &mut error,
        )
    };
    if !ok {
        // SAFETY: PHP throws its TypeError and frees `error` (or takes null).
        unsafe { (zpp.wrong_callback)(num, error) };
        return Ok(None);
    }
    if !error.is_null() {
        // SAFETY: an emalloc()ed message PHP handed over (a deprecation of this callable form).
        unsafe { ext_php_rs::alloc::efree(error.cast()) };
    }
    let zv: &Zval = zv;
    Ok(Some(zv))
}

/// `array` parameter, exactly as PHP's `Z_PARAM_ARRAY` (no coercion in either mode).
fn arg_array(zv: &mut Zval, num: u32) -> ArgResult<&ZendHashTable> {
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

/// The `int|float` PHP passed for parameter `num` (as f64), or `default` when an optional one
/// was left out. Ok(None): PHP has thrown.
pub fn number_arg(arg: &mut Arg<'_>, num: u32, default: Option<f64>) -> ArgResult<f64> {
    match arg.zval() {
        Some(zv) => arg_number(zv, num),
        None => Ok(default),
    }
}

/// The `string|int` PHP passed for parameter `num`, as bytes. Ok(None): PHP has thrown.
pub fn name_arg<'b>(arg: &'b mut Arg<'_>, num: u32) -> ArgResult<Cow<'b, [u8]>> {
    match arg.zval() {
        Some(zv) => arg_string_or_long(zv, num),
        None => Ok(None),
    }
}

/// The `callable` PHP passed for parameter `num`. Ok(None): PHP has thrown.
pub fn callable_arg<'b>(arg: &'b mut Arg<'_>, num: u32) -> ArgResult<&'b Zval> {
    match arg.zval() {
        Some(zv) => arg_callable(zv, num),
        None => Ok(None),
    }
}

/// The `array` PHP passed for parameter `num`. Ok(None): PHP has thrown.
pub fn array_arg<'a>(arg: &'a mut Arg<'_>, num: u32) -> ArgResult<&'a ZendHashTable> {
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

/// Declares the union `mask` (`MAY_BE_*`) as the type of parameter `index` (0-based) of
/// `method`: ext-php-rs cannot declare a union, so PHP's copy of the arg_info is amended.
pub fn set_parameter_types(class: &ClassEntry, method: &str, index: usize, mask: u32) {
    let Some(func) = method_of(class, method) else {
        return;
    };
    // SAFETY: an internal method of our own class, registered a moment ago, with at least
    // `index + 1` parameters; arg_info[index] is in memory PHP allocated for this function.
    unsafe {
        let internal = &mut (*func).internal_function;
        if !internal.arg_info.is_null() && (index as u32) < internal.num_args {
            let t = &mut (*internal.arg_info.add(index)).type_;
            t.type_mask = (t.type_mask & !0x3ff) | mask;
        }
    }
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
