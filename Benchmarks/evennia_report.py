#!/usr/bin/env python3
"""The report of Benchmarks/evennia-compare.py: medians, ratios and the Markdown table.

evennia-compare.py writes its runs as JSON and this module's Markdown next to it. Run on a JSON file,
this computes its medians and ratios again from its runs and writes both files (for a report whose
rules or wording changed):

    Benchmarks/evennia_report.py Benchmarks/results/evennia-compare.json
"""
import json
import os
import statistics
import sys

# What CPU a result counts: runs before the process CPU clock counted /proc's 10 ms ticks.
CPU_CLOCK = "the process CPU clock (nanoseconds, all threads)"
CLOCK_TICKS = "utime+stime (in 10 ms clock ticks)"
MEDIAN_FIELDS = ("actionsPerSecond", "commandsPerSecond", "serverCpuPercent", "serverCpuMsPer1000Commands",
                 "lagMeanMs", "lagP50Ms", "lagP99Ms", "serverRssMiB", "loadAverageEnd")


# How far a server's command count over the window may stray from what the driver sent in it.
BACKLOG_TOLERANCE = 0.05


def unsteady(row):
    """Why a run did not measure steady state, or None. Every bot must be logged in for the whole
    window (Evennia's own count for Evennia, the driver's for the others); the driver must have
    sent one line per action (the looker's), no login lines; and a server that counts its own
    commands must have run about what the driver sent in the window: more means it was still
    working off a backlog from before the window, fewer that one was growing. Such runs are left
    out of medians and ratios."""
    bots = row["bots"]
    start, end = row.get("loggedInAtStart"), row.get("loggedIn")
    if start is not None and start < bots:
        return f"only {start} of {bots} bots logged in at the window's start"
    if end is not None and end < bots:
        return f"only {end} of {bots} bots logged in at the window's end"
    ran, sent, actions = row.get("commandsPerSecond"), row.get("driverCommandsPerSecond"), row.get("actionsPerSecond")
    if sent and actions and sent > (1 + BACKLOG_TOLERANCE) * actions:
        # A looker action is one line: more lines than actions are logins inside the window.
        return f"the driver sent {sent:.1f} lines/s for {actions:.1f} actions/s (logins in the window)"
    if row.get("commands") is not None and ran and sent and abs(ran - sent) > BACKLOG_TOLERANCE * sent:
        return (f"the server ran {ran:.1f} commands/s while the driver sent {sent:.1f}/s "
                "(a backlog from before the window, or one building)")
    return None


def steady(rows):
    return [row for row in rows if unsteady(row) is None]


def medians(rows):
    groups = {}
    for row in steady(rows):
        groups.setdefault((row["server"], row["driver"], row["bots"]), []).append(row)
    result = []
    for (server, driver, bots), group in groups.items():
        entry = {"server": server, "driver": driver, "bots": bots, "runs": len(group)}
        for field in MEDIAN_FIELDS:
            values = [row[field] for row in group if row.get(field) is not None]
            entry[field] = round(statistics.median(values), 3) if values else None
        result.append(entry)
    return result


# The driver every server was measured under; a server measured under the driver Evennia ran under
# is compared like with like, and is also compared with this one.
REFERENCE_DRIVER = "mudscope-dummyrunner"


def compared(evennia_driver, against_driver):
    """Whether a ratio is reported for Evennia under one driver over a server under another."""
    return against_driver in (evennia_driver, REFERENCE_DRIVER)


def ratios(summary):
    """Evennia's median CPU per command over mudserver's (and over the floor servers': the C one's is
    the most any server could show, the SwiftNIO one's the most a server on NIO could) at the same
    bot count: over each server under the driver Evennia ran under, and under the mudscope
    dummyrunner."""
    result = []
    for against in ("mudserver", "floor", "nio-floor"):
        for o in summary:
            if o["server"] != against or not o["serverCpuMsPer1000Commands"]:
                continue
            for m in summary:
                if (m["server"] == "evennia" and m["bots"] == o["bots"] and m["serverCpuMsPer1000Commands"]
                        and compared(m["driver"], o["driver"])):
                    result.append({"bots": m["bots"], "evenniaDriver": m["driver"], "against": against,
                                   "againstDriver": o["driver"],
                                   "ratio": round(m["serverCpuMsPer1000Commands"] / o["serverCpuMsPer1000Commands"], 1)})
    return result


def round_ratios(rows):
    """Evennia's CPU per command over mudserver's within each round (runs minutes apart), per bot
    count and pair of drivers: the machine's speed drifts over a set, and a round's runs share more
    of it than the set's medians do."""
    cpu = {(r["server"], r["driver"], r["bots"], r["run"]): r["serverCpuMsPer1000Commands"] for r in steady(rows)}
    result = []
    for (server, driver, bots, run), value in cpu.items():
        if server != "evennia" or not value:
            continue
        for ours_driver in sorted({d for s, d, b, _ in cpu if s == "mudserver" and b == bots}):
            ours = cpu.get(("mudserver", ours_driver, bots, run))
            if ours and compared(driver, ours_driver):
                result.append({"bots": bots, "evenniaDriver": driver, "mudserverDriver": ours_driver, "run": run,
                               "ratio": round(value / ours, 1)})
    return result


