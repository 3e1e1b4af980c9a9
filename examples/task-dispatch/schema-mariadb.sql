-- The task table and the record of runs, MariaDB dialect (schema-sqlite.sql: the same for SQLite).
DROP TABLE IF EXISTS task_done;
DROP TABLE IF EXISTS task_starts;
DROP TABLE IF EXISTS tasks;
CREATE TABLE tasks (
    id INT PRIMARY KEY,
    duration_ms INT NOT NULL,
    done TINYINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;
-- Every start of a task, by whom and when (a killed worker's start stays here).
CREATE TABLE task_starts (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    task_id INT NOT NULL,
    worker VARCHAR(64) NOT NULL,
    started_at DOUBLE NOT NULL
) ENGINE=InnoDB;
-- task_id UNIQUE: a task finished twice is refused by the database, and counted.
CREATE TABLE task_done (
    task_id INT NOT NULL UNIQUE,
    worker VARCHAR(64) NOT NULL,
    finished_at DOUBLE NOT NULL
) ENGINE=InnoDB;
