<?php

declare(strict_types=1);

// The throwaway redis-server of the test run: one class for both packages' suites, in
// integrations/shared-tests (tests only; nothing of it is in the package's autoload).
require_once __DIR__ . '/../../shared-tests/TestRedis.php';
class_alias(\RedisLock\IntegrationTests\TestRedis::class, 'RedisLock\\Laravel\\Tests\\TestRedis');
