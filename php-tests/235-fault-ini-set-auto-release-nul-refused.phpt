--TEST--
Fault: ini_set() refuses a redislock.auto_release value with a NUL byte or bytes that are not UTF-8 (false, the old value stays, a warning naming the setting), like every other redislock.* setting
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
foreach (["1\0", "0\0", "\0", "\xff", "on\xc3\x28"] as $value) {
    ob_start();
    refused_ini_set('redislock.auto_release', $value);
    $out = ob_get_clean();
    echo preg_replace("/warning: ini_set\(\): invalid redislock\.auto_release .*\n/", "warning: invalid redislock.auto_release\n", $out);
}
var_dump(ini_get('redislock.auto_release'));
var_dump(ini_set('redislock.auto_release', '1'), ini_get('redislock.auto_release'));
?>
--EXPECT--
ini_set: false, kept: true, warning: invalid redislock.auto_release
ini_set: false, kept: true, warning: invalid redislock.auto_release
ini_set: false, kept: true, warning: invalid redislock.auto_release
ini_set: false, kept: true, warning: invalid redislock.auto_release
ini_set: false, kept: true, warning: invalid redislock.auto_release
string(1) "0"
string(1) "0"
string(1) "1"
