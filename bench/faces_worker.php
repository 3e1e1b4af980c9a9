<?php
/**
 * One measured process of the framework-faces benchmark (bench/faces.php runs it):
 *   php -d extension=... bench/faces_worker.php IMPL SCENARIO NAME PORT PARAMS_JSON
 * IMPL: sf-redislock (Symfony LockFactory over RedisLockStore), sf-redisstore (LockFactory over
 * Symfony's RedisStore on phpredis), lv-redislock (Laravel lock from RedisLockStore),
 * lv-redis (Laravel's own Illuminate\Cache\RedisLock on phpredis).
 * SCENARIO uncontended: acquire + release cycles on one name for `seconds`; prints
 * {"cycles", "seconds"}. contended: `cycles` blocking acquires (critical section `cs_us` with a
 * read-pause-write of a counter, `outside_us` between), prints {"waits_us": [...]}.
 * Every connection: 1 s connect and read timeouts (the extension's defaults).
 */
declare(strict_types=1);

require_once '/usr/share/php/Symfony/Component/Lock/autoload.php';
foreach (['Cache', 'Config', 'Container', 'Contracts', 'Redis', 'Support'] as $component) {
    require_once "Illuminate/$component/autoload.php";
}
foreach (['symfony' => 'RedisLock\\Symfony\\', 'laravel' => 'RedisLock\\Laravel\\'] as $dir => $prefix) {
    spl_autoload_register(static function (string $class) use ($dir, $prefix): void {
        if (str_starts_with($class, $prefix)) {
            require __DIR__ . "/../integrations/$dir/src/" . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        }
    });
}

[, $impl, $scenario, $name, $port, $params] = $argv;
$p = json_decode($params, true, 512, JSON_THROW_ON_ERROR);
ini_set('redislock.servers', "redis://127.0.0.1:$port");
$phpredis = static function () use ($port): Redis {
    $r = new Redis();
    $r->connect('127.0.0.1', (int) $port, 1.0, null, 0, 1.0);
    return $r;
};
$ttl = 10;

// take($blocking): a closure that acquires (blocking: waiting up to 10 s) and returns a release closure.
switch ($impl) {
    case 'sf-redislock':
    case 'sf-redisstore':
        $store = $impl === 'sf-redislock'
            ? new RedisLock\Symfony\RedisLockStore(300.0)
            : new Symfony\Component\Lock\Store\RedisStore($phpredis());
        $factory = new Symfony\Component\Lock\LockFactory($store);
        $take = static function (bool $blocking) use ($factory, $name, $ttl): ?Closure {
            $lock = $factory->createLock($name, $ttl);
            return $lock->acquire($blocking) ? static fn () => $lock->release() : null;
        };
        break;
    case 'lv-redislock':
    case 'lv-redis':
        if ($impl === 'lv-redislock') {
            $store = new RedisLock\Laravel\RedisLockStore(new Illuminate\Cache\ArrayStore());
            $make = static fn () => $store->lock($name, $ttl);
        } else {
            $connection = new Illuminate\Redis\Connections\PhpRedisConnection($phpredis());
            $make = static fn () => new Illuminate\Cache\RedisLock($connection, $name, $ttl);
        }
        $take = static function (bool $blocking) use ($make): ?Closure {
            $lock = $make();
            if ($blocking) {
                $lock->block(10);       // LockTimeoutException after 10 s: counted as a failure
            } elseif (!$lock->get()) {
                return null;
            }
            return static fn () => $lock->release();
        };
        break;
    default:
        throw new InvalidArgumentException("unknown implementation $impl");
}

if ($scenario === 'uncontended') {
    for ($i = 0; $i < $p['warm_cycles']; $i++) {
        ($take(false) ?? throw new RuntimeException('uncontended acquire refused'))();
    }
    $cycles = 0;
    $start = hrtime(true);
    $end = $start + (int) ($p['seconds'] * 1e9);
    do {
        ($take(false) ?? throw new RuntimeException('uncontended acquire refused'))();
        $cycles++;
    } while (hrtime(true) < $end);
    echo json_encode(['cycles' => $cycles, 'seconds' => (hrtime(true) - $start) / 1e9]), "\n";
} elseif ($scenario === 'contended') {
    $counter = $phpredis();
    // Start together: wait for the coordinator's start time.
    while (microtime(true) < $p['start_at']) {
        usleep(1000);
    }
    $waits = [];
    for ($i = 0; $i < $p['cycles']; $i++) {
        $t = hrtime(true);
        $release = $take(true) ?? throw new RuntimeException('blocking acquire returned without the lock');
        $waits[] = intdiv(hrtime(true) - $t, 1000);
        $n = (int) $counter->get("$name:n");
        usleep($p['cs_us']);
        $counter->set("$name:n", (string) ($n + 1));
        $release();
        usleep($p['outside_us']);
    }
    echo json_encode(['waits_us' => $waits]), "\n";
} else {
    throw new InvalidArgumentException("unknown scenario $scenario");
}
