"""The reference for profstats' text output: Python's own pstats.

Reads a JSON list of cases on stdin and writes a JSON list of the texts pstats prints for them.
A case: {"files": [...], "strip": bool, "sort": [...], "reverse": bool, "restrict": [...],
"mode": "stats" | "callers" | "callees"}. Restriction values arrive as text and are typed as
profstats types them: an integer is a count, a decimal number a fraction, anything else a regex.
"""
import io
import json
import pstats
import sys


def typed(text):
    try:
        return int(text)
    except ValueError:
        pass
    if any(c.isdigit() for c in text) and all(c in "0123456789+-.eE_" for c in text.strip()):
        try:
            return float(text)
        except ValueError:
            pass
    return text


def run(case):
    out = io.StringIO()
    stats = pstats.Stats(*case["files"], stream=out)
    if case.get("strip"):
        stats.strip_dirs()
    if case.get("sort"):
        keys = case["sort"]
        if len(keys) == 1 and keys[0].lstrip("-").isdigit():
            stats.sort_stats(int(keys[0]))
        else:
            stats.sort_stats(*keys)
    if case.get("reverse"):
        stats.reverse_order()
    amount = [typed(r) for r in case.get("restrict", [])]
    getattr(stats, "print_" + case.get("mode", "stats"))(*amount)
    return out.getvalue()


cases = json.load(sys.stdin)
json.dump([run(c) for c in cases], sys.stdout)
