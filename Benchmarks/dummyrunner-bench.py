#!/usr/bin/env python3
"""The server's load benchmark: mudserver under `mudserver dummyrunner` (issue 5).

For each profile and bot count it starts a fresh server in profiling mode in a temporary game
directory, logs every bot in over --ramp seconds, measures --duration seconds of steady state at a
1 s tick, samples the server's CPU time (its process CPU clock) and RSS (from /proc), and stops the
server. It writes one JSON file and one Markdown table (default:
Benchmarks/results/dummyrunner-bench.{json,md}).

Baseline named in the issue: Evennia 6.1 needs about 30 ms average lag at 100 looker bots on this
2-core machine. Goal: 1,000 looker bots with p99 lag under 20 ms.

    Benchmarks/dummyrunner-bench.py              # full run: 60 s per step (about 8 minutes)
    Benchmarks/dummyrunner-bench.py --quick      # 15 s per step, 5 s ramp
"""
import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from benchlib import ROOT, Sampler, build_release, drive


def wait_for_pid_file(game, pid, timeout=30):
    deadline = time.time() + timeout
    path = os.path.join(game, "server.pid")
    while time.time() < deadline:
        if os.path.exists(path):
            fields = dict(line.split("=", 1) for line in open(path).read().split() if "=" in line)
            if int(fields.get("pid", 0)) == pid:
                return int(fields["port"])
        time.sleep(0.1)
    raise RuntimeError(f"server did not come up; see {game}/logs/server.log")


@contextlib.contextmanager
def fresh_server(binary, game, port=0):
    """A new game in `game` (listening on `port`; 0 picks a free one), its server started in
    profiling mode and up; yields the server's process and stops it (SIGTERM) on the way out. The
    server's output goes to the game's logs/server.log."""
    subprocess.run([binary, "init", game, "--admin-name", "Admin", "--admin-password", secrets.token_hex(12),
                    "--port", str(port)], check=True, stdout=subprocess.DEVNULL)
    os.makedirs(os.path.join(game, "logs"), exist_ok=True)
    with open(os.path.join(game, "logs", "server.log"), "a") as log:
        server = subprocess.Popen([binary, "start", "--game", game, "--foreground", "--profiling-mode"],
                                  stdout=log, stderr=log)
    try:
        wait_for_pid_file(game, server.pid)
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def run_step(binary, profile, bots, duration, ramp, workdir, chart_path=None):
    game = os.path.join(workdir, f"game-{profile}-{bots}")
    with fresh_server(binary, game) as server:
        summary_path = os.path.join(workdir, f"summary-{profile}-{bots}.json")
        sampler = Sampler([server.pid])
        (start_time, start_cpu), (end_time, end_cpu) = drive(
            binary, ["--game", game], bots, ["--profile", profile], duration, ramp, summary_path,
            lambda: (time.time(), sampler.cpu()), chart_path=chart_path)
        end_rss = sampler.close()
        with open(summary_path) as handle:
            summary = json.load(handle)
    shutil.rmtree(game, ignore_errors=True)
    cpu = end_cpu - start_cpu
    wall = end_time - start_time
    commands = summary["commands"]
    return {
        "profile": profile,
        "bots": bots,
        "loggedIn": summary["loggedIn"],
        "measuredSeconds": summary["measuredSeconds"],
        "actionsPerSecond": summary["actionsPerSecond"],
        "commandsPerSecond": summary["commandsPerSecond"],
        "lagP50Ms": summary["lag"]["total"]["p50"],
        "lagP99Ms": summary["lag"]["total"]["p99"],
        "lagP999Ms": summary["lag"]["total"]["p999"],
        "lagMaxMs": summary["lag"]["total"]["max"],
        "lagMeanMs": summary["evenniaAverages"]["totalMs"],
        "roundTripP99Ms": summary["roundTrip"]["p99"],
        "roundTripCorrectedP99Ms": summary["roundTripCorrected"]["p99"],
        "roundTripCorrectedP999Ms": summary["roundTripCorrected"]["p999"],
        "replies": summary["replies"],
        # Replies the server marked (telnet EOR): exact whatever other output came first.
        "markedReplies": summary.get("markedReplies", 0),
        "errors": sum(summary["errors"].values()),
        "serverCpuPercent": round(cpu / wall * 100, 1),
        "serverCpuMsPer1000Commands": round(cpu * 1000 / commands * 1000, 2) if commands else None,
        "serverRssMiB": round(end_rss, 1),
        "serverPeakRssMiB": round(sampler.peak, 1),
        # Other work on the machine shows up as lag: the 1-minute load average at the end of the step.
        "loadAverage1m": round(os.getloadavg()[0], 2),
    }


