#!/usr/bin/env bash
# Runs the concurrent-clients end-to-end test with 500 telnet clients on loopback (the suite runs 100).
# Usage: scripts/mudserver-500-clients.sh [CLIENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
clients="${1:-500}"
ulimit -n 4096 2>/dev/null || true
swift build --build-tests
MUDSCOPE_CLIENTS="$clients" swift test --skip-build --filter 'RobustnessTests/manyConcurrentClients'
