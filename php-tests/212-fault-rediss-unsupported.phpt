--TEST--
Fault: a rediss:// (TLS) URL is refused by ini_set() with a warning "TLS (rediss://) is not supported yet", and given at startup raises RedisLockException saying so; never its password
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$port = test_port('main');
$code = 'foreach ([fn() => RedisLock::acquireLock("x", 0), fn() => RedisLock::releaseLock("x", str_repeat("a", 32))] as $f) {'
    . ' try { var_dump($f()); } catch (RedisLockException $e) { echo $e->getMessage(), "\n", (string) $e, "\n"; } }';
foreach (['', 'u:TlsPw-51e'] as $userinfo) {
    $url = 'rediss://' . ($userinfo !== '' ? "$userinfo@" : '') . "127.0.0.1:$port";
    refused_ini_set('redislock.servers', $url, [(string) $port => 'PORT']);
    $out = child_php(['redislock.servers' => $url], $code);
    foreach (explode("\n", $out) as $line) {
        if (str_starts_with($line, 'invalid')) {
            echo str_replace((string) $port, 'PORT', $line), "\n";
        }
    }
    var_dump(str_contains($out, 'TlsPw'));
}
var_dump(inspector()->exists(lock_key('x')));
?>
--EXPECT--
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'rediss://127.0.0.1:PORT': TLS (rediss://) is not supported yet; use redis:// or unix://
invalid redislock.servers 'rediss://127.0.0.1:PORT': TLS (rediss://) is not supported yet; use redis:// or unix://
invalid redislock.servers 'rediss://127.0.0.1:PORT': TLS (rediss://) is not supported yet; use redis:// or unix://
bool(false)
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'rediss://u:***@127.0.0.1:PORT': TLS (rediss://) is not supported yet; use redis:// or unix://
invalid redislock.servers 'rediss://u:***@127.0.0.1:PORT': TLS (rediss://) is not supported yet; use redis:// or unix://
invalid redislock.servers 'rediss://u:***@127.0.0.1:PORT': TLS (rediss://) is not supported yet; use redis:// or unix://
bool(false)
int(0)
