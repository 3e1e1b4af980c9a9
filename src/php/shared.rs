//! `RedisLock`'s shared (read) lock methods: acquireShared / releaseShared / isHeldShared /
//! extendShared for readers, upgradeShared (read to write: the identifier then holds the
//! exclusive lock, released by releaseLock) and downgradeLock (write to read); and forceRelease
//! (deletes the lock whoever holds it: Laravel's contract has it). The writer is the
//! exclusive lock of the same name, so readers and acquireLock exclude each other. One server
//! only (the core refuses a quorum). Readers are not renewed by the watchdog; an upgraded lock is,
//! like any exclusive lock.

use ext_php_rs::args::Arg;
use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
use ext_php_rs::exception::PhpException;
use ext_php_rs::flags::{DataType, MethodFlags};
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::args::{
    name_arg, number_arg, set_parameter_types, string_arg, MAY_BE_DOUBLE, MAY_BE_LONG,
    MAY_BE_STRING,
};
use super::ini::configured_masters;
use super::redis_lock::{
    acquire_args, lock_key, lock_timeout, times, usable_identifier, DEFAULT_ACQUIRE_TIME,
    DEFAULT_LOCK_TIMEOUT,
};
use super::{check_name, guard, held, lifecycle, Caller};
use crate::lock::watchdog;

/// The shared-lock methods, added to `RedisLock`.
pub fn methods(class: ClassBuilder) -> ClassBuilder {
    let flags = MethodFlags::Public | MethodFlags::Static;
    let named = |name, handler| {
        FunctionBuilder::new(name, handler)
            .arg(Arg::new("lock_name", DataType::String))
            .arg(Arg::new("identifier", DataType::String))
            .returns(DataType::Bool, false, false)
    };
    class
        .method(
            FunctionBuilder::new("acquireShared", acquire_handler)
                .arg(Arg::new("lock_name", DataType::String))
                .not_required()
                .arg(Arg::new("acquire_time", DataType::Long).default("3"))
                .arg(Arg::new("lock_timeout", DataType::Long).default("20"))
                .returns(DataType::String, false, false),
            flags,
        )
        .method(named("releaseShared", release_handler), flags)
        .method(named("isHeldShared", is_held_handler), flags)
        .method(
            named("extendShared", extend_handler)
                .not_required()
                .arg(Arg::new("lock_timeout", DataType::Long).default("20")),
            flags,
        )
        .method(
            named("upgradeShared", upgrade_handler)
                .not_required()
                .arg(Arg::new("acquire_time", DataType::Long).default("3"))
                .arg(Arg::new("lock_timeout", DataType::Long).default("20")),
            flags,
        )
        .method(
            FunctionBuilder::new("forceRelease", force_release_handler)
                .arg(Arg::new("lock_name", DataType::String))
                .returns(DataType::Bool, false, false),
            flags,
        )
        .method(
            named("downgradeLock", downgrade_handler)
                .not_required()
                .arg(Arg::new("lock_timeout", DataType::Long).default("20")),
            flags,
        )
}

/// The parameter types ext-php-rs cannot declare (`string|int`, `int|float`, `string|false`).
pub fn registered(ce: &ClassEntry) {
    let name = MAY_BE_STRING | MAY_BE_LONG;
    let seconds = MAY_BE_LONG | MAY_BE_DOUBLE;
    super::args::allow_false_return(ce, "acquireShared");
    set_parameter_types(ce, "acquireShared", 0, name);
    set_parameter_types(ce, "acquireShared", 1, seconds);
    set_parameter_types(ce, "acquireShared", 2, seconds);
    for method in [
        "releaseShared",
        "isHeldShared",
        "extendShared",
        "upgradeShared",
        "downgradeLock",
        "forceRelease",
    ] {
        set_parameter_types(ce, method, 0, name);
    }
    set_parameter_types(ce, "extendShared", 2, seconds);
    set_parameter_types(ce, "upgradeShared", 2, seconds);
    set_parameter_types(ce, "upgradeShared", 3, seconds);
    set_parameter_types(ce, "downgradeLock", 2, seconds);
}

extern "C" fn acquire_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| acquire(ex, retval));
}
extern "C" fn release_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| by_identifier(ex, retval, Op::Release));
}
extern "C" fn is_held_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| by_identifier(ex, retval, Op::IsHeld));
}
extern "C" fn extend_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| by_identifier(ex, retval, Op::Extend));
}
extern "C" fn upgrade_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| by_identifier(ex, retval, Op::Upgrade));
}
extern "C" fn downgrade_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| by_identifier(ex, retval, Op::Downgrade));
}

