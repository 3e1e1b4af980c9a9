<?php
// One round of every RedisLock call a request makes: acquire, isHeld, extend, release, fenced.
$name = 'cycle-' . getmypid();
$id = RedisLock::acquireLock($name, 1, 5);
$ok = $id !== false && RedisLock::isHeld($name, $id) && RedisLock::extendLock($name, $id, 5)
    && RedisLock::releaseLock($name, $id);
$f = RedisLock::acquireFenced($name, 1, 5);
$ok = $ok && $f !== false && RedisLock::releaseLock($name, $f['identifier']);
http_response_code($ok ? 200 : 500);
echo $ok ? "ok\n" : "lock cycle failed\n";
