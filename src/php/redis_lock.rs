//! `final class RedisLock`: the drop-in for the PHP class shops copied (static acquireLock /
//! releaseLock, and the short names acquire / release), and what long jobs need: isHeld,
//! extendLock / extend, synchronized, acquireFenced; the shared (read) lock methods are in
//! `shared.rs`. Times are `int|float` seconds (ms
//! precision); lock names `string|int` (an int is its decimal string, as the PHP class's
//! concatenation made it, also under strict_types).

use std::sync::Arc;
use std::time::Duration;

use ext_php_rs::args::Arg;
use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
use ext_php_rs::exception::PhpException;
use ext_php_rs::flags::{ClassFlags, DataType, MethodFlags};
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::args::{
    name_arg, number_arg, set_parameter_types, string_arg, MAY_BE_DOUBLE, MAY_BE_LONG,
    MAY_BE_STRING,
};
use super::ini::{self, configured_masters};
use super::{arg_value_error, check_name, guard, lifecycle, Caller};
use crate::config;
use crate::lock::{acquire_within, Error, Grant, Masters};

pub(super) const DEFAULT_ACQUIRE_TIME: f64 = 3.0;
pub(super) const DEFAULT_LOCK_TIMEOUT: f64 = 20.0;

pub fn class() -> ClassBuilder {
    let flags = MethodFlags::Public | MethodFlags::Static;
    let class = ClassBuilder::new("RedisLock")
        .flags(ClassFlags::Final)
        .method(acquire_method("acquireLock", acquire_handler), flags)
        .method(release_method("releaseLock"), flags)
        .method(acquire_method("acquire", acquire_handler), flags)
        .method(release_method("release"), flags)
        .method(
            FunctionBuilder::new("isHeld", is_held_handler)
                .arg(Arg::new("lock_name", DataType::String))
                .arg(Arg::new("identifier", DataType::String))
                .returns(DataType::Bool, false, false),
            flags,
        )
        .method(extend_method("extendLock"), flags)
        .method(extend_method("extend"), flags)
        .method(
            FunctionBuilder::new("synchronized", super::synchronized::handler)
                .arg(Arg::new("lock_name", DataType::String))
                .arg(Arg::new("callback", DataType::Callable))
                .not_required()
                .arg(Arg::new("acquire_time", DataType::Long).default("3"))
                .arg(Arg::new("lock_timeout", DataType::Long).default("20"))
                .returns(DataType::Mixed, false, true),
            flags,
        )
        .method(
            acquire_method("acquireFenced", fenced_handler).returns(DataType::Array, false, false),
            flags,
        );
    super::shared::methods(class).registration(registered)
}

fn registered(ce: &'static mut ClassEntry, arg_info: ext_php_rs::args::ArgInfoTables) {
    // PHP keeps pointers into these (parameter names, defaults) for the life of the process.
    std::mem::forget(arg_info);
    let name = MAY_BE_STRING | MAY_BE_LONG;
    let seconds = MAY_BE_LONG | MAY_BE_DOUBLE;
    for method in ["acquireLock", "acquire", "acquireFenced"] {
        super::args::allow_false_return(ce, method);
        set_parameter_types(ce, method, 0, name);
        set_parameter_types(ce, method, 1, seconds);
        set_parameter_types(ce, method, 2, seconds);
    }
    for method in ["releaseLock", "release", "isHeld", "extendLock", "extend"] {
        set_parameter_types(ce, method, 0, name);
    }
    for method in ["extendLock", "extend"] {
        set_parameter_types(ce, method, 2, seconds);
    }
    set_parameter_types(ce, "synchronized", 0, name);
    set_parameter_types(ce, "synchronized", 2, seconds);
    set_parameter_types(ce, "synchronized", 3, seconds);
    super::shared::registered(ce);
}

fn acquire_method(
    name: &str,
    handler: extern "C" fn(&mut ExecuteData, &mut Zval),
) -> FunctionBuilder<'static> {
    FunctionBuilder::new(name, handler)
        .arg(Arg::new("lock_name", DataType::String))
        .not_required()
        .arg(Arg::new("acquire_time", DataType::Long).default("3"))
        .arg(Arg::new("lock_timeout", DataType::Long).default("20"))
        .returns(DataType::String, false, false)
}

fn release_method(name: &str) -> FunctionBuilder<'static> {
    FunctionBuilder::new(name, release_handler)
        .arg(Arg::new("lock_name", DataType::String))
        .arg(Arg::new("identifier", DataType::String))
        .returns(DataType::Bool, false, false)
}

