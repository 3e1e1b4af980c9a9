<?php

declare(strict_types=1);

namespace RedisLock\Symfony;

use Symfony\Component\Lock\Exception\InvalidArgumentException;
use Symfony\Component\Lock\LockFactory;

/**
 * Builds the store from a DSN, so an application switches by configuration (an env var):
 * `redislock:` or `redislock://` with optional query parameters `initial_ttl` (seconds),
 * `namespace` and `blocking_timeout` (seconds), e.g. `redislock://?namespace=app:&initial_ttl=60`.
 * Which Redis server(s) and timeouts: the `redislock.*` php.ini settings (a DSN never overrides
 * them: one process, one configuration for every lock it takes).
 */
final class RedisLockStoreFactory
{
    public static function supports(string $dsn): bool
    {
        return str_starts_with($dsn, 'redislock:');
    }

    public static function createStore(string $dsn): RedisLockStore
    {
        if (!self::supports($dsn)) {
            throw new InvalidArgumentException(sprintf('Unsupported DSN "%s": expected "redislock:" or "redislock://?..."', $dsn));
        }
        $rest = substr($dsn, \strlen('redislock:'));
        $rest = str_starts_with($rest, '//') ? substr($rest, 2) : $rest;
        [$authority, $query] = array_pad(explode('?', $rest, 2), 2, '');
        if ($authority !== '' && $authority !== '/') {
            throw new InvalidArgumentException(sprintf('The DSN "%s" names a server: redislock takes its servers from the redislock.servers setting; use "redislock://?..."', $dsn));
        }
        parse_str($query, $options);
        $unknown = array_diff(array_keys($options), ['initial_ttl', 'namespace', 'blocking_timeout']);
        if ($unknown) {
            throw new InvalidArgumentException(sprintf('Unknown DSN option(s) "%s" in "%s".', implode('", "', $unknown), $dsn));
        }
        $number = static function (string $name) use ($options, $dsn): ?float {
            if (!isset($options[$name])) {
                return null;
            }
            if (!\is_string($options[$name]) || !is_numeric($options[$name])) {
                throw new InvalidArgumentException(sprintf('DSN option "%s" must be a number of seconds in "%s".', $name, $dsn));
            }

            return (float) $options[$name];
        };

        return new RedisLockStore(
            $number('initial_ttl') ?? 300.0,
            isset($options['namespace']) && \is_string($options['namespace']) ? $options['namespace'] : 'symfony-lock:',
            $number('blocking_timeout'),
        );
    }

    /** A LockFactory on the store of this DSN. */
    public static function createLockFactory(string $dsn): LockFactory
    {
        return new LockFactory(self::createStore($dsn));
    }
}
