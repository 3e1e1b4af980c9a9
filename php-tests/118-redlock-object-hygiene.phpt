--TEST--
RedLock: an object built with a password URL shows no password in var_dump/print_r/var_export; clone is an Error; serialize() throws
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$rl = new RedLock([test_url('auth', ':s3cret'), test_url('m1'), test_url('m2')]);

ob_start();
var_dump($rl);
print_r($rl);
var_export($rl);
echo json_encode($rl), "\n";
var_dump((array) $rl);
$out = ob_get_clean();
echo $out;
var_dump(str_contains($out, 's3cret'), str_contains($out, (string) test_port('auth')));

try {
    $copy = clone $rl;
    echo "cloned\n";
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    echo serialize($rl), "\n";
} catch (Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// The object still works after all that (the password URLs are real working servers).
$name = unique_name('redlock-hygiene');
$lock = $rl->lock($name, 5000);
var_dump(is_array($lock) && inspector('auth', 's3cret')->get($name) === $lock['token']);
var_dump($rl->unlock($lock));
?>
--EXPECT--
object(RedLock)#1 (0) {
}
RedLock Object
(
)
\RedLock::__set_state(array(
)){}
array(0) {
}
bool(false)
bool(false)
Error: Trying to clone an uncloneable object of class RedLock
Exception: Serialization of 'RedLock' is not allowed
bool(true)
bool(true)
