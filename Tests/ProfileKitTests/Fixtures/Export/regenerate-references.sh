#!/usr/bin/env bash
# Re-creates the reference outputs of the real tools that the export tests compare with:
#   <name>.pyprof2calltree.callgrind  (pyprof2calltree 1.4.5: CallgrindExporter's compatibility mode
#                                      must equal it byte for byte)
#   <name>.gprof2dot*.dot              (gprof2dot 2025.4.14 with several options: DotExporter must
#                                      equal them byte for byte)
# The tests never need these tools. Our own golden files are re-recorded with
# `MUDSCOPE_RECORD_GOLDEN=1 swift test --filter Export` instead.
#
# The .prof inputs were made with `python3 -m cProfile -o <name>.prof <script>` (Python 3.11.7) from
# workloads/ (unicode.prof from workloads/ünïcödé_函数.py).
set -euo pipefail
cd "$(dirname "$0")"
venv=${VENV:-/tmp/venv-p2c}
[ -x "$venv/bin/pyprof2calltree" ] || {
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pyprof2calltree==1.4.5 gprof2dot==2025.4.14
}
for prof in *.prof; do
  name=${prof%.prof}
  "$venv/bin/pyprof2calltree" -i "$prof" -o "$name.pyprof2calltree.callgrind" 2>/dev/null
  "$venv/bin/gprof2dot" -f pstats "$prof" -o "$name.gprof2dot.dot"
  "$venv/bin/gprof2dot" -f pstats -n 0 -e 0 -c gray "$prof" -o "$name.gprof2dot.n0-e0-gray.dot" 2>/dev/null
  "$venv/bin/gprof2dot" -f pstats -c print --color-nodes-by-selftime "$prof" -o "$name.gprof2dot.print-selftime.dot"
  "$venv/bin/gprof2dot" -f pstats -c pink -n 2 -e 1 --skew 0.5 "$prof" -o "$name.gprof2dot.pink-n2-e1-skew.dot"
done
