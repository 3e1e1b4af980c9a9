<?php

// Stub of the redislock extension's RedisLockException class, for IDEs and static analysis only.
// The extension declares this class itself: never include or autoload this file at run time.
// Kept by hand; stubs/check.php fails on any difference from the running extension.

/**
 * Thrown by RedisLock and RedLock when Redis cannot decide the operation: a server is
 * unreachable, does not answer in time, refuses authentication or answers with an error (with
 * several servers: when so many fail that no majority is possible), or when a setting such as
 * `redislock.servers` or a TLS file (`redislock.tls_ca_file`, ...) cannot be used. Over TLS the
 * message says why the handshake failed (unknown CA, expired certificate, name mismatch, a client
 * certificate required, a plain port on a rediss:// URL or the reverse).
 *
 * The message names the server(s) as host:port, never a password, e.g.
 * `Redis server 127.0.0.1:6379: Connection refused (os error 111)`.
 *
 * Invalid arguments are not RedisLockException but ValueError or TypeError.
 * Code migrating from the PHP class that caught phpredis's RedisException should catch this
 * class (or RuntimeException) instead.
 */
class RedisLockException extends RuntimeException
{
}
