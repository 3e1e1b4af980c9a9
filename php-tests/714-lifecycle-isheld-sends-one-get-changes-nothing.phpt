--TEST--
Lifecycle: isHeld() is read-only: MONITOR sees exactly one GET of the lock key per call (held, not held, missing), INFO commandstats counts only GETs, and the key's value and TTL are what they were
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
// A server of this test's own: MONITOR and commandstats see only this test.
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$r = $srv->client();

$id = RedisLock::acquireLock('job', 0, 30);    // also opens the connection (handshake, scripts)
$ttlBefore = $r->pttl('AGENT_ORDER_LOCK:job');
$mon = new Monitor($srv->port);
$mon->commands();
$r->rawCommand('CONFIG', 'RESETSTAT');

$results = [
    RedisLock::isHeld('job', $id),
    RedisLock::isHeld('job', bin2hex(random_bytes(16))),
    RedisLock::isHeld('missing', $id),
];
$cmds = $mon->commands();
echo "results: ", json_encode($results), "\n";
echo "commands:\n  ", implode("\n  ", array_map(fn($l) => str_replace($id, 'ID', $l),
    array_filter($cmds, fn($l) => !str_starts_with($l, '"CONFIG"')))), "\n";
$stats = $r->info('commandstats');
ksort($stats);
echo "commandstats: ", implode(', ', array_map(fn($k, $v) => substr($k, 8) . '=' . preg_replace('/^calls=(\d+),.*/', '$1', $v),
    array_keys($stats), $stats)), "\n";

var_dump($r->get('AGENT_ORDER_LOCK:job') === $id);
$ttlAfter = $r->pttl('AGENT_ORDER_LOCK:job');
var_dump($ttlAfter <= $ttlBefore && $ttlAfter > 25000);      // not renewed
var_dump($r->keys('*'));
var_dump(RedisLock::releaseLock('job', $id));
?>
--EXPECT--
results: [true,false,false]
commands:
  "GET" "AGENT_ORDER_LOCK:job"
  "GET" "AGENT_ORDER_LOCK:job"
  "GET" "AGENT_ORDER_LOCK:missing"
commandstats: config|resetstat=1, echo=1, get=3
bool(true)
bool(true)
array(1) {
  [0]=>
  string(20) "AGENT_ORDER_LOCK:job"
}
bool(true)
