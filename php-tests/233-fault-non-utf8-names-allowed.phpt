--TEST--
Fault: lock names that are not UTF-8 (GBK, Latin-1 bytes) are allowed, as Redis keys are binary: RedisLock and RedLock take, renew and release them under exactly those bytes; a non-UTF-8 redislock.prefix is accepted and used too
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$r = $srv->client();
$gbk = "\xb6\xa9\xb5\xa5:" . getmypid();   // "订单" in GBK
$latin1 = "caf\xe9:" . getmypid();

foreach ([$gbk, $latin1] as $name) {
    $id = RedisLock::acquireLock($name, 0);
    var_dump(is_string($id) && $r->get('AGENT_ORDER_LOCK:' . $name) === $id);
    var_dump(RedisLock::acquireLock($name, 0));   // held: the same bytes name the same lock
    var_dump(RedisLock::releaseLock($name, $id));
    var_dump($r->exists('AGENT_ORDER_LOCK:' . $name));
}

$rl = new RedLock([$srv->url()], 0, 1);
$lock = $rl->lock($gbk, 10000);
var_dump(is_array($lock) && $lock['resource'] === $gbk && $r->get($gbk) === $lock['token']);
var_dump($rl->lock($gbk, 10000));
$lock = $rl->extend($lock, 60000);
var_dump(is_array($lock) && $r->pttl($gbk) > 50000);
var_dump($rl->unlock($lock));
var_dump($r->exists($gbk));

// A prefix that is not UTF-8 (binary, no NUL) is a valid prefix.
var_dump(ini_set('redislock.prefix', "\xcb\xf8:") !== false, ini_get('redislock.prefix') === "\xcb\xf8:");
$id = RedisLock::acquireLock('order', 0);
var_dump($r->get("\xcb\xf8:order") === $id);
var_dump(RedisLock::releaseLock('order', $id));
var_dump($r->dbSize());
?>
--EXPECT--
bool(true)
bool(false)
bool(true)
int(0)
bool(true)
bool(false)
bool(true)
int(0)
bool(true)
bool(false)
bool(true)
bool(true)
int(0)
bool(true)
bool(true)
bool(true)
bool(true)
int(0)