fn extend_method(name: &str) -> FunctionBuilder<'static> {
    FunctionBuilder::new(name, extend_handler)
        .arg(Arg::new("lock_name", DataType::String))
        .arg(Arg::new("identifier", DataType::String))
        .not_required()
        .arg(Arg::new("lock_timeout", DataType::Long).default("20"))
        .returns(DataType::Bool, false, false)
}

extern "C" fn acquire_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| acquire(ex, retval, false));
}
extern "C" fn fenced_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| acquire(ex, retval, true));
}
extern "C" fn release_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| release(ex, retval));
}
extern "C" fn is_held_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| is_held(ex, retval));
}
extern "C" fn extend_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| extend(ex, retval));
}
/// `$acquire_time` (0 to one day) and `$lock_timeout` (1 ms to 30 days) in seconds.
pub(super) fn times(
    func: Caller,
    num: u32,
    wait: f64,
    ttl: f64,
) -> Result<(Duration, Duration), PhpException> {
    let wait = config::seconds_to_ms(wait, 0, config::MAX_ACQUIRE_TIME_S).ok_or_else(|| {
        arg_value_error(
            func,
            num,
            "acquire_time",
            &format!(
                "must be between 0 and {} (seconds)",
                config::MAX_ACQUIRE_TIME_S
            ),
        )
    })?;
    Ok((wait, lock_timeout(func, num + 1, ttl)?))
}

pub(super) fn lock_timeout(func: Caller, num: u32, ttl: f64) -> Result<Duration, PhpException> {
    config::seconds_to_ms(ttl, config::MIN_LOCK_TIMEOUT_MS, config::MAX_LOCK_TIMEOUT_S).ok_or_else(
        || {
            arg_value_error(
                func,
                num,
                "lock_timeout",
                &format!(
                    "must be between 0.001 and {} (seconds)",
                    config::MAX_LOCK_TIMEOUT_S
                ),
            )
        },
    )
}

/// The `(lock_name, acquire_time = 3, lock_timeout = 20)` arguments of an acquire method, checked:
/// the name, and the two times. None: PHP has already raised the argument's error.
pub(super) fn acquire_args(
    ex: &mut ExecuteData,
) -> Result<Option<(Vec<u8>, Duration, Duration)>, PhpException> {
    let func = Caller::of(ex);
    let mut name = Arg::new("lock_name", DataType::String);
    let mut wait = Arg::new("acquire_time", DataType::Double);
    let mut ttl = Arg::new("lock_timeout", DataType::Double);
    if ex
        .parser()
        .arg(&mut name)
        .not_required()
        .arg(&mut wait)
        .arg(&mut ttl)
        .parse()
        .is_err()
    {
        return Ok(None);
    }
    let Some(name) = name_arg(&mut name, 1)? else {
        return Ok(None);
    };
    let Some(wait) = number_arg(&mut wait, 2, Some(DEFAULT_ACQUIRE_TIME))? else {
        return Ok(None);
    };
    let Some(ttl) = number_arg(&mut ttl, 3, Some(DEFAULT_LOCK_TIMEOUT))? else {
        return Ok(None);
    };
    check_name(func, 1, "lock_name", &name)?;
    let (wait, ttl) = times(func, 2, wait, ttl)?;
    Ok(Some((name.into_owned(), wait, ttl)))
}

fn acquire(ex: &mut ExecuteData, retval: &mut Zval, fenced: bool) -> Result<(), PhpException> {
    let Some((name, wait, ttl)) = acquire_args(ex)? else {
        return Ok(());
    };
    match take(&name, wait, ttl, fenced)?.grant {
        Some(grant) if fenced => {
            let mut arr = ZendHashTable::new();
            arr.insert("identifier", grant.token.as_str())?;
            arr.insert("fence", grant.fence.unwrap_or_default())?;
            retval.set_hashtable(arr);
        }
        Some(grant) => retval.set_string(&grant.token, false)?,
        None => retval.set_bool(false),
    }
    Ok(())
}

/// A lock taken (or not) by name, with the masters and key it was asked of.
pub(super) struct Taken {
    pub masters: Arc<Masters>,
    pub key: Vec<u8>,
    pub grant: Option<Grant>,
}

