--TEST--
Fault: a huge invalid setting (1 MB through ini_set(), 100 KB given at startup) gives a warning, and a RedisLockException at the first lock call, of one short line: the value is quoted cut at about 200 bytes
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
function bounded(string $m): string
{
    preg_match_all("/'([^']*)'/", $m, $quoted);
    return 'one line: ' . var_export(!str_contains($m, "\n"), true)
        . ', under 1 KB: ' . var_export(strlen($m) < 1024, true)
        . ', quotes at most 210 bytes: ' . var_export(max(array_map('strlen', $quoted[1] ?: [''])) <= 210, true);
}
$warning = '';
set_error_handler(function (int $no, string $str) use (&$warning): bool {
    $warning = $str;
    return true;
});
foreach (['redislock.servers' => 'redis://' . str_repeat('h', 1 << 20) . ':6379',
    'redislock.prefix' => str_repeat('p', 1 << 20) . "\0",
    'redislock.timeout' => str_repeat('9', 1 << 20)] as $setting => $value) {
    $warning = '';
    var_dump(ini_set($setting, $value));
    echo preg_replace('/([hp9])\1{19,}/', '$1$1$1', $warning), "\n", bounded($warning), "\n";
}
restore_error_handler();

$code = 'try { RedisLock::acquireLock("x", 0); } catch (RedisLockException $e) { echo $e->getMessage(); }';
foreach (['redislock.servers' => 'redis://' . str_repeat('h', 100000) . ':abc',
    'redislock.connect_timeout' => str_repeat('9', 100000)] as $setting => $value) {
    $m = child_php([$setting => $value], $code);
    echo preg_replace('/([h9])\1{19,}/', '$1$1$1', $m), "\n", bounded($m), "\n";
}
?>
--EXPECTF--
bool(false)
ini_set(): invalid redislock.servers 'redis://hhh...': %s
one line: true, under 1 KB: true, quotes at most 210 bytes: true
bool(false)
ini_set(): invalid redislock.prefix 'ppp...': must not contain any null bytes
one line: true, under 1 KB: true, quotes at most 210 bytes: true
bool(false)
ini_set(): invalid redislock.timeout '999...': expected milliseconds from 1 to 60000
one line: true, under 1 KB: true, quotes at most 210 bytes: true
invalid redislock.servers 'redis://hhh...': %s
one line: true, under 1 KB: true, quotes at most 210 bytes: true
invalid redislock.connect_timeout '999...': expected milliseconds from 1 to 60000
one line: true, under 1 KB: true, quotes at most 210 bytes: true
