#!/usr/bin/env bash
# Watch fan-out of a local 3-node cluster (fsync on, real processes): starts `./statekv dev` on its
# own ports and data dir, then measures write throughput with and without N open watches and the
# commit-to-delivery lag at every watcher under a fixed write rate; stops everything it started.
#   bench/watch.sh [--watchers N] [--rate W] [--seconds S] [--in-flight F] [--watcher-clients C]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_PORT="${WATCH_BENCH_BASE_PORT:-7700}"
WORK="$(mktemp -d /tmp/statekv-watchbench.XXXXXX)"
DEV_PID=""

cleanup() {
  if [[ -n "$DEV_PID" ]] && kill -0 "$DEV_PID" 2>/dev/null; then
    # SIGTERM: a job started in the background of a script ignores SIGINT, and the dev cluster keeps it ignored.
    kill -TERM "$DEV_PID" 2>/dev/null || true
    wait "$DEV_PID" 2>/dev/null || true
  fi
  echo "watch-bench: data and logs kept in $WORK" >&2
}
trap cleanup EXIT

"$ROOT/statekv" build >/dev/null
(cd "$ROOT" && mvn -B -q -ntp -pl bench -am package -DskipTests)

"$ROOT/statekv" dev --base-port "$BASE_PORT" --data-dir "$WORK/data" --clean >"$WORK/dev.out" 2>&1 &
DEV_PID=$!
until grep -q "is ready" "$WORK/dev.out"; do
  kill -0 "$DEV_PID" 2>/dev/null || { cat "$WORK/dev.out" >&2; exit 1; }
  sleep 0.5
done
ENDPOINTS="127.0.0.1:$((BASE_PORT + 1)),127.0.0.1:$((BASE_PORT + 2)),127.0.0.1:$((BASE_PORT + 3))"
echo "watch-bench: cluster ready at $ENDPOINTS" >&2

java -cp "$ROOT/bench/target/benchmarks.jar" io.statekv.bench.watch.WatchLagBench --endpoints "$ENDPOINTS" "$@"
