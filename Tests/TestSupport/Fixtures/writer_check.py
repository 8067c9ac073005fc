"""Checks that a profile written by MudScope is the same profile as the original, to pstats.

usage: writer_check.py ORIGINAL.prof WRITTEN.prof
Exit 0 when pstats loads both to the same stats in the same order (callers too) and prints the same
reports; otherwise prints the first difference and exits 1.
"""
import io
import pstats
import sys


def report(path):
    out = io.StringIO()
    s = pstats.Stats(path, stream=out)
    s.sort_stats("cumulative").print_stats()
    s.print_callers()
    s.print_callees()
    return out.getvalue().split("\n", 1)[1]  # without the header line, which names the file


a, b = pstats.Stats(sys.argv[1]).stats, pstats.Stats(sys.argv[2]).stats
if list(a.items()) != list(b.items()):
    print("stats differ")
    sys.exit(1)
for key in a:
    if list(a[key][4].items()) != list(b[key][4].items()):
        print("caller order differs for", key)
        sys.exit(1)
if report(sys.argv[1]) != report(sys.argv[2]):
    print("reports differ")
    sys.exit(1)
