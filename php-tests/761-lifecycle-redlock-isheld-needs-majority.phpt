--TEST--
Lifecycle: RedLock::isHeld() on 3 masters needs a majority holding the token: true when the key was deleted from 1 of them (or taken there by another client), false when deleted from 2 or taken on 2; it restores nothing it finds missing
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3]);
$rl = new RedLock(array_map(fn($p) => ['127.0.0.1', $p, 0.5], array_slice(master_ports(), 0, 3)), 10, 3);

function state(array $masters, string $res, array $lock): string
{
    return json_encode(array_map(function ($m) use ($res, $lock) {
        $v = $m->get($res);
        return $v === false ? 'absent' : ($v === $lock['token'] ? 'token' : $v);
    }, $masters));
}

foreach ([
    'deleted on m2' => fn($res) => $masters[1]->del($res),
    'deleted on m1, m3' => function ($res) use ($masters) { $masters[0]->del($res); $masters[2]->del($res); },
    'taken on m3' => fn($res) => $masters[2]->set($res, 'other-client', ['px' => 30000]),
    'taken on m1, deleted on m2' => function ($res) use ($masters) {
        $masters[0]->set($res, 'other-client', ['px' => 30000]);
        $masters[1]->del($res);
    },
    'deleted on all' => function ($res) use ($masters) { foreach ($masters as $m) { $m->del($res); } },
] as $what => $change) {
    $res = unique_name('redlock-isheld-q');
    $lock = $rl->lock($res, 30000);
    $change($res);
    echo "$what: isHeld ", var_export($rl->isHeld($lock), true), ", masters after ", state($masters, $res, $lock), "\n";
    foreach ($masters as $m) {
        $m->del($res);
    }
}
?>
--EXPECT--
deleted on m2: isHeld true, masters after ["token","absent","token"]
deleted on m1, m3: isHeld false, masters after ["absent","token","absent"]
taken on m3: isHeld true, masters after ["token","token","other-client"]
taken on m1, deleted on m2: isHeld false, masters after ["other-client","absent","token"]
deleted on all: isHeld false, masters after ["absent","absent","absent"]
