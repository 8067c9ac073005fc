"""MudScope benchmark hook for an Evennia game (installed by Benchmarks/evennia-compare.py --setup).

Counts the commands Evennia's Server has handled, at no cost while nobody asks: on SIGUSR1 it writes
the sum of its sessions' `cmd_total` (Evennia adds one per text line run as a command, in
evennia/server/inputfuncs.py) to server/logs/mudscope-commands.json. Listed in the game's settings as
an extra AT_SERVER_STARTSTOP_MODULE, so Evennia calls at_server_start on every start and reload.
"""
import json
import os
import signal
import time

from django.conf import settings


def _write_counts(signum, frame):
    from evennia.server.sessionhandler import SESSIONS

    sessions = list(SESSIONS.values())
    record = {
        "time": time.time(),
        "sessions": len(sessions),
        "loggedIn": sum(1 for session in sessions if session.logged_in),
        "commands": sum(session.cmd_total for session in sessions),
    }
    path = os.path.join(settings.GAME_DIR, "server", "logs", "mudscope-commands.json")
    with open(path + ".tmp", "w") as handle:
        json.dump(record, handle)
    os.replace(path + ".tmp", path)


def at_server_start():
    """Installs the SIGUSR1 handler (Evennia runs this hook in the main thread)."""
    signal.signal(signal.SIGUSR1, _write_counts)
