--TEST--
RedLock: 1,000 locks with TTLs of 2-10 ms on healthy masters never throw (a master slower than the ttl/10 cap is a missing vote, the answer false) and a granted lock always has a validity of at least 1 ms
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$rl = new RedLock(array_map(fn($p) => "redis://127.0.0.1:$p", array_slice(master_ports(), 0, 3)), 0, 1);
$granted = $refused = $thrown = $zero = 0;
for ($i = 0; $i < 1000; $i++) {
    $ttl = random_int(2, 10);
    try {
        $l = $rl->lock(unique_name('tiny') . ":$i", $ttl);
        if ($l === false) {
            $refused++;
            continue;
        }
        $granted++;
        if ($l['validity'] < 1) {
            $zero++;
        }
        $rl->unlock($l);
    } catch (RedisLockException $e) {
        $thrown++;
        echo $e->getMessage(), "\n";
    }
}
echo "thrown $thrown, validity below 1 ms $zero\n";
var_dump($granted + $refused === 1000, $granted > 0);
?>
--EXPECT--
thrown 0, validity below 1 ms 0
bool(true)
bool(true)
