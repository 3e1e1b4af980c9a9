--TEST--
Fault: in a quorum of three, a master that refuses AUTH never gets the lock command (MONITOR shows no SET and no script there) and holds no key; the other two grant the lock and unlock() confirms
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$srv = new TestServer();   // no password: AUTH with one is an error
$monitor = new Monitor($srv->port);
[$p1, $p2] = master_ports();
$masters = [inspector('m1'), inspector('m2')];
$resource = unique_name('redlock-auth-refused');
$rl = new RedLock(["redis://127.0.0.1:$p1", $srv->url(':Wr0ngPw248'), "redis://127.0.0.1:$p2"], 10, 1);

$lock = $rl->lock($resource, 10000);
var_dump(is_array($lock) && $lock['validity'] > 0);
foreach ($masters as $i => $m) {
    echo "m", $i + 1, ": ", var_export($m->get($resource) === $lock['token'], true), "\n";
}
var_dump($rl->unlock($lock));
echo "left: ", array_sum(array_map(fn($m) => $m->exists($resource), $masters)), "\n";

$seen = $monitor->commands();
echo "AUTH executed: ", Monitor::count($seen, 'AUTH') >= 1 ? 'yes' : 'no', "\n";
foreach (['SET', 'EVALSHA', 'EVAL', 'SCRIPT', 'DEL'] as $command) {
    echo "$command: ", Monitor::count($seen, $command), "\n";
}
var_dump($srv->client()->info('keyspace'));
?>
--EXPECT--
bool(true)
m1: true
m2: true
bool(true)
left: 0
AUTH executed: yes
SET: 0
EVALSHA: 0
EVAL: 0
SCRIPT: 0
DEL: 0
array(0) {
}
