#!/usr/bin/env python3
"""profstats' exporters against the Python tools they replace, side by side on one large profile.

usage: python3 Benchmarks/export_benchmark.py [--runs N] [--profile FILE] [--instructions]

Builds profstats in release mode, installs pyprof2calltree 1.4.5 and gprof2dot 2025.4.14 into a
throwaway venv (.build/bench/venv, from PyPI), makes a cProfile profile of 30,000+ functions, and
times whole commands alternately (median wall time, peak RSS):
    profstats FILE --pyprof2calltree --callgrind OUT   vs   pyprof2calltree -i FILE -o OUT
    profstats FILE --dot OUT                           vs   gprof2dot -f pstats FILE -o OUT
after checking that each pair writes the same bytes. --instructions also counts instructions under
valgrind (exact, unlike the times on a busy machine; the Python tools take a minute or two each).
"""
import argparse
import filecmp
import os
import subprocess
import sys
import tempfile

import benchlib


def venv_tools():
    venv = os.path.join(benchlib.ROOT, ".build", "bench", "venv")
    if not os.path.exists(os.path.join(venv, "bin", "gprof2dot")):
        print("installing pyprof2calltree 1.4.5 and gprof2dot 2025.4.14 into %s..." % venv, flush=True)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "pyprof2calltree==1.4.5",
                        "gprof2dot==2025.4.14"], check=True)
    return os.path.join(venv, "bin")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile")
    parser.add_argument("--instructions", action="store_true")
    args = parser.parse_args()

    binary = benchlib.build_profstats()
    tools = venv_tools()
    profile = benchlib.large_profile(args.profile)
    work = tempfile.mkdtemp()
    cases = [
        ("callgrind", [binary, profile, "--pyprof2calltree", "--callgrind", os.path.join(work, "a.callgrind")],
         "pyprof2calltree", [os.path.join(tools, "pyprof2calltree"), "-i", profile, "-o", os.path.join(work, "b.callgrind")]),
        ("dot", [binary, profile, "--dot", os.path.join(work, "a.dot")],
         "gprof2dot", [os.path.join(tools, "python"), os.path.join(tools, "gprof2dot"), "-f", "pstats", profile,
                       "-o", os.path.join(work, "b.dot")]),
    ]
    for what, ours, name, theirs in cases:
        print("== %s" % what)
        subprocess.run(ours, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(theirs, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        same = filecmp.cmp(ours[-1], theirs[-1], shallow=False)
        print("outputs %s" % ("identical" if same else "DIFFERENT"))
        benchlib.compare("profstats", ours, name, theirs, args.runs)
        if args.instructions:
            io, it = benchlib.instructions(ours), benchlib.instructions(theirs)
            if io and it:
                print("instructions: profstats %d, %s %d, ratio %.1f" % (io, name, it, it / io))


if __name__ == "__main__":
    main()
