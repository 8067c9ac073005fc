"""Shared helpers of MudScope's side-by-side benchmarks: build profstats in release mode, make the
large profile, time whole commands (median wall time and peak RSS), count instructions, read a
running process's CPU time."""
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The README's release build: Swift's run-time exclusivity checks left out of every module, the
# dependencies' included (Package.swift does it for MudScope's own).
RELEASE_FLAGS = ["-c", "release", "-Xswiftc", "-enforce-exclusivity=unchecked"]


def build_release(product, quiet=False, package=ROOT):
    """Builds one product of `package` (this one unless given) in release mode (benchmarks never
    measure debug builds) and returns the binary's path; `quiet` hides the compiler's progress."""
    print(f"building {product} (release)...", flush=True)
    subprocess.run(["swift", "build", *RELEASE_FLAGS, "--product", product], cwd=package, check=True,
                   stdout=subprocess.DEVNULL if quiet else None)
    return subprocess.run(["swift", "build", *RELEASE_FLAGS, "--show-bin-path"], cwd=package, check=True,
                          capture_output=True, text=True).stdout.strip() + "/" + product


def build_profstats():
    """Builds profstats in release mode and returns the binary's path."""
    return build_release("profstats", quiet=True)


def large_profile(path=None):
    """The benchmark profile: the given one, or a 30,000+ function cProfile profile made once."""
    if path:
        return path
    path = os.path.join(ROOT, ".build", "bench", "large.prof")
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        print("making a large profile (cProfile of generated code)...", flush=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "make_large_profile.py"), path], check=True)
    counts = subprocess.run([sys.executable, "-c", "import pstats, sys; s = pstats.Stats(sys.argv[1]).stats; "
                             "print(len(s), sum(len(v[4]) for v in s.values()))", path],
                            check=True, capture_output=True, text=True).stdout.split()
    print("profile: %s, %s functions, %s edges, %.1f MB" % (path, counts[0], counts[1], os.path.getsize(path) / 1e6))
    return path


def cpu_seconds(pid):
    """CPU time a process has used, in seconds, to the nanosecond: its process CPU clock (what
    clock_getcpuclockid gives; Linux numbers it from the pid), which counts every thread, also
    threads that have exited. /proc/PID/stat's utime + stime count in 10 ms clock ticks, a coarse
    unit for a server that uses 0.2 % of a CPU; they are the fallback where the clock is refused."""
    try:
        return time.clock_gettime(((~pid) << 3) | 2)  # CPUCLOCK_SCHED of the whole process
    except OSError:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(argv):
    """Wall seconds and peak RSS (KiB) of one run, output discarded."""
    # posix_spawn, not fork: a forked child's peak RSS would start from this Python process's.
    devnull = os.open(os.devnull, os.O_WRONLY)
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ,
                         file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(devnull)
    if status != 0:
        sys.exit("failed: %s" % " ".join(argv))
    return elapsed, usage.ru_maxrss


def compare(name_a, argv_a, name_b, argv_b, runs):
    """Runs both commands alternately `runs` times; prints medians, the ratio and peak RSS."""
    times = {name_a: [], name_b: []}
    rss = {name_a: [], name_b: []}
    for i in range(runs):
        for name, argv in ((name_a, argv_a), (name_b, argv_b)):
            t, m = run(argv)
            times[name].append(t)
            rss[name].append(m)
        print("\rrun %d/%d" % (i + 1, runs), end="", flush=True)
    print()
    for name in (name_a, name_b):
        print("%-16s median %8.1f ms  (min %7.1f, max %7.1f)  peak RSS %6.1f MB" % (
            name, statistics.median(times[name]) * 1e3, min(times[name]) * 1e3, max(times[name]) * 1e3,
            max(rss[name]) / 1024))
    ratio = statistics.median(times[name_b]) / statistics.median(times[name_a])
    print("ratio: %s is %.1f times faster than %s (medians)" % (name_a, ratio, name_b))
    return ratio


def instructions(argv):
    """Instructions executed by a command, counted by valgrind (exact, unlike times).

    valgrind 3.19 cannot read the DWARF of this Swift's release binaries ("Possibly corrupted
    debuginfo file"), so a SwiftPM-built binary of this repository (.build/release or .build/debug) runs
    as a copy without debug sections.
    """
    if argv[0].startswith(os.path.join(ROOT, ".build")) and os.path.basename(os.path.dirname(argv[0])) in ("release", "debug"):
        copy = os.path.join(tempfile.mkdtemp(), os.path.basename(argv[0]))
        subprocess.run(["strip", "--strip-debug", "-o", copy, argv[0]], check=True)
        argv = [copy] + argv[1:]
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + argv,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    for line in out.splitlines():
        if "Collected" in line:
            return int(line.split(":")[-1].strip())
    return None
