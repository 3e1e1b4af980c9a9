<?php

// Stub of the redislock extension's RedisLockLostException class, for IDEs and static analysis
// only. The extension declares this class itself: never include or autoload this file at run time.
// Kept by hand; stubs/check.php fails on any difference from the running extension.

/**
 * Thrown by RedisLock::synchronized() when the lock had expired (or been taken by another holder)
 * before the callback returned and the lock was released: the section may not have been
 * exclusive. The callback did run to its end; getResult() gives what it returned.
 */
class RedisLockLostException extends RedisLockException
{
    /**
     * @var mixed What the callback returned.
     */
    protected $result = null;

    /**
     * @return mixed What the callback returned.
     */
    public function getResult(): mixed {}
}
