-- The flash sale's tables, MariaDB dialect (schema-sqlite.sql: the same for SQLite). InnoDB:
-- transactions and row locks.
DROP TABLE IF EXISTS orders;
DROP TABLE IF EXISTS stock;
-- fence: the highest fencing token that wrote this row; a writer with an older one is refused.
CREATE TABLE stock (
    item VARCHAR(64) PRIMARY KEY,
    quantity INT NOT NULL,
    fence BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;
-- order_id UNIQUE: an order delivered twice (a consumer killed before XACK) is inserted once.
CREATE TABLE orders (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    order_id CHAR(32) NOT NULL UNIQUE,
    item VARCHAR(64) NOT NULL,
    stream_id VARCHAR(40) NOT NULL,
    consumer VARCHAR(64) NOT NULL,
    created_at DOUBLE NOT NULL,
    KEY orders_item (item)
) ENGINE=InnoDB;
