#!/usr/bin/env bash
# Runs the same load matrix against a 3-node statekv and a 3-member etcd on loopback, both with
# fsync on, interleaving the two cell by cell so that drift in the machine's load hits both alike,
# and writes a report of statekv / etcd ratios. See docs/benchmarks.md.
#
#   bench/run-vs-etcd.sh [--quick] [--rounds N] [--in-flight 16,64,256] [--workloads put,get,...]
#                        [--warmup 10s] [--duration 30s] [--jit-warmup 30s] [--out DIR] [--no-build] [--keep-data]
#
# STATEKV_JAVA_OPTS replaces the nodes' JVM options; STATEKV_CONFIG_EXTRA is YAML appended to
# every generated node config, for measuring other settings (batch: ..., raft: ...).
#
# The last lines on stdout are one per workload and in-flight count:
#   ratio WORKLOAD INFLIGHT throughput=X.XX p99=Y.YY cpu_per_op=Z.ZZ
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARGS_GIVEN="$*"

WORKLOADS="put,get,get-serializable,mix,cas"
IN_FLIGHT="16,64,256"
WARMUP="10s"
DURATION="30s"
# Before round 1, every workload runs once on both systems unrecorded, so that the statekv JVMs
# have compiled their hot paths: the first minutes of a JVM spend much CPU in the JIT compiler.
JIT_WARMUP="30s"
ROUNDS=2
KEYS=100000
VALUE_BYTES=256
BUILD=1
KEEP_DATA=0
OUT=""
# Ports well away from the defaults of both systems, so that a dev cluster can keep running.
STATEKV_PORT_BASE=27000   # client 27001..3, http 27101..3, raft 27201..3
ETCD_PORT_BASE=28000      # client 28001..3, peer 28101..3

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) IN_FLIGHT=64; WARMUP=3s; DURATION=10s; JIT_WARMUP=10s; ROUNDS=2; shift ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --in-flight) IN_FLIGHT="$2"; shift 2 ;;
    --workloads) WORKLOADS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --jit-warmup) JIT_WARMUP="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --keep-data) KEEP_DATA=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-vs-etcd: unknown option '$1'" >&2; usage >&2; exit 64 ;;
  esac
done

OUT="${OUT:-$ROOT/bench/target/vs-etcd-$(date -u +%Y%m%dT%H%M%SZ)}"
OUT="$(mkdir -p "$OUT" && cd "$OUT" && pwd)"
mkdir -p "$OUT/runs" "$OUT/logs"
log() { echo "run-vs-etcd: $*" >&2; }

# ---- what every run needs -------------------------------------------------------------------

ensure_etcd() {
  if command -v etcd >/dev/null; then
    return
  fi
  log "etcd is missing; installing Debian's etcd-server package"
  if [[ $EUID -ne 0 ]]; then
    log "installing needs root: run 'apt-get install etcd-server' first"; exit 1
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >&2
}

build() {
  if [[ $BUILD -eq 1 ]]; then
    log "building the node jar and the bench jar (mvn -pl node,bench -am package -DskipTests)"
    (cd "$ROOT" && mvn -B -q -ntp -pl node,bench -am package -DskipTests) >&2
  fi
  NODE_JAR="$(ls -t "$ROOT"/node/target/statekv-node-*-all.jar 2>/dev/null | head -n 1 || true)"
  BENCH_JAR="$ROOT/bench/target/benchmarks.jar"
  [[ -f "$NODE_JAR" && -f "$BENCH_JAR" ]] || { log "jars missing; run without --no-build"; exit 1; }
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

check_ports() {
  local p
  for i in 1 2 3; do
    for p in $((STATEKV_PORT_BASE + i)) $((STATEKV_PORT_BASE + 100 + i)) $((STATEKV_PORT_BASE + 200 + i)) \
             $((ETCD_PORT_BASE + i)) $((ETCD_PORT_BASE + 100 + i)); do
      port_free "$p" || { log "port $p is in use; is another benchmark running?"; exit 1; }
    done
  done
}

# ---- the clusters ---------------------------------------------------------------------------

STARTED_PIDS=()

stop_all() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}
trap stop_all EXIT
trap 'log "interrupted"; exit 130' INT TERM

