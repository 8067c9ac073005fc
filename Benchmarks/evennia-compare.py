#!/usr/bin/env python3
"""Server CPU per command: mudserver against Evennia 6.1 under the same looker load (issue 5).

Configurations, each run --runs times, alternating servers, medians reported:
  evennia/evennia-dummyrunner  Evennia under its own `evennia --dummyrunner N` (looker actions)
  evennia/mudscope-dummyrunner Evennia under `mudserver dummyrunner N --settings
                               Benchmarks/evennia/looker.toml` (looker weights, Evennia's login)
  mudserver/evennia-dummyrunner  mudserver --profiling-mode under Evennia's own dummyrunner, which
                               connects to the Evennia game's port (Evennia is stopped, mudserver
                               listens there; Benchmarks/evennia_driver.py)
  mudserver/mudscope-dummyrunner  mudserver --profiling-mode under `mudserver dummyrunner N
                               --profile looker` (Benchmarks/dummyrunner-bench.py's run_step)
  floor/mudscope-dummyrunner   Benchmarks/floor/line-server.c under the same load: a C epoll server
                               that answers each line and does nothing else, so its CPU per command is
                               what the wake-ups, reads and loopback writes alone cost on this machine
  nio-floor/mudscope-dummyrunner  the same server on SwiftNIO (Benchmarks/floor/nio-line-server), as
                               mudserver uses it: what the socket library costs before any game work

Every Evennia run starts from a copy of the game's pristine database (saved by --setup). Server CPU
is the process CPU clock (nanoseconds, all threads) of the Evennia Server and Portal (both twistd
processes) or of mudserver, over the steady-state window only. Evennia's commands are counted server side: the game's
server/conf/mudscope_counter.py hook writes the sum of its sessions' cmd_total on SIGUSR1. Under the
mudscope dummyrunner mudserver's commands are the driver's (mudserver answers every one); under
Evennia's, mudserver's own metrics history counts them.

Evennia's own dummyrunner prints 30-second averages from the moment every bot has sent its first
login line; the window here starts at its first average line (30 s of login settle) and ends after
--duration more seconds (a multiple of 30), so its printed lag averages cover the window exactly.
Its "actions/s" counts reads of server output, not commands sent.

Ratios are reported per pair of drivers: Evennia under a driver over mudserver (or a floor) under
the same driver compares like with like; over mudserver under the mudscope dummyrunner is the
comparison earlier results reported for Evennia's own driver.

    Benchmarks/evennia-compare.py --setup                 # venv + game in /work/venvs (PyPI)
    Benchmarks/evennia-compare.py                         # 3 runs x 6 configurations, 100 bots
    Benchmarks/evennia-compare.py --bots 500 --runs 1 --configs evennia/evennia-dummyrunner
"""
import argparse
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import ROOT, Sampler, build_release, drive  # noqa: E402
import evennia_driver  # noqa: E402
from evennia_game import EVENNIA_VERSION, HERE, Evennia, setup  # noqa: E402
from evennia_report import CPU_CLOCK, markdown, medians, ratios, unsteady  # noqa: E402

CONFIGS = ("evennia/evennia-dummyrunner", "evennia/mudscope-dummyrunner", "mudserver/evennia-dummyrunner",
           "mudserver/mudscope-dummyrunner", "floor/mudscope-dummyrunner", "nio-floor/mudscope-dummyrunner")


