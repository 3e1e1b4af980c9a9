<?php
/**
 * A task worker, as shops run several under supervisord: takes the first task not done whose
 * lock it gets, runs it (a sleep of the task's duration), records it done in one transaction,
 * releases the lock; again until no task is left.
 *
 *   TASK_REDIS=127.0.0.1:6379 SHOP_DB_DSN=... php -d extension=.../libredislock.so \
 *     -d redislock.servers=redis://127.0.0.1:6379 -d redislock.watchdog=1 \
 *     -d redislock.watchdog_lease=1000 worker.php --name w1 --lock redislock|blogpost|nolock
 *
 * redislock: acquireLock("task:<id>", 0, 600): one attempt, a TTL far above any task; with the
 * watchdog the key lives one lease (1 s) and is renewed while this process lives, so a worker
 * killed mid-task frees its task within a lease. blogpost: the blog-post class, whose TTL must be
 * above the longest task (--ttl, 5 s): a killed worker's task waits for all of it. Its
 * acquire_time 0 makes no attempt at all, so it is called with 1 (it retries until the second
 * ends). nolock: the control; workers run the same task side by side and UNIQUE refuses the
 * second finish (counted in Redis, task:duplicates).
 */

declare(strict_types=1);

require __DIR__ . '/../common/db.php';
require __DIR__ . '/../../php-tests/fixtures/OldRedisLock.php';

$o = getopt('', ['name:', 'lock:', 'ttl:', 'max-seconds:']);
$name = (string) ($o['name'] ?? 'w' . getmypid());
$mode = (string) ($o['lock'] ?? 'redislock');
$ttl = (int) ($o['ttl'] ?? 5);
$deadline = microtime(true) + (float) ($o['max-seconds'] ?? 120);
[$host, $port] = explode(':', getenv('TASK_REDIS') ?: '127.0.0.1:6379');
$r = new Redis();
$r->connect($host, (int) $port, 2.0, null, 0, 5.0);
OldRedisLock::$redis = $r;
$db = shop_db();

while (microtime(true) < $deadline) {
    $ids = $db->query('SELECT id FROM tasks WHERE done = 0 ORDER BY id')->fetchAll(PDO::FETCH_COLUMN);
    if ($ids === []) {
        break;
    }
    $ran = false;
    foreach ($ids as $id) {
        $token = match ($mode) {
            'redislock' => RedisLock::acquireLock("task:$id", 0, 600),
            'blogpost' => OldRedisLock::acquireLock("task:$id", 1, $ttl),
            default => 'none',
        };
        if ($token === false) {
            continue;
        }
        try {
            // Done meanwhile by the worker that held the lock before us?
            $q = $db->prepare('SELECT duration_ms, done FROM tasks WHERE id = :id');
            $q->execute([':id' => $id]);
            $task = $q->fetch();
            // Close the cursor: an open one keeps SQLite's read lock through the task, and another
            // worker's commit then fails with "database is locked" instead of waiting.
            $q->closeCursor();
            if ((int) $task['done'] === 1) {
                continue;
            }
            $db->prepare('INSERT INTO task_starts (task_id, worker, started_at) VALUES (:t, :w, :s)')
                ->execute([':t' => $id, ':w' => $name, ':s' => microtime(true)]);
            usleep(1000 * (int) $task['duration_ms']);
            try {
                shop_transaction($db, function (PDO $db) use ($id, $name): void {
                    $db->prepare('INSERT INTO task_done (task_id, worker, finished_at) VALUES (:t, :w, :f)')
                        ->execute([':t' => $id, ':w' => $name, ':f' => microtime(true)]);
                    $db->prepare('UPDATE tasks SET done = 1 WHERE id = :id')->execute([':id' => $id]);
                });
            } catch (PDOException $e) {
                if (!shop_is_duplicate($e)) {
                    throw $e;
                }
                $r->incr('task:duplicates');   // ran a task another worker had finished
            }
            $ran = true;
        } finally {
            match ($mode) {
                'redislock' => RedisLock::releaseLock("task:$id", $token),
                'blogpost' => OldRedisLock::releaseLock("task:$id", $token),
                default => null,
            };
        }
        break;   // back to the top: the list has changed
    }
    if (!$ran) {
        usleep(50000);   // every task left is locked by a worker: look again in 50 ms
    }
}
exit(0);
