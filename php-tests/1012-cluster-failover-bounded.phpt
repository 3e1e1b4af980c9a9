--TEST--
Cluster: CLUSTER FAILOVER on a replica costs no failed call; a SIGKILLed master fails only the names of its slots, for a bounded time, until its replica takes over; the other shards never fail
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/cluster.inc';
$c = new TestCluster();
ini_set('redislock.servers', $c->url());
ini_set('redislock.timeout', '300');
ini_set('redislock.connect_timeout', '300');

/** Cycles on a name of each master (a new name each cycle, same slot) until $done(); per master: [ok, failures [at, message]]. */
function cycles(TestCluster $c, array $names, float $start, callable $done): array
{
    $rec = array_fill_keys(array_keys($names), [0, []]);
    $i = 0;
    while (!$done() && microtime(true) - $start < 40) {
        foreach ($names as $port => $base) {
            $name = "{{$base}}:" . $i;
            $t = microtime(true);
            try {
                $id = RedisLock::acquireLock($name, 0, 5);
                if ($id === false || !RedisLock::releaseLock($name, $id)) {
                    throw new RuntimeException('not granted or not released');
                }
                $rec[$port][0]++;
            } catch (Throwable $e) {
                $rec[$port][1][] = [$t - $start, $e->getMessage()];
            }
        }
        $i++;
        usleep(5000);
    }
    return $rec;
}

$names = [];
foreach ($c->masters() as $port) {
    $names[$port] = $c->tagOn($port, unique_name("fo$port-"));
}
$ports = array_keys($names);

// 1. CLUSTER FAILOVER: the replica takes over in an orderly way.
$victim = $ports[0];
$replica = $c->replicaOf($victim);
$start = microtime(true);
$c->client($replica)->rawCommand('CLUSTER', 'FAILOVER');
$promoted = null;
$rec = cycles($c, $names, $start, function () use ($c, $replica, $start, &$promoted) {
    if ($promoted === null && in_array($replica, $c->masters(), true)) {
        $promoted = microtime(true) - $start;
    }
    return $promoted !== null && microtime(true) - $start > $promoted + 1.0;
});
echo "CLUSTER FAILOVER: failed ", count($rec[$victim][1]) + count($rec[$ports[1]][1]) + count($rec[$ports[2]][1]), "\n";
var_dump($promoted !== null, $rec[$victim][0] > 10);
file_put_contents('/tmp/redislock-cluster-measurements.log', sprintf("%s phpt CLUSTER FAILOVER: promoted at %.3f s, %d ok on the shard, %d failed\n",
    date('c'), $promoted, $rec[$victim][0], count($rec[$victim][1])), FILE_APPEND);

// 2. SIGKILL of a master: its names fail until its replica is promoted, the others never.
$victim = $ports[1];
$replica = $c->replicaOf($victim);
$killed = null;
foreach ($c->servers as $s) {
    if ($s->port === $victim) {
        $killed = $s;
    }
}
$start = microtime(true);
posix_kill($killed->pid(), SIGKILL);
$promoted = null;
$rec = cycles($c, $names, $start, function () use ($c, $replica, $start, &$promoted) {
    if ($promoted === null) {
        try {
            if (in_array($replica, array_map(fn($n) => $n['port'], array_filter($c->nodes($replica), fn($n) => $n['master'] && $n['slots'])), true)) {
                $promoted = microtime(true) - $start;
            }
        } catch (RedisException) {
        }
    }
    return $promoted !== null && microtime(true) - $start > $promoted + 1.0;
});
$failed = $rec[$victim][1];
echo "other shards failed: ", count($rec[$ports[0]][1]) + count($rec[$ports[2]][1]), "\n";
var_dump($promoted !== null && $promoted < 20, count($failed) > 0);
$window = $failed ? end($failed)[0] - $failed[0][0] : 0;
var_dump($window < $promoted + 1.5);
$last = $failed ? end($failed)[0] : 0;
echo "grants after the promotion: ", $rec[$victim][0] > 0 ? 'yes' : 'no', "\n";
file_put_contents('/tmp/redislock-cluster-measurements.log', sprintf("%s phpt SIGKILL master: promoted at %.3f s, %d failed from %.3f s to %.3f s (first: %s), other shards 0\n",
    date('c'), $promoted, count($failed), $failed[0][0] ?? 0, $last, $failed[0][1] ?? '-'), FILE_APPEND);
// A new name on the dead master's slots goes to its replica now.
$n = "{{$names[$victim]}}:after";
$id = RedisLock::acquireLock($n, 0, 5);
var_dump($c->client($replica)->get(lock_key($n)) === $id);
$killed->stop();
?>
--EXPECT--
CLUSTER FAILOVER: failed 0
bool(true)
bool(true)
other shards failed: 0
bool(true)
bool(true)
bool(true)
grants after the promotion: yes
bool(true)
