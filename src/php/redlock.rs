//! `class RedLock`: the drop-in for ronnylt/redlock-php (`new RedLock($servers, $retryDelay,
//! $retryCount)`, `lock`, `unlock`, `extend`), on the same lock core as `RedisLock`; and
//! `isHeld` (a quorum confirms the token).
//! Objects carry no PHP properties: their settings are kept by `redlock_objects`.

use std::sync::Arc;
use std::time::Duration;

use ext_php_rs::args::Arg;
use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
use ext_php_rs::exception::PhpException;
use ext_php_rs::flags::{ClassFlags, DataType, MethodFlags};
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::{ClassEntry, ExecuteData};

use super::args::{array_arg, long_arg, name_arg, MAY_BE_LONG, MAY_BE_STRING};
use super::lifecycle;
use super::redlock_objects::{create_object, set_object, with_object, RedLockObject};
use super::server_list::parse_server_list;
use super::{arg_value_error, check_name, guard, Caller};
use crate::config;
use crate::lock::{acquire_with_retries, Error, Masters, Timeouts};

const DEFAULT_RETRY_DELAY: i64 = 200;
const DEFAULT_RETRY_COUNT: i64 = 3;
/// Longest `$retryDelay`, in ms.
pub const MAX_RETRY_DELAY_MS: i64 = 60_000;
/// Most attempts `$retryCount` may ask for.
pub const MAX_RETRY_COUNT: i64 = 100_000;

pub fn class() -> ClassBuilder {
    let public = MethodFlags::Public;
    ClassBuilder::new("RedLock")
        .flags(ClassFlags::NotSerializable)
        .method(
            FunctionBuilder::constructor(construct_handler)
                .arg(Arg::new("servers", DataType::Array))
                .not_required()
                .arg(
                    Arg::new("retryDelay", DataType::Long).default(DEFAULT_RETRY_DELAY.to_string()),
                )
                .arg(
                    Arg::new("retryCount", DataType::Long).default(DEFAULT_RETRY_COUNT.to_string()),
                ),
            public,
        )
        .method(
            FunctionBuilder::new("lock", lock_handler)
                .arg(Arg::new("resource", DataType::String))
                .arg(Arg::new("ttl", DataType::Long))
                .returns(DataType::Array, false, false),
            public,
        )
        .method(
            FunctionBuilder::new("unlock", unlock_handler)
                .arg(Arg::new("lock", DataType::Array))
                .returns(DataType::Bool, false, false),
            public,
        )
        .method(
            FunctionBuilder::new("isHeld", is_held_handler)
                .arg(Arg::new("lock", DataType::Array))
                .returns(DataType::Bool, false, false),
            public,
        )
        .method(
            FunctionBuilder::new("extend", extend_handler)
                .arg(Arg::new("lock", DataType::Array))
                .arg(Arg::new("ttl", DataType::Long))
                .returns(DataType::Array, false, false),
            public,
        )
        .registration(registered)
}

fn registered(ce: &'static mut ClassEntry, arg_info: ext_php_rs::args::ArgInfoTables) {
    // PHP keeps pointers into these (parameter names, defaults) for the life of the process.
    std::mem::forget(arg_info);
    ce.__bindgen_anon_2.create_object = Some(create_object);
    super::args::allow_false_return(ce, "lock");
    super::args::allow_false_return(ce, "extend");
    super::args::set_parameter_types(ce, "lock", 0, MAY_BE_STRING | MAY_BE_LONG);
    // Server URLs may carry passwords: PHP shows this argument in traces as SensitiveParameterValue.
    super::args::mark_sensitive_parameter(ce, "__construct", 0);
}

extern "C" fn construct_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| construct(ex, retval));
}
extern "C" fn lock_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| lock(ex, retval));
}
extern "C" fn unlock_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| unlock(ex, retval));
}
extern "C" fn extend_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| extend(ex, retval));
}
extern "C" fn is_held_handler(ex: &mut ExecuteData, retval: &mut Zval) {
    guard(|| is_held(ex, retval));
}

fn this_handle(ex: &mut ExecuteData) -> Option<u32> {
    ex.get_self().map(|o| o.handle)
}

fn uninitialized() -> PhpException {
    Error::Usage("RedLock object is not initialized: its constructor did not run".into()).into()
}

