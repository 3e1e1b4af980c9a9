#!/usr/bin/env bash
# The flash sale over HTTP: starts redis-server, the database (SQLite: a file; MariaDB: a server of
# its own), php-fpm8.2 and nginx, all as the current user on free loopback ports with files under
# a temporary folder, runs run.php (the load, the consumers, the table) and stops everything it
# started, also on failure or Ctrl-C. Does not build: scripts/demo.sh does.
#
#   bash examples/flash-sale/run.sh [--db sqlite|mariadb] [--workers 8] [run.php options...]
#
# run.php options: --stock 1000 --connections 64 --rounds 1 --consumers 3 --json FILE ...
# Exit status: run.php's (0 ok, 1 a locked run failed a check, 3 the control proved nothing),
# 2 if a server did not start.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
db=sqlite
workers=8
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --db) db="$2"; shift 2 ;;
        --workers) workers="$2"; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
export REDISLOCK_SO="${REDISLOCK_SO:-$root/target/release/libredislock.so}"
[ -f "$REDISLOCK_SO" ] || { echo "no $REDISLOCK_SO: run scripts/setup.sh first" >&2; exit 2; }

source "$root/scripts/redis.sh"
source "$root/scripts/servers.sh"
cleanup() { servers_stop_all; redis_stop_all; }
trap cleanup EXIT
trap 'exit 130' INT TERM

redis_start sale || exit 2
case "$db" in
    sqlite) dsn="sqlite:$SERVERS_DIR/shop.sqlite" ;;
    mariadb) mariadb_start || exit 2; dsn="mysql:unix_socket=$MARIADB_SOCK;dbname=shop" ;;
    *) echo "--db sqlite or --db mariadb" >&2; exit 2 ;;
esac
# The schema first (run.php), then the pool: the pool's workers open the database lazily anyway.
fpm_start sale "$here/php-fpm.conf" WORKERS="$workers" REDIS_PORT="$REDIS_PORT_sale" DB_DSN="$dsn" || exit 2
nginx_start sale "$here/nginx.conf" APP="$here" FPM_SOCK="$FPM_SOCK_sale" || exit 2

echo "flash sale over HTTP: nginx + php-fpm8.2 (pm static, $workers workers), $db, redis-server on port $REDIS_PORT_sale"
SALE_URL="http://127.0.0.1:$NGINX_PORT_sale" SALE_REDIS="127.0.0.1:$REDIS_PORT_sale" SHOP_DB_DSN="$dsn" \
    nice -n 10 php -d "extension=$REDISLOCK_SO" -d "redislock.servers=redis://127.0.0.1:$REDIS_PORT_sale" "$here/run.php" "${args[@]+"${args[@]}"}"
status=$?
if [ -s "$SERVERS_DIR/fpm-sale/php-error.log" ]; then
    echo "PHP errors in the pool (first 10 lines):" >&2
    head -10 "$SERVERS_DIR/fpm-sale/php-error.log" >&2
    [ "$status" -ne 0 ] || status=1
fi
exit "$status"
