--TEST--
RedLock: unlock() and extend() given a lock array without a token throw ValueError and touch no key
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3, 4, 5]);
$rl = new RedLock(array_map(fn($p) => "redis://127.0.0.1:$p", master_ports()));
$resource = unique_name('redlock-malformed');

$lock = $rl->lock($resource, 5000);
$noToken = ['validity' => $lock['validity'], 'resource' => $resource];
try {
    var_dump($rl->unlock($noToken));
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    var_dump($rl->extend($noToken, 60000));
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
foreach ($masters as $i => $m) {
    $pttl = $m->pttl($resource);
    echo "m", $i + 1, ": ", var_export($m->get($resource) === $lock['token'], true), ' ',
        var_export($pttl > 0 && $pttl <= 5000, true), "\n";   // still there, not extended
}
var_dump($rl->unlock($lock));
?>
--EXPECT--
ValueError: RedLock::unlock(): Argument #1 ($lock) must be an array returned by lock(), with 'resource' and 'token' strings
ValueError: RedLock::extend(): Argument #1 ($lock) must be an array returned by lock(), with 'resource' and 'token' strings
m1: true true
m2: true true
m3: true true
m4: true true
m5: true true
bool(true)
