--TEST--
Lifecycle: synchronized() calls the callback once without arguments while holding the lock (key set, TTL from $lock_timeout), returns exactly what it returned (scalars, null, false, arrays, the same object) for every callable form, and releases the lock
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('sync');
$key = lock_key($name);

final class Seen
{
    public static array $log = [];
}
function inside(string $key, Redis $r): string
{
    $ttl = $r->pttl($key);
    return sprintf('held=%s ttl_ok=%s args=%d', var_export(strlen((string) $r->get($key)) === 32, true),
        var_export($ttl > 8000 && $ttl <= 10000, true), count(Seen::$log));
}
class Job
{
    public function __construct(private string $key, private Redis $r) {}
    public function run(...$args) { Seen::$log = $args; return 'method: ' . inside($this->key, $this->r); }
    public function __invoke(...$args) { Seen::$log = $args; return 'invokable: ' . inside($this->key, $this->r); }
    public static function st(...$args) { Seen::$log = $args; return 'static'; }
    private function secret() { return 'private method, from its own scope'; }
    public function viaScope(string $name) { return RedisLock::synchronized($name, [$this, 'secret'], 0, 10); }
}
function plain_function(...$args) { Seen::$log = $args; return 'function'; }

$obj = new stdClass();
$job = new Job($key, $r);
$callbacks = [
    'closure' => function (...$args) use ($key, $r) { Seen::$log = $args; return 'closure: ' . inside($key, $r); },
    'int' => fn() => 42,
    'float' => fn() => 1.5,
    'null' => fn() => null,
    'false' => fn() => false,
    'array' => fn() => ['a' => [1, 2], 'b' => 'c'],
    'no return' => function () {},
    'string name' => 'plain_function',
    'array callable' => [$job, 'run'],
    'static string' => 'Job::st',
    'invokable object' => $job,
    'first-class callable' => $job->run(...),
];
foreach ($callbacks as $what => $cb) {
    Seen::$log = ['not called'];
    $res = RedisLock::synchronized($name, $cb, 0, 10);
    echo "$what: ", json_encode($res), ", args ", json_encode(Seen::$log), ", after: key ", $r->exists($key), "\n";
}
$same = RedisLock::synchronized($name, fn() => $obj, 0, 10);
var_dump($same === $obj);
echo json_encode($job->viaScope($name)), "\n";
var_dump($r->exists($key));
?>
--EXPECT--
closure: "closure: held=true ttl_ok=true args=0", args [], after: key 0
int: 42, args ["not called"], after: key 0
float: 1.5, args ["not called"], after: key 0
null: null, args ["not called"], after: key 0
false: false, args ["not called"], after: key 0
array: {"a":[1,2],"b":"c"}, args ["not called"], after: key 0
no return: null, args ["not called"], after: key 0
string name: "function", args [], after: key 0
array callable: "method: held=true ttl_ok=true args=0", args [], after: key 0
static string: "static", args [], after: key 0
invokable object: "invokable: held=true ttl_ok=true args=0", args [], after: key 0
first-class callable: "method: held=true ttl_ok=true args=0", args [], after: key 0
bool(true)
"private method, from its own scope"
int(0)
