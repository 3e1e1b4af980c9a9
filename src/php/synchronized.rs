//! `RedisLock::synchronized()`: acquire, run the callback, release in every ending (return,
//! exception, exit(), a fatal error caught as PHP's bailout and re-raised once the lock is
//! released), with `RedisLockTimeoutException` and `RedisLockLostException` for the two ways the
//! section was not (or may not have been) exclusive.

use std::time::Duration;

use ext_php_rs::args::Arg;
use ext_php_rs::exception::PhpException;
use ext_php_rs::flags::DataType;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{try_catch, CatchError, ExecuteData, ExecutorGlobals};

use super::args::{callable_arg, name_arg, number_arg};
use super::redis_lock::{take, times, Taken, DEFAULT_ACQUIRE_TIME, DEFAULT_LOCK_TIMEOUT};
use super::{check_name, guard, lifecycle, Caller};
use crate::lock::{current_pid, quote, Error};

pub extern "C" fn handler(ex: &mut ExecuteData, retval: &mut Zval) {
    let mut bailed_out = false;
    guard(|| synchronized(ex, retval, &mut bailed_out));
    if bailed_out {
        // The callback ended in a fatal error: the lock is released; PHP goes on unwinding,
        // from this frame, which owns nothing.
        // SAFETY: re-raises the engine's own bailout, caught by `try_catch` below.
        unsafe { ext_php_rs::zend::bailout() };
    }
}

fn synchronized(
    ex: &mut ExecuteData,
    retval: &mut Zval,
    bailed_out: &mut bool,
) -> Result<(), PhpException> {
    let func = Caller::of(ex);
    let mut name = Arg::new("lock_name", DataType::String);
    let mut callback = Arg::new("callback", DataType::Callable);
    let mut wait = Arg::new("acquire_time", DataType::Double);
    let mut ttl = Arg::new("lock_timeout", DataType::Double);
    if ex
        .parser()
        .arg(&mut name)
        .arg(&mut callback)
        .not_required()
        .arg(&mut wait)
        .arg(&mut ttl)
        .parse()
        .is_err()
    {
        return Ok(());
    }
    let Some(name) = name_arg(&mut name, 1)? else {
        return Ok(());
    };
    let Some(callback) = callable_arg(&mut callback, 2)? else {
        return Ok(());
    };
    let Some(wait) = number_arg(&mut wait, 3, Some(DEFAULT_ACQUIRE_TIME))? else {
        return Ok(());
    };
    let Some(ttl) = number_arg(&mut ttl, 4, Some(DEFAULT_LOCK_TIMEOUT))? else {
        return Ok(());
    };
    check_name(func, 1, "lock_name", &name)?;
    let (wait, ttl) = times(func, 3, wait, ttl)?;

    let Taken {
        masters,
        key,
        grant,
    } = take(&name, wait, ttl, false)?;
    let Some(grant) = grant else {
        return Err(Error::NotAcquired(format!(
            "{func}(): lock '{}' was not acquired within {} s",
            quote(&name),
            seconds(wait)
        ))
        .into());
    };
    let pid = current_pid();
    let outcome = try_catch(std::panic::AssertUnwindSafe(|| callback.try_call(vec![])));
    if current_pid() != pid {
        // A child the callback fork()ed got here: the lock is its parent's, not its to release.
        match outcome {
            Ok(Ok(value)) => *retval = value,
            Err(CatchError::Bailout) => *bailed_out = true,
            _ => {}
        }
        return Ok(());
    }
    let released = lifecycle::give_back(&masters, &key, &grant.token);
    match outcome {
        Ok(Ok(value)) => match released? {
            true => *retval = value,
            false => {
                return Err(super::exception::lost(
                    Error::Lost(format!(
                        "{func}(): lock '{}' expired or was taken by another holder before the callback returned: the section may not have been exclusive",
                        quote(&name)
                    )),
                    &value,
                ))
            }
        },
        // The callback threw (or called exit()): its exception goes on; the lock is released.
        Ok(Err(_)) if ExecutorGlobals::has_exception() => {}
        Ok(Err(e)) => {
            return Err(Error::Usage(format!("{func}(): the callback could not be called: {e}")).into());
        }
        Err(CatchError::Bailout) => *bailed_out = true,
        Err(e) => {
            return Err(Error::Usage(format!("redislock internal error: {e}")).into());
        }
    }
    Ok(())
}

/// Seconds as a person writes them: `3`, `0.3`, `1.25` (the millisecond the lock used).
fn seconds(d: Duration) -> String {
    let ms = d.as_millis();
    let text = format!("{}.{:03}", ms / 1000, ms % 1000);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}
