#!/usr/bin/env python3
"""Makes a large, real cProfile profile for the profstats benchmark (issue 2, item 7).

usage: make_large_profile.py OUT.prof [--functions 33000] [--per-module 200] [--seed 7]

It writes the source of many modules full of small functions that call each other in a seeded
pattern (inside a module and across modules, some self-recursive, some calling builtins), compiles
each module under its own made-up file name, and runs them all under cProfile. Every generated
function runs, so each one and each call between two of them becomes a stats entry or a caller
edge. The call graph, the call counts and the keys depend only on the arguments; the times are real
measurements and differ between runs, as does the entry order (cProfile orders entries by code
object address). With the defaults: about 33,300 functions and 105,000 edges, a 6 MB file, made in a
few seconds. Prints the function and edge counts the file holds.
"""
import argparse
import cProfile
import marshal
import os
import random
import sys
import time
import types

VERBS = ["parse", "send", "load", "save", "handle", "check", "update", "render", "move", "look",
         "spawn", "drop", "take", "equip", "cast", "heal", "attack", "flee", "tell", "say",
         "emote", "score", "tick", "decay", "reset", "open", "close", "lock", "unlock", "search"]
NOUNS = ["room", "exit", "mob", "player", "item", "spell", "buff", "channel", "prompt", "line",
         "session", "account", "zone", "door", "corpse", "shop", "quest", "party", "guild", "path",
         "map", "weather", "clock", "help", "alias", "color", "command", "buffer", "socket", "log",
         "table", "cache", "index", "timer", "event", "queue", "effect", "skill", "stat", "note"]
BUILTIN_CALLS = ["len(ARGS)", "sorted(ARGS)", "max(ARGS)", "min(ARGS)", "sum(ARGS)",
                 "'-'.join(WORDS)", "WORDS.copy()", "isinstance(d, int)", "divmod(d, 7)",
                 "str(d).zfill(3)"]
# How many other generated functions one function calls (mean 2.1 edges per function).
CALLEE_COUNTS = [1, 1, 1, 2, 2, 2, 3, 3, 4]


def plan(functions, per_module, seed):
    """The modules: for each, its file name and its functions as (name, callees, builtin, recursive).
    A callee is (module index, function name)."""
    rng = random.Random(seed)
    module_count = max(1, -(-functions // per_module))
    modules = []
    for m in range(module_count):
        size = min(per_module, functions - m * per_module)
        names = ["%s_%s" % pair for pair in rng.sample([(v, n) for v in VERBS for n in NOUNS], size)]
        package = "pkg_%02d" % (m % 12)
        modules.append({"file": "/srv/mudscope/world/%s/%s_%03d.py" % (package, rng.choice(NOUNS), m),
                        "names": names})
    for m, module in enumerate(modules):
        functions_here = []
        for name in module["names"]:
            callees = set()
            for _ in range(rng.choice(CALLEE_COUNTS)):
                # Two calls in three stay in the module, as real code mostly does.
                target = m if rng.random() < 2 / 3 else rng.randrange(module_count)
                callee = rng.choice(modules[target]["names"])
                if (target, callee) != (m, name):
                    callees.add((target, callee))
            builtin = rng.choice(BUILTIN_CALLS) if rng.random() < 0.2 else None
            recursive = rng.random() < 0.03
            functions_here.append((name, sorted(callees), builtin, recursive))
        module["functions"] = functions_here
    return modules


def source(module_index, module):
    """The text of one module: its functions, then `run()`, which calls each of them."""
    lines = ['"""Generated module %d of the profstats benchmark."""' % module_index, ""]
    for name, callees, builtin, recursive in module["functions"]:
        lines.append("def %s(d=0):" % name)
        lines.append("    if d:")
        for target, callee in callees:
            if target == module_index:
                lines.append("        %s()" % callee)
            else:
                lines.append("        MODS[%d].%s()" % (target, callee))
        if builtin:
            lines.append("        %s" % builtin)
        if recursive:
            lines.append("        %s(d - 1)" % name)
        if not (callees or builtin or recursive):
            lines.append("        pass")
        lines.append("    return d")
        lines.append("")
    lines.append("def run():")
    for name, _, _, recursive in module["functions"]:
        lines.append("    %s(%d)" % (name, 3 if recursive else 1))
    lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", help="the .prof file to write")
    parser.add_argument("--functions", type=int, default=33000, help="generated functions (default 33000)")
    parser.add_argument("--per-module", type=int, default=200, help="functions per module (default 200)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the call pattern (default 7)")
    args = parser.parse_args()
    if args.functions < 1 or args.per_module < 1:
        parser.error("--functions and --per-module must be positive")

    started = time.perf_counter()
    modules = plan(args.functions, args.per_module, args.seed)
    codes = [compile(source(i, m), m["file"], "exec") for i, m in enumerate(modules)]
    mods = [types.ModuleType("bench_module_%d" % i) for i in range(len(modules))]
    shared = {"ARGS": [3, 1, 2], "WORDS": ["north", "south"]}

    profiler = cProfile.Profile()
    profiler.enable()
    for module, code in zip(mods, codes):
        module.__dict__.update(shared, MODS=mods)
        exec(code, module.__dict__)
    for module in mods:
        module.run()
    profiler.disable()
    profiler.dump_stats(args.out)

    with open(args.out, "rb") as f:
        stats = marshal.load(f)
    edges = sum(len(value[4]) for value in stats.values())
    print("%s: %d functions, %d edges, %d bytes, made in %.1f s" % (
        args.out, len(stats), edges, os.path.getsize(args.out),
        time.perf_counter() - started))


if __name__ == "__main__":
    sys.exit(main())
