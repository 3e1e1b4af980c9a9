--TEST--
Watchdog: a Lua script busy-looping 800 ms (busy-reply-threshold 100 ms) makes renewals get -BUSY; they are retried, renewal resumes after it and the lock (lease 2 s) survives
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '2000');
$r = $srv->client();
// Past 100 ms a running script makes Redis answer other clients -BUSY (lua-time-limit is the
// older name of the same setting).
var_dump($r->config('SET', 'lua-time-limit', '100'));
$name = unique_name('wd-busy');
$key = lock_key($name);

$id = RedisLock::acquireLock($name, 0, 60);
// Renewals fall due at 667 ms, 1333 ms, ...: the script (400 to 1200 ms) covers the first.
usleep(400000);
$busy = <<<'LUA'
local t = redis.call('TIME')
local start = t[1] * 1000000 + t[2]
while true do
    local n = redis.call('TIME')
    if n[1] * 1000000 + n[2] - start > 800000 then break end
end
return 1
LUA;
$t = microtime(true);
var_dump($r->eval($busy));   // this client waits for it; the watchdog's thread does not
echo "the script ran 800 ms: ", var_export(microtime(true) - $t >= 0.8, true), "\n";
$errors = $r->info('errorstats');
echo "-BUSY replies: ", var_export(($errors['errorstat_BUSY'] ?? '') !== '' && (int) substr($errors['errorstat_BUSY'], 6) >= 1, true), "\n";
var_dump($r->get($key) === $id);

usleep(2000000);   // a lease after the script: alive only if renewed since
var_dump($r->get($key) === $id);
$pttl = $r->pttl($key);
echo "PTTL within the lease: ", var_export($pttl > 0 && $pttl <= 2000, true), "\n";
var_dump(RedisLock::isHeld($name, $id));
$stats = watchdog_stats();
echo "watched: {$stats['watched']}, lost: {$stats['lost']}\n";
var_dump(RedisLock::releaseLock($name, $id));
var_dump($r->exists($key));
?>
--EXPECT--
bool(true)
int(1)
the script ran 800 ms: true
-BUSY replies: true
bool(true)
bool(true)
PTTL within the lease: true
bool(true)
watched: 1, lost: 0
bool(true)
int(0)
