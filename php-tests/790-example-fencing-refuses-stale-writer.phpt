--TEST--
Example: examples/fencing/fencing.php (README "Fencing") refuses the stale writer in a real SQLite table, and its control shows the lost update
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; if (!extension_loaded('pdo_sqlite')) die('skip pdo_sqlite missing: scripts/setup.sh installs php8.2-sqlite3'); ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$db = tempnam(sys_get_temp_dir(), 'rl790-');
$cmd = php_cmd() . ' -d ' . escapeshellarg('redislock.servers=' . test_url())
    . ' ' . escapeshellarg(dirname(__DIR__) . '/examples/fencing/fencing.php') . ' ' . escapeshellarg($db);
exec($cmd . ' 2>&1', $out, $rc);
echo implode("\n", $out), "\nexit code $rc\n";
$pdo = new PDO("sqlite:$db");
echo "row: ", json_encode($pdo->query('SELECT quantity, fence FROM stock')->fetch(PDO::FETCH_NUM)), "\n";
unlink($db);
?>
--EXPECTF--
A: lock taken with fence %d, read quantity 100, then stalls for 0.5 s
B: lock taken with fence %d, wrote quantity 90: accepted
A: wakes up, writes quantity 99 with fence %d: refused (stale)
A: releaseLock() says the lock was lost
stock now: 90 (B's sale of 10 kept)
control, no fence check: A's stale write sets 99 (B's sale lost)
stale writer refused
exit code 0
row: [99,%d]