def table(results):
    header = ("| profile | bots | logged in | actions/s | cmds/s | lag p50 ms | lag p99 ms | lag p99.9 ms "
              "| rtt p99 ms (CO) | errors | server CPU % | CPU ms / 1k cmds | RSS MiB | load avg |")
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for r in results:
        lines.append(f"| {r['profile']} | {r['bots']} | {r['loggedIn']} | {r['actionsPerSecond']:.1f} "
                     f"| {r['commandsPerSecond']:.1f} | {r['lagP50Ms']:.3f} | {r['lagP99Ms']:.3f} | {r['lagP999Ms']:.3f} "
                     f"| {r['roundTripCorrectedP99Ms']:.3f} | {r['errors']} | {r['serverCpuPercent']:.1f} "
                     f"| {r['serverCpuMsPer1000Commands']} | {r['serverRssMiB']:.1f} | {r['loadAverage1m']} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="15 s per step with a 5 s ramp")
    parser.add_argument("--duration", type=float, help="seconds measured per step (default 60)")
    parser.add_argument("--ramp", type=float, help="seconds over which all bots log in (default 10)")
    parser.add_argument("--bots", default="100,500,1000", help="comma-separated bot counts")
    parser.add_argument("--profiles", default="looker,normal_builder", help="comma-separated profiles")
    parser.add_argument("--out", default=os.path.join(ROOT, "Benchmarks", "results", "dummyrunner-bench"),
                        help="output path without extension (.json and .md are written, and a chart "
                             "OUT-PROFILE-BOTS.svg of each step)")
    parser.add_argument("--no-build", action="store_true", help="use the existing release build")
    args = parser.parse_args()
    duration = args.duration or (15 if args.quick else 60)
    ramp = args.ramp if args.ramp is not None else (5 if args.quick else 10)
    binary = os.path.join(ROOT, ".build", "release", "mudserver") if args.no_build else build_release("mudserver")
    results = []
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mudscope-bench-") as workdir:
        for profile in args.profiles.split(","):
            for bots in (int(n) for n in args.bots.split(",")):
                print(f"== {profile} x {bots} bots: {ramp:g} s ramp, {duration:g} s measured", flush=True)
                results.append(run_step(binary, profile, bots, duration, ramp, workdir,
                                        f"{args.out}-{profile}-{bots}.svg"))
    document = {
        "benchmark": "mudserver dummyrunner (Benchmarks/dummyrunner-bench.py)",
        "baseline": "Evennia 6.1: about 30 ms average lag at 100 looker bots on this machine (issue 5)",
        "goal": "1000 looker bots with lag p99 under 20 ms",
        "machine": {"cores": os.cpu_count(), "kernel": os.uname().release},
        "tickSeconds": 1,
        "rampSeconds": ramp,
        "durationSeconds": duration,
        "results": results,
    }
    with open(args.out + ".json", "w") as handle:
        json.dump(document, handle, indent=2, sort_keys=True)
        handle.write("\n")
    text = table(results)
    with open(args.out + ".md", "w") as handle:
        handle.write(f"mudserver dummyrunner benchmark: {ramp:g} s ramp, {duration:g} s measured per step, 1 s tick, "
                     f"{os.cpu_count()} cores. Lag = dummyrunner_echo_response probe round trip; rtt = every "
                     f"command's round trip, corrected for coordinated omission.\n\n" + text)
    print(text, end="")


if __name__ == "__main__":
    sys.exit(main())
