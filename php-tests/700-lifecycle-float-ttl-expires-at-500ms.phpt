--TEST--
Lifecycle: a float $lock_timeout of 0.5 s is a 500 ms TTL: PTTL right after acquire is in (400, 500], the key is there at 300 ms, gone after 500 ms, and another acquire then succeeds
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('float-ttl');
$key = lock_key($name);

$start = hrtime(true);
$id = RedisLock::acquireLock($name, 0, 0.5);
$acquired = hrtime(true);
var_dump(is_string($id) && $r->get($key) === $id);
$ttl = $r->pttl($key);
echo "PTTL right after acquire in (400, 500]: ", var_export($ttl > 400 && $ttl <= 500, true), " ($ttl)\n";

// Watch the key every 10 ms for a second. Each look is placed in time against the acquire call:
// a look that ended before 495 ms after the call began must see the key (it cannot have
// expired yet); a look that began more than 510 ms after the call returned must not.
$early = $late = $wrong = 0;
$lastSeen = 0.0;
while (($now = (hrtime(true) - $start) / 1e9) < 1.0) {
    $t0 = hrtime(true);
    $there = $r->exists($key);
    $t1 = hrtime(true);
    $endedAfterStart = ($t1 - $start) / 1e9;
    $beganAfterAcquired = ($t0 - $acquired) / 1e9;
    if ($there) {
        $lastSeen = $endedAfterStart;
    }
    if ($endedAfterStart < 0.495) {
        $early++;
        if (!$there) {
            $wrong++;
            echo "missing at ", round($endedAfterStart * 1000), " ms\n";
        }
    } elseif ($beganAfterAcquired > 0.510) {
        $late++;
        if ($there) {
            $wrong++;
            echo "still there at ", round($beganAfterAcquired * 1000), " ms after acquire returned\n";
        }
    }
    usleep(10000);
}
echo "looks before 495 ms: ", var_export($early > 10, true), ", after 510 ms: ", var_export($late > 10, true),
    ", inconsistent with a 500 ms TTL: $wrong\n";
echo "seen at 300 ms or later: ", var_export($lastSeen >= 0.3, true), "\n";
var_dump($r->exists($key));

// Expired: someone else takes it at once.
$id2 = RedisLock::acquireLock($name, 0, 0.5);
var_dump(is_string($id2) && $id2 !== $id && $r->get($key) === $id2);
var_dump(RedisLock::releaseLock($name, $id2));
var_dump(RedisLock::releaseLock($name, $id));   // the first, expired long ago
?>
--EXPECTF--
bool(true)
PTTL right after acquire in (400, 500]: true (%d)
looks before 495 ms: true, after 510 ms: true, inconsistent with a 500 ms TTL: 0
seen at 300 ms or later: true
int(0)
bool(true)
bool(true)
bool(false)