extern "C" fn force_release_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| force_release(ex, retval));
}

/// Deletes the lock whoever holds it (the writer or every reader), waking waiters.
fn force_release(ex: &mut ExecuteData, retval: &mut Zval) -> Result<(), PhpException> {
    let func = Caller::of(ex);
    let mut name = Arg::new("lock_name", DataType::String);
    if ex.parser().arg(&mut name).parse().is_err() {
        return Ok(());
    }
    let Some(name) = name_arg(&mut name, 1)? else {
        return Ok(());
    };
    check_name(func, 1, "lock_name", &name)?;
    let masters = configured_masters()?;
    retval.set_bool(masters.force_release(&lock_key(&name))?);
    Ok(())
}

fn acquire(ex: &mut ExecuteData, retval: &mut Zval) -> Result<(), PhpException> {
    let Some((name, wait, ttl)) = acquire_args(ex)? else {
        return Ok(());
    };
    let masters = configured_masters()?;
    let key = lock_key(&name);
    match masters.acquire_shared(&key, ttl, wait)? {
        Some(grant) => {
            held::remember_shared(&masters, &key, &grant.token);
            retval.set_string(&grant.token, false)?;
        }
        None => retval.set_bool(false),
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Release,
    IsHeld,
    Extend,
    Upgrade,
    Downgrade,
}

/// The methods that take `$lock_name, $identifier` (then `$acquire_time` for an upgrade, and
/// `$lock_timeout` for extend, upgrade and downgrade). False without asking Redis when no lock
/// can have that identifier.
fn by_identifier(ex: &mut ExecuteData, retval: &mut Zval, op: Op) -> Result<(), PhpException> {
    let func = Caller::of(ex);
    let mut name = Arg::new("lock_name", DataType::String);
    let mut identifier = Arg::new("identifier", DataType::String);
    let mut wait = Arg::new("acquire_time", DataType::Double);
    let mut ttl = Arg::new("lock_timeout", DataType::Double);
    let mut parser = ex
        .parser()
        .arg(&mut name)
        .arg(&mut identifier)
        .not_required();
    if op == Op::Upgrade {
        parser = parser.arg(&mut wait);
    }
    if matches!(op, Op::Extend | Op::Upgrade | Op::Downgrade) {
        parser = parser.arg(&mut ttl);
    }
    if parser.parse().is_err() {
        return Ok(());
    }
    let Some(name) = name_arg(&mut name, 1)? else {
        return Ok(());
    };
    let Some(identifier) = string_arg(&mut identifier, 2)? else {
        return Ok(());
    };
    let identifier = usable_identifier(identifier).map(str::to_string);
    let ttl_num = if op == Op::Upgrade { 4 } else { 3 };
    let (Some(wait), Some(ttl)) = (
        number_arg(&mut wait, 3, Some(DEFAULT_ACQUIRE_TIME))?,
        number_arg(&mut ttl, ttl_num, Some(DEFAULT_LOCK_TIMEOUT))?,
    ) else {
        return Ok(());
    };
    check_name(func, 1, "lock_name", &name)?;
    let (wait, ttl) = if op == Op::Upgrade {
        times(func, 3, wait, ttl)?
    } else {
        (Default::default(), lock_timeout(func, 3, ttl)?)
    };
    let Some(token) = identifier else {
        retval.set_bool(false);
        return Ok(());
    };
    let masters = configured_masters()?;
    let key = lock_key(&name);
    let done = match op {
        Op::Release => {
            held::forget(&key, &token);
            masters.release_shared(&key, &token)?
        }
        Op::IsHeld => masters.is_held_shared(&key, &token)?,
        Op::Extend => masters.extend_shared(&key, &token, ttl)?,
        Op::Upgrade => {
            // From here it is released (and renewed, with the watchdog) as an exclusive lock.
            held::forget(&key, &token);
            let upgraded = lifecycle::take(&masters, &key, ttl, |key_ttl| {
                masters.upgrade(&key, &token, key_ttl, wait)
            })?;
            if upgraded.is_none() {
                held::remember_shared(&masters, &key, &token);
            }
            upgraded.is_some()
        }
        Op::Downgrade => {
            // A reader is not renewed: stop the renewal before the key changes hands.
            watchdog::unwatch(&key, &token);
            held::forget(&key, &token);
            let downgraded = masters.downgrade(&key, &token, ttl)?;
            if downgraded {
                held::remember_shared(&masters, &key, &token);
            }
            downgraded
        }
    };
    retval.set_bool(done);
    Ok(())
}
