<?php

declare(strict_types=1);

namespace RedisLock\IntegrationTests;

/**
 * Shared by both packages' test suites (each package's tests/TestRedis.php aliases it).
 * A throwaway redis-server for the whole run (a free port, no persistence), stopped at exit;
 * the extension is pointed at it. Child PHP processes load the extension from REDISLOCK_SO.
 */
final class TestRedis
{
    public static int $port = 0;
    private static $proc = null;
    private static string $dir = '';

    public static function start(): void
    {
        $s = stream_socket_server('tcp://127.0.0.1:0');
        $name = stream_socket_get_name($s, false);
        fclose($s);
        self::$port = (int) substr(strrchr($name, ':'), 1);
        self::$dir = sys_get_temp_dir() . '/redislock-integration-' . getmypid();
        @mkdir(self::$dir);
        self::$proc = proc_open(['redis-server', '--port', (string) self::$port, '--bind', '127.0.0.1', '--save', '',
            '--appendonly', 'no', '--dir', self::$dir], [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'a'],
            2 => ['file', '/dev/null', 'a']], $pipes);
        for ($i = 0; $i < 200 && !@fsockopen('127.0.0.1', self::$port, $e, $es, 0.1); $i++) {
            usleep(20000);
        }
        $pid = getmypid();
        register_shutdown_function(static function () use ($pid): void {
            if (getmypid() === $pid && self::$proc !== null) {
                proc_terminate(self::$proc);
                proc_close(self::$proc);
                @rmdir(self::$dir);
            }
        });
        ini_set('redislock.servers', self::url());
    }

    public static function url(): string
    {
        return 'redis://127.0.0.1:' . self::$port;
    }

    /** phpredis on the test server, with short timeouts. */
    public static function client(): \Redis
    {
        $r = new \Redis();
        $r->connect('127.0.0.1', self::$port, 2.0, null, 0, 2.0);

        return $r;
    }

    /** The command line of a child PHP process with the extension on the test server. */
    public static function php(string $script, string ...$args): string
    {
        $cmd = escapeshellarg(PHP_BINARY);
        $so = getenv('REDISLOCK_SO');
        if ($so !== false && $so !== '') {
            $cmd .= ' -d ' . escapeshellarg("extension=$so");
        }
        $cmd .= ' -d ' . escapeshellarg('redislock.servers=' . self::url()) . ' ' . escapeshellarg($script);
        foreach ($args as $a) {
            $cmd .= ' ' . escapeshellarg($a);
        }

        return $cmd;
    }

    /** Starts children at once; returns their outputs when all have ended. */
    public static function runAll(array $commands): array
    {
        $procs = [];
        foreach ($commands as $i => $cmd) {
            $procs[$i] = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes[$i]);
        }
        $out = [];
        foreach ($procs as $i => $p) {
            $out[$i] = stream_get_contents($pipes[$i][1]) . stream_get_contents($pipes[$i][2]);
            proc_close($p);
        }

        return $out;
    }

    public static function unique(string $base): string
    {
        return $base . ':' . getmypid() . ':' . bin2hex(random_bytes(4));
    }
}
