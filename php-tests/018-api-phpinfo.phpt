--TEST--
RedisLock: phpinfo(INFO_MODULES) has a redislock section with support enabled, the version and every setting
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
ini_set('redislock.prefix', 'PHPT_INFO:');

ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();

// The section: from the line "redislock" to the next module's heading.
var_dump((bool) preg_match('/^redislock\n\n(.*?)\n\n(Directive => Local Value => Master Value\n.*?)\n\n/ms', $info, $m));
$head = $m[1] ?? '';
$ini = $m[2] ?? '';
var_dump(str_contains($head, "redislock support => enabled\n"));
var_dump((bool) preg_match('/^version => (\d+\.\d+\.\d+\S*)$/m', $head, $v));
var_dump(($v[1] ?? null) === phpversion('redislock'));
echo $ini, "\n";
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
bool(true)
Directive => Local Value => Master Value
redislock.auto_release => 0 => 0
redislock.connect_timeout => 1000 => 1000
redislock.node_timeout => 50 => 50
redislock.prefix => PHPT_INFO: => AGENT_ORDER_LOCK:
redislock.sentinel_recheck => 1000 => 1000
redislock.servers => redis://127.0.0.1:%d => redis://127.0.0.1:6379
redislock.timeout => 1000 => 1000
redislock.tls_ca_file => no value => no value
redislock.tls_cert_file => no value => no value
redislock.tls_key_file => no value => no value
redislock.tls_verify => 1 => 1
redislock.wait_replicas => 0 => 0
redislock.watchdog => 0 => 0
redislock.watchdog_lease => 10000 => 10000
