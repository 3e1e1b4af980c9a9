--TEST--
Fault: a RedLock server entry with a 1 MB host name (in a URL, or a [host, port] entry) is a ValueError of one short line: each quoted value is cut at about 200 bytes and ends with "..."
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$huge = str_repeat('h', 1 << 20);
foreach ([["redis://$huge:6379"], ["redis://user:pw@$huge:6379/1"], [[$huge, 6379]],
    ['redis://127.0.0.1:' . test_port('m1'), "redis://{$huge}\n:6379"]] as $servers) {
    try {
        new RedLock($servers);
        echo "no error\n";
    } catch (Throwable $e) {
        $m = $e->getMessage();
        echo get_class($e), ': ', preg_replace('/h{20,}/', 'hhh', $m), "\n";
        preg_match_all("/'([^']*)'/", $m, $quoted);
        echo 'one line: ', var_export(!str_contains($m, "\n") && !str_contains($m, "\r"), true),
            ', under 1 KB: ', var_export(strlen($m) < 1024, true),
            ', quotes at most 210 bytes: ', var_export(max(array_map('strlen', $quoted[1])) <= 210, true), "\n";
    }
}
?>
--EXPECTF--
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is not a valid server URL: 'redis://hhh...': %s
one line: true, under 1 KB: true, quotes at most 210 bytes: true
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is not a valid server URL: 'redis://user:***@hhh...': %s
one line: true, under 1 KB: true, quotes at most 210 bytes: true
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] is invalid: host 'hhh...' is not a host name or IP address
one line: true, under 1 KB: true, quotes at most 210 bytes: true
ValueError: RedLock::__construct(): Argument #1 ($servers) entry [1] is not a valid server URL: 'redis://hhh...': %s
one line: true, under 1 KB: true, quotes at most 210 bytes: true
