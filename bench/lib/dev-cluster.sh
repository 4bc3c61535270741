# shellcheck shell=bash
# Sourced by the benchmark scripts that measure a local dev cluster: builds the jars, starts
# `./statekv dev` on its own ports with its data in a fresh folder, waits until it is ready, and
# stops it when the script exits.
#   start_dev_cluster NAME BASE_PORT   sets WORK (the run's folder) and ENDPOINTS (client addresses)

DEV_PID=""

stop_dev_cluster() {
  if [[ -n "$DEV_PID" ]] && kill -0 "$DEV_PID" 2>/dev/null; then
    # SIGTERM: a job started in the background of a script ignores SIGINT.
    kill -TERM "$DEV_PID" 2>/dev/null || true
    wait "$DEV_PID" 2>/dev/null || true
  fi
  echo "$DEV_NAME: data and logs kept in $WORK" >&2
}

start_dev_cluster() {
  DEV_NAME="$1"
  local base_port="$2"
  WORK="$(mktemp -d "/tmp/statekv-$DEV_NAME.XXXXXX")"
  trap stop_dev_cluster EXIT
  "$ROOT/statekv" build >/dev/null
  (cd "$ROOT" && mvn -B -q -ntp -pl bench -am package -DskipTests)
  "$ROOT/statekv" dev --base-port "$base_port" --data-dir "$WORK/data" --clean >"$WORK/dev.out" 2>&1 &
  DEV_PID=$!
  until grep -q "is ready" "$WORK/dev.out"; do
    kill -0 "$DEV_PID" 2>/dev/null || { cat "$WORK/dev.out" >&2; exit 1; }
    sleep 0.5
  done
  ENDPOINTS="127.0.0.1:$((base_port + 1)),127.0.0.1:$((base_port + 2)),127.0.0.1:$((base_port + 3))"
  echo "$DEV_NAME: cluster ready at $ENDPOINTS" >&2
}
