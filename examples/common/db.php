<?php
/**
 * The shop's database, as the scenarios (flash sale, task dispatch) reach it: PDO with exceptions,
 * real prepared statements and real transactions, on SQLite (the default: a file, nothing to
 * install beyond PHP) or MariaDB (SHOP_DB_DSN=mysql:unix_socket=...;dbname=shop).
 *
 *   SHOP_DB_DSN       sqlite:/path/shop.sqlite (default: one under the temp folder) or mysql:...
 *   SHOP_DB_USER      MariaDB user (default root), SHOP_DB_PASSWORD its password (default none)
 *
 * The two dialects differ only in their schema files (schema-sqlite.sql, schema-mariadb.sql in each
 * example) and in how a writing transaction begins (shop_transaction()).
 */

declare(strict_types=1);

function shop_db(): PDO
{
    $dsn = getenv('SHOP_DB_DSN') ?: 'sqlite:' . sys_get_temp_dir() . '/redislock-shop.sqlite';
    $options = [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
        // Seconds SQLite waits for another process's write lock before SQLITE_BUSY.
        PDO::ATTR_TIMEOUT => 30,
    ];
    if (str_starts_with($dsn, 'mysql:')) {
        $options[PDO::ATTR_EMULATE_PREPARES] = false;   // server-side prepared statements
        $options[PDO::MYSQL_ATTR_FOUND_ROWS] = true;      // rowCount() = rows matched, as SQLite
    }
    $user = getenv('SHOP_DB_USER');
    $db = new PDO($dsn, $user === false ? 'root' : $user, getenv('SHOP_DB_PASSWORD') ?: null, $options);
    if (shop_is_sqlite($db)) {
        $db->exec('PRAGMA busy_timeout = 30000');
    }
    return $db;
}

function shop_is_sqlite(PDO $db): bool
{
    return $db->getAttribute(PDO::ATTR_DRIVER_NAME) === 'sqlite';
}

/** Creates the tables from $dir/schema-sqlite.sql or $dir/schema-mariadb.sql (dropping old ones). */
function shop_schema(PDO $db, string $dir): void
{
    $file = $dir . (shop_is_sqlite($db) ? '/schema-sqlite.sql' : '/schema-mariadb.sql');
    $sql = file_get_contents($file);
    foreach (array_filter(array_map('trim', explode(';', preg_replace('/^--.*$/m', '', $sql)))) as $statement) {
        $db->exec($statement);
    }
}

/**
 * Runs $work in one transaction: committed when it returns, rolled back when it throws (the
 * exception goes on). SQLite: BEGIN IMMEDIATE takes the write lock at once, so two writers wait for
 * each other (busy_timeout) instead of failing when a reader upgrades; MariaDB: InnoDB row locks.
 */
function shop_transaction(PDO $db, callable $work): mixed
{
    if (shop_is_sqlite($db)) {
        $db->exec('BEGIN IMMEDIATE');
    } else {
        $db->beginTransaction();
    }
    try {
        $result = $work($db);
        shop_is_sqlite($db) ? $db->exec('COMMIT') : $db->commit();
        return $result;
    } catch (Throwable $e) {
        shop_is_sqlite($db) ? $db->exec('ROLLBACK') : $db->rollBack();
        throw $e;
    }
}

/** A UNIQUE or PRIMARY KEY violation, and no other constraint (MariaDB error 1062; SQLite's message). */
function shop_is_duplicate(PDOException $e): bool
{
    $info = $e->errorInfo ?? [];
    return ($info[0] ?? '') === '23000'
        && (($info[1] ?? 0) === 1062 || preg_match('/^(UNIQUE|PRIMARY KEY) constraint failed/', (string) ($info[2] ?? '')) === 1);
}
