#!/usr/bin/env bash
# Checks that the base image's Java modules cover what a jar needs, as jdeps sees it.
#
# jdeps only sees static references. Modules loaded by name (jdk.crypto.ec, a security provider)
# or needed only on some code paths are in build-base.sh's list for reasons written there; this
# check catches the opposite mistake: a dependency that references a module the image lacks.
#
# Usage: check-modules.sh [JAR]   (default: node/target/statekv-node-*-all.jar)
# Exits 0 when every module jdeps reports is in the image or deliberately left out, 1 otherwise.
set -euo pipefail

DEPLOY_IMAGE_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
readonly DEPLOY_IMAGE_DIR
ROOT="$(cd "$DEPLOY_IMAGE_DIR/../.." && pwd)"
readonly ROOT

# Modules jdeps reports that the image leaves out on purpose, with the reason.
declare -A LEFT_OUT=(
  [java.desktop]="referenced only by JNA's AWT helpers, Chronicle's cooler and a Micrometer logging binder; it would add X11 and font libraries, about 20 MB"
)

log() { echo "check-modules: $*" >&2; }
die() { log "$*"; exit 1; }

image_modules() {
  local list
  list="$(sed -n 's/^readonly JAVA_MODULES=\(.*\)$/\1/p' "$DEPLOY_IMAGE_DIR/build-base.sh")"
  [ -n "$list" ] || die "no JAVA_MODULES line in build-base.sh"
  # --limit-modules resolves the list's closure, which is what jlink puts in the runtime.
  java --limit-modules "$list" --list-modules | sed 's/@.*//'
}

main() {
  local jar="${1:-}"
  if [ -z "$jar" ]; then
    jar="$(compgen -G "$ROOT/node/target/statekv-node-*-all.jar" | head -n 1 || true)"
    [ -n "$jar" ] || die "no node/target/statekv-node-*-all.jar; build the node module or pass a JAR"
  fi
  [ -f "$jar" ] || die "no such jar: $jar"

  local needed present module missing=0
  needed="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$jar")"
  present="$(image_modules)"
  log "jdeps reports: $needed"
  for module in ${needed//,/ }; do
    if grep -qx "$module" <<<"$present"; then
      continue
    elif [ -n "${LEFT_OUT[$module]:-}" ]; then
      log "left out on purpose: $module (${LEFT_OUT[$module]})"
    else
      log "MISSING from the image: $module"
      missing=1
    fi
  done
  [ "$missing" -eq 0 ] || die "add the missing modules to JAVA_MODULES in build-base.sh, with the reason"
  log "every module $(basename "$jar") references is in the image"
}

main "$@"
