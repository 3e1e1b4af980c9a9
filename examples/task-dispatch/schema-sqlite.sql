-- The task table and the record of runs, SQLite dialect (schema-mariadb.sql: the same for MariaDB).
DROP TABLE IF EXISTS task_done;
DROP TABLE IF EXISTS task_starts;
DROP TABLE IF EXISTS tasks;
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    duration_ms INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0
);
-- Every start of a task, by whom and when (a killed worker's start stays here).
CREATE TABLE task_starts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id INTEGER NOT NULL,
    worker VARCHAR(64) NOT NULL,
    started_at DOUBLE NOT NULL
);
-- task_id UNIQUE: a task finished twice is refused by the database, and counted.
CREATE TABLE task_done (
    task_id INTEGER NOT NULL UNIQUE,
    worker VARCHAR(64) NOT NULL,
    finished_at DOUBLE NOT NULL
);