start_etcd() {
  local cluster="" i
  for i in 1 2 3; do
    cluster+="${cluster:+,}e$i=http://127.0.0.1:$((ETCD_PORT_BASE + 100 + i))"
  done
  for i in 1 2 3; do
    # fsync stays on: etcd 3.4 syncs its WAL before acknowledging unless --unsafe-no-fsync is given.
    etcd --name "e$i" --data-dir "$OUT/data/etcd/e$i" \
      --listen-client-urls "http://127.0.0.1:$((ETCD_PORT_BASE + i))" \
      --advertise-client-urls "http://127.0.0.1:$((ETCD_PORT_BASE + i))" \
      --listen-peer-urls "http://127.0.0.1:$((ETCD_PORT_BASE + 100 + i))" \
      --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_PORT_BASE + 100 + i))" \
      --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token statekv-bench \
      --heartbeat-interval 100 --election-timeout 1000 \
      --auto-compaction-mode revision --auto-compaction-retention 100000 \
      --logger zap --log-level warn >"$OUT/logs/etcd-e$i.log" 2>&1 &
    STARTED_PIDS+=($!)
    ETCD_PIDS+="${ETCD_PIDS:+,}$!"
    ETCD_ENDPOINTS+="${ETCD_ENDPOINTS:+,}127.0.0.1:$((ETCD_PORT_BASE + i))"
  done
}

statekv_config() {
  local i="$1" members="" j
  for j in 1 2 3; do
    members+="  - {id: n$j, raft: 127.0.0.1:$((STATEKV_PORT_BASE + 200 + j)), client: 127.0.0.1:$((STATEKV_PORT_BASE + j)), http: 127.0.0.1:$((STATEKV_PORT_BASE + 100 + j))}"$'\n'
  done
  cat <<YAML
# Written by bench/run-vs-etcd.sh. Every setting not named here is the node's default; the Raft
# log is synced to disk before an entry counts as appended, as always.
node_id: n$i
data_dir: $OUT/data/statekv/n$i
listen:
  raft: 127.0.0.1:$((STATEKV_PORT_BASE + 200 + i))
  client: 127.0.0.1:$((STATEKV_PORT_BASE + i))
  http: 127.0.0.1:$((STATEKV_PORT_BASE + 100 + i))
initial_members:
$members
log_level: warn
${STATEKV_CONFIG_EXTRA:-}
YAML
}

start_statekv() {
  local i
  mkdir -p "$OUT/config"
  for i in 1 2 3; do
    statekv_config "$i" >"$OUT/config/n$i.yaml"
    # The launcher execs java, so this pid is the node's JVM.
    STATEKV_JAVA_OPTS="${STATEKV_JAVA_OPTS:--Xms512m -Xmx1g}" \
      "$ROOT/statekv" node --config "$OUT/config/n$i.yaml" >"$OUT/logs/statekv-n$i.log" 2>&1 &
    STARTED_PIDS+=($!)
    STATEKV_PIDS+="${STATEKV_PIDS:+,}$!"
    STATEKV_ENDPOINTS+="${STATEKV_ENDPOINTS:+,}127.0.0.1:$((STATEKV_PORT_BASE + i))"
  done
}

# ---- the load ------------------------------------------------------------------------------

load() {
  java -Xms256m -Xmx1g -cp "$BENCH_JAR" io.statekv.bench.load.LoadMain "$@"
}

endpoints_of() { if [[ "$1" == statekv ]]; then echo "$STATEKV_ENDPOINTS"; else echo "$ETCD_ENDPOINTS"; fi; }
pids_of() { if [[ "$1" == statekv ]]; then echo "$STATEKV_PIDS"; else echo "$ETCD_PIDS"; fi; }

