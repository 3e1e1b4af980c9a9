<?php
/** Shared by bench/run.php (the coordinator) and bench/worker.php (one measured PHP process). */

require_once __DIR__ . '/adapters/LockAdapter.php';

/**
 * Every implementation, in table order. 'na' gives, per topology, why it cannot take part
 * (shown as "n/a" with that reason, never as a number).
 */
const IMPLS = [
    'redislock' => [
        'label' => 'redislock',
        'file' => 'redislock.php', 'class' => 'RedislockAdapter',
        'what' => 'the extension: RedisLock::acquireLock/releaseLock on one server, RedLock lock/unlock on five',
    ],
    'floor' => [
        'label' => 'floor (phpredis)',
        'file' => 'floor.php', 'class' => 'FloorAdapter',
        'what' => 'plain phpredis, fewest round trips: SET NX PX, then compare-and-delete by EVALSHA (five masters: one after another); waits with random 0.5-4 ms pauses (redislock\'s own waiting before it woke on release; its quorums still wait so)',
    ],
    'floorwake' => [
        'label' => 'floor, wakes on release (phpredis)',
        'file' => 'floorwake.php', 'class' => 'FloorWakeAdapter',
        'what' => 'plain phpredis, one server, waking on release: a waiting acquire is one EVALSHA per attempt (SET NX PX, or else the holder\'s PTTL), and when refused a BLPOP on the lock\'s wake list ("{key}:wake") for at most min(time left, PTTL + 1 ms, 100 ms), then again; release is one EVALSHA of a compare-and-delete that, when it deleted, pushes one wake-up if the list is empty and gives the list a PEXPIRE of 1000 ms; BLPOP\'s block time is added to the read timeout for that command; an acquire that does not wait is a plain SET NX PX',
        'na' => ['redlock' => 'one Redis only (the wake list lives on one server)'],
    ],
    'oldclass' => [
        'label' => 'blog-post class',
        'file' => 'oldclass.php', 'class' => 'OldClassAdapter',
        'what' => 'the PHP class shops copy from blog posts (php-tests/fixtures/OldRedisLock.php) on phpredis: SETNX+EXPIRE in Lua by EVAL, 100 ms polling',
        'na' => ['redlock' => 'one Redis only (the class has a single location_redis() connection)'],
    ],
    'symfony' => [
        'label' => 'symfony/lock',
        'file' => 'symfony.php', 'class' => 'SymfonyAdapter',
        'what' => 'php-symfony-lock: LockFactory + RedisStore on phpredis; CombinedStore + ConsensusStrategy on five; acquire(true) polls every 100 ms',
    ],
    'malkusch' => [
        'label' => 'malkusch/lock',
        'file' => 'malkusch.php', 'class' => 'MalkuschAdapter',
        'what' => 'php-malkusch-lock: PHPRedisMutex on one or five phpredis connections; polls 10 ms growing to 500 ms; TTL = timeout + 1 s',
    ],
    'nolock' => [
        'label' => 'no lock (control)',
        'file' => 'nolock.php', 'class' => 'NoLockAdapter',
        'control' => true,
        'what' => 'control, not a lock: shows that the counter and oversell checks can fail',
    ],
];

function make_adapter(string $impl, array $servers, float $timeout): LockAdapter
{
    $def = IMPLS[$impl] ?? throw new InvalidArgumentException("unknown implementation $impl");
    require_once __DIR__ . '/adapters/' . $def['file'];
    return new ($def['class'])($servers, $timeout);
}

/** "127.0.0.1:1234,127.0.0.1:1235" -> [['127.0.0.1', 1234], ...] */
function parse_servers(string $s): array
{
    return array_map(function ($hp) {
        [$h, $p] = explode(':', $hp);
        return [$h, (int) $p];
    }, explode(',', $s));
}

/** Sleep until the monotonic instant $ns (hrtime(true) is CLOCK_MONOTONIC, shared by all processes). */
function sleep_until(int $ns): void
{
    while (($left = $ns - hrtime(true)) > 0) {
        if ($left > 2_000_000) {
            usleep(intdiv($left - 1_000_000, 1000));
        }
    }
}

