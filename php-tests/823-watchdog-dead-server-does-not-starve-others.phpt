--TEST--
Watchdog: a lock on a frozen server does not hold up the renewal of a lock on a healthy one (healthy locks are renewed first in a round, and a renewal waits at most a tenth of the lease, at least 50 ms, per server): with a 1 s lease and the default 1 s timeouts, the healthy lock stays held for 3 s while the frozen server's lock is given up as lost
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
<?php if (!extension_loaded('posix')) die('skip posix needed'); ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
$frozen = new TestServer();
$healthy = new TestServer();
$pid = $frozen->pid();
register_shutdown_function(fn() => posix_kill($pid, SIGCONT));
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '1000');
$a = unique_name('wd-dead');
$b = unique_name('wd-alive');

ini_set('redislock.servers', $frozen->url());
$idA = RedisLock::acquireLock($a, 0, 60);
$redlock = new RedLock([$healthy->url()]);
$lockB = $redlock->lock($b, 60000);
echo "both taken: ", var_export(is_string($idA) && is_array($lockB), true), "\n";
$r = $healthy->client();
$held = true;
try {
    posix_kill($pid, SIGSTOP);
    $end = microtime(true) + 3.0;
    while (microtime(true) < $end) {
        if ($r->get($b) !== $lockB['token']) {
            $held = false;
            break;
        }
        usleep(50000);
    }
} finally {
    posix_kill($pid, SIGCONT);
}
echo "healthy lock held for 3 s while the other server was frozen: ", var_export($held, true), "\n";
echo "healthy lock's TTL within the lease: ", var_export($r->pttl($b) > 0 && $r->pttl($b) <= 1000, true), "\n";
echo "frozen server's lock counted lost: ", var_export(watchdog_stats()['lost'] >= 1, true), "\n";
var_dump($redlock->unlock($lockB));
?>
--EXPECT--
both taken: true
healthy lock held for 3 s while the other server was frozen: true
healthy lock's TTL within the lease: true
frozen server's lock counted lost: true
bool(true)
