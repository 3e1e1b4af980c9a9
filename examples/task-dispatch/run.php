<?php
/**
 * Task dispatch, side by side: for each lock mode (the extension with its watchdog, the blog-post
 * class, no lock) --tasks tasks in the database (every --long-every th one long), --workers worker
 * processes; while they run, --kill workers busy with a long task are SIGKILLed (each replaced by a
 * new worker). Measures, per killed task, the time from the kill until another worker starts it.
 * Started by run.sh (which starts redis-server and the database):
 *
 *   TASK_REDIS=127.0.0.1:PORT SHOP_DB_DSN=... REDISLOCK_SO=... php run.php [--tasks 24]
 *       [--workers 4] [--kill 2] [--long-ms 3000] [--short-ms 200] [--long-every 6] [--json FILE]
 *
 * Exit status: 0; 1 if a locked run left a task undone, finished one twice or (the extension)
 * took longer than a lease and a second to recover a killed task; 3 if the no-lock control
 * finished no task twice (then the UNIQUE check proved nothing).
 */

declare(strict_types=1);

require __DIR__ . '/../common/db.php';

const LEASE_MS = 1000;
const BLOG_TTL = 5;

$o = getopt('', ['tasks:', 'workers:', 'kill:', 'long-ms:', 'short-ms:', 'long-every:', 'modes:', 'json:']);
$cfg = [
    'tasks' => (int) ($o['tasks'] ?? 24), 'workers' => (int) ($o['workers'] ?? 4), 'kill' => (int) ($o['kill'] ?? 2),
    'long_ms' => (int) ($o['long-ms'] ?? 3000), 'short_ms' => (int) ($o['short-ms'] ?? 200),
    'long_every' => (int) ($o['long-every'] ?? 6),
];
[$host, $port] = explode(':', getenv('TASK_REDIS') ?: '127.0.0.1:6379');
$r = new Redis();
$r->connect($host, (int) $port, 2.0, null, 0, 5.0);
$db = shop_db();

printf("%-10s %5s %5s %10s %11s %6s %28s %8s\n", 'lock', 'tasks', 'done', 'ran twice', 'UNIQUE hits', 'killed',
    'recovery ms (per killed task)', 'wall s');
$rows = [];
$status = 0;
foreach (explode(',', (string) ($o['modes'] ?? 'redislock,blogpost,nolock')) as $mode) {
    $row = dispatch_run($r, $db, $mode, $cfg);
    $rows[] = $row;
    printf("%-10s %5d %5d %10d %11d %6d %28s %8.1f  %s\n", $mode, $row['tasks'], $row['done'], $row['ran_twice'],
        $row['unique_refusals'], count($row['recovery_ms']), implode(', ', $row['recovery_ms']) ?: '-',
        $row['wall_s'], $row['problems'] === [] ? 'ok' : implode('; ', $row['problems']));
    if ($mode === 'nolock' && $row['unique_refusals'] === 0) {
        fwrite(STDERR, "the no-lock control finished no task twice: the UNIQUE check proved nothing\n");
        $status = $status ?: 3;
    } elseif ($mode !== 'nolock' && $row['problems'] !== []) {
        $status = 1;
    }
}
if (isset($o['json'])) {
    file_put_contents((string) $o['json'], json_encode(['config' => $cfg, 'rows' => $rows], JSON_PRETTY_PRINT) . "\n");
}
exit($status);