fn construct(ex: &mut ExecuteData, _retval: &mut Zval) -> Result<(), PhpException> {
    let func = Caller::of(ex);
    let Some(handle) = this_handle(ex) else {
        return Err(uninitialized());
    };
    let mut servers = Arg::new("servers", DataType::Array);
    let mut delay = Arg::new("retryDelay", DataType::Long);
    let mut count = Arg::new("retryCount", DataType::Long);
    if ex
        .parser()
        .arg(&mut servers)
        .not_required()
        .arg(&mut delay)
        .arg(&mut count)
        .parse()
        .is_err()
    {
        return Ok(());
    }
    let Some(servers) = array_arg(&mut servers, 1)? else {
        return Ok(());
    };
    let nodes = super::ini::with_settings(parse_server_list(servers, func)?)?;
    let Some(delay) = long_arg(&mut delay, 2, Some(DEFAULT_RETRY_DELAY))? else {
        return Ok(());
    };
    let Some(count) = long_arg(&mut count, 3, Some(DEFAULT_RETRY_COUNT))? else {
        return Ok(());
    };
    if !(0..=MAX_RETRY_DELAY_MS).contains(&delay) {
        return Err(arg_value_error(
            func,
            2,
            "retryDelay",
            &format!("must be between 0 and {MAX_RETRY_DELAY_MS} (ms)"),
        ));
    }
    if !(0..=MAX_RETRY_COUNT).contains(&count) {
        return Err(arg_value_error(
            func,
            3,
            "retryCount",
            &format!("must be between 0 and {MAX_RETRY_COUNT}"),
        ));
    }
    let node_timeout = super::ini::bytes(config::INI_NODE_TIMEOUT, |v| {
        config::parse_ms(config::INI_NODE_TIMEOUT, v)
    })?;
    // Connecting gets no more than redislock.connect_timeout either, as in RedisLock's quorum.
    let connect_timeout = super::ini::bytes(config::INI_CONNECT_TIMEOUT, |v| {
        config::parse_ms(config::INI_CONNECT_TIMEOUT, v)
    })?;
    let masters = Masters::new(
        nodes,
        Timeouts {
            connect: connect_timeout.min(node_timeout),
            reply: node_timeout,
        },
        true,
    )?
    .waiting_for_replicas(super::ini::wait_replicas()?);
    set_object(
        handle,
        Some(RedLockObject {
            masters: Arc::new(masters),
            retry_delay: Duration::from_millis(delay as u64),
            // ronnylt makes at least one attempt, also for 0.
            retry_count: count.max(1) as u32,
        }),
    );
    Ok(())
}

fn check_ttl(func: Caller, num: u32, ttl: i64) -> Result<Duration, PhpException> {
    let max = config::MAX_LOCK_TIMEOUT_S * 1000;
    if !(1..=max).contains(&ttl) {
        return Err(arg_value_error(
            func,
            num,
            "ttl",
            &format!("must be between 1 and {max} (ms)"),
        ));
    }
    Ok(Duration::from_millis(ttl as u64))
}

fn lock(ex: &mut ExecuteData, retval: &mut Zval) -> Result<(), PhpException> {
    let func = Caller::of(ex);
    let handle = this_handle(ex);
    let mut resource = Arg::new("resource", DataType::String);
    let mut ttl = Arg::new("ttl", DataType::Long);
    if ex
        .parser()
        .arg(&mut resource)
        .arg(&mut ttl)
        .parse()
        .is_err()
    {
        return Ok(());
    }
    let Some(resource) = name_arg(&mut resource, 1)? else {
        return Ok(());
    };
    let Some(ttl) = long_arg(&mut ttl, 2, None)? else {
        return Ok(());
    };
    check_name(func, 1, "resource", &resource)?;
    let ttl = check_ttl(func, 2, ttl)?;
    let (masters, delay, count) = handle
        .and_then(|h| with_object(h, |o| (o.masters.clone(), o.retry_delay, o.retry_count)))
        .ok_or_else(uninitialized)?;
    let grant = lifecycle::take(&masters, &resource, ttl, |key_ttl| {
        acquire_with_retries(&masters, &resource, key_ttl, count, delay)
    })?;
    match grant {
        Some(grant) => retval.set_hashtable(lock_array(grant.validity, &resource, &grant.token)?),
        None => retval.set_bool(false),
    }
    Ok(())
}

