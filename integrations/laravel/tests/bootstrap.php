<?php

declare(strict_types=1);

require __DIR__ . '/autoload.php';

if (!extension_loaded('redislock')) {
    fwrite(STDERR, "The redislock extension is not loaded: run with php -d extension=/path/to/libredislock.so (and REDISLOCK_SO set for child processes)\n");
    exit(1);
}
if (!extension_loaded('redis')) {
    fwrite(STDERR, "phpredis is needed (the tests' independent client and Laravel's own redis lock)\n");
    exit(1);
}

require_once __DIR__ . '/TestRedis.php';
RedisLock\Laravel\Tests\TestRedis::start();
