--TEST--
TLS: pcntl_fork children of a parent with a pooled TLS connection lock and unlock over TLS connections of their own (one new connection each, never the parent's TLS session); the parent keeps using its own connection (same client id) throughout, with no cross-talk
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
<?php if (!extension_loaded('pcntl')) die('skip pcntl needed'); ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$srv = new TlsServer();
ini_set('redislock.tls_ca_file', tls_certs()->ca());
ini_set('redislock.servers', $srv->url());
$base = unique_name('tls-fork');
$parentId = RedisLock::acquireLock($base, 0);   // the parent's TLS connection is pooled now
var_dump(is_string($parentId));
$r = $srv->client();
$mine = $srv->tlsClients($r);
echo "TLS-port clients before fork: ", count($mine), "\n";
$parentConn = $mine[0]['id'] ?? '?';
$before = $srv->received($r);
$r->close();   // no phpredis connection is inherited by the children
unset($r);

$pids = [];
for ($i = 0; $i < 4; $i++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        $r = $srv->client();
        $ok = true;
        for ($j = 0; $j < 20; $j++) {
            $name = "$base:child$i:$j";
            $id = RedisLock::acquireLock($name, 0);
            $ok = $ok && is_string($id) && $r->get(lock_key($name)) === $id;
            $ok = $ok && RedisLock::isHeld($name, $id) && RedisLock::releaseLock($name, $id) === true;
            $ok = $ok && $r->exists(lock_key($name)) === 0;
        }
        $ok = $ok && RedisLock::isHeld($base, $parentId);   // the parent's lock, seen from the child
        $r->set("$base:done:$i", (string) getmypid(), ['EX' => 60]);
        exit($ok ? 0 : 1);
    }
    $pids[$i] = $pid;
}

// The parent works on its own pooled connection while the children run.
$parentOk = 0;
for ($j = 0; $j < 20; $j++) {
    $name = "$base:parent:$j";
    $id = RedisLock::acquireLock($name, 0);
    if (is_string($id) && RedisLock::isHeld($name, $id) && RedisLock::releaseLock($name, $id) === true) {
        $parentOk++;
    }
}
var_dump($parentOk);
$statuses = [];
foreach ($pids as $i => $pid) {
    pcntl_waitpid($pid, $status);
    $statuses[$i] = pcntl_wifexited($status) ? pcntl_wexitstatus($status) : 'signal';
}
echo "children's exit codes: ", implode(' ', $statuses), "\n";

$r = $srv->client();
$done = 0;
foreach ($pids as $i => $pid) {
    $done += $r->get("$base:done:$i") === (string) $pid;
    $r->del("$base:done:$i");
}
echo "children done: $done\n";
// 4 children x (one TLS connection + one inspector) + this inspector; the parent opened none.
echo "new connections: ", $srv->received($r) - $before, "\n";
var_dump(RedisLock::isHeld($base, $parentId));
var_dump(RedisLock::releaseLock($base, $parentId));
$after = $srv->tlsClients($r);
echo "parent's connection kept: ", var_export(count($after) === 1 && $after[0]['id'] === $parentConn
    && $after[0]['cmd'] === 'evalsha', true), "\n";
var_dump($r->dbSize());
?>
--EXPECT--
bool(true)
TLS-port clients before fork: 1
int(20)
children's exit codes: 0 0 0 0
children done: 4
new connections: 9
bool(true)
bool(true)
parent's connection kept: true
int(0)
