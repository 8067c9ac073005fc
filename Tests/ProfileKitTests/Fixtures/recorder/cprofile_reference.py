#!/usr/bin/env python3
"""Reference numbers for the recorder tests, from CPython's own cProfile and pstats.

    cprofile_reference.py cprofile SPECS.json   # run each scenario under cProfile, print its stats
    cprofile_reference.py pstats FILE.prof      # load a .prof with pstats, print its stats

A scenario is a list of root calls; a call is [name, ticks_before, [calls...], ticks_after].
Each name becomes its own Python function whose body advances a fake clock (a list item, so no
profiled call happens), calls its children, and advances the clock again. cProfile reads the clock
through `timer=` with `timeunit=1e-6`, exactly as the Swift recorder reads its ManualClock.

Stats are printed as JSON keyed by function name: [cc, nc, tt, ct, {caller: [nc, cc, tt, ct]}],
floats as strings holding Python's repr (so every reader gets the exact double back; some JSON
parsers round numbers). cProfile's own `disable` entry is left out.
"""
import cProfile
import json
import pstats
import sys

TEMPLATE = """
def {name}(call):
    clock[0] += call[1]
    for child in call[2]:
        FUNCS[child[0]](child)
    clock[0] += call[3]
"""


def names(calls, into):
    for call in calls:
        into.add(call[0])
        names(call[2], into)
    return into


def by_name(stats):
    out = {}
    for (filename, line, name), (cc, nc, tt, ct, callers) in stats.items():
        if filename == "~":
            continue
        assert name not in out, f"duplicate function name {name}"
        out[name] = [cc, nc, repr(tt), repr(ct),
                     {caller[2]: [e[0], e[1], repr(e[2]), repr(e[3])] for caller, e in callers.items()}]
    return out


def run_scenario(roots):
    clock = [0]
    namespace = {"clock": clock}
    funcs = {}
    for name in sorted(names(roots, set())):
        exec(compile(TEMPLATE.format(name=name), "<recorder-spec>", "exec"), namespace)
        funcs[name] = namespace[name]
    namespace["FUNCS"] = funcs
    profiler = cProfile.Profile(timer=lambda: clock[0], timeunit=1e-6)
    profiler.enable()
    for root in roots:
        funcs[root[0]](root)
    profiler.disable()
    profiler.create_stats()
    return by_name(profiler.stats)


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "cprofile":
        with open(path) as f:
            specs = json.load(f)
        result = {name: run_scenario(roots) for name, roots in specs.items()}
    elif mode == "pstats":
        loaded = pstats.Stats(path)
        result = {"stats": by_name(loaded.stats), "total_calls": loaded.total_calls,
                  "prim_calls": loaded.prim_calls, "total_tt": repr(loaded.total_tt)}
    else:
        raise SystemExit(f"unknown mode {mode}")
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