function percentile(array $xs, float $p): ?float
{
    if (!$xs) {
        return null;
    }
    sort($xs);
    $i = (int) ceil($p / 100 * count($xs)) - 1;
    return (float) $xs[max(0, min(count($xs) - 1, $i))];
}

function median(array $xs): ?float
{
    if (!$xs) {
        return null;
    }
    sort($xs);
    $n = count($xs);
    return $n % 2 ? (float) $xs[intdiv($n, 2)] : ($xs[$n / 2 - 1] + $xs[$n / 2]) / 2;
}

/** A worker process: its stdin takes commands ("go <ns>"), its stdout gives lines ("ready", "result {...}"). */
final class Worker
{
    public $proc;
    public $in;
    public $out;
    public int $pid;
    private string $buf = '';
    public bool $eof = false;

    public function __construct(array $argv, string $log)
    {
        $this->proc = proc_open($argv, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', $log, 'a']], $pipes);
        if (!is_resource($this->proc)) {
            throw new RuntimeException('cannot start ' . implode(' ', $argv));
        }
        [$this->in, $this->out] = $pipes;
        stream_set_blocking($this->out, false);
        $this->pid = proc_get_status($this->proc)['pid'];
    }

    public function send(string $line): void
    {
        @fwrite($this->in, "$line\n");
        @fflush($this->in);
    }

    /** A complete line already read, or null. */
    public function takeLine(): ?string
    {
        $p = strpos($this->buf, "\n");
        if ($p === false) {
            return null;
        }
        $line = substr($this->buf, 0, $p);
        $this->buf = substr($this->buf, $p + 1);
        return $line;
    }

    public function pump(): void
    {
        $chunk = @fread($this->out, 1 << 20);
        if ($chunk === '' || $chunk === false) {
            if (feof($this->out)) {
                $this->eof = true;
            }
            return;
        }
        $this->buf .= $chunk;
    }

    public function kill(int $signal = 9): void
    {
        @proc_terminate($this->proc, $signal);
    }

    public function close(): int
    {
        @fclose($this->in);
        @fclose($this->out);
        return proc_close($this->proc);
    }
}

/**
 * Wait until every worker has printed a line starting with $word (or an "error" line).
 * Returns [index => rest of line]; throws on timeout or a worker that died or failed.
 * @param Worker[] $workers
 */
function expect_all(array $workers, string $word, float $timeoutS): array
{
    $got = [];
    $deadline = microtime(true) + $timeoutS;
    while (count($got) < count($workers)) {
        foreach ($workers as $i => $w) {
            if (isset($got[$i])) {
                continue;
            }
            while (($line = $w->takeLine()) !== null) {
                if (str_starts_with($line, 'error ')) {
                    throw new RuntimeException(substr($line, 6));
                }
                if ($line === $word || str_starts_with($line, "$word ")) {
                    $got[$i] = (string) substr($line, strlen($word) + 1);
                    break;
                }
            }
            if (!isset($got[$i]) && $w->eof) {
                throw new RuntimeException("worker $i exited before '$word'");
            }
        }
        if (count($got) === count($workers)) {
            break;
        }
        $left = $deadline - microtime(true);
        if ($left <= 0) {
            throw new RuntimeException(sprintf("timed out after %.0f s waiting for '%s'", $timeoutS, $word));
        }
        $read = array_values(array_map(fn ($w) => $w->out, array_filter($workers, fn ($w, $i) => !isset($got[$i]) && !$w->eof, ARRAY_FILTER_USE_BOTH)));
        $wr = $ex = null;
        if ($read && @stream_select($read, $wr, $ex, 0, (int) min(200000, $left * 1e6)) === false) {
            usleep(1000);
        }
        foreach ($workers as $i => $w) {
            if (!isset($got[$i])) {
                $w->pump();
            }
        }
    }
    ksort($got);
    return $got;
}