/// `['validity' => ms, 'resource' => string, 'token' => string]`, ronnylt's shape.
fn lock_array(
    validity: Duration,
    resource: &[u8],
    token: &str,
) -> Result<ext_php_rs::boxed::ZBox<ZendHashTable>, PhpException> {
    let mut arr = ZendHashTable::new();
    arr.insert("validity", validity.as_millis() as i64)?;
    let mut name = Zval::new();
    name.set_zend_string(ext_php_rs::types::ZendStr::new(resource, false));
    arr.insert("resource", name)?;
    arr.insert("token", token)?;
    Ok(arr)
}

/// `resource` and `token` of a lock array as `lock()` returned it. The token is None when no
/// lock can have it (not UTF-8): unlock() and extend() are then false, as releaseLock() is.
fn lock_parts(
    lock: &ZendHashTable,
    func: Caller,
) -> Result<(Vec<u8>, Option<String>), PhpException> {
    let resource = lock
        .get("resource")
        .and_then(|z| z.zend_str())
        .map(|s| s.as_bytes());
    let token = lock
        .get("token")
        .and_then(|z| z.zend_str())
        .map(|s| s.as_bytes());
    match (resource, token) {
        (Some(r), Some(t)) if !r.is_empty() => {
            if r.contains(&0) {
                return Err(arg_value_error(
                    func,
                    1,
                    "lock",
                    "'resource' must not contain any null bytes",
                ));
            }
            Ok((r.to_vec(), String::from_utf8(t.to_vec()).ok()))
        }
        _ => Err(arg_value_error(
            func,
            1,
            "lock",
            "must be an array returned by lock(), with 'resource' and 'token' strings",
        )),
    }
}

/// unlock() and isHeld(): `ask` with the object's masters, the lock's resource and token;
/// false without asking Redis when no lock can have that token (not UTF-8).
fn by_lock(
    ex: &mut ExecuteData,
    retval: &mut Zval,
    ask: impl FnOnce(&Masters, &[u8], &str) -> Result<bool, Error>,
) -> Result<(), PhpException> {
    let func = Caller::of(ex);
    let handle = this_handle(ex);
    let mut lock = Arg::new("lock", DataType::Array);
    if ex.parser().arg(&mut lock).parse().is_err() {
        return Ok(());
    }
    let Some(lock) = array_arg(&mut lock, 1)? else {
        return Ok(());
    };
    let (resource, token) = lock_parts(lock, func)?;
    let masters = handle
        .and_then(|h| with_object(h, |o| o.masters.clone()))
        .ok_or_else(uninitialized)?;
    let Some(token) = token else {
        retval.set_bool(false);
        return Ok(());
    };
    retval.set_bool(ask(&masters, &resource, &token)?);
    Ok(())
}

fn unlock(ex: &mut ExecuteData, retval: &mut Zval) -> Result<(), PhpException> {
    by_lock(ex, retval, lifecycle::give_back)
}

fn is_held(ex: &mut ExecuteData, retval: &mut Zval) -> Result<(), PhpException> {
    // An empty token holds nothing: no need to ask.
    by_lock(ex, retval, |masters, resource, token| {
        Ok(!token.is_empty() && masters.is_held(resource, token)?)
    })
}

fn extend(ex: &mut ExecuteData, retval: &mut Zval) -> Result<(), PhpException> {
    let func = Caller::of(ex);
    let handle = this_handle(ex);
    let mut lock = Arg::new("lock", DataType::Array);
    let mut ttl = Arg::new("ttl", DataType::Long);
    if ex.parser().arg(&mut lock).arg(&mut ttl).parse().is_err() {
        return Ok(());
    }
    let Some(lock) = array_arg(&mut lock, 1)? else {
        return Ok(());
    };
    let (resource, token) = lock_parts(lock, func)?;
    let Some(ttl) = long_arg(&mut ttl, 2, None)? else {
        return Ok(());
    };
    let ttl = check_ttl(func, 2, ttl)?;
    let masters = handle
        .and_then(|h| with_object(h, |o| o.masters.clone()))
        .ok_or_else(uninitialized)?;
    let Some(token) = token else {
        retval.set_bool(false);
        return Ok(());
    };
    match lifecycle::extend(&masters, &resource, &token, ttl)? {
        Some(validity) => retval.set_hashtable(lock_array(validity, &resource, &token)?),
        None => retval.set_bool(false),
    }
    Ok(())
}
