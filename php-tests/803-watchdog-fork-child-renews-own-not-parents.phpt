--TEST--
Watchdog: a pcntl_fork child never renews its parent's lock (the parent is SIGKILLed, the child lives on: the parent's lock is free within about a lease), while the child's own watched lock is renewed by a thread of its own
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
<?php if (!extension_loaded('pcntl') || !extension_loaded('posix')) die('skip pcntl and posix needed'); ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$parentName = unique_name('wd-fork-parent');
$childName = unique_name('wd-fork-child');

// The parent takes a watched lock (lease 500 ms, lock_timeout 30 s), holds it 1.5 leases, forks
// and kills itself. The child (pid printed) lives on: it takes a watched lock of its own, holds it
// while the test watches (until the test says "go"), reports, releases it and ends.
$parent = new ChildPhp(['redislock.servers' => test_url(), 'redislock.watchdog' => 1,
    'redislock.watchdog_lease' => 500], <<<'PHP'
<?php
function stats(): string {
    ob_start();
    phpinfo(INFO_MODULES);
    return preg_match('/^watchdog \(this process\) => (.*)$/m', ob_get_clean(), $m) ? $m[1] : '?';
}
$id = RedisLock::acquireLock($argv[1], 0, 30);
echo "parent id=$id\n";
usleep(750000);
$pid = pcntl_fork();
if ($pid === 0) {
    echo "child pid=", getmypid(), " row=", stats(), "\n";
    $own = RedisLock::acquireLock($argv[2], 0, 30);
    echo "child id=$own\n";
    fgets(STDIN);
    $threads = 0;
    foreach (glob('/proc/self/task/*/comm') as $f) {
        $threads += trim(file_get_contents($f)) === 'redislock-watch';
    }
    echo "child: own lock held: ", var_export(RedisLock::isHeld($argv[2], $own), true),
        ", watch threads: $threads, row: ", stats(), "\n";
    echo "child: released: ", var_export(RedisLock::releaseLock($argv[2], $own), true), "\n";
    exit(0);
}
posix_kill(getmypid(), SIGKILL);
PHP, [$parentName, $childName]);

$line = $parent->line();
$parentId = preg_match('/^parent id=([0-9a-f]{32})$/', (string) $line, $m) ? $m[1] : null;
echo "parent acquired: ", $parentId !== null ? 'yes' : 'no: ' . $line, "\n";
$line = $parent->line();
$childPid = preg_match('/^child pid=(\d+) row=(.*)$/', (string) $line, $m) ? (int) $m[1] : null;
echo "child started: ", $childPid !== null ? 'yes' : 'no: ' . $line, "\n";
// Before its first watched lock the child has no watchdog thread (the parent's is not its own).
echo "child's row before its own lock: ", $m[2] ?? '', "\n";
$line = $parent->line();
$childId = preg_match('/^child id=([0-9a-f]{32})$/', (string) $line, $m) ? $m[1] : null;
echo "child acquired: ", $childId !== null ? 'yes' : 'no: ' . $line, "\n";

// The parent is dead (its pid is the one proc_open started).
$dead = wait_until(fn() => !$parent->status()['running'], 10);
echo "parent gone: ", var_export($dead !== null, true), "\n";

// Its lock was renewed until it died (it lived 1.5 leases) and is free about a lease later,
// though the child, which inherited its memory, runs on.
$t = microtime(true);
$free = wait_until(fn() => $r->exists(lock_key($parentName)) === 0, 10);
echo "parent's lock expired within 3 leases: ", var_export($free !== null && $free < 1.5, true), "\n";
if ($free === null || $free >= 1.5) {
    echo "took: ", var_export($free, true), "\n";
}
echo "child alive then: ", var_export(posix_kill($childPid, 0), true), "\n";

// The child's own lock lives a lease in Redis and is renewed: still there 3 leases after it took
// it (the wait above took most of that; make it 3 leases at least).
usleep((int) (max(0, 1.5 - (microtime(true) - $t)) * 1e6) + 200000);
$pttl = $r->pttl(lock_key($childName));
echo "child's lock held: ", var_export($r->get(lock_key($childName)) === $childId, true),
    ", PTTL within the lease: ", var_export($pttl > 0 && $pttl <= 500, true), "\n";
echo "parent's lock still free: ", $r->exists(lock_key($parentName)), "\n";

$parent->send('go');
echo preg_replace('/\d+ renewal\(s\)/', 'N renewal(s)', $parent->line()), "\n";
echo $parent->line(), "\n";
$gone = wait_until(fn() => !posix_kill($childPid, 0), 10);
echo "child ended: ", var_export($gone !== null, true), "\n";
var_dump($r->exists(lock_key($childName)), $r->exists(lock_key($parentName)));
?>
--EXPECT--
parent acquired: yes
child started: yes
child's row before its own lock: not started (starts at the first lock it renews)
child acquired: yes
parent gone: true
parent's lock expired within 3 leases: true
child alive then: true
child's lock held: true, PTTL within the lease: true
parent's lock still free: 0
child: own lock held: true, watch threads: 1, row: running: 1 lock(s) renewed; N renewal(s), 0 lock(s) found lost
child: released: true
child ended: true
int(0)
int(0)
