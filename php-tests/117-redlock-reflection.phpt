--TEST--
RedLock: reflection matches API.md: not final, parameter names, types (lock() takes string|int), defaults 200 and 3, return types array|false, bool, bool (isHeld), array|false
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$c = new ReflectionClass('RedLock');
var_dump($c->getName(), $c->isFinal(), $c->isAbstract(), $c->isInterface(), $c->getParentClass());
foreach (['__construct', 'lock', 'unlock', 'isHeld', 'extend'] as $name) {
    $m = $c->getMethod($name);
    $params = [];
    foreach ($m->getParameters() as $p) {
        $s = $p->getType() . ' $' . $p->getName();
        if ($p->isOptional()) {
            $s .= ' = ' . var_export($p->getDefaultValue(), true);
        }
        $params[] = $s;
    }
    echo implode(' ', Reflection::getModifierNames($m->getModifiers())), " function $name(", implode(', ', $params), ')',
        $m->hasReturnType() ? ': ' . $m->getReturnType() : '', "\n";
}
echo "methods: ", implode(', ', array_map(fn($m) => $m->getName(), $c->getMethods())), "\n";
echo "properties: ", count($c->getProperties()), "\n";
?>
--EXPECT--
string(7) "RedLock"
bool(false)
bool(false)
bool(false)
bool(false)
public function __construct(array $servers, int $retryDelay = 200, int $retryCount = 3)
public function lock(string|int $resource, int $ttl): array|false
public function unlock(array $lock): bool
public function isHeld(array $lock): bool
public function extend(array $lock, int $ttl): array|false
methods: __construct, lock, unlock, isHeld, extend
properties: 0
