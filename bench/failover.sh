#!/usr/bin/env bash
# Throughput and leader failover time of a local 3-node cluster (fsync on, real processes):
# starts `./statekv dev` on its own ports and data dir, measures writes and linearizable reads with
# a fixed number of requests in flight, then kills the leader with SIGKILL under write load
# several times (restarting it each time), and stops everything it started.
#   bench/failover.sh [--in-flight N] [--seconds S] [--rounds R] [--keys K] [--value-bytes B]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_PORT="${FAILOVER_BASE_PORT:-7600}"
WORK="$(mktemp -d /tmp/statekv-failover.XXXXXX)"
DEV_PID=""

cleanup() {
  if [[ -n "$DEV_PID" ]] && kill -0 "$DEV_PID" 2>/dev/null; then
    kill -TERM "$DEV_PID" 2>/dev/null || true  # a background job ignores SIGINT
    wait "$DEV_PID" 2>/dev/null || true
  fi
  echo "failover: data and logs kept in $WORK" >&2
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
echo "failover: cluster ready at $ENDPOINTS" >&2

java -cp "$ROOT/bench/target/benchmarks.jar" io.statekv.bench.failover.FailoverBench \
  --endpoints "$ENDPOINTS" --data-root "$WORK/data" "$@"
