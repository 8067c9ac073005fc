#!/usr/bin/env bash
# Side-by-side benchmark of profstats' exporters against the Python tools they replace, on one large
# profile (30,000+ functions): ProfileKit's pyprof2calltree-compatible callgrind writer vs
# pyprof2calltree 1.4.5, and its DOT writer vs gprof2dot 2025.4.14 (same bytes out; checked).
# Times are CPU seconds (user + sys), so other load on the machine distorts them less.
#
#   Benchmarks/export-bench.sh [PROFILE]
#
# Without PROFILE it makes /tmp/mudscope-big/big.prof (32,000 generated functions, ~35 s of
# python3 -m cProfile). Python tools come from a throwaway venv (VENV, default /tmp/venv-p2c).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=${VENV:-/tmp/venv-p2c}
profile=${1:-/tmp/mudscope-big/big.prof}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -f "$profile" ]; then
  mkdir -p "$(dirname "$profile")"
  python3 - "$work/big.py" <<'PY'
import random, sys
random.seed(7)
N = 32000
out = []
for i in range(N):
    callees = [random.randrange(i + 1, N) for _ in range(3)] if i < N - 1 else []
    body = "".join(f"    if d < 6: f{j}(d + 1)\n" for j in callees)
    out.append(f"def f{i}(d):\n    x = {i}\n{body}    return x\n")
out.append("for k in range(32000):\n    globals()['f%d' % k](0)\n")
open(sys.argv[1], "w").write("\n".join(out))
PY
  python3 -m cProfile -o "$profile" "$work/big.py" >/dev/null
fi
[ -x "$venv/bin/gprof2dot" ] || {
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pyprof2calltree==1.4.5 gprof2dot==2025.4.14
}
swift build -c release --package-path "$here/ExportBenchmark" >/dev/null
bench="$here/ExportBenchmark/.build/release/export-bench"

cpu() {  # median user+sys seconds of 3 runs of a command
  for _ in 1 2 3; do /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1; done |
    awk '{print $1 + $2}' | sort -n | sed -n 2p
}
python3 -c "import pstats; s = pstats.Stats('$profile'); print('profile:', len(s.stats), 'functions,', sum(len(v[4]) for v in s.stats.values()), 'edges')"
p2c=$(cpu "$venv/bin/pyprof2calltree" -i "$profile" -o "$work/p2c.callgrind")
g2d=$(cpu "$venv/bin/gprof2dot" -f pstats "$profile" -o "$work/g2d.dot")
ours_p2c=$("$bench" pyprof2calltree "$profile" "$work/ours.callgrind" 7 | awk '{print $7}')
ours_dot=$("$bench" dot "$profile" "$work/ours.dot" 7 | awk '{print $7}')
cmp -s "$work/p2c.callgrind" "$work/ours.callgrind" && same_cg=identical || same_cg=DIFFERENT
cmp -s "$work/g2d.dot" "$work/ours.dot" && same_dot=identical || same_dot=DIFFERENT
awk -v a="$p2c" -v b="$ours_p2c" -v s="$same_cg" 'BEGIN { printf "callgrind: pyprof2calltree %.3f s, profstats %.3f s, %.1fx faster, output %s\n", a, b, a / b, s }'
awk -v a="$g2d" -v b="$ours_dot" -v s="$same_dot" 'BEGIN { printf "dot:       gprof2dot       %.3f s, profstats %.3f s, %.1fx faster, output %s\n", a, b, a / b, s }'
"$bench" callgrind "$profile" "$work/native.callgrind" 7
"$bench" json "$profile" "$work/ours.json" 3
