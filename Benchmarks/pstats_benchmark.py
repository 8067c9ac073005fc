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
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(argv):
    """Wall seconds and peak RSS (KiB) of one run, output discarded."""
    # posix_spawn, not fork: a forked child's peak RSS would start from this Python process's.
    devnull = os.open(os.devnull, os.O_WRONLY)
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
    _, status, usage = os.wait4(pid, 0)
    os.close(devnull)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit("failed: %s" % " ".join(argv))
    return elapsed, usage.ru_maxrss


def instructions(argv):
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + argv,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    for line in out.splitlines():
        if "Collected" in line:
            return int(line.split(":")[-1].strip())
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--profile")
    parser.add_argument("--instructions", action="store_true")
    args = parser.parse_args()

    print("building profstats (release)...", flush=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "profstats"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip() + "/profstats"

    profile = args.profile
    if not profile:
        profile = os.path.join(ROOT, ".build", "bench", "large.prof")
        if not os.path.exists(profile):
            os.makedirs(os.path.dirname(profile), exist_ok=True)
            print("making a large profile (cProfile of generated code)...", flush=True)
            subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "make_large_profile.py"), profile],
                           check=True)
    counts = subprocess.run([sys.executable, "-c", "import pstats, sys; s = pstats.Stats(sys.argv[1]).stats; "
                             "print(len(s), sum(len(v[4]) for v in s.values()))", profile],
                            check=True, capture_output=True, text=True).stdout.split()
    print("profile: %s, %s functions, %s edges, %.1f MB" % (
        profile, counts[0], counts[1], os.path.getsize(profile) / 1e6))

    ours = [binary, profile, "--sort", "cumulative", "--restrict", "30"]
    theirs = [sys.executable, "-c",
              "import pstats, sys; pstats.Stats(sys.argv[1]).sort_stats('cumulative').print_stats(30)", profile]
    a = subprocess.run(ours, capture_output=True).stdout
    b = subprocess.run(theirs, capture_output=True).stdout
    if a != b:
        sys.exit("the outputs differ: profstats does not print what pstats prints")
    print("outputs identical (%d bytes)" % len(a))

    times = {"profstats": [], "pstats": []}
    rss = {"profstats": [], "pstats": []}
    for i in range(args.runs):
        for name, argv in (("profstats", ours), ("pstats", theirs)):
            t, m = run(argv)
            times[name].append(t)
            rss[name].append(m)
        print("\rrun %d/%d" % (i + 1, args.runs), end="", flush=True)
    print()
    mo, mt = statistics.median(times["profstats"]), statistics.median(times["pstats"])
    print("%-10s median %8.1f ms  (min %6.1f, max %6.1f)  peak RSS %6.1f MB" % (
        "profstats", mo * 1e3, min(times["profstats"]) * 1e3, max(times["profstats"]) * 1e3,
        max(rss["profstats"]) / 1024))
    print("%-10s median %8.1f ms  (min %6.1f, max %6.1f)  peak RSS %6.1f MB" % (
        "pstats", mt * 1e3, min(times["pstats"]) * 1e3, max(times["pstats"]) * 1e3, max(rss["pstats"]) / 1024))
    print("ratio: profstats is %.1f times faster (medians)" % (mt / mo))
    if args.instructions:
        io, it = instructions(ours), instructions(theirs)
        if io and it:
            print("instructions: profstats %d, pstats %d, ratio %.1f" % (io, it, it / io))


if __name__ == "__main__":
    main()
