#!/usr/bin/env bash
# Throughput and leader failover time of a local 3-node cluster (fsync on, real processes):
# starts `./statekv dev` on its own ports and data dir, measures writes and linearizable reads with
# a fixed number of requests in flight, then kills the leader with SIGKILL under write load
# several times (restarting it each time), and stops everything it started.
#   bench/failover.sh [--in-flight N] [--seconds S] [--rounds R] [--keys K] [--value-bytes B]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib/dev-cluster.sh
source "$ROOT/bench/lib/dev-cluster.sh"
start_dev_cluster failover "${FAILOVER_BASE_PORT:-7600}"

java -cp "$ROOT/bench/target/benchmarks.jar" io.statekv.bench.failover.FailoverBench \
  --endpoints "$ENDPOINTS" --data-root "$WORK/data" "$@"
