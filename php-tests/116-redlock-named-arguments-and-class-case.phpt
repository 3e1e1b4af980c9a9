--TEST--
RedLock: named arguments work (retryCount: 1 really means one attempt) and `new Redlock(...)` is the same class
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
// A server of the test's own, so the SET commands it counts are only this test's.
$srv = new TestServer();
$r = $srv->client();
$resource = unique_name('redlock-named');
$r->set($resource, 'other-client');

function set_calls(Redis $r): int
{
    $line = $r->info('commandstats')['cmdstat_set'] ?? 'calls=0,';
    return (int) substr($line, 6, strpos($line, ',') - 6);
}

$base = set_calls($r);
$one = new RedLock(servers: [$srv->url()], retryCount: 1);
var_dump($one->lock(ttl: 5000, resource: $resource));
echo "attempts with retryCount: 1: ", set_calls($r) - $base, "\n";

$base = set_calls($r);
$three = new RedLock(retryDelay: 1, servers: [['127.0.0.1', $srv->port]]);
var_dump($three->lock($resource, 5000));
echo "attempts with the default retryCount: ", set_calls($r) - $base, "\n";

$r->del($resource);
$lower = new Redlock([$srv->url()]);
var_dump(get_class($lower), $lower instanceof RedLock);
$lock = $lower->lock($resource, 5000);
var_dump(is_array($lock) && $r->get($resource) === $lock['token']);
var_dump($lower->unlock(lock: $lock));
var_dump($r->exists($resource));
?>
--EXPECT--
bool(false)
attempts with retryCount: 1: 1
bool(false)
attempts with the default retryCount: 3
string(7) "RedLock"
bool(true)
bool(true)
bool(true)
int(0)
