#!/usr/bin/env bash
# Runs repro (engine + console) on a fresh Debian 12 machine: installs what is
# missing, builds a release binary, then starts it with its default data directory.
set -euo pipefail
cd "$(dirname "$0")"
. ./.ci/install-deps
swift build -c release --product repro
exec .build/release/repro "$@"
