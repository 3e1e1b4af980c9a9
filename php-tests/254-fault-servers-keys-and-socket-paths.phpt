--TEST--
Fault: RedLock $servers keys that are not UTF-8 or hold a URL with a password, and Unix socket paths longer than a socket address holds, give one short ValueError (keys shown escaped and masked), never a plain Error or a password; unlock()/extend() refuse a resource with a NUL byte
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$p = test_port('m1');
$try = function (callable $f): void {
    try {
        $f();
        echo "no error\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', strlen($e->getMessage()) < 400 ? $e->getMessage() : 'LONG ' . strlen($e->getMessage()), "\n";
    }
};
// A non-UTF-8 key beside valid entries: works (the key is only a name).
$rl = new RedLock(["\xff\xfe" => "redis://127.0.0.1:$p", 'k' => "redis://127.0.0.1:" . test_port('m2'), 'z' => "redis://127.0.0.1:" . test_port('m3')], 0, 1);
var_dump(is_array($l = $rl->lock(unique_name('keys'), 5000)) && $rl->unlock($l));
$try(fn() => new RedLock(["\xff\xfe" => 5]));
$try(fn() => new RedLock(['redis://u:S3cr3tKey@127.0.0.1:6379' => 5]));
$try(fn() => new RedLock(['first' => "redis://127.0.0.1:$p", 'redis://u:S3cr3tKey@x' => "redis://127.0.0.1:$p"]));
$try(fn() => new RedLock(['unix:///' . str_repeat('a', 1 << 20)]));
$try(fn() => new RedLock([['/' . str_repeat('b', 200), 0]]));
$try(fn() => $rl->unlock(['resource' => "a\0b", 'token' => str_repeat('a', 32)]));
$try(fn() => $rl->extend(['resource' => "a\0b", 'token' => str_repeat('a', 32)], 1000));
?>
--EXPECT--
bool(true)
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [\xff\xfe] must be a redis:// URL string or a [host, port, timeout] array
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [redis://u:***@127.0.0.1:6379] must be a redis:// URL string or a [host, port, timeout] array
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [redis://u:***@x] names the same server as entry [first]
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is not a valid server URL: Unix socket path '/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is longer than 107 bytes
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is invalid: Unix socket path '/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb...' is longer than 107 bytes
ValueError: RedLock::unlock(): Argument #1 ($lock) 'resource' must not contain any null bytes
ValueError: RedLock::extend(): Argument #1 ($lock) 'resource' must not contain any null bytes