def cell(value, digits=1):
    return "-" if value is None else f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def logged_in(row):
    """Evennia's logged-in sessions at the window's start and end (its own count), or "-"."""
    if row["server"] != "evennia":
        return "-"
    return f"{row.get('loggedInAtStart', '?')} / {row['loggedIn']}"


def markdown(document):
    lines = [f"Evennia {document['evennia']} against mudserver, looker bots, 1 s tick, "
             f"{document['durationSeconds']:g} s steady state per run, {document['machine']['cores']} cores "
             f"(Benchmarks/evennia-compare.py). CPU = {document.get('cpu', CLOCK_TICKS)} of the server processes "
             "(Evennia: Server + Portal) over the window; commands = counted by the server (Evennia; mudserver under "
             "Evennia's dummyrunner, from its metrics history) or sent by the mudscope dummyrunner (which mudserver "
             "answers every one of). Evennia's dummyrunner gives only mean lag; its actions/s counts reads of "
             "server output.", "",
             "Medians:", "",
             "| server | driver | bots | runs | actions/s | commands/s | CPU % | CPU ms / 1,000 cmds "
             "| lag mean ms | lag p50 ms | lag p99 ms | RSS MiB | load avg (end) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for m in document["medians"]:
        lines.append(f"| {m['server']} | {m['driver']} | {m['bots']} | {m['runs']} | {cell(m['actionsPerSecond'])} "
                     f"| {cell(m['commandsPerSecond'])} | {cell(m['serverCpuPercent'])} "
                     f"| {cell(m['serverCpuMsPer1000Commands'])} | {cell(m['lagMeanMs'], 2)} "
                     f"| {cell(m['lagP50Ms'], 2)} | {cell(m['lagP99Ms'], 2)} | {cell(m['serverRssMiB'])} "
                     f"| {cell(m['loadAverageEnd'], 2)} |")
    lines += ["", "CPU per command, Evennia / mudserver (medians; Evennia / floor is the most any server "
              "could show here, Evennia / nio-floor the most a server on SwiftNIO could):", ""]
    for r in document["ratios"]:
        lines.append(f"- {r['bots']} bots, Evennia driven by {r['evenniaDriver']}, over {r['against']} driven by "
                     f"{r.get('againstDriver', REFERENCE_DRIVER)}: {r['ratio']}x")
    by_driver = {}
    for r in round_ratios(document["runs"]):
        by_driver.setdefault((r["bots"], r["evenniaDriver"], r["mudserverDriver"]), []).append(r)
    if by_driver:
        lines += ["", "The same within each round (Evennia's run over mudserver's of the same round):", ""]
        for (bots, driver, ours_driver), group in by_driver.items():
            lines.append(f"- {bots} bots, Evennia driven by {driver}, mudserver by {ours_driver}: "
                         + ", ".join(f"{r['ratio']}x (round {r['run']})" for r in group)
                         + f"; median {statistics.median(r['ratio'] for r in group):.1f}x")
    left_out = [(number, r, reason) for number, r in enumerate(document["runs"], 1) if (reason := unsteady(r))]
    if left_out:
        lines += ["", "Left out of the medians and ratios (not steady state):", ""]
        lines += [f"- run {number} ({r['server']}, {r['driver']}, round {r['run']}): {reason}"
                  for number, r, reason in left_out]
    lines += ["", "Each run:", "",
              "| # | server | driver | bots | s | commands/s | CPU % | CPU ms / 1k cmds | lag mean ms "
              "| lag p99 ms | RSS MiB | load avg start/end | Evennia idle CPU % | Evennia logged in start/end |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for number, r in enumerate(document["runs"], 1):
        lines.append(f"| {number} | {r['server']} | {r['driver']} | {r['bots']} | {cell(r['measuredSeconds'])} "
                     f"| {cell(r['commandsPerSecond'])} | {cell(r['serverCpuPercent'])} "
                     f"| {cell(r['serverCpuMsPer1000Commands'])} | {cell(r['lagMeanMs'], 2)} "
                     f"| {cell(r.get('lagP99Ms'), 2)} | {cell(r['serverRssMiB'])} "
                     f"| {r['loadAverageStart']} / {r['loadAverageEnd']} | {cell(r.get('idleCpuPercent'), 2)} "
                     f"| {logged_in(r)} |")
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) != 2 or not sys.argv[1].endswith(".json"):
        sys.exit("usage: evennia_report.py RESULTS.json (writes RESULTS.md)")
    try:
        with open(sys.argv[1]) as handle:
            document = json.load(handle)
    except OSError as error:
        sys.exit(f"evennia_report.py: {sys.argv[1]}: cannot read: {error.strerror}")
    except ValueError as error:
        sys.exit(f"evennia_report.py: {sys.argv[1]}: not JSON: {error}")
    try:
        # Medians and ratios again from the runs, so that both files follow the current rules.
        document["medians"] = medians(document["runs"])
        document["ratios"] = ratios(document["medians"])
        text = markdown(document)
    except (KeyError, TypeError) as error:
        sys.exit(f"evennia_report.py: {sys.argv[1]}: not an evennia-compare result (no {error})")
    with open(sys.argv[1], "w") as handle:
        json.dump(document, handle, indent=2, sort_keys=True)
        handle.write("\n")
    with open(os.path.splitext(sys.argv[1])[0] + ".md", "w") as handle:
        handle.write(text)
    print(text, end="")


if __name__ == "__main__":
    main()
