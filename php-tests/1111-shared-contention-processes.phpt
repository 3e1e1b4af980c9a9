--TEST--
Shared locks: six processes, readers and writers, on one name: writers' read-modify-write increments of a counter are exact, no writer is ever inside with a reader or another writer, readers do overlap; the same writers without the lock lose updates
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('shared-contention');

function run(string $name, bool $locked): array
{
    $r = inspector();
    $r->del("$name:n", "$name:readers_in", "$name:writers_in", "$name:bad", "$name:overlap");
    $r->set("$name:n", '0');
    $pids = [];
    for ($p = 0; $p < 6; $p++) {
        $pid = pcntl_fork();
        if ($pid === 0) {
            $c = inspector();
            for ($i = 0; $i < 30; $i++) {
                if ($p < 3) {                                   // writers
                    $id = $locked ? RedisLock::acquireLock($name, 20, 10) : 'x';
                    if ($c->incr("$name:writers_in") !== 1 || (int) $c->get("$name:readers_in") !== 0) {
                        $c->incr("$name:bad");
                    }
                    $n = (int) $c->get("$name:n");
                    usleep(500);
                    $c->set("$name:n", (string) ($n + 1));
                    $c->decr("$name:writers_in");
                    if ($locked) {
                        RedisLock::releaseLock($name, $id);
                    }
                } else {                                        // readers
                    $id = $locked ? RedisLock::acquireShared($name, 20, 10) : 'x';
                    if ($c->incr("$name:readers_in") > 1) {
                        $c->incr("$name:overlap");
                    }
                    if ((int) $c->get("$name:writers_in") !== 0) {
                        $c->incr("$name:bad");
                    }
                    usleep(500);
                    $c->decr("$name:readers_in");
                    if ($locked) {
                        RedisLock::releaseShared($name, $id);
                    }
                    usleep(2000);                               // no writer preference: let writers in
                }
            }
            exit(0);
        }
        $pids[] = $pid;
    }
    foreach ($pids as $pid) {
        pcntl_waitpid($pid, $status);
    }
    return [(int) $r->get("$name:n"), (int) $r->get("$name:bad"), (int) $r->get("$name:overlap")];
}

[$n, $bad, $overlap] = run($name, true);
echo "locked: count $n, violations $bad, readers overlapped: ", var_export($overlap > 0, true), "\n";
[$n, $bad] = run($name, false);
echo "no lock: lost updates: ", var_export($n < 90, true), ", violations seen: ", var_export($bad > 0, true), "\n";
$r->del("$name:n", "$name:readers_in", "$name:writers_in", "$name:bad", "$name:overlap");
?>
--EXPECT--
locked: count 90, violations 0, readers overlapped: true
no lock: lost updates: true, violations seen: true
