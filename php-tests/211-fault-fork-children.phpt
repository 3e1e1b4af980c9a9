--TEST--
Fault: pcntl_fork children of a parent with a pooled connection lock and unlock on connections of their own; the parent's connection keeps working, no cross-talk
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
<?php if (!extension_loaded('pcntl')) die('skip pcntl needed'); ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$base = unique_name('fork');
$parentId = RedisLock::acquireLock($base, 0);   // the parent's connection is pooled now
var_dump(is_string($parentId));

$pids = [];
for ($i = 0; $i < 4; $i++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        // Child: no phpredis object was inherited (none existed before the fork).
        $r = inspector();
        $ok = true;
        for ($j = 0; $j < 20; $j++) {
            $name = "$base:child$i:$j";
            $id = RedisLock::acquireLock($name, 0);
            $ok = $ok && is_string($id) && $r->get(lock_key($name)) === $id;
            $ok = $ok && RedisLock::releaseLock($name, $id) === true;
            $ok = $ok && $r->exists(lock_key($name)) === 0;
        }
        // Proof this child really ran to the end.
        $r->set("$base:done:$i", (string) getmypid(), ['EX' => 60]);
        exit($ok ? 0 : 1);
    }
    $pids[$i] = $pid;
}

// The parent works on its own pooled connection while the children run.
$r = inspector();
$parentOk = 0;
for ($j = 0; $j < 20; $j++) {
    $name = "$base:parent:$j";
    $id = RedisLock::acquireLock($name, 0);
    if (is_string($id) && $r->get(lock_key($name)) === $id && RedisLock::releaseLock($name, $id) === true) {
        $parentOk++;
    }
}
var_dump($parentOk);

$statuses = [];
foreach ($pids as $i => $pid) {
    pcntl_waitpid($pid, $status);
    $statuses[$i] = pcntl_wifexited($status) ? pcntl_wexitstatus($status) : 'signal';
}
var_dump($statuses);
$done = [];
foreach ($pids as $i => $pid) {
    $done[$i] = $r->get("$base:done:$i") === (string) $pid;
    $r->del("$base:done:$i");
}
var_dump($done);

// The parent's lock was untouched by the children and its release still works.
var_dump($r->get(lock_key($base)) === $parentId);
var_dump(RedisLock::releaseLock($base, $parentId));
var_dump($r->exists(lock_key($base)));
var_dump($r->keys(lock_key($base) . ':*'));
?>
--EXPECT--
bool(true)
int(20)
array(4) {
  [0]=>
  int(0)
  [1]=>
  int(0)
  [2]=>
  int(0)
  [3]=>
  int(0)
}
array(4) {
  [0]=>
  bool(true)
  [1]=>
  bool(true)
  [2]=>
  bool(true)
  [3]=>
  bool(true)
}
bool(true)
bool(true)
int(0)
array(0) {
}
