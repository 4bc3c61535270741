#!/usr/bin/env bash
# Builds the statekv base runtime image, statekv/base:<content hash>, without pulling anything.
#
# The image is assembled from this host: a jlink'ed Java 17 runtime cut from the host JDK, the
# shared libraries that runtime links against, busybox-static as the shell and tool set, the
# iptables binaries for network-partition faults, and a minimal /etc with a non-root user. It is
# imported with `docker import`, so no registry and no base image are needed.
#
# The tag is a hash of everything that decides the image's content: the JDK build, the module
# list, the versions of the Debian packages copied in, and this script. When an image with that
# tag exists the build is skipped, so calling this script is cheap and idempotent.
#
# Usage: build-base.sh [--force]
#   Prints the image reference (statekv/base:<tag>) as the only line on stdout; progress goes to
#   stderr. --force rebuilds even when the image exists.
#
# Environment:
#   STATEKV_JDK_HOME   the JDK to cut the runtime from (default: the JDK of `javac` on PATH);
#                      it must be a Java 17 JDK with jmods/ (openjdk-17-jdk-headless).
#
# Needs root (the image's files are owned by root and by the statekv user) and a running dockerd
# (deploy/host/ensure-docker.sh).
set -euo pipefail

readonly IMAGE_NAME=statekv/base
readonly JAVA_FEATURE_VERSION=17
# Non-root identity that the node runs as. Files a node writes to a bind-mounted host directory
# are owned by this uid, so it is fixed, and kept clear of the usual 1000 of a first desktop user.
readonly STATEKV_UID=10001
readonly STATEKV_GID=10001

# The Java modules in the runtime, checked with `jdeps --print-module-deps` against a shaded jar
# holding Chronicle Map, Ratis (server, gRPC, metrics), Netty, Jackson, protobuf, Micrometer,
# picocli, SLF4J and Logback. jlink adds what these require in turn (java.compiler,
# java.security.sasl, java.transaction.xa).
#   java.base          everything.
#   java.logging       java.util.logging: Ratis' shaded gRPC logs through it; jul-to-slf4j.
#   java.management    JMX: Chronicle (without it, NoClassDefFoundError), Ratis metrics.
#   java.naming        JNDI: Chronicle (without it, NoClassDefFoundError), Logback, gRPC.
#   java.sql           java.sql.Timestamp and friends, referenced by Jackson's date handling,
#                      Chronicle Wire and Ratis' shaded Gson. Cheap; it needs java.xml anyway.
#   java.xml           Logback's XML configuration (logback.xml).
#   jdk.compiler       Chronicle Map compiles generated classes with in-process javac.
#   jdk.zipfs          javac reads the class path through it; without it javac reports errors.
#   jdk.unsupported    sun.misc.Unsafe, used by Chronicle, Netty and protobuf.
#   jdk.management     com.sun.management: Micrometer's process CPU, GC and open-file metrics.
#   jdk.jfr            Netty 4.2's allocator declares JFR events; and flight recordings
#                      (-XX:StartFlightRecording, `jfr`) are how JVM pauses get diagnosed.
#   jdk.crypto.ec      the SunEC provider: ECDHE and ECDSA for TLS between clients and nodes
#                      and between peers. jdeps cannot see it: providers load by name.
#   java.net.http      java.net.http.HttpClient: the HTTP gateway forwards writes that reach a
#                      follower to the leader with it. Without it the node dies at start-up
#                      with NoClassDefFoundError.
# Left out on purpose: java.desktop (jdeps sees it referenced only by JNA's AWT helpers,
# Chronicle's "cooler" tool and a Micrometer logging binder, none on a node's path; it drags in
# X11 and font libraries, about 20 MB more), java.instrument,
# java.security.jgss. check-modules.sh compares this list with what jdeps finds in a jar.
readonly JAVA_MODULES=java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.compiler,jdk.zipfs,jdk.unsupported,jdk.management,jdk.jfr,jdk.crypto.ec,java.net.http

