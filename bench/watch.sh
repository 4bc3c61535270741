#!/usr/bin/env bash
# Watch fan-out of a local 3-node cluster (fsync on, real processes): starts `./statekv dev` on its
# own ports and data dir, then measures write throughput with and without N open watches and the
# commit-to-delivery lag at every watcher under a fixed write rate; stops everything it started.
#   bench/watch.sh [--watchers N] [--rate W] [--seconds S] [--in-flight F] [--watcher-clients C]
#                  [--filter scope|key] [--warmup S] [--rounds R]
#                  [--warmup-rounds R]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib/dev-cluster.sh
source "$ROOT/bench/lib/dev-cluster.sh"
start_dev_cluster watch-bench "${WATCH_BENCH_BASE_PORT:-7700}"

java -cp "$ROOT/bench/target/benchmarks.jar" io.statekv.bench.watch.WatchLagBench --endpoints "$ENDPOINTS" \
  --cluster-pid "$DEV_PID" "$@"
