<?php
/**
 * The second floor: plain phpredis on one server, waking on release. An acquire that may wait
 * makes each attempt one EVALSHA that does `SET key token NX PX ttl` or else returns the holder's
 * PTTL (one round trip either way); refused, it blocks with BLPOP on the lock's wake list for at
 * most min(the time left, PTTL + 1 ms, 100 ms), then tries again. An acquire that does not wait is
 * one plain `SET NX PX`. Release is one EVALSHA of a compare-and-delete that, when it deleted,
 * pushes one wake-up to the wake list if the list is empty and gives the list a PEXPIRE of
 * 1000 ms. The wake list shares the lock key's Redis Cluster hash slot: "{key}:wake", or
 * "key:wake" when the key has a brace of its own.
 *
 * BLPOP's block time is added to the connection's read timeout (OPT_READ_TIMEOUT) for that
 * command only, then the read timeout is set back. phpredis 5.3 adds nothing itself (a BLPOP
 * longer than the read timeout fails with "read error on connection"), and its blPop() takes
 * whole seconds only, so the command is sent with rawCommand and a timeout in seconds with
 * 3 decimals (Redis 6 and later).
 *
 * Note: Redis ends a timed-out BLPOP at its next timer tick (server.hz, 10 a second by default),
 * so a block that ends by timeout (not by a wake-up) lasts up to ~100 ms longer than asked.
 *
 * Several servers: not supported (one server holds the wake list).
 */
final class FloorWakeAdapter implements LockAdapter
{
    /** SET NX PX, or else how long the holder keeps it (PTTL, ms; -1 no expiry, -2 gone). */
    private const ACQUIRE = "if redis.call('set',KEYS[1],ARGV[1],'NX','PX',ARGV[2]) then return redis.status_reply('OK') end return redis.call('pttl',KEYS[1])";
    /** Compare-and-delete; when it deleted, one wake-up if the list has none, and the list expires after ARGV[2] ms. */
    private const RELEASE = "if redis.call('get',KEYS[1]) == ARGV[1] then redis.call('del',KEYS[1]) if redis.call('llen',KEYS[2]) == 0 then redis.call('rpush',KEYS[2],'1') end redis.call('pexpire',KEYS[2],ARGV[2]) return 1 else return 0 end";
    private const WAKE_TTL_MS = 1000;
    private const MAX_BLOCK_NS = 100_000_000;

    private Redis $r;
    private string $acquireSha;
    private string $releaseSha;

    public function __construct(array $servers, private float $timeout)
    {
        if (count($servers) !== 1) {
            throw new InvalidArgumentException('floorwake: one server only (the wake list lives on one server)');
        }
        [[$host, $port]] = $servers;
        $this->r = bench_phpredis($host, $port, $timeout);
        $this->acquireSha = $this->r->script('load', self::ACQUIRE);
        $this->releaseSha = $this->r->script('load', self::RELEASE);
        if ($this->acquireSha !== sha1(self::ACQUIRE) || $this->releaseSha !== sha1(self::RELEASE)) {
            throw new RuntimeException('floorwake: SCRIPT LOAD failed');
        }
    }

    /** The wake list of a lock key, in the key's hash slot. */
    public static function wakeKey(string $key): string
    {
        return strpbrk($key, '{}') === false ? '{' . $key . '}:wake' : $key . ':wake';
    }

    public function acquire(string $name, int $ttlMs, int $waitMs): string|false
    {
        $key = "floorwake:$name";
        $token = bin2hex(random_bytes(16));
        if ($waitMs <= 0) {
            return $this->r->set($key, $token, ['nx', 'px' => $ttlMs]) === true ? $token : false;
        }
        $deadline = hrtime(true) + $waitMs * 1_000_000;
        $wake = self::wakeKey($key);
        while (true) {
            $pttl = $this->r->evalSha($this->acquireSha, [$key, $token, (string) $ttlMs], 1);
            if ($pttl === true) {
                return $token;
            }
            if (!is_int($pttl)) {
                throw new RuntimeException('floorwake: unexpected acquire reply ' . var_export($pttl, true));
            }
            $left = $deadline - hrtime(true);
            if ($left <= 0) {
                return false;
            }
            if ($pttl === -2 || $pttl === 0) {
                continue;       // gone meanwhile, or expiring within the millisecond: try again at once
            }
            $block = min($left, self::MAX_BLOCK_NS);
            if ($pttl > 0) {
                $block = min($block, ($pttl + 1) * 1_000_000);      // taken when it expires, not later
            }
            if ($block < 1_000_000) {
                continue;       // under BLPOP's 1 ms resolution: one last try
            }
            $this->blpop($wake, intdiv($block, 1_000_000));
        }
    }

    /** BLPOP $wake for up to $ms ms, with $ms added to the read timeout for this command only. */
    private function blpop(string $wake, int $ms): void
    {
        $this->r->setOption(Redis::OPT_READ_TIMEOUT, $this->timeout + $ms / 1000);
        try {
            $this->r->rawCommand('BLPOP', $wake, sprintf('%d.%03d', intdiv($ms, 1000), $ms % 1000));
        } finally {
            $this->r->setOption(Redis::OPT_READ_TIMEOUT, $this->timeout);
        }
    }

    public function release(string $name, string $token): bool
    {
        $key = "floorwake:$name";
        return $this->r->evalSha($this->releaseSha, [$key, self::wakeKey($key), $token, (string) self::WAKE_TTL_MS], 2) === 1;
    }

    public function effectiveTtlMs(int $ttlMs, int $waitMs): int
    {
        return $ttlMs;
    }
}
