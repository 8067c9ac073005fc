"""Synthetic profiles that real cProfile runs do not produce but pstats reads.

usage: make_synthetic.py SOURCE.prof OUTDIR
Writes SOURCE's stats in marshal versions 0 to 3, a profile with 64-bit call counts (TYPE_LONG),
a merged and a stripped re-dump through pstats.dump_stats, and a profile with duplicate-looking keys.
"""
import marshal
import os
import pstats
import sys

source, outdir = sys.argv[1], sys.argv[2]
stats = pstats.Stats(source).stats
for version in range(4):
    with open(os.path.join(outdir, "synthetic_marshal_v%d.prof" % version), "wb") as f:
        marshal.dump(stats, f, version)

big = {
    ("/srv/big.py", 1, "hot"): (2**31 + 5, 2**61 + 5, 1.5, 2.5,
                                 {("/srv/big.py", 9, "caller"): (2**61 + 5, 2**31 + 5, 1.5, 2.5)}),
    ("/srv/big.py", 9, "caller"): (1, 1, 0.25, 2.75, {}),
    ("~", 0, "<built-in method builtins.len>"): (3, 3, 0.0, 0.0, {("/srv/big.py", 9, "caller"): (3, 3, 0.0, 0.0)}),
    ("~", 0, "plain_builtin"): (7, 7, 0.0, 0.0, {}),
    ("/srv/zero.py", 4, "never"): (0, 0, 0.0, 0.0, {}),
}
with open(os.path.join(outdir, "synthetic_bigcounts.prof"), "wb") as f:
    marshal.dump(big, f)

merged = pstats.Stats(source, os.path.join(outdir, "synthetic_bigcounts.prof"))
merged.dump_stats(os.path.join(outdir, "synthetic_merged.prof"))
stripped = pstats.Stats(source)
stripped.strip_dirs()
stripped.dump_stats(os.path.join(outdir, "synthetic_stripped.prof"))
