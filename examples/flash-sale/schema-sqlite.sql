-- The flash sale's tables, SQLite dialect (schema-mariadb.sql: the same for MariaDB).
DROP TABLE IF EXISTS orders;
DROP TABLE IF EXISTS stock;
-- fence: the highest fencing token that wrote this row; a writer with an older one is refused.
CREATE TABLE stock (
    item VARCHAR(64) PRIMARY KEY,
    quantity INTEGER NOT NULL,
    fence BIGINT NOT NULL DEFAULT 0
);
-- order_id UNIQUE: an order delivered twice (a consumer killed before XACK) is inserted once.
CREATE TABLE orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id CHAR(32) NOT NULL UNIQUE,
    item VARCHAR(64) NOT NULL,
    stream_id VARCHAR(40) NOT NULL,
    consumer VARCHAR(64) NOT NULL,
    created_at DOUBLE NOT NULL
);
CREATE INDEX orders_item ON orders (item);
