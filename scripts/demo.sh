#!/usr/bin/env bash
# MudScope's main job, end to end on this machine (SQLite, loopback):
#   build in release mode, make a game if there is none, start the server with the profiler,
#   let simulated players play, watch the server live in mudtop (quit with q), then stop everything
#   and print the profile the server wrote.
# Without a terminal (CI, a pipe) it shows mudtop's batch output instead of the live screen.
#
#   scripts/demo.sh [--game DIR] [--bots N] [--seconds S]
set -euo pipefail
cd "$(dirname "$0")/.."

game=.build/demo-game
bots=20
seconds=20
while [ $# -gt 0 ]; do
  case "$1" in
    --game) game=$2; shift 2 ;;
    --bots) bots=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "demo.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

echo "== building (release; the first build takes several minutes)"
# The README's release build (no run-time exclusivity checks in any module; see "Set-up").
release=(-c release -Xswiftc -enforce-exclusivity=unchecked)
swift build "${release[@]}" 2>&1 | grep -E "error|warning:|Compiling|Build" | sed -u 's/^/   /' | tail -n 3
bin=$(swift build "${release[@]}" --show-bin-path)

if [ ! -f "$game/mudserver.conf" ]; then
  password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  echo "== making a game in $game (admin account: Admin, password $password)"
  "$bin/mudserver" init "$game" --admin-name Admin --admin-password "$password" --port 0 >/dev/null
fi

stop_all() {
  [ -n "${runner:-}" ] && kill -INT "$runner" 2>/dev/null && wait "$runner" 2>/dev/null || true
  "$bin/mudserver" stop --game "$game" >/dev/null 2>&1 || true
}
trap stop_all EXIT

echo "== starting the server with the profiler (profiling mode: fast hashing for the bots)"
"$bin/mudserver" start --game "$game" --profiler --profiling-mode >/dev/null
"$bin/mudserver" status --game "$game" | sed 's/^/   /'

echo "== $bots simulated players (normal_player profile) for ${seconds}s"
"$bin/mudserver" dummyrunner "$bots" --game "$game" --profile normal_player --ramp 2 \
  --duration "$seconds" > "$game/logs/dummyrunner.txt" 2>&1 &
runner=$!

if [ -t 0 ] && [ -t 1 ]; then
  echo "== mudtop (q quits)"
  sleep 1
  "$bin/mudtop" --game "$game"
else
  echo "== mudtop --batch (no terminal here)"
  sleep 2
  "$bin/mudtop" --game "$game" --batch --count 3 --interval 1 || true
  wait "$runner" || true
fi

stop_all
trap - EXIT
runner=
echo "== the players' view (dummyrunner summary)"
tail -n 20 "$game/logs/dummyrunner.txt" | sed 's/^/   /'
echo "== the profile the server wrote: profstats $game/logs/server.prof --sort cumtime --limit 15"
"$bin/profstats" "$game/logs/server.prof" --sort cumtime --limit 15
echo "== also written: $game/logs/server.folded  (profstats $game/logs/server.folded --flamegraph flame.svg)"
