"""Shared helpers of MudScope's side-by-side benchmarks: build profstats in release mode, make the
large profile, time whole commands (median wall time and peak RSS), count instructions, read a
running process's CPU time and RSS, and run `mudserver dummyrunner` as a load driver."""
import os
import queue
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
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


def rss_mib(pid):
    """Resident set size of a process in MiB (VmRSS of /proc/PID/status)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Sampler:
    """CPU seconds (`cpu()`, read when asked) and RSS of a set of processes; the peak RSS is sampled
    every half second by a thread until `close()`, which returns the RSS at the end."""

    def __init__(self, pids):
        self.pids = pids
        self.peak = self.rss()
        self.running = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def cpu(self):
        return sum(cpu_seconds(pid) for pid in self.pids)

    def rss(self):
        return sum(rss_mib(pid) for pid in self.pids)

    def sample(self):
        while self.running:
            self.peak = max(self.peak, self.rss())
            time.sleep(0.5)

    def close(self):
        self.running = False
        end = self.rss()
        self.peak = max(self.peak, end)
        return end


def line_reader(stream):
    """A queue of (time, line) read from `stream` by a thread; None at its end."""
    lines = queue.Queue()

    def read():
        for line in stream:
            lines.put((time.time(), line.rstrip("\n")))
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    return lines


def stop_group(process):
    """Ends a driver we started (SIGINT to its own process group, as Ctrl-C would)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def window_deadline(bots, duration):
    """When a driver started now must have ended its window: its logins (at least 5 minutes, 1.5 s a
    bot; Evennia can stall them) and the window itself."""
    return time.time() + max(300, bots * 1.5) + duration


def follow(lines, log, deadline, name, on_line=None):
    """Copies a driver's output lines (a `line_reader` queue) to `log` until `on_line(line)` says
    the window is complete, or without `on_line` to the end of the output; raises if the driver
    ends before its window does or the deadline passes."""
    while True:
        try:
            item = lines.get(timeout=max(1, deadline - time.time()))
        except queue.Empty:
            raise RuntimeError(f"{name} did not finish in time; see {log.name}") from None
        if item is None:
            if on_line is None:
                return
            raise RuntimeError(f"{name} ended early; see {log.name}")
        log.write(item[1] + "\n")
        if on_line and on_line(item[1]):
            return


class EchoLog:
    """A `follow` log that prints each line indented, for a driver whose output is the progress."""
    name = "the output above"

    def write(self, text):
        print("   ", text, end="", flush=True)


def drive(binary, target, bots, workload, duration, ramp, summary_path, sample, seed=1, chart_path=None, log=None):
    """Runs `mudserver dummyrunner` against `target` (its --game or --host/--port arguments) with
    `workload` (["--profile", NAME] or ["--settings", FILE]) and returns what `sample()` gave when
    the ramp ended and when the run began to stop: the steady-state window. Its output goes to `log`
    (a file; the window's two lines are printed too), or is printed. With `chart_path`, the run's
    chart (`--svg`) is drawn there; the summary is written to `summary_path` (`--json`). A driver
    that has not finished its window by `window_deadline`, or its summary 2 minutes later, is
    stopped and the run fails."""
    chart = ["--svg", chart_path] if chart_path else []
    argv = [binary, "dummyrunner", str(bots), *target, *workload, "--ramp", f"{ramp:g}", "--duration",
            f"{duration:g}", "--tick", "1", "--seed", str(seed), "--json", summary_path, *chart]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    out = log or EchoLog()
    lines = line_reader(process.stdout)
    window = {}

    def on_line(line):
        for marker, edge in (("ramp done", "start"), ("stopping", "end")):
            if marker in line and edge not in window:
                if log:
                    print("   ", line, flush=True)
                window[edge] = sample()
        return "end" in window

    try:
        follow(lines, out, window_deadline(bots, duration), "mudserver dummyrunner", on_line)
        # The bots log out and the summary follows.
        follow(lines, out, time.time() + 120, "mudserver dummyrunner's summary")
    except BaseException:
        stop_group(process)
        raise
    if process.wait() != 0 or "start" not in window:
        raise RuntimeError(f"mudserver dummyrunner failed ({bots} bots); see {out.name}")
    return window["start"], window["end"]


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
