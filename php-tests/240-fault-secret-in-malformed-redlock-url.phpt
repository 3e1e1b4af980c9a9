--TEST--
Fault: a malformed RedLock URL with credentials (redis:/user:S3cr3t@host:port, one slash) is a ValueError quoting it masked up to its last @ ('***@127.0.0.1:6379'); the password is in no message, string form or trace
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
require __DIR__ . '/redis.inc';
foreach ([
    ['redis:/user:S3cr3t@127.0.0.1:6379'],
    ['redis://127.0.0.1:' . test_port('m1'), 'redis:user:S3cr3t@127.0.0.1:6379'],
    ['x' => 'user:S3cr3t@127.0.0.1:6379'],
    ['redis://user:S3cr3t@127.0.0.1:6379:6379'],
    ['redis://us@er:S3cr3t@127.0.0.1:99999'],
] as $servers) {
    try {
        new RedLock($servers);
        echo "no error\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
        $all = $e->getMessage() . (string) $e . $e->getTraceAsString() . print_r($e->getTrace(), true)
            . var_export($e, true);
        echo str_contains($all, 'S3cr3t') ? 'LEAKED' : 'clean', "\n";
    }
}
?>
--EXPECT--
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is not a valid server URL: '***@127.0.0.1:6379': expected redis://[user:pass@]host:port[/db], rediss:// (TLS), unix:///path, redis+sentinel://host:port,.../SERVICE or redis+cluster://host:port,...
clean
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [1] is not a valid server URL: '***@127.0.0.1:6379': expected redis://[user:pass@]host:port[/db], rediss:// (TLS), unix:///path, redis+sentinel://host:port,.../SERVICE or redis+cluster://host:port,...
clean
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [x] is not a valid server URL: '***@127.0.0.1:6379': expected redis://[user:pass@]host:port[/db], rediss:// (TLS), unix:///path, redis+sentinel://host:port,.../SERVICE or redis+cluster://host:port,...
clean
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is not a valid server URL: 'redis://user:***@127.0.0.1:6379:6379': host '127.0.0.1:6379' is not a host name or IP address
clean
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is not a valid server URL: 'redis://us@er:***@127.0.0.1:99999': port '99999' is not a number from 1 to 65535
clean
