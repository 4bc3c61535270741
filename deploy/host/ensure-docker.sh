#!/usr/bin/env bash
# Makes sure a Docker daemon answers on this machine, installing and starting it when needed.
#
# The chaos suite runs statekv nodes as containers built from local images (no registry is
# reachable), so it needs a running dockerd plus iptables (Docker's bridge networking and the
# partition faults) and busybox-static (the shell and tools inside our base image).
#
# Idempotent and safe to run concurrently: the check-then-start runs under one flock, so two
# callers never start two daemons. Needs root to install or start anything; when the daemon
# already answers it needs nothing.
#
# Environment:
#   STATEKV_DOCKERD_LOG              where dockerd writes its log (default /tmp/dockerd.log)
#   STATEKV_DOCKER_START_TIMEOUT_S   how long to wait for dockerd to answer (default 60)
set -euo pipefail

readonly PACKAGES=(docker.io iptables busybox-static)
readonly DOCKERD=/usr/sbin/dockerd
readonly DOCKERD_PID_FILE=/var/run/docker.pid
readonly CONTAINERD_PID_FILE=/var/run/docker/containerd/containerd.pid
readonly DOCKERD_LOG="${STATEKV_DOCKERD_LOG:-/tmp/dockerd.log}"
readonly START_TIMEOUT_S="${STATEKV_DOCKER_START_TIMEOUT_S:-60}"
# One well-known lock for every checkout on this machine, so that concurrent runs serialise.
readonly LOCK_FILE=/var/lock/statekv-ensure-docker.lock
readonly LOCK_WAIT_S=600
DOCKERD_PID=""

log() { echo "ensure-docker: $*" >&2; }
die() { log "$*"; exit 1; }

# Asks the daemon itself; a bounded call, because a half-started daemon can hang the client.
docker_answers() { timeout 10 docker info >/dev/null 2>&1; }

package_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

missing_packages() {
  local package
  for package in "${PACKAGES[@]}"; do
    package_installed "$package" || echo "$package"
  done
}

install_missing_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  [ "${#missing[@]}" -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing packages ${missing[*]}; run as root or install them: apt-get install ${missing[*]}"
  log "installing ${missing[*]}"
  # apt and the packages' maintainer scripts are chatty; keep their output for a failure only.
  local apt_log
  apt_log="$(mktemp)"
  if ! { apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Use-Pty=0 "${missing[@]}"; } \
    >"$apt_log" 2>&1; then
    cat "$apt_log" >&2
    rm -f "$apt_log"
    die "could not install ${missing[*]}"
  fi
  rm -f "$apt_log"
}

# True when PID is a live process named NAME. A killed daemon lingers as a zombie until init
# reaps it, and a zombie still passes `kill -0`, so the process state is read instead.
process_alive() {
  local pid="$1" name="$2"
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ] || return 1
  ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null
}

# Removes FILE unless it names a live process NAME. dockerd refuses to start over a pid file
# of a live-looking process, and it waits for a "still running" containerd from its pid file;
# after a kill -9 both files can name zombies, and dockerd then fails after a long timeout.
remove_stale_pid_file() {
  local file="$1" name="$2"
  [ -f "$file" ] || return 0
  process_alive "$(cat "$file" 2>/dev/null)" "$name" || rm -f "$file"
}

start_dockerd() {
  [ "$(id -u)" -eq 0 ] || die "dockerd is not answering and starting it needs root"
  [ -x "$DOCKERD" ] || die "$DOCKERD is missing although docker.io is installed"
  if process_alive "$(cat "$DOCKERD_PID_FILE" 2>/dev/null)" dockerd; then
    log "dockerd (pid $(cat "$DOCKERD_PID_FILE")) is running but not answering yet; waiting for it"
    DOCKERD_PID="$(cat "$DOCKERD_PID_FILE")"
    return 0
  fi
  remove_stale_pid_file "$DOCKERD_PID_FILE" dockerd
  remove_stale_pid_file "$CONTAINERD_PID_FILE" containerd
  log "starting dockerd (log: $DOCKERD_LOG)"
  # setsid puts the daemon in its own session, so that it outlives the job that started it and
  # a signal to that job's process group does not reach it. Its stdio must not hold our pipes,
  # and it must not inherit the lock's descriptor, or it would hold the lock for its lifetime.
  setsid nohup "$DOCKERD" </dev/null >>"$DOCKERD_LOG" 2>&1 9>&- &
  DOCKERD_PID=$!
}

fail_with_log() {
  log "$1; last lines of $DOCKERD_LOG:"
  tail -n 20 "$DOCKERD_LOG" >&2 || true
  exit 1
}

await_dockerd() {
  local deadline=$((SECONDS + START_TIMEOUT_S))
  until docker_answers; do
    process_alive "$DOCKERD_PID" dockerd || fail_with_log "dockerd exited during start-up"
    [ "$SECONDS" -lt "$deadline" ] || fail_with_log "dockerd did not answer within ${START_TIMEOUT_S}s"
    sleep 0.2
  done
}

main() {
  # The common case needs neither root nor the lock: everything is installed and running.
  if [ -z "$(missing_packages)" ] && docker_answers; then
    return 0
  fi
  command -v flock >/dev/null || die "flock (util-linux) is required"
  exec 9>>"$LOCK_FILE" || die "cannot open $LOCK_FILE"
  flock -w "$LOCK_WAIT_S" 9 || die "another run held $LOCK_FILE for ${LOCK_WAIT_S}s"

  install_missing_packages
  if docker_answers; then
    return 0
  fi
  start_dockerd
  await_dockerd
  log "dockerd is up ($(docker version --format '{{.Server.Version}}, API {{.Server.APIVersion}}'))"
}

main "$@"
