--TEST--
Fault: a rediss:// (TLS) URL that points at a plain Redis port fails within the connect timeout with a RedisLockException saying the server gave no TLS handshake answer (a plain port?), never its password, and leaves no key
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$port = test_port('main');
$code = 'foreach ([fn() => RedisLock::acquireLock("x", 0), fn() => RedisLock::releaseLock("x", str_repeat("a", 32))] as $f) {'
    . ' $t = microtime(true);'
    . ' try { var_dump($f()); } catch (RedisLockException $e) { echo $e->getMessage(), "\n", (string) $e, "\n"; }'
    . ' echo "took under 2 s: ", var_export(microtime(true) - $t < 2.0, true), "\n"; }';
foreach (['', 'u:TlsPw-51e'] as $userinfo) {
    $url = 'rediss://' . ($userinfo !== '' ? "$userinfo@" : '') . "127.0.0.1:$port";
    ini_set('redislock.servers', $url);
    echo "ini_set accepted: ", var_export(ini_get('redislock.servers') !== false, true), "\n";
    $out = child_php(['redislock.servers' => $url, 'redislock.connect_timeout' => '200'], $code);
    foreach (explode("\n", $out) as $line) {
        if (str_starts_with($line, 'Redis server') || str_starts_with($line, 'took')) {
            echo str_replace((string) $port, 'PORT', $line), "\n";
        }
    }
    var_dump(str_contains($out, 'TlsPw'));
}
var_dump(inspector()->exists(lock_key('x')));
?>
--EXPECT--
ini_set accepted: true
Redis server tls://127.0.0.1:PORT: TLS: no handshake answer within 200 ms (a plain redis:// port on a rediss:// URL?)
took under 2 s: true
Redis server tls://127.0.0.1:PORT: TLS: no handshake answer within 200 ms (a plain redis:// port on a rediss:// URL?)
took under 2 s: true
bool(false)
ini_set accepted: true
Redis server tls://127.0.0.1:PORT: TLS: no handshake answer within 200 ms (a plain redis:// port on a rediss:// URL?)
took under 2 s: true
Redis server tls://127.0.0.1:PORT: TLS: no handshake answer within 200 ms (a plain redis:// port on a rediss:// URL?)
took under 2 s: true
bool(false)
int(0)
