--TEST--
Cluster: a redis+cluster:// string is a RedLock entry too (one master of the quorum, routed by the resource's slot): lock, isHeld, extend, unlock; beside two plain masters the cluster entry is one vote
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/cluster.inc';
$c = new TestCluster();
$rl = new RedLock([$c->url()]);
$res = unique_name('redlock-cluster');
$lock = $rl->lock($res, 5000);
$home = $c->masterOfSlot($c->slotOf($res));
var_dump(is_array($lock) && $c->client($home)->get($res) === $lock['token']);
var_dump($rl->isHeld($lock), is_array($rl->extend($lock, 8000)), $rl->unlock($lock), $c->client($home)->get($res));
// Quorum of three: the cluster entry and two independent servers.
$a = new TestServer();
$b = new TestServer();
$q = new RedLock([$c->url(), $a->url(), $b->url()]);
$lock = $q->lock($res, 5000);
var_dump(is_array($lock) && $a->client()->get($res) === $lock['token'] && $c->client($home)->get($res) === $lock['token']);
$a->stop();
var_dump($q->unlock($lock));
var_dump($c->client($home)->get($res), $b->client()->get($res));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(false)
bool(false)
