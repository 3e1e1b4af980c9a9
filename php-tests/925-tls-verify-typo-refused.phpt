--TEST--
TLS: redislock.tls_verify takes only a clear on/off word: a typo ("ture", "enabled", an empty value) is refused by ini_set() and, given at startup, makes every lock call a RedisLockException, so verification is never turned off by accident
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
foreach (['ture', 'enabled', '', '2'] as $typo) {
    $r = @ini_set('redislock.tls_verify', $typo);
    echo "ini_set('$typo'): ", var_export($r, true), ", still '", ini_get('redislock.tls_verify'), "'\n";
}
foreach (['1', 'on', 'Yes', 'TRUE', '0', 'off', 'no', 'false'] as $word) {
    echo "ini_set('$word'): ", var_export(ini_set('redislock.tls_verify', $word) !== false, true), "\n";
}
ini_restore('redislock.tls_verify');
$out = child_php(['redislock.tls_verify' => 'ture', 'redislock.servers' => 'rediss://127.0.0.1:' . test_port('main')],
    'try { RedisLock::acquireLock("x", 0); echo "acquired\n"; } catch (RedisLockException $e) { echo $e->getMessage(), "\n"; }');
echo trim($out), "\n";
var_dump(inspector()->exists(lock_key('x')));
?>
--EXPECT--
ini_set('ture'): false, still '1'
ini_set('enabled'): false, still '1'
ini_set(''): false, still '1'
ini_set('2'): false, still '1'
ini_set('1'): true
ini_set('on'): true
ini_set('Yes'): true
ini_set('TRUE'): true
ini_set('0'): true
ini_set('off'): true
ini_set('no'): true
ini_set('false'): true
invalid redislock.tls_verify 'ture': expected 1 or 0 (on/off, yes/no, true/false)
int(0)
