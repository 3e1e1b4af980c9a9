--TEST--
Fault: a malformed redislock.servers with credentials given at startup (-d redislock.servers=user:S3cr3t@host:6379) is masked up to its last @ everywhere: the RedisLockException at the first lock call, ini_get(), ini_get_all(), get_cfg_var() and phpinfo()
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$code = <<<'PHP'
try {
    RedisLock::acquireLock("x", 0);
    echo "no exception\n";
} catch (RedisLockException $e) {
    echo "exception: ", $e->getMessage(), "\n";
    echo "string form: ", str_contains((string) $e, 'S3cr3t') ? 'LEAKED' : 'clean', "\n";
}
echo "ini_get: ", ini_get('redislock.servers'), "\n";
echo "ini_get_all: ", str_contains(var_export(ini_get_all('redislock'), true), 'S3cr3t') ? 'LEAKED' : 'clean', "\n";
echo "get_cfg_var: ", get_cfg_var('redislock.servers'), "\n";
ob_start();
phpinfo(INFO_CONFIGURATION | INFO_MODULES);
$info = ob_get_clean();
echo "phpinfo: ", str_contains($info, 'S3cr3t') ? 'LEAKED' : 'clean', "\n";
echo "phpinfo shows it masked: ", var_export(str_contains($info, '***@host:6379'), true), "\n";
PHP;
foreach (['user:S3cr3t@host:6379', 'redis:/user:S3cr3t@host:6379', 'redis://user:S3cr3t@host:abc'] as $value) {
    echo "-- $value\n";
    echo str_replace('S3cr3t', '<<LEAK>>', child_php(['redislock.servers' => $value], $code));
}
?>
--EXPECTF--
-- user:S3cr3t@host:6379
exception: invalid redislock.servers '***@host:6379': expected redis://[user:pass@]host:port[/db], rediss:// (TLS), unix:///path, redis+sentinel://host:port,.../SERVICE or redis+cluster://host:port,...
string form: clean
ini_get: ***%S@host:6379
ini_get_all: clean
get_cfg_var: ***%S@host:6379
phpinfo: clean
phpinfo shows it masked: true
-- redis:/user:S3cr3t@host:6379
exception: invalid redislock.servers '***@host:6379': expected redis://[user:pass@]host:port[/db], rediss:// (TLS), unix:///path, redis+sentinel://host:port,.../SERVICE or redis+cluster://host:port,...
string form: clean
ini_get: ***%S@host:6379
ini_get_all: clean
get_cfg_var: ***%S@host:6379
phpinfo: clean
phpinfo shows it masked: true
-- redis://user:S3cr3t@host:abc
exception: invalid redislock.servers 'redis://user:***@host:abc': port 'abc' is not a number from 1 to 65535
string form: clean
ini_get: redis://user:***%S@host:abc
ini_get_all: clean
get_cfg_var: redis://user:***%S@host:abc
phpinfo: clean
phpinfo shows it masked: false
