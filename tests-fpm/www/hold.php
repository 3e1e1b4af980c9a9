<?php
// Takes the lock ?name= for 60 s, sends its identifier at once, then ends as ?end= says without
// releasing it: return, exit, exception (uncaught), fatal (memory exhausted), timeout
// (max_execution_time). Whether the lock outlives the request is the pool's auto_release.
$id = RedisLock::acquireLock((string) $_GET['name'], 0, 60);
echo $id === false ? "not acquired\n" : "$id\n";
while (ob_get_level() > 0) {
    ob_end_flush();     // past output_buffering too: a fatal error would discard what it holds
}
flush();
switch ($_GET['end'] ?? 'return') {
    case 'exit':
        exit(0);
    case 'exception':
        throw new RuntimeException('uncaught, on purpose');
    case 'fatal':
        ini_set('memory_limit', '16M');
        $s = str_repeat('x', 64 << 20);
        break;
    case 'timeout':
        set_time_limit(1);
        for ($i = 0; ; $i++) {
        }
}
