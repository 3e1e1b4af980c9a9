#!/usr/bin/env bash
# The main job: installs what is missing, builds, starts a throwaway redis-server on a free port,
# runs the flash-sale oversell scenario (examples/oversell.php) with RedisLock and then with the
# lock bypassed, and stops the server. Exit status 1 if the locked run sold anything but the
# stock, 2 if a buyer process failed.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
source scripts/redis.sh
trap redis_stop_all EXIT
redis_start demo || exit 1
export REDISLOCK_SO="$(pwd)/target/release/libredislock.so"
echo "stock 100, 20 buyer processes x 10 purchases, started together (redis-server on port $REDIS_PORT_demo)"
php -d "extension=$REDISLOCK_SO" examples/oversell.php --port "$REDIS_PORT_demo"
status=$?
php -d "extension=$REDISLOCK_SO" examples/oversell.php --port "$REDIS_PORT_demo" --no-lock
exit $status
