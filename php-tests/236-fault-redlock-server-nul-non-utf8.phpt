--TEST--
Fault: RedLock server entries with a NUL, a control byte or bytes that are not UTF-8 (URLs, and hosts of [host, port] entries) are a ValueError naming the entry, with the value quoted escaped (\x00) and masked; nothing is connected
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$ok = 'redis://127.0.0.1:' . test_port('m1');
$cases = [
    [["redis://x\0y:6379"]],
    [[$ok, "redis://127.0.0.1:6379\0"]],
    [['a' => $ok, 'b' => "redis://x\xffy:6379"]],
    [["redis://127.0.0.1:6379/\xc3\x28"]],
    [["redis://a\nb:6379"]],
    [["redis://u:pa\0ss@127.0.0.1:6379"]],
    [["unix:///tmp/redis\0.sock"]],
    [[["x\0y", 6379]]],
    [[$ok, ["127.0.0.1\0", 6379]]],
    [[["x\xffy", 6379]]],
    [[["a\rb", 6379]]],
    [[["u:pa\0ss@127.0.0.1", 6379]]],
];
foreach ($cases as $args) {
    try {
        new RedLock(...$args);
        echo "no error\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is not a valid server URL: 'redis://x\x00y:6379': contains a NUL, control or non-UTF-8 byte
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [1] is not a valid server URL: 'redis://127.0.0.1:6379\x00': contains a NUL, control or non-UTF-8 byte
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [b] is not a valid server URL: 'redis://x\xffy:6379': contains a NUL, control or non-UTF-8 byte
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is not a valid server URL: 'redis://127.0.0.1:6379/\xc3(': contains a NUL, control or non-UTF-8 byte
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is not a valid server URL: 'redis://a\x0ab:6379': contains a NUL, control or non-UTF-8 byte
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is not a valid server URL: 'redis://u:***@127.0.0.1:6379': contains a NUL, control or non-UTF-8 byte
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is not a valid server URL: 'unix:///tmp/redis\x00.sock': contains a NUL, control or non-UTF-8 byte
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is invalid: host 'x\x00y' is not a host name or IP address
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [1] is invalid: host '127.0.0.1\x00' is not a host name or IP address
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is invalid: host 'x\xffy' is not a host name or IP address
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is invalid: host 'a\x0db' is not a host name or IP address
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is invalid: host '***@127.0.0.1' is not a host name or IP address
