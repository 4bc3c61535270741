#!/bin/sh
# Starts a statekv node inside its container: prepares the temp dir, checks that native code can
# load from it, then replaces itself with the JVM, so that the JVM gets the container's signals.
#
# Arguments are passed to the node unchanged. JVM options go in JDK_JAVA_OPTIONS, which the
# java launcher reads itself (e.g. JDK_JAVA_OPTIONS='-Xmx2g').
#
# Environment:
#   STATEKV_TMP_DIR  the JVM's java.io.tmpdir (default /data/tmp). It must be writable and allow
#                    exec: jffi, JNA and gRPC's Netty extract native libraries into it and load
#                    them from there.
set -eu

readonly JAR=/opt/statekv/statekv-node.jar
readonly JVM_ARGS_FILE=/opt/statekv/jvm.args
# A temp dir holding this file is one this entrypoint created, and it may empty it.
readonly TMP_MARKER=.statekv-tmp
# EX_CONFIG from sysexits.h: the container's set-up, not the node, is at fault.
readonly EXIT_CONFIG=78

tmp_dir="${STATEKV_TMP_DIR:-/data/tmp}"

fail() {
  echo "statekv-entrypoint: $*" >&2
  exit "$EXIT_CONFIG"
}

prepare_tmp_dir() {
  if [ ! -d "$tmp_dir" ]; then
    mkdir -p "$tmp_dir" 2>/dev/null ||
      fail "cannot create $tmp_dir as uid $(id -u); make the volume at /data writable by uid $(id -u)"
    : >"$tmp_dir/$TMP_MARKER"
  fi
  # A killed JVM leaves its extracted native libraries behind; without this they pile up across
  # restarts of a container whose /data persists.
  if [ -f "$tmp_dir/$TMP_MARKER" ]; then
    find "$tmp_dir" -mindepth 1 -maxdepth 1 ! -name "$TMP_MARKER" -exec rm -rf {} +
  fi
}

# Writes a tiny script into the temp dir and runs it. Mode bits do not tell whether the directory
# is on a read-only or noexec mount, so both are tried for real.
#
# A noexec mount (Docker's --tmpfs without the exec option, --mount type=tmpfs) does not stop the
# JVM: jffi and JNA fail to map their libraries, Chronicle Map silently falls back to a POSIX
# layer that does nothing, and its files are no longer preallocated. Refuse to start instead.
require_usable_tmp_dir() {
  probe="$tmp_dir/.exec-check.$$"
  printf '#!/bin/sh\nexit 0\n' 2>/dev/null >"$probe" ||
    fail "$tmp_dir is not writable by uid $(id -u). Mount a writable volume at /data, or a tmpfs" \
      "with docker run --tmpfs $tmp_dir:exec,uid=$(id -u),gid=$(id -g)"
  chmod 700 "$probe"
  if "$probe" 2>/dev/null; then
    rm -f "$probe"
    return 0
  fi
  rm -f "$probe"
  fail "$tmp_dir does not allow exec (noexec mount), so jffi and JNA cannot load their native" \
    "libraries. Mount it with exec (docker run --tmpfs $tmp_dir:exec,uid=$(id -u),gid=$(id -g))" \
    "or set STATEKV_TMP_DIR to a writable directory that allows exec."
}

prepare_tmp_dir
require_usable_tmp_dir
exec java "@$JVM_ARGS_FILE" "-Djava.io.tmpdir=$tmp_dir" -jar "$JAR" "$@"
