#!/usr/bin/env python3
"""profstats against Python's pstats, side by side on one large profile.

usage: python3 Benchmarks/pstats_benchmark.py [--runs N] [--profile FILE] [--instructions]

Builds profstats in release mode, makes a cProfile profile of 30,000+ functions (unless --profile
names one), checks that both tools print the same bytes, then runs
    profstats FILE --sort cumulative --restrict 30
    python3 -c "import pstats; pstats.Stats(FILE).sort_stats('cumulative').print_stats(30)"
alternately, N times each, and prints the median wall time, the ratio and each one's peak RSS.
--instructions also counts instructions under valgrind (exact, unlike the times on a busy machine).
"""
import argparse
import subprocess
import sys

import benchlib


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--profile")
    parser.add_argument("--instructions", action="store_true")
    args = parser.parse_args()

    binary = benchlib.build_profstats()
    profile = benchlib.large_profile(args.profile)
    ours = [binary, profile, "--sort", "cumulative", "--restrict", "30"]
    theirs = [sys.executable, "-c",
              "import pstats, sys; pstats.Stats(sys.argv[1]).sort_stats('cumulative').print_stats(30)", profile]
    a = subprocess.run(ours, capture_output=True).stdout
    b = subprocess.run(theirs, capture_output=True).stdout
    if a != b:
        sys.exit("the outputs differ: profstats does not print what pstats prints")
    print("outputs identical (%d bytes)" % len(a))
    benchlib.compare("profstats", ours, "pstats", theirs, args.runs)
    if args.instructions:
        io, it = benchlib.instructions(ours), benchlib.instructions(theirs)
        if io and it:
            print("instructions: profstats %d, pstats %d, ratio %.1f" % (io, it, it / io))


if __name__ == "__main__":
    main()
