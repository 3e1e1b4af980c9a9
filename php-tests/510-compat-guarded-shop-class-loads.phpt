--TEST--
Compatibility: a shop file guarding its own RedisLock with class_exists('RedisLock', false) loads beside the extension, and RedisLock is the extension's
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();

// The migration guard README recommends, around the shop's copied class.
$shopFile = tempnam(sys_get_temp_dir(), 'rl510-');
file_put_contents($shopFile, <<<'PHP'
<?php
if (!class_exists('RedisLock', false)) {
    class RedisLock
    {
        public static function acquireLock($lock_name, $acquire_time = 3, $lock_timeout = 20)
        {
            return 'the shop class';
        }

        public static function releaseLock($lock_name, $identifier)
        {
            return 'the shop class';
        }
    }
}
return 'shop file loaded';
PHP);
var_dump(require $shopFile);
unlink($shopFile);

$class = new ReflectionClass('RedisLock');
var_dump($class->isInternal(), $class->getExtensionName());
var_dump((new ReflectionMethod('RedisLock', 'acquireLock'))->isInternal());

$name = unique_name('order');
$id = RedisLock::acquireLock($name, 0, 20);
var_dump(preg_match('/^[0-9a-f]{32}$/', $id));
var_dump($r->get(lock_key($name)) === $id);             // a real lock in Redis, not the shop stub
var_dump(RedisLock::releaseLock($name, $id));
?>
--EXPECT--
string(16) "shop file loaded"
bool(true)
string(9) "redislock"
bool(true)
int(1)
bool(true)
bool(true)
