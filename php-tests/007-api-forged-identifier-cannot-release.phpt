--TEST--
RedisLock: releaseLock with an identifier other than the holder's returns false and leaves the lock intact
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('forged');
$key = lock_key($name);

$id = RedisLock::acquireLock($name, 0, 30);
var_dump(is_string($id));

do {
    $other = bin2hex(random_bytes(16));       // well-formed, but not the holder's
} while ($other === $id);
$forged = [
    'other 32-hex' => $other,
    'empty' => '',
    'random string' => 'not-an-identifier ' . bin2hex(random_bytes(3)),
    'upper case' => strtoupper($id),
    'prefix of it' => substr($id, 0, 31),
    'with newline' => $id . "\n",
    'key itself' => $key,
];
foreach ($forged as $what => $value) {
    $released = RedisLock::releaseLock($name, $value);
    $ttl = $r->pttl($key);
    printf("%s: %s, value intact %s, ttl intact %s\n", $what, var_export($released, true),
        var_export($r->get($key) === $id, true), var_export($ttl > 25000 && $ttl <= 30000, true));
}
var_dump(RedisLock::releaseLock($name, $id));  // the holder still can
var_dump($r->exists($key));
?>
--EXPECT--
bool(true)
other 32-hex: false, value intact true, ttl intact true
empty: false, value intact true, ttl intact true
random string: false, value intact true, ttl intact true
upper case: false, value intact true, ttl intact true
prefix of it: false, value intact true, ttl intact true
with newline: false, value intact true, ttl intact true
key itself: false, value intact true, ttl intact true
bool(true)
int(0)
