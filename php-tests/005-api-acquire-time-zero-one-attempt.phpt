--TEST--
RedisLock: acquire_time 0 against a held lock makes exactly one SET attempt and returns false
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
// A server of this test's own: parallel tests on the shared server would disturb the SET count.
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$r = $srv->client();
$name = unique_name('once');
$key = lock_key($name);

function set_calls(Redis $r): int
{
    $stats = $r->info('commandstats');
    if (!isset($stats['cmdstat_set'])) {
        return 0;
    }
    preg_match('/calls=(\d+)/', $stats['cmdstat_set'], $m);
    return (int) $m[1];
}

var_dump($r->set($key, 'someone-else', ['px' => 60000]));
$before = set_calls($r);
var_dump($before);                            // the inspector's own SET

$t0 = microtime(true);
var_dump(RedisLock::acquireLock($name, 0, 20));
$elapsed = microtime(true) - $t0;

var_dump(set_calls($r) - $before);            // exactly one attempt
var_dump($elapsed < 1.0);                     // no waiting (expected a few ms)
var_dump($r->get($key));
?>
--EXPECT--
bool(true)
int(1)
bool(false)
int(1)
bool(true)
string(12) "someone-else"
