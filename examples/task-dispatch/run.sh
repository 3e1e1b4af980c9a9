#!/usr/bin/env bash
# Task dispatch: starts redis-server and the database (SQLite: a file; MariaDB: a server of its
# own, as the current user under a temporary folder), runs run.php (CLI workers, as under
# supervisord: no web server here) and stops everything it started, also on failure.
#   bash examples/task-dispatch/run.sh [--db sqlite|mariadb] [run.php options...]
# Exit status: run.php's (0 ok, 1 a locked run failed a check, 3 the control proved nothing),
# 2 if a server did not start.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
db=sqlite
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --db) db="$2"; shift 2 ;;
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

redis_start tasks || exit 2
case "$db" in
    sqlite) dsn="sqlite:$SERVERS_DIR/tasks.sqlite" ;;
    mariadb) mariadb_start || exit 2; dsn="mysql:unix_socket=$MARIADB_SOCK;dbname=shop" ;;
    *) echo "--db sqlite or --db mariadb" >&2; exit 2 ;;
esac
echo "task dispatch: CLI workers, $db, redis-server on port $REDIS_PORT_tasks (watchdog lease 1 s; blog-post class TTL 5 s)"
TASK_REDIS="127.0.0.1:$REDIS_PORT_tasks" SHOP_DB_DSN="$dsn" \
    nice -n 10 php "$here/run.php" "${args[@]+"${args[@]}"}"