function dispatch_run(Redis $r, PDO $db, string $mode, array $cfg): array
{
    shop_schema($db, __DIR__);
    $r->del('task:duplicates');
    $insert = $db->prepare('INSERT INTO tasks (id, duration_ms) VALUES (:id, :d)');
    for ($id = 1; $id <= $cfg['tasks']; $id++) {
        $insert->execute([':id' => $id, ':d' => $id % $cfg['long_every'] === 1 ? $cfg['long_ms'] : $cfg['short_ms']]);
    }
    $t0 = microtime(true);
    $procs = [];
    for ($i = 1; $i <= $cfg['workers']; $i++) {
        $procs["w$i"] = start_worker("w$i", $mode);
    }
    $kills = [];   // task id => [worker, kill time]
    $deadline = $t0 + 120;
    while (microtime(true) < $deadline && (int) $db->query('SELECT COUNT(*) FROM tasks WHERE done = 0')->fetchColumn() > 0) {
        if (count($kills) < $cfg['kill']) {
            // A worker 0.3 s into a long task, not finished: SIGKILL, no cleanup, like the OOM killer.
            $q = $db->prepare('SELECT s.task_id, s.worker FROM task_starts s JOIN tasks t ON t.id = s.task_id
                WHERE t.done = 0 AND t.duration_ms >= :long AND s.started_at < :t ORDER BY s.id');
            $q->execute([':long' => $cfg['long_ms'], ':t' => microtime(true) - 0.3]);
            foreach ($q->fetchAll(PDO::FETCH_NUM) as [$task, $worker]) {
                if (!isset($kills[$task]) && isset($procs[$worker]) && proc_get_status($procs[$worker])['running']) {
                    posix_kill(proc_get_status($procs[$worker])['pid'], SIGKILL);
                    $kills[$task] = [$worker, microtime(true)];
                    proc_close($procs[$worker]);
                    unset($procs[$worker]);
                    $procs["$worker-new"] = start_worker("$worker-new", $mode);
                    break;
                }
            }
        }
        usleep(10000);
    }
    $wall = microtime(true) - $t0;
    foreach ($procs as $p) {
        $pid = proc_get_status($p)['pid'];
        for ($i = 0; $i < 1500 && proc_get_status($p)['running']; $i++) {
            usleep(10000);   // at most 15 s: a worker finishes its task and finds none left
        }
        if (proc_get_status($p)['running']) {
            posix_kill($pid, SIGKILL);
        }
        proc_close($p);
    }
    $recovery = [];
    foreach ($kills as $task => [$worker, $at]) {
        $q = $db->prepare('SELECT MIN(started_at) FROM task_starts WHERE task_id = :t AND worker <> :w AND started_at > :at');
        $q->execute([':t' => $task, ':w' => $worker, ':at' => $at]);
        $next = $q->fetchColumn();
        $recovery[$task] = $next === null ? -1 : (int) round(1000 * ((float) $next - $at));
    }
    $done = (int) $db->query('SELECT COUNT(*) FROM task_done')->fetchColumn();
    // Starts beyond one per task that were not a killed worker's.
    $starts = (int) $db->query('SELECT COUNT(*) FROM task_starts')->fetchColumn();
    $ranTwice = $starts - $cfg['tasks'] - count($kills);
    $unique = (int) $r->get('task:duplicates');
    $problems = [];
    if ($done !== $cfg['tasks'] || (int) $db->query('SELECT COUNT(*) FROM tasks WHERE done = 0')->fetchColumn() !== 0) {
        $problems[] = "$done of {$cfg['tasks']} tasks done";
    }
    if ($ranTwice !== 0 || $unique !== 0) {
        $problems[] = "$ranTwice extra runs, $unique refused by UNIQUE";
    }
    if (count($kills) !== $cfg['kill']) {
        $problems[] = count($kills) . " of {$cfg['kill']} workers killed mid-task";
    }
    foreach ($recovery as $task => $ms) {
        if ($ms < 0 || ($mode === 'redislock' && $ms > LEASE_MS + 1000)) {
            $problems[] = "task $task recovered " . ($ms < 0 ? 'never' : "after $ms ms");
        }
    }
    return ['mode' => $mode, 'tasks' => $cfg['tasks'], 'done' => $done, 'ran_twice' => $ranTwice,
        'unique_refusals' => $unique, 'recovery_ms' => array_values($recovery), 'wall_s' => round($wall, 1),
        'problems' => $problems];
}

function start_worker(string $name, string $mode)
{
    $cmd = [PHP_BINARY, '-d', 'extension=' . getenv('REDISLOCK_SO'), '-d', 'redislock.servers=redis://' . getenv('TASK_REDIS'),
        '-d', 'redislock.watchdog=1', '-d', 'redislock.watchdog_lease=' . LEASE_MS,
        __DIR__ . '/worker.php', '--name', $name, '--lock', $mode, '--ttl', (string) BLOG_TTL];
    return proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => STDOUT, 2 => STDERR], $pipes);
}
