--TEST--
Watchdog: a holder killed with SIGKILL (lease 1 s, lock_timeout 30) frees its lock within about one lease: not at once, yet another process acquires it in under 3 s
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('wd-killed');
$key = lock_key($name);

// The holder: takes the lock with the watchdog, says so, then works "forever".
$holder = new ChildPhp(['redislock.servers' => test_url(), 'redislock.watchdog' => 1,
    'redislock.watchdog_lease' => 1000], <<<'PHP'
<?php
$id = RedisLock::acquireLock($argv[1], 0, 30);
echo "id=$id\n";
sleep(60);
PHP, [$name]);
$line = $holder->line();
$id = preg_match('/^id=([0-9a-f]{32})$/', (string) $line, $m) ? $m[1] : null;
echo "holder acquired: ", $id !== null ? 'yes' : 'no: ' . $line, "\n";
$pttl = $r->pttl($key);
echo "key TTL is the lease: ", var_export($pttl > 0 && $pttl <= 1000, true), "\n";

// 1.5 leases later the holder still has it: its watchdog renews it.
usleep(1500000);
var_dump($r->get($key) === $id);

var_dump(posix_kill($holder->pid(), SIGKILL));
$t = microtime(true);
[, , $st] = $holder->finish();
echo "holder killed by signal ", $st['termsig'], "\n";

// Not free at once: the last renewal left it up to a lease.
var_dump(RedisLock::acquireLock($name, 0, 5));
var_dump($r->get($key) === $id);

// Another process waits for it (up to 10 s) and gets it about a lease after the kill.
$out = child_php(['redislock.servers' => test_url()], '$id = RedisLock::acquireLock(' . var_export($name, true)
    . ', 10, 5); echo is_string($id) ? "acquired" : "not acquired", "\n"; RedisLock::releaseLock('
    . var_export($name, true) . ', $id);');
$elapsed = microtime(true) - $t;
echo $out;
echo "free after 0.45 s or more: ", var_export($elapsed >= 0.45, true), "\n";
echo "free within 3 s: ", var_export($elapsed < 3.0, true), "\n";
if ($elapsed < 0.45 || $elapsed >= 3.0) {
    echo "elapsed: $elapsed\n";
}
var_dump($r->exists($key));
?>
--EXPECT--
holder acquired: yes
key TTL is the lease: true
bool(true)
bool(true)
holder killed by signal 9
bool(false)
bool(true)
acquired
free after 0.45 s or more: true
free within 3 s: true
int(0)
