--TEST--
Fault: a password given in the INI settings (php.ini / -d) is not returned by get_cfg_var() either
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
redislock.servers=redis://locker:CfgVarPw-218@127.0.0.1:1
--FILE--
<?php
// No ini_set first: this test is about the value the INI settings gave.
require __DIR__ . '/redis.inc';
var_dump(ini_get('redislock.servers'));
$cfg = get_cfg_var('redislock.servers');
var_dump(is_string($cfg) && str_contains($cfg, '127.0.0.1:1'));
var_dump(str_contains((string) $cfg, 'CfgVarPw-218'));
?>
--EXPECT--
string(31) "redis://locker:***1@127.0.0.1:1"
bool(true)
bool(false)
