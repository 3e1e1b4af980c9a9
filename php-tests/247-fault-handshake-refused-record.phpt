--TEST--
Fault: against a server that records every command it receives (a fake), a refused AUTH or a failed SELECT is the last thing the client sends on that connection: no SET, no script ever arrives; a good SELECT is followed by the SET
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$name = unique_name('record');
foreach (['refused AUTH' => ':Wr0ngPw247', 'refused AUTH with user' => 'someone:Wr0ngPw247',
    'failed SELECT' => '/99', 'good SELECT' => '/3'] as $what => $how) {
    $fake = new FakeServer('record');
    ini_set('redislock.servers', $how[0] === '/' ? $fake->url() . $how : $fake->url($how));
    try {
        $out = is_string(RedisLock::acquireLock($name, 0)) ? 'acquired' : 'not acquired';
    } catch (RedisLockException $e) {
        $out = get_class($e) . ': ' . preg_replace('/failed: .*/', 'failed: ...', $e->getMessage());
    }
    echo "$what: ", str_replace((string) $fake->port, 'PORT', $out), "\n";
    echo "  received: ", implode(', ', array_map(fn($l) => strtok($l, ' ') . ($l === 'SELECT 99' || $l === 'SELECT 3' ? ' ' . substr($l, 7) : ''), $fake->commands())), "\n";
    echo "  password in the record only with AUTH: ", var_export(count(array_filter($fake->commands(),
        fn($l) => str_contains($l, 'Wr0ngPw247') && strtok($l, ' ') !== 'AUTH')) === 0, true), "\n";
}
?>
--EXPECT--
refused AUTH: RedisLockException: Redis server 127.0.0.1:PORT: authentication or database selection failed: ...
  received: AUTH
  password in the record only with AUTH: true
refused AUTH with user: RedisLockException: Redis server 127.0.0.1:PORT: authentication or database selection failed: ...
  received: AUTH
  password in the record only with AUTH: true
failed SELECT: RedisLockException: Redis server 127.0.0.1:PORT/99: authentication or database selection failed: ...
  received: SELECT 99
  password in the record only with AUTH: true
good SELECT: acquired
  received: SELECT 3, INFO, SCRIPT, SCRIPT, SCRIPT, SCRIPT, SCRIPT, SCRIPT, SET
  password in the record only with AUTH: true
