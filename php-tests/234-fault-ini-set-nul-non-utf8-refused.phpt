--TEST--
Fault: ini_set() refuses a NUL byte in every redislock.* string setting, and bytes that are not UTF-8 in the servers and the timeouts (false, the old value stays, a warning quoting the value escaped as \xNN); the old values keep working
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$port = (string) test_port();
foreach ([
    ['redislock.servers', "redis://x\0y"],
    ['redislock.servers', "redis://x\0y:6379"],
    ['redislock.servers', test_url() . "\0"],
    ['redislock.servers', "\0" . test_url()],
    ['redislock.servers', test_url() . ",\0"],
    ['redislock.servers', "redis://:pa\0ss@127.0.0.1:6379"],
    ['redislock.servers', "redis://x\xffy:6379"],
    ['redislock.servers', "redis://127.0.0.1:6379/\xc3\x28"],
    ['redislock.prefix', "a\0b"],
    ['redislock.prefix', "\0"],
    ['redislock.timeout', "1\0"],
    ['redislock.timeout', "\xff"],
    ['redislock.connect_timeout', "1\0"],
    ['redislock.connect_timeout', "1\xff"],
    ['redislock.node_timeout', "1\0"],
    ['redislock.node_timeout', "\xc3\x28"],
] as [$setting, $value]) {
    refused_ini_set($setting, $value, [$port => 'PORT']);
}
// Still the old values, and they work.
var_dump(ini_get('redislock.servers') === test_url(), ini_get('redislock.prefix'), ini_get('redislock.timeout'));
$name = unique_name('nul-ini');
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && inspector()->get(lock_key($name)) === $id, RedisLock::releaseLock($name, $id));
?>
--EXPECT--
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis://x\x00y': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis://x\x00y:6379': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis://127.0.0.1:PORT\x00': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers '\x00redis://127.0.0.1:PORT': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis://127.0.0.1:PORT,\x00': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis://:***@127.0.0.1:6379': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis://x\xffy:6379': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis://127.0.0.1:6379/\xc3(': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.prefix 'a\x00b': must not contain any null bytes
ini_set: false, kept: true, warning: ini_set(): invalid redislock.prefix '\x00': must not contain any null bytes
ini_set: false, kept: true, warning: ini_set(): invalid redislock.timeout '1\x00': expected milliseconds from 1 to 60000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.timeout '\xff': expected milliseconds from 1 to 60000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.connect_timeout '1\x00': expected milliseconds from 1 to 60000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.connect_timeout '1\xff': expected milliseconds from 1 to 60000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.node_timeout '1\x00': expected milliseconds from 1 to 60000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.node_timeout '\xc3(': expected milliseconds from 1 to 60000
bool(true)
string(17) "AGENT_ORDER_LOCK:"
string(4) "1000"
bool(true)
bool(true)