/// Takes the lock `name` (already checked) within `wait`, for `ttl`: acquireLock's and
/// synchronized()'s acquire.
pub(super) fn take(
    name: &[u8],
    wait: Duration,
    ttl: Duration,
    fenced: bool,
) -> Result<Taken, PhpException> {
    let masters = configured_masters()?;
    let key = lock_key(name);
    let grant = lifecycle::take(&masters, &key, ttl, |key_ttl| {
        acquire_within(&masters, &key, key_ttl, wait, fenced)
    })?;
    Ok(Taken {
        masters,
        key,
        grant,
    })
}

/// An identifier a lock can have: not empty; ASCII as ours and the old class's md5 are (other
/// bytes hold no lock).
pub(super) fn usable_identifier(identifier: &[u8]) -> Option<&str> {
    std::str::from_utf8(identifier)
        .ok()
        .filter(|s| !s.is_empty())
}

/// A lock's key and, when a lock can have it, its identifier.
type KeyAndIdentifier = (Vec<u8>, Option<String>);

/// `$lock_name` and `$identifier`: the key, and the identifier when a lock can have it (not
/// empty; ASCII as ours and the old class's md5 are: other bytes hold no lock).
fn name_and_identifier(
    ex: &mut ExecuteData,
    func: Caller,
) -> Result<Option<KeyAndIdentifier>, PhpException> {
    let mut name = Arg::new("lock_name", DataType::String);
    let mut identifier = Arg::new("identifier", DataType::String);
    if ex
        .parser()
        .arg(&mut name)
        .arg(&mut identifier)
        .parse()
        .is_err()
    {
        return Ok(None);
    }
    let Some(name) = name_arg(&mut name, 1)? else {
        return Ok(None);
    };
    let Some(identifier) = string_arg(&mut identifier, 2)? else {
        return Ok(None);
    };
    check_name(func, 1, "lock_name", &name)?;
    let identifier = usable_identifier(identifier).map(str::to_string);
    Ok(Some((lock_key(&name), identifier)))
}

/// releaseLock() and isHeld(): `ask` with the masters, the key and the identifier; false
/// without asking Redis when no lock can have that identifier.
fn by_identifier(
    ex: &mut ExecuteData,
    retval: &mut Zval,
    ask: impl FnOnce(&Masters, &[u8], &str) -> Result<bool, Error>,
) -> Result<(), PhpException> {
    let func = Caller::of(ex);
    let Some((key, identifier)) = name_and_identifier(ex, func)? else {
        return Ok(());
    };
    let Some(identifier) = identifier else {
        retval.set_bool(false);
        return Ok(());
    };
    let masters = configured_masters()?;
    retval.set_bool(ask(&masters, &key, &identifier)?);
    Ok(())
}

fn release(ex: &mut ExecuteData, retval: &mut Zval) -> Result<(), PhpException> {
    by_identifier(ex, retval, lifecycle::give_back)
}

fn is_held(ex: &mut ExecuteData, retval: &mut Zval) -> Result<(), PhpException> {
    by_identifier(ex, retval, Masters::is_held)
}

fn extend(ex: &mut ExecuteData, retval: &mut Zval) -> Result<(), PhpException> {
    let func = Caller::of(ex);
    let mut name = Arg::new("lock_name", DataType::String);
    let mut identifier = Arg::new("identifier", DataType::String);
    let mut ttl = Arg::new("lock_timeout", DataType::Double);
    if ex
        .parser()
        .arg(&mut name)
        .arg(&mut identifier)
        .not_required()
        .arg(&mut ttl)
        .parse()
        .is_err()
    {
        return Ok(());
    }
    let Some(name) = name_arg(&mut name, 1)? else {
        return Ok(());
    };
    let Some(identifier) = string_arg(&mut identifier, 2)? else {
        return Ok(());
    };
    let Some(ttl) = number_arg(&mut ttl, 3, Some(DEFAULT_LOCK_TIMEOUT))? else {
        return Ok(());
    };
    check_name(func, 1, "lock_name", &name)?;
    let ttl = lock_timeout(func, 3, ttl)?;
    let Some(identifier) = usable_identifier(identifier) else {
        retval.set_bool(false);
        return Ok(());
    };
    let masters = configured_masters()?;
    let key = lock_key(&name);
    retval.set_bool(lifecycle::extend(&masters, &key, identifier, ttl)?.is_some());
    Ok(())
}

pub(super) fn lock_key(name: &[u8]) -> Vec<u8> {
    ini::bytes(config::INI_PREFIX, |prefix| [prefix, name].concat())
}
