--TEST--
Watchdog: its thread ("redislock-watch") exists only in a process that took a watched lock: none with the watchdog on and no lock, none with it off while locking, none for a lock no longer than the lease; exactly one after watched locks (two of them, and after their release)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
$name = unique_name('wd-thread');
// Each scenario in a process of its own: its threads (from /proc/self/task) before any lock and
// after each step, and phpinfo's watchdog row.
$prelude = <<<'PHP'
function threads(): string {
    $all = $watch = 0;
    foreach (glob('/proc/self/task/*/comm') as $f) {
        $all++;
        $watch += rtrim(file_get_contents($f), "\n") === 'redislock-watch';
    }
    return "tasks " . ($all - $GLOBALS['base']) . " more than at start, redislock-watch: $watch";
}
function row(): string {
    ob_start();
    phpinfo(INFO_MODULES);
    return preg_match('/^watchdog \(this process\) => (.*)$/m', ob_get_clean(), $m)
        ? preg_replace('/\d+ renewal\(s\)/', 'N renewal(s)', $m[1]) : '?';
}
$base = count(glob('/proc/self/task/*'));
PHP;
$n = var_export($name, true);
$ini = ['redislock.servers' => test_url(), 'redislock.watchdog_lease' => 1000];

echo "-- watchdog on, no lock\n";
echo child_php($ini + ['redislock.watchdog' => 1], $prelude . '
    usleep(100000);
    echo threads(), "\n", row(), "\n";');

echo "-- watchdog off, locks taken and released\n";
echo child_php($ini + ['redislock.watchdog' => 0], $prelude . '
    $id = RedisLock::acquireLock(' . $n . ', 0, 30);
    echo threads(), "\n";
    var_dump(RedisLock::releaseLock(' . $n . ', $id));
    $rl = new RedLock([' . var_export(test_url(), true) . ']);
    $l = $rl->lock(' . $n . ', 30000);
    echo threads(), "\n", row(), "\n";
    var_dump($rl->unlock($l));');

echo "-- watchdog on, a lock no longer than the lease (not watched)\n";
echo child_php($ini + ['redislock.watchdog' => 1], $prelude . '
    $id = RedisLock::acquireLock(' . $n . ', 0, 1);
    usleep(100000);
    echo threads(), "\n", row(), "\n";
    var_dump(RedisLock::releaseLock(' . $n . ', $id));');

echo "-- watchdog on, watched locks\n";
echo child_php($ini + ['redislock.watchdog' => 1], $prelude . '
    $id = RedisLock::acquireLock(' . $n . ', 0, 30);
    usleep(100000);   // a new thread names itself once it runs
    echo threads(), "\n", row(), "\n";
    $id2 = RedisLock::acquireLock(' . $n . ' . ":2", 0, 30);
    echo threads(), "\n", row(), "\n";
    var_dump(RedisLock::releaseLock(' . $n . ', $id), RedisLock::releaseLock(' . $n . ' . ":2", $id2));
    echo threads(), "\n", row(), "\n";');

echo "-- this process never locked\n";
$tasks = 0;
foreach (thread_names() as $comm) {
    $tasks += $comm === 'redislock-watch';
}
echo "redislock-watch: $tasks\n";
echo watchdog_row(), "\n";
$r = inspector();
var_dump($r->keys(lock_key($name) . '*'), $r->exists($name));
?>
--EXPECT--
-- watchdog on, no lock
tasks 0 more than at start, redislock-watch: 0
not started (starts at the first lock it renews)
-- watchdog off, locks taken and released
tasks 0 more than at start, redislock-watch: 0
bool(true)
tasks 0 more than at start, redislock-watch: 0
not started (starts at the first lock it renews)
bool(true)
-- watchdog on, a lock no longer than the lease (not watched)
tasks 0 more than at start, redislock-watch: 0
not started (starts at the first lock it renews)
bool(true)
-- watchdog on, watched locks
tasks 1 more than at start, redislock-watch: 1
running: 1 lock(s) renewed; N renewal(s), 0 lock(s) found lost
tasks 1 more than at start, redislock-watch: 1
running: 2 lock(s) renewed; N renewal(s), 0 lock(s) found lost
bool(true)
bool(true)
tasks 1 more than at start, redislock-watch: 1
running: 0 lock(s) renewed; N renewal(s), 0 lock(s) found lost
-- this process never locked
redislock-watch: 0
not started (starts at the first lock it renews)
array(0) {
}
int(0)
