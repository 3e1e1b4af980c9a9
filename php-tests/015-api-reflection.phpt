--TEST--
RedisLock: reflection shows the documented surface (final class, sixteen public static methods (the shared-lock ones and forceRelease included), parameter names, types string|int and int|float, defaults, return types string|false, bool, array|false, mixed), RedisLockException extends RuntimeException, RedisLockTimeoutException and RedisLockLostException (with getResult(): mixed) extend RedisLockException
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());

function type_str(?ReflectionType $t): string
{
    if ($t === null) {
        return 'none';
    }
    if ($t instanceof ReflectionUnionType) {
        $parts = [];
        foreach ($t->getTypes() as $m) {
            $parts[] = $m->getName() . ($m->isBuiltin() ? '(builtin)' : '');
        }
        return 'union[' . implode(', ', $parts) . '] allowsNull=' . var_export($t->allowsNull(), true);
    }
    if ($t instanceof ReflectionNamedType) {
        return 'named ' . $t->getName() . ($t->isBuiltin() ? '(builtin)' : '')
            . ' allowsNull=' . var_export($t->allowsNull(), true);
    }
    return get_class($t);
}

$c = new ReflectionClass('RedisLock');
printf("class %s final=%s abstract=%s interface=%s internal=%s extension=%s parent=%s\n", $c->getName(),
    var_export($c->isFinal(), true), var_export($c->isAbstract(), true), var_export($c->isInterface(), true),
    var_export($c->isInternal(), true), $c->getExtensionName(), var_export($c->getParentClass(), true));
$methods = $c->getMethods();
usort($methods, fn($a, $b) => strcmp($a->getName(), $b->getName()));
echo count($methods), " methods\n";
foreach ($methods as $m) {
    printf("%s::%s public=%s static=%s abstract=%s final=%s params=%d required=%d returns %s\n", $m->class,
        $m->getName(), var_export($m->isPublic(), true), var_export($m->isStatic(), true),
        var_export($m->isAbstract(), true), var_export($m->isFinal(), true), $m->getNumberOfParameters(),
        $m->getNumberOfRequiredParameters(), type_str($m->getReturnType()));
    foreach ($m->getParameters() as $p) {
        printf("  #%d \$%s %s optional=%s byRef=%s variadic=%s default=%s\n", $p->getPosition(), $p->getName(),
            type_str($p->getType()), var_export($p->isOptional(), true), var_export($p->isPassedByReference(), true),
            var_export($p->isVariadic(), true),
            $p->isDefaultValueAvailable() ? var_export($p->getDefaultValue(), true) : 'none');
    }
}

foreach (['RedisLockException', 'RedisLockTimeoutException', 'RedisLockLostException'] as $class) {
    $e = new ReflectionClass($class);
    printf("class %s final=%s abstract=%s internal=%s extension=%s parent=%s throwable=%s\n", $e->getName(),
        var_export($e->isFinal(), true), var_export($e->isAbstract(), true), var_export($e->isInternal(), true),
        $e->getExtensionName(), $e->getParentClass()->getName(), var_export($e->implementsInterface('Throwable'), true));
    foreach ($e->getMethods() as $m) {
        if ($m->class === $class) {        // methods of its own, beyond Exception's
            printf("  %s::%s public=%s static=%s params=%d returns %s\n", $m->class, $m->getName(),
                var_export($m->isPublic(), true), var_export($m->isStatic(), true), $m->getNumberOfParameters(),
                type_str($m->getReturnType()));
        }
    }
}
$x = new RedisLockException('boom', 7);
var_dump($x instanceof RuntimeException, $x->getMessage(), $x->getCode());
$t = new RedisLockTimeoutException('late', 3);
var_dump($t instanceof RedisLockException, $t instanceof RuntimeException, $t->getMessage(), $t->getCode());
$l = new RedisLockLostException('lost');
var_dump($l instanceof RedisLockException, $l instanceof RuntimeException, $l->getResult());
?>
--EXPECT--
class RedisLock final=true abstract=false interface=false internal=true extension=redislock parent=false
16 methods
RedisLock::acquire public=true static=true abstract=false final=false params=3 required=1 returns union[string(builtin), false(builtin)] allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $acquire_time union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=3
  #2 $lock_timeout union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=20
