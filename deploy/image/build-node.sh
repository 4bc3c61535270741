#!/usr/bin/env bash
# Builds the statekv node image, statekv/node:<content hash>, on top of the local base image.
#
# The image holds the node's shaded jar, the JVM flags Chronicle Map needs (the root pom's
# chronicle.jvm.flags property), security properties with short DNS caching, and an entrypoint
# that refuses to start when native libraries cannot load. Nothing is pulled: the base image is
# built locally first (build-base.sh) and `docker build` runs with --pull=false.
#
# The tag is a hash of the base image reference, the jar and every file put into the image, so
# an unchanged jar gives the same tag and the build is skipped. The image is also tagged
# <name>:current, which always names the latest build.
#
# Usage: build-node.sh [--name NAME] [--force] [JAR]
#   JAR      the node's shaded jar (default: node/target/statekv-node-*-all.jar)
#   --name   the image name (default statekv/node)
#   --force  rebuild even when the image exists
#   Prints the image reference (NAME:<tag>) as the only line on stdout; progress goes to stderr.
set -euo pipefail

DEPLOY_IMAGE_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
readonly DEPLOY_IMAGE_DIR
ROOT="$(cd "$DEPLOY_IMAGE_DIR/../.." && pwd)"
readonly ROOT
readonly CONTEXT_DIR="$DEPLOY_IMAGE_DIR/node"
readonly FLOATING_TAG=current

log() { echo "build-node: $*" >&2; }
die() { log "$*"; exit 1; }

default_jar() {
  local jars
  mapfile -t jars < <(compgen -G "$ROOT/node/target/statekv-node-*-all.jar" || true)
  [ "${#jars[@]}" -eq 1 ] && { echo "${jars[0]}"; return 0; }
  [ "${#jars[@]}" -eq 0 ] && die "no node/target/statekv-node-*-all.jar; build the node module or pass a JAR"
  die "several node jars match, pass one: ${jars[*]}"
}

# The flags are kept in one place, the root pom, which also feeds them to surefire.
chronicle_jvm_flags() {
  local flags
  flags="$(sed -n 's:.*<chronicle\.jvm\.flags>\(.*\)</chronicle\.jvm\.flags>.*:\1:p' "$ROOT/pom.xml")"
  [ -n "$flags" ] || die "no <chronicle.jvm.flags> property on one line in $ROOT/pom.xml"
  echo "$flags"
}

# One option per line, read by the java launcher from /opt/statekv/jvm.args.
write_jvm_args() {
  local file="$1" flags flag
  flags="$(chronicle_jvm_flags)"
  {
    # A node that ran out of heap is in an unknown state; let it die and be restarted.
    echo "-XX:+ExitOnOutOfMemoryError"
    echo "-Djava.security.properties=/opt/statekv/conf/java.security"
    for flag in $flags; do echo "$flag"; done
  } >"$file"
}

assemble_context() {
  local context="$1" jar="$2"
  cp "$CONTEXT_DIR/Dockerfile" "$CONTEXT_DIR/java.security" "$context/"
  install -m 0755 "$CONTEXT_DIR/entrypoint.sh" "$context/entrypoint.sh"
  install -m 0644 "$jar" "$context/statekv-node.jar"
  write_jvm_args "$context/jvm.args"
}

content_hash() {
  local context="$1" base="$2"
  {
    echo "$base"
    (cd "$context" && sha256sum Dockerfile java.security entrypoint.sh jvm.args statekv-node.jar)
    sha256sum <"$DEPLOY_IMAGE_DIR/build-node.sh"
  } | sha256sum | cut -c1-12
}

main() {
  local name=statekv/node force=false jar=""
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --name) [ "$#" -ge 2 ] || die "--name needs a value"; name="$2"; shift 2 ;;
      --force) force=true; shift ;;
      -*) die "usage: build-node.sh [--name NAME] [--force] [JAR]" ;;
      *) [ -z "$jar" ] || die "only one JAR"; jar="$1"; shift ;;
    esac
  done
  [ -n "$jar" ] || jar="$(default_jar)"
  [ -f "$jar" ] || die "no such jar: $jar"

  local base work hash ref start=$SECONDS
  base="$("$DEPLOY_IMAGE_DIR/build-base.sh")"
  work="$(mktemp -d "${TMPDIR:-/tmp}/statekv-node.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: the trap must remove this very directory.
  trap "rm -rf '$work'" EXIT
  assemble_context "$work" "$jar"
  hash="$(content_hash "$work" "$base")"
  ref="$name:$hash"

  if ! $force && docker image inspect "$ref" >/dev/null 2>&1; then
    log "$ref is up to date"
  else
    log "building $ref from $jar on $base"
    # The classic builder behaves the same whichever docker client is on PATH and whether or not
    # buildx is installed; with --pull=false it resolves FROM against local images only. Its
    # output, with a deprecation notice, is shown on failure only.
    if ! DOCKER_BUILDKIT=0 docker build --pull=false --build-arg "BASE=$base" \
      --label "io.statekv.base=$base" --label "io.statekv.node.hash=$hash" \
      --label "io.statekv.node.jar=$(basename "$jar")" \
      -t "$ref" "$work" >"$work/build.log" 2>&1; then
      cat "$work/build.log" >&2
      die "docker build of $ref failed"
    fi
    log "built $ref in $((SECONDS - start))s, $(docker image inspect -f '{{.Size}}' "$ref" | numfmt --to=iec) uncompressed"
  fi
  docker tag "$ref" "$name:$FLOATING_TAG"
  echo "$ref"
}

main "$@"
