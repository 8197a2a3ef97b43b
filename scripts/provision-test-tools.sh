#!/usr/bin/env bash
# The first step of `npm test`: the two programs the tests run that npm cannot install.
#   - Chromium, for the browser tests: tests/helpers/browser.ts launches $CHROMIUM_PATH
#     (default /usr/bin/chromium, Debian's package `chromium`) through playwright-core;
#   - redis-server, for the Redis rate limiter: tests/helpers/redis.ts runs $REDIS_SERVER
#     (default `redis-server` on PATH, Debian's package `redis-server`).
# Both present: prints nothing, starts nothing. One missing: as root with apt-get, installs the
# Debian packages, saying so in one line; otherwise stops at once naming the command to run.
set -euo pipefail

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
redis=${REDIS_SERVER:-redis-server}

missing() {
  need=()
  [ -x "$chromium" ] || need+=(chromium)
  command -v "$redis" >/dev/null 2>&1 || need+=(redis-server)
}

missing
[ ${#need[@]} -eq 0 ] && exit 0

where="the tests need ${need[*]} (Chromium at $chromium, redis-server as \`$redis\`)"
if [ "$EUID" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "$where; install with: sudo apt-get install ${need[*]}" >&2
  echo "(elsewhere: install them with your package manager and set CHROMIUM_PATH or REDIS_SERVER to where they are)" >&2
  exit 1
fi

echo "installing from Debian for the tests: ${need[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null

# the packages install /usr/bin/chromium and /usr/bin/redis-server: a CHROMIUM_PATH or REDIS_SERVER
# naming somewhere else is still missing
missing
if [ ${#need[@]} -gt 0 ]; then
  echo "still missing after apt-get install: ${need[*]} (Chromium at $chromium, redis-server as \`$redis\`); check CHROMIUM_PATH and REDIS_SERVER" >&2
  exit 1
fi
