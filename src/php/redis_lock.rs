//! `final class RedisLock`: the drop-in for the PHP class shops copied (static acquireLock /
//! releaseLock, and the short names acquire / release).

use std::time::Duration;

use ext_php_rs::args::Arg;
use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
use ext_php_rs::exception::PhpException;
use ext_php_rs::flags::{ClassFlags, DataType, MethodFlags};
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::args::{long_arg, string_arg};
use super::ini::{self, configured_masters};
use super::{arg_value_error, check_name, guard, held, Caller};
use crate::config;
use crate::lock::acquire_within;

const DEFAULT_ACQUIRE_TIME: i64 = 3;
const DEFAULT_LOCK_TIMEOUT: i64 = 20;

pub fn class() -> ClassBuilder {
    let flags = MethodFlags::Public | MethodFlags::Static;
    ClassBuilder::new("RedisLock")
        .flags(ClassFlags::Final)
        .method(acquire_method("acquireLock"), flags)
        .method(release_method("releaseLock"), flags)
        .method(acquire_method("acquire"), flags)
        .method(release_method("release"), flags)
        .registration(registered)
}

fn registered(ce: &'static mut ClassEntry, arg_info: ext_php_rs::args::ArgInfoTables) {
    // PHP keeps pointers into these (parameter names, defaults) for the life of the process.
    std::mem::forget(arg_info);
    super::args::allow_false_return(ce, "acquireLock");
    super::args::allow_false_return(ce, "acquire");
}

fn acquire_method(name: &str) -> FunctionBuilder<'static> {
    FunctionBuilder::new(name, acquire_handler)
        .arg(Arg::new("lock_name", DataType::String))
        .not_required()
        .arg(Arg::new("acquire_time", DataType::Long).default(DEFAULT_ACQUIRE_TIME.to_string()))
        .arg(Arg::new("lock_timeout", DataType::Long).default(DEFAULT_LOCK_TIMEOUT.to_string()))
        .returns(DataType::String, false, false)
}

fn release_method(name: &str) -> FunctionBuilder<'static> {
    FunctionBuilder::new(name, release_handler)
        .arg(Arg::new("lock_name", DataType::String))
        .arg(Arg::new("identifier", DataType::String))
        .returns(DataType::Bool, false, false)
}

extern "C" fn acquire_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| acquire(ex, retval));
}

extern "C" fn release_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| release(ex, retval));
}

fn acquire(ex: &mut ExecuteData, retval: &mut Zval) -> Result<(), PhpException> {
    let func = Caller::of(ex);
    let mut name = Arg::new("lock_name", DataType::String);
    let mut wait = Arg::new("acquire_time", DataType::Long);
    let mut ttl = Arg::new("lock_timeout", DataType::Long);
    if ex
        .parser()
        .arg(&mut name)
        .not_required()
        .arg(&mut wait)
        .arg(&mut ttl)
        .parse()
        .is_err()
    {
        return Ok(());
    }
    let Some(name) = string_arg(&mut name, 1)? else {
        return Ok(());
    };
    let Some(wait) = long_arg(&mut wait, 2, Some(DEFAULT_ACQUIRE_TIME))? else {
        return Ok(());
    };
    let Some(ttl) = long_arg(&mut ttl, 3, Some(DEFAULT_LOCK_TIMEOUT))? else {
        return Ok(());
    };

    check_name(func, 1, "lock_name", name)?;
    if !(0..=config::MAX_ACQUIRE_TIME_S).contains(&wait) {
        return Err(arg_value_error(
            func,
            2,
            "acquire_time",
            &format!(
                "must be between 0 and {} (seconds)",
                config::MAX_ACQUIRE_TIME_S
            ),
        ));
    }
    if !(1..=config::MAX_LOCK_TIMEOUT_S).contains(&ttl) {
        return Err(arg_value_error(
            func,
            3,
            "lock_timeout",
            &format!(
                "must be between 1 and {} (seconds)",
                config::MAX_LOCK_TIMEOUT_S
            ),
        ));
    }

    let masters = configured_masters()?;
    let key = lock_key(name);
    let grant = acquire_within(
        &masters,
        &key,
        Duration::from_secs(ttl as u64),
        Duration::from_secs(wait as u64),
    )?;
    match grant {
        Some(grant) => {
            retval.set_string(&grant.token, false)?;
            held::remember(&masters, &key, &grant.token);
        }
        None => retval.set_bool(false),
    }
    Ok(())
}

fn release(ex: &mut ExecuteData, retval: &mut Zval) -> Result<(), PhpException> {
    let func = Caller::of(ex);
    let mut name = Arg::new("lock_name", DataType::String);
    let mut identifier = Arg::new("identifier", DataType::String);
    if ex
        .parser()
        .arg(&mut name)
        .arg(&mut identifier)
        .parse()
        .is_err()
    {
        return Ok(());
    }
    let Some(name) = string_arg(&mut name, 1)? else {
        return Ok(());
    };
    let Some(identifier) = string_arg(&mut identifier, 2)? else {
        return Ok(());
    };
    check_name(func, 1, "lock_name", name)?;
    // No lock is ever held under an empty identifier: nothing to ask Redis.
    if identifier.is_empty() {
        retval.set_bool(false);
        return Ok(());
    }
    // Identifiers are ASCII (ours hex, the old class's md5): other bytes hold no lock.
    let Ok(identifier) = std::str::from_utf8(identifier) else {
        retval.set_bool(false);
        return Ok(());
    };
    let masters = configured_masters()?;
    let key = lock_key(name);
    let released = masters.release(&key, identifier)?;
    held::forget(&key, identifier);
    retval.set_bool(released);
    Ok(())
}

fn lock_key(name: &[u8]) -> Vec<u8> {
    ini::bytes(config::INI_PREFIX, |prefix| [prefix, name].concat())
}