preload() {
  local system="$1"
  log "preloading $KEYS keys of $VALUE_BYTES bytes into $system"
  load preload --system "$system" --endpoints "$(endpoints_of "$system")" \
    --keys "$KEYS" --value-bytes "$VALUE_BYTES" >&2
}

run_cell() {
  local system="$1" workload="$2" inflight="$3" round="$4"
  load run --system "$system" --endpoints "$(endpoints_of "$system")" --server-pids "$(pids_of "$system")" \
    --keys "$KEYS" --value-bytes "$VALUE_BYTES" --workload "$workload" --in-flight "$inflight" \
    --warmup "$WARMUP" --duration "$DURATION" --round "$round" --progress 5s \
    --out "$OUT/runs/$system-$workload-$inflight-r$round.json" >&2
}

# Runs every workload once on each system at the largest in-flight count, without recording it.
jit_warmup() {
  local -a workloads inflights
  IFS=, read -r -a workloads <<<"$WORKLOADS"
  IFS=, read -r -a inflights <<<"$IN_FLIGHT"
  local w system
  for w in "${workloads[@]}"; do
    for system in statekv etcd; do
      log "warming up (not recorded): $system $w for $JIT_WARMUP"
      load run --system "$system" --endpoints "$(endpoints_of "$system")" --keys "$KEYS" \
        --value-bytes "$VALUE_BYTES" --workload "$w" --in-flight "${inflights[-1]}" \
        --warmup 0s --duration "$JIT_WARMUP" --progress 0s >/dev/null
    done
  done
}

run_matrix() {
  local -a workloads inflights
  IFS=, read -r -a workloads <<<"$WORKLOADS"
  IFS=, read -r -a inflights <<<"$IN_FLIGHT"
  local total=$((ROUNDS * ${#workloads[@]} * ${#inflights[@]} * 2)) n=0 round w f system order
  for ((round = 1; round <= ROUNDS; round++)); do
    for w in "${workloads[@]}"; do
      for f in "${inflights[@]}"; do
        # Alternate which system goes first, so that neither always runs on the warmer machine.
        if (( (n / 2 + round) % 2 == 0 )); then order="statekv etcd"; else order="etcd statekv"; fi
        for system in $order; do
          n=$((n + 1))
          log "[$n/$total] round $round: $system $w, $f in flight (load average $(cut -d' ' -f1 /proc/loadavg))"
          run_cell "$system" "$w" "$f" "$round"
        done
      done
    done
  done
}

record_settings() {
  cat >"$OUT/run.properties" <<PROPS
command=bench/run-vs-etcd.sh ${ARGS_GIVEN}
rounds=$ROUNDS
warmup=$WARMUP
jit.warmup=$JIT_WARMUP per workload and system, before round 1
statekv.config.extra=${STATEKV_CONFIG_EXTRA:+${STATEKV_CONFIG_EXTRA//$'\n'/; }}
duration=$DURATION
keys=$KEYS
value.bytes=$VALUE_BYTES
etcd=$(etcd --version 2>/dev/null | head -n 1)
statekv=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
fsync=on in both (etcd default; statekv always)
PROPS
}

main() {
  ensure_etcd
  build
  check_ports
  record_settings
  log "report folder: $OUT"
  ETCD_PIDS="" ETCD_ENDPOINTS="" STATEKV_PIDS="" STATEKV_ENDPOINTS=""
  start_etcd
  start_statekv
  log "etcd members: pids $ETCD_PIDS; statekv nodes: pids $STATEKV_PIDS"
  preload statekv
  preload etcd
  jit_warmup
  run_matrix
  log "stopping both clusters"
  stop_all
  # The stores and logs of a full matrix take about a gigabyte; the results and logs stay.
  if [[ $KEEP_DATA -eq 0 ]]; then
    rm -rf "$OUT/data"
  fi
  load report --dir "$OUT"
}

main
