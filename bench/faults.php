<?php
/**
 * How long one lock call takes against each faulty server, and what it raises: starts each fake
 * Redis of php-tests/fixtures/fake_redis.php (no real Redis needed), times one
 * RedisLock::acquireLock() with 200 ms timeouts, and prints a markdown table. The last rows are
 * quorums of three (redislock.servers) where one master's connect hangs or it sends half a
 * reply, beside two correct (fake) masters.
 *
 *   php -d extension=target/release/libredislock.so bench/faults.php
 */
require_once __DIR__ . '/../php-tests/fake.inc';

if (!extension_loaded('redislock')) {
    fwrite(STDERR, "load the extension: php -d extension=target/release/libredislock.so bench/faults.php\n");
    exit(1);
}
ini_set('redislock.connect_timeout', '200');
ini_set('redislock.timeout', '200');
ini_set('redislock.node_timeout', '200');

/** One acquireLock() against redislock.servers = $servers: [ms, exception class, message]. */
function measure(string $servers, array $ports): array
{
    ini_set('redislock.servers', $servers);
    $name = 'bench-faults:' . bin2hex(random_bytes(4));
    $t = hrtime(true);
    try {
        $id = RedisLock::acquireLock($name, 0);
        $ms = (hrtime(true) - $t) / 1e6;
        $class = '—';
        $message = is_string($id) ? 'granted' : 'not granted (held)';
    } catch (Throwable $e) {
        $ms = (hrtime(true) - $t) / 1e6;
        $class = get_class($e);
        $message = $e->getMessage();
    }
    $replace = [];
    foreach ($ports as $label => $port) {
        $replace[(string) $port] = $label;
    }
    return [$ms, $class, strtr($message, $replace)];
}

$rows = [];
$single = [
    'nested' => '60,000 nested one-element arrays',
    'garbage' => 'reply with no RESP type (`?garbage`)',
    'huge-bulk' => 'bulk header of 999,999,999,999 bytes, then stalls',
    'wide-array' => 'array header of 100,000 elements, then stalls',
    'endless-line' => 'a reply line growing past 1 MiB',
    'odd-error' => 'error reply of 5,000 bytes with control bytes',
    'latin1-error' => 'error reply that is not UTF-8',
    'auth-echo' => 'AUTH refused, the error quoting user and password',
    'silent' => 'accepts, never answers',
    'bytewise' => 'correct replies, one byte every 20 ms',
    'half-stall' => 'half a reply, then stalls',
    'hang-connect' => 'TCP connect hangs (backlog full)',
    'record' => 'none (a correct fake: the baseline)',
];
foreach ($single as $mode => $what) {
    $fake = new FakeServer($mode);
    $url = $mode === 'auth-echo' ? $fake->url('user:S3cr3t') : $fake->url();
    $rows[] = array_merge(["$mode: $what"], measure($url, ['PORT' => $fake->port]));
    unset($fake);
}
foreach (['hang-connect' => 'connect hangs', 'half-stall' => 'half a reply'] as $mode => $what) {
    $bad = new FakeServer($mode);
    $a = new FakeServer('record');
    $b = new FakeServer('record');
    $rows[] = array_merge(["quorum of 3, one master's $what ($mode)"],
        measure("{$a->url()},{$bad->url()},{$b->url()}", ['PORT' => $bad->port, 'A' => $a->port, 'B' => $b->port]));
    unset($bad, $a, $b);
}

$cell = fn(string $s) => str_replace(['|', "\n"], ['\\|', ' '], $s);
echo "Timeouts: connect 200 ms, reply 200 ms, node 200 ms; one RedisLock::acquireLock(name, 0) each.\n\n";
echo "| fault | time ms | exception class | message |\n";
echo "|---|---:|---|---|\n";
foreach ($rows as [$fault, $ms, $class, $message]) {
    printf("| %s | %.1f | %s | %s |\n", $cell($fault), $ms, $cell($class), $cell($message));
}
