--TEST--
Fault: a RedLock [host, port] entry whose host carries credentials (['user:S3cr3t@127.0.0.1', 6379]) is a ValueError quoting the host masked up to its last @; the password is in no message, string form or trace
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
require __DIR__ . '/redis.inc';
foreach ([
    [['user:S3cr3t@127.0.0.1', 6379]],
    [['127.0.0.1', test_port('m1')], [':S3cr3t@127.0.0.1', 6379, 0.5]],
    ['k' => ['redis://user:S3cr3t@127.0.0.1', 6379]],
    [['u:S3@cr3t@localhost', '6379']],
] as $servers) {
    try {
        new RedLock($servers);
        echo "no error\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
        $all = $e->getMessage() . (string) $e . $e->getTraceAsString() . print_r($e->getTrace(), true)
            . var_export($e, true);
        echo str_contains($all, 'S3cr3t') || str_contains($all, 'cr3t') ? 'LEAKED' : 'clean', "\n";
    }
}
?>
--EXPECTF--
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is invalid: host '***@127.0.0.1' is not a host name or IP address
clean
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [1] is invalid: host '***@127.0.0.1' is not a host name or IP address
clean
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [k] is invalid: host '%S***@127.0.0.1' is not a host name or IP address
clean
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is invalid: host '***@localhost' is not a host name or IP address
clean
