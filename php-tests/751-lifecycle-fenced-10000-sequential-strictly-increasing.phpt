--TEST--
Lifecycle: 10,000 sequential acquireFenced()/releaseLock() cycles in one process get fences 1, 2, ..., 10000 from a fresh counter: strictly increasing, no gap, no repeat, every release confirmed
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('fenced-seq');
$counter = '{' . lock_key($name) . '}:fence';

$prev = 0;
$bad = $failedReleases = $notAcquired = 0;
for ($i = 1; $i <= 10000; $i++) {
    $f = RedisLock::acquireFenced($name, 0, 10);
    if ($f === false) {
        $notAcquired++;
        continue;
    }
    if (!is_int($f['fence']) || $f['fence'] !== $prev + 1) {
        $bad++;
    }
    $prev = $f['fence'];
    if (!RedisLock::releaseLock($name, $f['identifier'])) {
        $failedReleases++;
    }
}
echo "not acquired $notAcquired, out of sequence $bad, failed releases $failedReleases, last fence $prev\n";
var_dump($r->get($counter), $r->exists(lock_key($name)));
$r->del($counter);
?>
--EXPECT--
not acquired 0, out of sequence 0, failed releases 0, last fence 10000
string(5) "10000"
int(0)
