--TEST--
Fault: one pooled connection serves 100 acquire+release calls: the server receives exactly one new connection
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
// A server of its own: on the shared server, tests running in parallel add connections.
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$r = $srv->client();   // one connection, opened before the first reading

function received(Redis $r): int
{
    return (int) $r->info('stats')['total_connections_received'];
}

$before = received($r);
$ok = 0;
for ($i = 0; $i < 100; $i++) {
    $name = unique_name('reuse');
    $id = RedisLock::acquireLock($name, 0);
    if (is_string($id) && RedisLock::releaseLock($name, $id)) {
        $ok++;
    }
}
var_dump($ok);
var_dump(received($r) - $before);
var_dump($r->info('stats')['total_commands_processed'] > 200);
?>
--EXPECT--
int(100)
int(1)
bool(true)
