#!/usr/bin/env bash
# Makes sure this machine has what the build and the tests need: a JDK 17+, Maven and Docker.
# Idempotent; safe to run on every test invocation.
set -euo pipefail

need() { command -v "$1" >/dev/null 2>&1; }

if ! need java || ! need mvn; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-prerequisites: java and mvn are required; install openjdk-17-jdk-headless and maven" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven
fi

# The chaos suite runs nodes as local containers: it needs a running Docker daemon.
"$(dirname "${BASH_SOURCE[0]}")/ensure-docker.sh"
