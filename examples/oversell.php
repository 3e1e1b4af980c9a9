<?php
/**
 * The flash-sale scenario: stock 100, 20 buyer processes released together by a start barrier,
 * 10 purchases each. A purchase reads the stock, works for a moment (usleep), then writes it back:
 * without a lock, buyers read the same stock and sell the same item twice.
 *
 *   REDISLOCK_SO=$PWD/target/release/libredislock.so \
 *     php -d extension=$REDISLOCK_SO examples/oversell.php --port 6379 [--no-lock]
 *
 * Prints sold, stock left, oversold, failed acquisitions and time; exits 1 if the lock run oversold.
 */

const STOCK = 100;
const BUYERS = 20;
const PURCHASES = 10;
const GOODS = 2001;

$opts = getopt('', ['port:', 'no-lock', 'worker:', 'run:']);
$port = (int) ($opts['port'] ?? 6379);
$useLock = !isset($opts['no-lock']);
ini_set('redislock.servers', "redis://127.0.0.1:$port");

function redis_at(int $port): Redis
{
    $r = new Redis();
    $r->connect('127.0.0.1', $port, 2.0, null, 0, 5.0);
    return $r;
}

if (isset($opts['worker'])) {
    buyer(redis_at($port), $opts['run'], $useLock);
    exit(0);
}

function buyer(Redis $r, string $run, bool $useLock): void
{
    // Start barrier: report ready, then block until the coordinator opens the gate for everyone.
    $r->incr("$run:ready");
    $r->blPop(["$run:gate"], 30);
    $failed = 0;
    for ($i = 0; $i < PURCHASES; $i++) {
        $id = true;
        if ($useLock) {
            // Unchanged shop code: the same call the PHP class had.
            $id = RedisLock::acquireLock('goods:' . GOODS . ":$run", 10, 5);
            if ($id === false) {
                $failed++;
                continue;
            }
        }
        $stock = (int) $r->get("$run:stock");
        if ($stock > 0) {
            usleep(1000);                      // the order is written to the database meanwhile
            $r->set("$run:stock", $stock - 1);
            $r->incr("$run:sold");
        }
        if ($useLock) {
            RedisLock::releaseLock('goods:' . GOODS . ":$run", $id);
        }
    }
    $r->incrBy("$run:failed", $failed);
}

// Coordinator.
$r = redis_at($port);
$run = 'oversell:' . getmypid() . ':' . ($useLock ? 'lock' : 'nolock');
$r->del("$run:stock", "$run:sold", "$run:failed", "$run:ready", "$run:gate");
$r->set("$run:stock", STOCK);
$r->set("$run:sold", 0);
$r->set("$run:failed", 0);

$args = array_merge([PHP_BINARY], php_flags(), [__FILE__, '--port', (string) $port, '--worker', '1', '--run', $run],
    $useLock ? [] : ['--no-lock']);
$procs = [];
for ($i = 0; $i < BUYERS; $i++) {
    $procs[] = proc_open($args, [0 => ['file', '/dev/null', 'r'], 1 => STDOUT, 2 => STDERR], $pipes);
}
$deadline = microtime(true) + 30;
while ((int) $r->get("$run:ready") < BUYERS) {
    if (microtime(true) > $deadline) {
        fwrite(STDERR, "buyers did not start\n");
        exit(2);
    }
    usleep(2000);
}
$t0 = hrtime(true);
$r->rPush("$run:gate", ...array_fill(0, BUYERS, 'go'));
$status = 0;
foreach ($procs as $p) {
    $status |= proc_close($p);
}
$ms = (hrtime(true) - $t0) / 1e6;

$sold = (int) $r->get("$run:sold");
$stock = (int) $r->get("$run:stock");
$failed = (int) $r->get("$run:failed");
$oversold = max(0, $sold - STOCK);
printf("%-10s sold %3d  stock left %3d  oversold %3d  failed acquisitions %3d  time %6.0f ms\n",
    $useLock ? 'RedisLock' : 'no lock', $sold, $stock, $oversold, $failed, $ms);
$r->del("$run:stock", "$run:sold", "$run:failed", "$run:ready", "$run:gate");
if ($status !== 0) {
    fwrite(STDERR, "a buyer process failed\n");
    exit(2);
}
exit($useLock && ($oversold !== 0 || $sold !== STOCK) ? 1 : 0);

/** Children load the extension as this process did: from php.ini, or REDISLOCK_SO given by -d. */
function php_flags(): array
{
    $so = getenv('REDISLOCK_SO');
    return $so ? ['-d', "extension=$so"] : [];
}