def load_dummyrunner_bench():
    """Benchmarks/dummyrunner-bench.py as a module (its file name has a hyphen)."""
    spec = importlib.util.spec_from_file_location("dummyrunner_bench", os.path.join(ROOT, "Benchmarks",
                                                                                     "dummyrunner-bench.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load_dummyrunner_bench()


def evennia_run(evennia, driver, bots, duration, ramp, seed, binary, log):
    """One steady-state measurement of Evennia under `driver`."""
    evennia.start_fresh()
    server, portal = evennia.pids()
    sampler = Sampler([server, portal])
    idle_cpu, idle_time = sampler.cpu(), time.time()
    time.sleep(10)
    idle_percent = (sampler.cpu() - idle_cpu) / (time.time() - idle_time) * 100
    load_start = os.getloadavg()[0]
    if driver == "evennia-dummyrunner":
        start, end, averages = evennia_driver.drive(evennia, bots, duration, log,
                                                    lambda: snapshot(evennia, server, sampler))
        fields = evennia_driver.average_fields(averages)
    else:
        start, end, fields = mudscope_drive(evennia, bots, duration, ramp, seed, binary, log,
                                            lambda: snapshot(evennia, server, sampler))
    rss = sampler.close()
    wall = end["time"] - start["time"]
    commands = end["commands"] - start["commands"]
    cpu = end["cpu"] - start["cpu"]
    row = {
        "server": "evennia", "driver": driver, "bots": bots, "seed": seed,
        "loggedInAtStart": start["loggedIn"], "loggedIn": end["loggedIn"], "sessions": end["sessions"],
        "measuredSeconds": round(wall, 2),
        "commands": commands,
        "commandsPerSecond": round(commands / wall, 2),
        "serverCpuSeconds": round(cpu, 2),
        "serverCpuPercent": round(cpu / wall * 100, 1),
        "serverCpuMsPer1000Commands": round(cpu * 1000 / commands * 1000, 1) if commands else None,
        "idleCpuPercent": round(idle_percent, 2),
        "serverRssMiB": round(rss, 1), "serverPeakRssMiB": round(sampler.peak, 1),
        "loadAverageStart": round(load_start, 2), "loadAverageEnd": round(os.getloadavg()[0], 2),
    }
    row.update(fields)
    return row


def mudscope_drive(evennia, bots, duration, ramp, seed, binary, log, sample):
    """Runs `mudserver dummyrunner` with Evennia's login against Evennia; returns what `sample()`
    gave when its ramp ended and when it began to stop, and its summary's fields."""
    summary_path = os.path.join(tempfile.gettempdir(), f"evennia-compare-{os.getpid()}.json")
    start, end = drive(binary, ["--host", "127.0.0.1", "--port", str(evennia.port)], bots,
                       ["--settings", os.path.join(HERE, "looker.toml")], duration, ramp, summary_path, sample,
                       seed=seed, log=log)
    fields = driver_summary(summary_path)
    os.remove(summary_path)
    return start, end, fields


def mudserver_evennia_run(evennia, binary, bots, duration, seed, workdir, log):
    """One measurement of mudserver --profiling-mode under Evennia's own dummyrunner: Evennia is
    stopped and a fresh mudserver game listens on its port, where the driver connects."""
    evennia.stop()
    game = os.path.join(workdir, f"game-evennia-driver-{bots}-{seed}")
    with bench.fresh_server(binary, game, port=evennia.port) as server:
        sampler = Sampler([server.pid])
        load_start = os.getloadavg()[0]
        start, end, averages = evennia_driver.drive(evennia, bots, duration, log,
                                                    lambda: {"time": time.time(), "cpu": sampler.cpu()})
        rss = sampler.close()
        if not evennia_driver.wait_for_snapshot(game, end["time"]):
            print(f"    {game}/metrics.db has no snapshot after the window's end; counting what is there", flush=True)
        counted = evennia_driver.mudserver_window(game, start["time"], end["time"])
    wall, cpu = end["time"] - start["time"], end["cpu"] - start["cpu"]
    rate = counted["commandsPerSecond"]
    row = {"server": "mudserver", "driver": "evennia-dummyrunner", "bots": bots, "seed": seed,
           "measuredSeconds": round(wall, 2), "serverCpuSeconds": round(cpu, 3),
           "serverCpuPercent": round(cpu / wall * 100, 2),
           "serverCpuMsPer1000Commands": round(cpu / wall / rate * 1e6, 1) if rate else None,
           "serverRssMiB": round(rss, 1), "serverPeakRssMiB": round(sampler.peak, 1),
           "loadAverageStart": round(load_start, 2), "loadAverageEnd": round(os.getloadavg()[0], 2)}
    row.update(counted)
    row.update(evennia_driver.average_fields(averages))
    return row


def driver_summary(path):
    """The fields of a `mudserver dummyrunner --json` summary this comparison reports."""
    with open(path) as handle:
        summary = json.load(handle)
    return {
        "actionsPerSecond": summary["actionsPerSecond"],
        "driverCommandsPerSecond": summary["commandsPerSecond"],
        "lagMeanMs": round(summary["evenniaAverages"]["totalMs"], 3),
        "lagInMeanMs": round(summary["evenniaAverages"]["inboundMs"], 3),
        "lagOutMeanMs": round(summary["evenniaAverages"]["outboundMs"], 3),
        "lagP50Ms": summary["lag"]["total"]["p50"], "lagP99Ms": summary["lag"]["total"]["p99"],
        "lagProbes": summary["lag"]["total"]["count"],
        "roundTripP50Ms": summary["roundTrip"]["p50"], "roundTripP99Ms": summary["roundTrip"]["p99"],
        "errors": sum(summary["errors"].values()), "rejected": summary["rejected"],
    }


def snapshot(evennia, server_pid, sampler):
    counts = evennia.commands(server_pid)
    return {"time": time.time(), "cpu": sampler.cpu(), "commands": counts["commands"],
            "sessions": counts["sessions"], "loggedIn": counts["loggedIn"]}


def mudserver_run(binary, bots, duration, ramp, workdir):
    """One measurement of mudserver: dummyrunner-bench.py's run_step with the looker profile."""
    load_start = os.getloadavg()[0]
    step = bench.run_step(binary, "looker", bots, duration, ramp, workdir)
    cpu_ms = step["serverCpuMsPer1000Commands"]
    return {
        "server": "mudserver", "driver": "mudscope-dummyrunner", "bots": bots,
        "loggedIn": step["loggedIn"], "measuredSeconds": step["measuredSeconds"],
        "actionsPerSecond": step["actionsPerSecond"], "commandsPerSecond": step["commandsPerSecond"],
        "serverCpuPercent": step["serverCpuPercent"], "serverCpuMsPer1000Commands": cpu_ms,
        "lagMeanMs": step["lagMeanMs"], "lagP50Ms": step["lagP50Ms"], "lagP99Ms": step["lagP99Ms"],
        "roundTripP99Ms": step.get("roundTripCorrectedP99Ms"), "errors": step["errors"],
        "serverRssMiB": step["serverRssMiB"], "serverPeakRssMiB": step["serverPeakRssMiB"],
        "loadAverageStart": round(load_start, 2), "loadAverageEnd": step["loadAverage1m"],
    }


def floor_binary(kind, workdir):
    """Builds the floor server of `kind`: "floor" (Benchmarks/floor/line-server.c) or "nio-floor"
    (the same server on SwiftNIO, Benchmarks/floor/nio-line-server); returns its path."""
    if kind == "nio-floor":
        return build_release("NIOLineServer", quiet=True,
                             package=os.path.join(ROOT, "Benchmarks", "floor", "nio-line-server"))
    server_binary = os.path.join(workdir, "line-server")
    subprocess.run(["cc", "-O2", "-o", server_binary, os.path.join(ROOT, "Benchmarks", "floor", "line-server.c")],
                   check=True)
    return server_binary


def floor_run(kind, server_binary, binary, bots, duration, ramp, workdir):
    """One measurement of a floor server (`floor_binary`) under the looker load."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    load_start = os.getloadavg()[0]
    server = subprocess.Popen([server_binary, str(port)])
    summary_path = os.path.join(workdir, f"{kind}-{bots}.json")
    try:
        time.sleep(0.5)
        sampler = Sampler([server.pid])
        start, end = drive(binary, ["--host", "127.0.0.1", "--port", str(port)], bots, ["--profile", "looker"],
                           duration, ramp, summary_path, lambda: (time.time(), sampler.cpu()))
        rss = sampler.close()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    wall, cpu = end[0] - start[0], end[1] - start[1]
    row = {"server": kind, "driver": "mudscope-dummyrunner", "bots": bots, "measuredSeconds": round(wall, 2),
           "serverCpuPercent": round(cpu / wall * 100, 2), "serverRssMiB": round(rss, 1),
           "loadAverageStart": round(load_start, 2), "loadAverageEnd": round(os.getloadavg()[0], 2)}
    row.update(driver_summary(summary_path))
    row["commandsPerSecond"] = row["driverCommandsPerSecond"]
    commands = row["commandsPerSecond"] * wall
    row["serverCpuMsPer1000Commands"] = round(cpu * 1000 / commands * 1000, 1) if commands else None
    os.remove(summary_path)
    return row


def one_run(config, bots, run, args, evennia, binary, floors, workdir, log):
    """One run of `config` ("server/driver") in round `run` (from 0), reported as it ends."""
    server, driver = config.split("/")
    print(f"== run {run + 1}/{args.runs}: {server} x {bots} bots, driver {driver} "
          f"(load {os.getloadavg()[0]:.2f})", flush=True)
    log.write(f"== run {run + 1}: {config} x {bots}\n")
    if config == "mudserver/evennia-dummyrunner":
        row = mudserver_evennia_run(evennia, binary, bots, args.duration, run + 1, workdir, log)
    elif server == "mudserver":
        row = mudserver_run(binary, bots, args.duration, args.ramp, workdir)
    elif server in ("floor", "nio-floor"):
        row = floor_run(server, floors[server], binary, bots, args.duration, args.ramp, workdir)
    else:
        # Evennia logs in slowly: 500 bots in 10 s overloaded it for a minute.
        ramp = max(args.ramp, bots / args.evennia_login_rate)
        row = evennia_run(evennia, driver, bots, args.duration, ramp, run + 1, binary, log)
    row["run"] = run + 1
    print(f"   -> {row['commandsPerSecond']} commands/s, CPU {row['serverCpuPercent']} %, "
          f"{row['serverCpuMsPer1000Commands']} ms / 1k commands, lag mean "
          f"{row['lagMeanMs']} ms, load {row['loadAverageStart']} -> {row['loadAverageEnd']}", flush=True)
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--venv", default="/work/venvs/evennia", help="Evennia's venv (outside the repo)")
    parser.add_argument("--game", default="/work/venvs/evennia-game", help="Evennia game directory")
    parser.add_argument("--port", type=int, default=4000, help="Evennia's telnet port")
    parser.add_argument("--setup", action="store_true", help="make the venv and the game, then exit")
    parser.add_argument("--python", default="/root/.pyenv/versions/3.12.1/bin/python",
                        help="Python for the venv (Evennia 6.1 supports 3.11 and 3.12)")
    parser.add_argument("--bots", default="100", help="comma-separated bot counts")
    parser.add_argument("--runs", type=int, default=3, help="runs of each configuration")
    parser.add_argument("--duration", type=int, default=60, help="steady-state seconds (a multiple of 30)")
    parser.add_argument("--ramp", type=float, default=10, help="mudscope dummyrunner's --ramp seconds")
    parser.add_argument("--evennia-login-rate", type=float, default=10,
                        help="logins per second of the mudscope dummyrunner against Evennia (its --ramp is "
                             "bots / this, at least --ramp)")
    parser.add_argument("--configs", default=",".join(CONFIGS), help="comma-separated, of: " + ", ".join(CONFIGS))
    parser.add_argument("--out", default=os.path.join(ROOT, "Benchmarks", "results", "evennia-compare"),
                        help="output path without extension (.json and .md)")
    parser.add_argument("--retries", type=int, default=1,
                        help="times a run that did not measure steady state (evennia_report.unsteady: a bot "
                             "not logged in for the whole window, login lines sent in it, or a command backlog) "
                             "is run again; such runs stay in the JSON, out of the medians")
    parser.add_argument("--no-build", action="store_true", help="use the existing release build")
    args = parser.parse_args()
    evennia = Evennia(args.venv, args.game, args.port)
    if args.setup:
        return setup(evennia, args.python)
    if args.duration % 30:
        parser.error("--duration must be a multiple of 30 (Evennia's dummyrunner averages 30 s)")
    configs = args.configs.split(",")
    if unknown := set(configs) - set(CONFIGS):
        parser.error(f"unknown configuration: {', '.join(sorted(unknown))}")
    binary = os.path.join(ROOT, ".build", "release", "mudserver") if args.no_build else build_release("mudserver")
    rows = []
    log_path = args.out + ".log"
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix="mudscope-evennia-") as workdir, open(log_path, "w") as log:
            floors = {kind: floor_binary(kind, workdir) for kind in {c.split("/")[0] for c in configs}
                      if kind in ("floor", "nio-floor")}
            for bots in (int(n) for n in args.bots.split(",")):
                for run in range(args.runs):
                    for config in configs:
                        for attempt in range(args.retries + 1):
                            row = one_run(config, bots, run, args, evennia, binary, floors, workdir, log)
                            rows.append(row)
                            if not (reason := unsteady(row)):
                                break
                            again = "; running it again" if attempt < args.retries else "; no retries left"
                            print(f"   -> not steady state ({reason}): left out of the medians{again}",
                                  flush=True)
    finally:
        if any(c.startswith("evennia/") or c.endswith("/evennia-dummyrunner") for c in configs):
            evennia.stop()
    summary = medians(rows)
    document = {
        "benchmark": "server CPU per command, Evennia against mudserver (Benchmarks/evennia-compare.py)",
        "evennia": EVENNIA_VERSION,
        "goal": "server CPU per command at least 20 times lower than Evennia 6.1's (issue 5)",
        "machine": {"cores": os.cpu_count(), "kernel": os.uname().release},
        "cpu": CPU_CLOCK, "tickSeconds": 1, "durationSeconds": args.duration, "rampSeconds": args.ramp,
        "evenniaLoginRate": args.evennia_login_rate,
        "runs": rows, "medians": summary, "ratios": ratios(summary),
    }
    with open(args.out + ".json", "w") as handle:
        json.dump(document, handle, indent=2, sort_keys=True)
        handle.write("\n")
    text = markdown(document)
    with open(args.out + ".md", "w") as handle:
        handle.write(text)
    print(text, end="")


if __name__ == "__main__":
    sys.exit(main())
