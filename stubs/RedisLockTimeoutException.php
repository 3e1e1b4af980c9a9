<?php

// Stub of the redislock extension's RedisLockTimeoutException class, for IDEs and static analysis
// only. The extension declares this class itself: never include or autoload this file at run time.
// Kept by hand; stubs/check.php fails on any difference from the running extension.

/**
 * Thrown by RedisLock::synchronized() when the lock was not acquired within `$acquire_time`.
 */
class RedisLockTimeoutException extends RedisLockException
{
}
