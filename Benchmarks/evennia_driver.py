#!/usr/bin/env python3
"""Evennia's own dummyrunner as a load driver for Benchmarks/evennia-compare.py, against Evennia or
against mudserver.

`evennia --dummyrunner N`, run in the Evennia game directory, connects to that game's telnet port
(its settings' TELNET_PORTS), whichever server listens there. mudserver understands its whole login
(`create`, `connect`, `dig`, `teleport`; `yes` and `py` get an unknown-command reply, before the
window) and its looker actions, and answers its lag probe in the format it parses. So the same
driver can load both servers, and each driver's figures compare like with like.

The driver prints 30-second averages from the moment every bot has sent its first login line; the
window starts at its first average line after "All clients connected and logged in" (30 s of
settle) and ends after --duration more seconds (a multiple of 30), so its printed lag averages
cover the window exactly. Its "actions/s" counts reads of server output, not commands sent:
commands are counted by the server (Evennia's counter hook, mudserver's metrics history).
"""
import contextlib
import json
import os
import re
import sqlite3
import statistics
import subprocess
import time

from benchlib import follow, line_reader, stop_group, window_deadline

AVERAGE_LINE = re.compile(r"running 30s average: ~(\d+) actions/s lag: ([0-9.e+-]+)s "
                          r"\(in: ([0-9.e+-]+)s, out: ([0-9.e+-]+)s\)")


def drive(evennia, bots, duration, log, snapshot):
    """Runs `evennia --dummyrunner bots` against whatever listens on the game's port and returns
    (start, end, averages): what `snapshot()` gave at the window's start and end, and the driver's
    30-second averages inside it as [actions/s, lag, lag in, lag out] (seconds)."""
    process = subprocess.Popen([evennia.launcher, "--dummyrunner", str(bots)], cwd=evennia.game, env=evennia.env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    window = {"start": None, "end": None, "allIn": False}
    averages = []

    def on_line(line):
        if "All clients connected and logged in" in line:
            window["allIn"] = True
            print(f"    all {bots} bots logged in; 30 s settle", flush=True)
        match = AVERAGE_LINE.search(line)
        if match and window["allIn"]:
            if window["start"] is None:
                window["start"] = snapshot()
            else:
                averages.append([float(value) for value in match.groups()])
                print("   ", line.strip(), flush=True)
                if len(averages) * 30 >= duration:
                    window["end"] = snapshot()
        return window["end"] is not None

    try:
        follow(line_reader(process.stdout), log, window_deadline(bots, duration), "evennia --dummyrunner", on_line)
    finally:
        stop_group(process)
    return window["start"], window["end"], averages


def average_fields(averages):
    """The row fields of the driver's averages over the window."""
    return {
        "actionsPerSecond": round(statistics.fmean(a[0] for a in averages), 1),
        "lagMeanMs": round(statistics.fmean(a[1] for a in averages) * 1000, 3),
        "lagInMeanMs": round(statistics.fmean(a[2] for a in averages) * 1000, 3),
        "lagOutMeanMs": round(statistics.fmean(a[3] for a in averages) * 1000, 3),
        "lagP50Ms": None, "lagP99Ms": None, "evenniaAverageLines": averages,
    }


def metrics_history(game):
    """mudserver's metrics history (`metrics.db` in the game directory), opened read-only; closed
    at the end of a `with`."""
    return contextlib.closing(sqlite3.connect(f"file:{os.path.join(game, 'metrics.db')}?mode=ro", uri=True))


def wait_for_snapshot(game, after, timeout=5.0):
    """Waits until mudserver's metrics history (`metrics.db`) holds a snapshot taken at or after
    `after` (Unix seconds), so that every snapshot of a window ending then has been written (the
    one of its last second is written a moment after that second ends). Returns whether one came
    within `timeout` seconds."""
    deadline = time.time() + timeout
    while True:
        with metrics_history(game) as database:
            (latest,) = database.execute("SELECT MAX(time) FROM metrics").fetchone()
        if latest is not None and latest >= after:
            return True
        if time.time() >= deadline:
            return False
        time.sleep(0.1)


def mudserver_window(game, start, end):
    """mudserver's own figures for the window [start, end] (Unix seconds) from its metrics history
    (`metrics.db`, a snapshot a second): commands per second over the snapshots whose whole
    interval lies in the window, and the logged-in sessions of the first and last of them."""
    with metrics_history(game) as database:
        rows = database.execute("SELECT snapshot FROM metrics WHERE time > ? AND time <= ? ORDER BY time",
                                (start, end)).fetchall()
    snapshots = [json.loads(row[0]) for row in rows]
    inside = [s for s in snapshots if s["time"] - s["interval_seconds"] >= start]
    if not inside:
        raise RuntimeError(f"{game}/metrics.db has no snapshot inside the window")
    seconds = sum(s["interval_seconds"] for s in inside)
    return {"commandsPerSecond": round(sum(s["commands"]["count"] for s in inside) / seconds, 2),
            "countedSeconds": round(seconds, 2),
            "loggedInAtStart": inside[0]["sessions"]["logged_in"], "loggedIn": inside[-1]["sessions"]["logged_in"],
            "sessions": inside[-1]["sessions"]["connected"]}