RedisLock::acquireFenced public=true static=true abstract=false final=false params=3 required=1 returns union[array(builtin), false(builtin)] allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $acquire_time union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=3
  #2 $lock_timeout union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=20
RedisLock::acquireLock public=true static=true abstract=false final=false params=3 required=1 returns union[string(builtin), false(builtin)] allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $acquire_time union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=3
  #2 $lock_timeout union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=20
RedisLock::acquireShared public=true static=true abstract=false final=false params=3 required=1 returns union[string(builtin), false(builtin)] allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $acquire_time union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=3
  #2 $lock_timeout union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=20
RedisLock::downgradeLock public=true static=true abstract=false final=false params=3 required=2 returns named bool(builtin) allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $identifier named string(builtin) allowsNull=false optional=false byRef=false variadic=false default=none
  #2 $lock_timeout union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=20
RedisLock::extend public=true static=true abstract=false final=false params=3 required=2 returns named bool(builtin) allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $identifier named string(builtin) allowsNull=false optional=false byRef=false variadic=false default=none
  #2 $lock_timeout union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=20
RedisLock::extendLock public=true static=true abstract=false final=false params=3 required=2 returns named bool(builtin) allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $identifier named string(builtin) allowsNull=false optional=false byRef=false variadic=false default=none
  #2 $lock_timeout union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=20
RedisLock::extendShared public=true static=true abstract=false final=false params=3 required=2 returns named bool(builtin) allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $identifier named string(builtin) allowsNull=false optional=false byRef=false variadic=false default=none
  #2 $lock_timeout union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=20
RedisLock::forceRelease public=true static=true abstract=false final=false params=1 required=1 returns named bool(builtin) allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
RedisLock::isHeld public=true static=true abstract=false final=false params=2 required=2 returns named bool(builtin) allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $identifier named string(builtin) allowsNull=false optional=false byRef=false variadic=false default=none
RedisLock::isHeldShared public=true static=true abstract=false final=false params=2 required=2 returns named bool(builtin) allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $identifier named string(builtin) allowsNull=false optional=false byRef=false variadic=false default=none
RedisLock::release public=true static=true abstract=false final=false params=2 required=2 returns named bool(builtin) allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $identifier named string(builtin) allowsNull=false optional=false byRef=false variadic=false default=none
RedisLock::releaseLock public=true static=true abstract=false final=false params=2 required=2 returns named bool(builtin) allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $identifier named string(builtin) allowsNull=false optional=false byRef=false variadic=false default=none
RedisLock::releaseShared public=true static=true abstract=false final=false params=2 required=2 returns named bool(builtin) allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $identifier named string(builtin) allowsNull=false optional=false byRef=false variadic=false default=none
RedisLock::synchronized public=true static=true abstract=false final=false params=4 required=2 returns named mixed(builtin) allowsNull=true
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $callback named callable(builtin) allowsNull=false optional=false byRef=false variadic=false default=none
  #2 $acquire_time union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=3
  #3 $lock_timeout union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=20
RedisLock::upgradeShared public=true static=true abstract=false final=false params=4 required=2 returns named bool(builtin) allowsNull=false
  #0 $lock_name union[string(builtin), int(builtin)] allowsNull=false optional=false byRef=false variadic=false default=none
  #1 $identifier named string(builtin) allowsNull=false optional=false byRef=false variadic=false default=none
  #2 $acquire_time union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=3
  #3 $lock_timeout union[int(builtin), float(builtin)] allowsNull=false optional=true byRef=false variadic=false default=20
class RedisLockException final=false abstract=false internal=true extension=redislock parent=RuntimeException throwable=true
class RedisLockTimeoutException final=false abstract=false internal=true extension=redislock parent=RedisLockException throwable=true
class RedisLockLostException final=false abstract=false internal=true extension=redislock parent=RedisLockException throwable=true
  RedisLockLostException::getResult public=true static=false params=0 returns named mixed(builtin) allowsNull=true
bool(true)
string(4) "boom"
int(7)
bool(true)
bool(true)
string(4) "late"
int(3)
bool(true)
bool(true)
NULL
