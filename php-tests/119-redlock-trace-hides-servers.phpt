--TEST--
RedLock: an exception thrown inside the constructor shows $servers as SensitiveParameterValue in its trace, never the password
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$servers = ['redis://u:s3cret@127.0.0.1:' . test_port('m1'), ['127.0.0.1', test_port('m2')]];
try {
    new RedLock($servers, -1);
} catch (ValueError $e) {
    $trace = $e->getTrace();
    $frame = $trace[0];
    echo $frame['class'], $frame['type'], $frame['function'], "\n";
    var_dump(get_class($frame['args'][0]), $frame['args'][1]);
    echo $e, "\n";
    var_dump(str_contains((string) $e, 's3cret'));
    var_dump(str_contains(print_r($trace, true), 's3cret'));
    var_dump(str_contains(var_export($trace, true), 's3cret'));
    // The value is kept for code that asks for it explicitly, as PHP does for its own functions.
    var_dump($frame['args'][0]->getValue() === $servers);
}
?>
--EXPECTF--
RedLock->__construct
string(23) "SensitiveParameterValue"
int(-1)
ValueError: RedLock::__construct(): Argument #2 ($retryDelay) must be between 0 and 60000 (ms) in %s119-redlock-trace-hides-servers.php:6
Stack trace:
#0 %s119-redlock-trace-hides-servers.php(6): RedLock->__construct(Object(SensitiveParameterValue), -1)
#1 {main}
bool(false)
bool(false)
bool(false)
bool(true)
