#!/usr/bin/env bash
# Runs every test of repro on a fresh Debian 12 machine: installs what is
# missing, builds, then runs the whole suite (unit and integration tests).
set -euo pipefail
cd "$(dirname "$0")"
. ./.ci/install-deps
swift build --build-tests
swift test --skip-build "$@"
