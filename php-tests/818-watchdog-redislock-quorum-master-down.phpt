--TEST--
Watchdog: RedisLock over three servers (a quorum) with the watchdog (lease 600 ms, lock_timeout 30) is renewed on every master; with one master stopped the other two keep renewing it (held 3 leases later), and the release stops it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
$down = new TestServer();
[$p1, $p2] = master_ports();
ini_set('redislock.servers', implode(',', [$down->url(), test_url('m1'), test_url('m2')]));
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '600');
$clients = ['down' => $down->client(), 'm1' => inspector('m1'), 'm2' => inspector('m2')];
$name = unique_name('wd-quorum');
$key = lock_key($name);
$show = function (string $when, array $which) use (&$clients, $key, &$id): void {
    foreach ($which as $n) {
        $pttl = $clients[$n]->pttl($key);
        echo "$when $n: ", var_export($clients[$n]->get($key) === $id, true),
            ", PTTL within the lease: ", var_export($pttl > 0 && $pttl <= 600, true), "\n";
    }
};

$id = RedisLock::acquireLock($name, 0, 30);
usleep(900000);   // 1.5 leases
$show('renewed', ['down', 'm1', 'm2']);
$down->stop();
usleep(1800000);  // 3 leases with one master down
$show('one down', ['m1', 'm2']);
var_dump(RedisLock::isHeld($name, $id));
$stats = watchdog_stats();
echo "watched: {$stats['watched']}, lost: {$stats['lost']}\n";
var_dump(RedisLock::releaseLock($name, $id));
echo "watched: ", watchdog_stats()['watched'], "\n";
usleep(700000);
var_dump($clients['m1']->exists($key), $clients['m2']->exists($key));
?>
--EXPECT--
renewed down: true, PTTL within the lease: true
renewed m1: true, PTTL within the lease: true
renewed m2: true, PTTL within the lease: true
one down m1: true, PTTL within the lease: true
one down m2: true, PTTL within the lease: true
bool(true)
watched: 1, lost: 0
bool(true)
watched: 0
int(0)
int(0)