# Debian packages whose files are copied into the image; their versions are part of the tag.
readonly COPIED_PACKAGES=(libc6 libgcc-s1 libstdc++6 zlib1g busybox-static iptables libnftnl11 libmnl0 libxtables12)

SCRIPT_PATH="$(readlink -f "${BASH_SOURCE[0]}")"
readonly SCRIPT_PATH

log() { echo "build-base: $*" >&2; }
die() { log "$*"; exit 1; }

resolve_java_home() {
  local home="${STATEKV_JDK_HOME:-}"
  if [ -z "$home" ]; then
    command -v javac >/dev/null || die "no javac on PATH; install openjdk-17-jdk-headless or set STATEKV_JDK_HOME"
    home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  fi
  [ -d "$home/jmods" ] || die "$home has no jmods/; jlink needs a full JDK (openjdk-17-jdk-headless)"
  grep -q "^JAVA_VERSION=\"${JAVA_FEATURE_VERSION}[.\"]" "$home/release" ||
    die "$home is not a Java $JAVA_FEATURE_VERSION JDK: $(grep '^JAVA_VERSION=' "$home/release")"
  echo "$home"
}

content_hash() {
  local java_home="$1"
  {
    grep -E '^(IMPLEMENTOR|JAVA_RUNTIME_VERSION)=' "$java_home/release"
    echo "$JAVA_MODULES"
    dpkg-query -W -f='${Package}=${Version}\n' "${COPIED_PACKAGES[@]}"
    cat "$SCRIPT_PATH"
  } | sha256sum | cut -c1-12
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# Debian's merged-/usr layout, so that library paths reported by ldd resolve the same inside.
make_skeleton() {
  local root="$1" dir
  mkdir -p "$root"/usr/{bin,sbin,lib/x86_64-linux-gnu,lib64} "$root"/{etc,opt,root,proc,sys,dev}
  for dir in bin sbin lib lib64; do ln -s "usr/$dir" "$root/$dir"; done
  install -d -m 1777 "$root/tmp"
  install -d -m 0755 -o "$STATEKV_UID" -g "$STATEKV_GID" "$root/data"
  install -d -m 0755 -o "$STATEKV_UID" -g "$STATEKV_GID" "$root/data/tmp"
  # The node's entrypoint empties a temp dir carrying this marker at start (see entrypoint.sh).
  install -m 0644 -o "$STATEKV_UID" -g "$STATEKV_GID" /dev/null "$root/data/tmp/.statekv-tmp"
}

jlink_runtime() {
  local root="$1" java_home="$2"
  "$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$JAVA_MODULES" \
    --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java"
  # legal/ holds only licence notice files; in some JDK builds they are symlinks that break
  # once copied out of the JDK.
  rm -rf "$root/opt/java/legal"
}

# Copies every shared library that ldd reports for the given ELF files, at the same path.
copy_shared_libraries() {
  local root="$1" runtime_lib="$1/opt/java/lib"
  shift
  local elf name path
  for elf in "$@"; do
    while read -r name path; do
      if [ "$path" = "not" ]; then
        # Libraries of the runtime find libjvm.so through the JVM that loaded them.
        [ -n "$(find "$runtime_lib" -name "$name" -print -quit)" ] || die "$elf needs $name, which is not found"
        continue
      fi
      case "$path" in "$root"/*) continue ;; esac
      [ -e "$root$path" ] || cp -L "$path" "$root$path"
    done < <(ldd "$elf" | awk '$2 == "=>" && $3 != "" { print $1, $3 } $1 ~ /^\// { print $1, $1 }')
  done
}

# All of glibc's shared libraries, not only those ldd reports. Native libraries that jars carry
# and extract at run time are invisible to ldd; Ratis' shaded Netty epoll library, for one,
# links libdl.so.2 and would silently fall back to NIO without it.
install_glibc() {
  local root="$1" lib
  while read -r lib; do
    cp -L "$lib" "$root$lib"
  done < <(dpkg -L libc6 | grep -E '^/(usr/)?lib(64)?/(x86_64-linux-gnu/)?[^/]+\.so(\.[0-9]+)*$')
}

install_busybox() {
  local root="$1" applet
  cp /bin/busybox "$root/usr/bin/busybox"
  # Every applet becomes a symlink, unless a real binary (java, iptables) already owns the name.
  # linuxrc is an init for initrds, not a tool.
  while read -r applet; do
    [ "$applet" != linuxrc ] || continue
    [ -e "$root/$applet" ] || [ -L "$root/$applet" ] || ln -s /usr/bin/busybox "$root/$applet"
  done < <(/bin/busybox --list-full)
}

# iptables, nf_tables backend (the one Docker uses on this host), with its match and target
# extensions, which it loads with dlopen and ldd cannot see.
install_iptables() {
  local root="$1" link
  cp /usr/sbin/xtables-nft-multi "$root/usr/sbin/"
  for link in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
    ln -s xtables-nft-multi "$root/usr/sbin/$link"
  done
  cp -r /usr/lib/x86_64-linux-gnu/xtables "$root/usr/lib/x86_64-linux-gnu/"
}

write_etc() {
  local root="$1"
  cat >"$root/etc/passwd" <<EOF
root:x:0:0:root:/root:/bin/sh
statekv:x:$STATEKV_UID:$STATEKV_GID:statekv:/data:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
  cat >"$root/etc/group" <<EOF
root:x:0:
statekv:x:$STATEKV_GID:
nogroup:x:65534:
EOF
  cat >"$root/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
hosts: files dns
networks: files
protocols: files
services: files
EOF
  # iptables and busybox look protocol and service names up here.
  cp /etc/protocols /etc/services "$root/etc/"
}

build_rootfs() {
  local root="$1" java_home="$2"
  make_skeleton "$root"
  jlink_runtime "$root" "$java_home"
  install_glibc "$root"
  install_iptables "$root"
  install_busybox "$root"
  write_etc "$root"
  local elves
  mapfile -t elves < <(find "$root/opt/java" "$root/usr/sbin" "$root/usr/lib/x86_64-linux-gnu/xtables" \
    -type f \( -name '*.so' -o -perm -u+x \))
  copy_shared_libraries "$root" "${elves[@]}"
}

import_image() {
  local root="$1" ref="$2" hash="$3"
  tar -C "$root" --numeric-owner -c . | docker import \
    --change 'ENV PATH=/opt/java/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV JAVA_HOME=/opt/java' \
    --change 'ENV LANG=C.UTF-8' \
    --change "LABEL io.statekv.base.hash=$hash" \
    --change "LABEL io.statekv.base.java-modules=$JAVA_MODULES" \
    --change 'WORKDIR /data' \
    --change 'CMD ["/bin/sh"]' \
    - "$ref" >/dev/null
}

main() {
  local force=false
  case "${1:-}" in
    --force) force=true ;;
    "") ;;
    *) die "usage: build-base.sh [--force]" ;;
  esac
  [ "$(id -u)" -eq 0 ] || die "must run as root: the image's files need root and statekv ownership"
  command -v docker >/dev/null || die "docker is missing; run deploy/host/ensure-docker.sh"
  [ -x /bin/busybox ] || die "busybox-static is missing; run deploy/host/ensure-docker.sh"
  [ -x /usr/sbin/xtables-nft-multi ] || die "iptables is missing; run deploy/host/ensure-docker.sh"

  local java_home hash ref
  java_home="$(resolve_java_home)"
  hash="$(content_hash "$java_home")"
  ref="$IMAGE_NAME:$hash"
  if ! $force && image_exists "$ref"; then
    log "$ref is up to date"
    echo "$ref"
    return 0
  fi

  local work start=$SECONDS
  work="$(mktemp -d "${TMPDIR:-/tmp}/statekv-base.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: the trap must remove this very directory.
  trap "rm -rf '$work'" EXIT
  log "building $ref from $java_home"
  build_rootfs "$work/rootfs" "$java_home"
  import_image "$work/rootfs" "$ref" "$hash"
  log "built $ref in $((SECONDS - start))s, $(docker image inspect -f '{{.Size}}' "$ref" | numfmt --to=iec) uncompressed"
  echo "$ref"
}

main "$@"
