"""Evennia 6.1 for Benchmarks/evennia-compare.py: a game directory in a venv from PyPI, set up with
Evennia's profiling settings and a command counter, started fresh from a pristine database, stopped."""
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time

from benchlib import ROOT

EVENNIA_VERSION = "6.1.0"
HERE = os.path.join(ROOT, "Benchmarks", "evennia")
PRINTABLE_RUN = re.compile(rb"[ -~]{10}")  # text, not telnet negotiation


class Evennia:
    """One Evennia game directory run with the venv's launcher."""

    def __init__(self, venv, game, port):
        self.venv = os.path.abspath(venv)
        self.game = os.path.abspath(game)
        self.port = port
        self.launcher = os.path.join(self.venv, "bin", "evennia")
        self.env = dict(os.environ, VIRTUAL_ENV=self.venv, PYTHONUNBUFFERED="1",
                        PATH=os.path.join(self.venv, "bin") + os.pathsep + os.environ.get("PATH", ""))
        self.database = os.path.join(self.game, "server", "evennia.db3")
        self.pristine = self.database + ".pristine"
        self.counts = os.path.join(self.game, "server", "logs", "mudscope-commands.json")

    def launch(self, *argv, env=None, check=True):
        """Runs `evennia ARGV` in the game directory, output discarded."""
        return subprocess.run([self.launcher, *argv], cwd=self.game, env=env or self.env, check=check,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def pids(self):
        """(server pid, portal pid), or None for one not running."""
        result = []
        for name in ("server.pid", "portal.pid"):
            try:
                with open(os.path.join(self.game, "server", name)) as handle:
                    pid = int(handle.read().strip())
                os.kill(pid, 0)
                result.append(pid)
            except (OSError, ValueError):
                result.append(None)
        return tuple(result)

    def stop(self):
        """Stops Evennia (Server and Portal) if it runs."""
        if any(self.pids()):
            self.launch("stop", check=False)
        deadline = time.time() + 30
        while any(self.pids()) and time.time() < deadline:
            time.sleep(0.2)
        if any(self.pids()):
            raise RuntimeError("Evennia did not stop")

    def start_fresh(self):
        """Stops Evennia, restores the pristine database, starts it and waits for its login screen."""
        self.stop()
        if not os.path.exists(self.pristine):
            sys.exit(f"{self.pristine} is missing: run with --setup first")
        for suffix in ("", "-journal"):
            if os.path.exists(self.database + suffix):
                os.remove(self.database + suffix)
        shutil.copyfile(self.pristine, self.database)
        self.launch("start")
        self.wait_ready()

    def wait_ready(self, timeout=120):
        """Waits until both processes run and the telnet port shows the login screen."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            server, portal = self.pids()
            if server and portal and banner(self.port):
                return
            time.sleep(0.5)
        raise RuntimeError(f"Evennia did not come up; see {self.game}/server/logs")

    def commands(self, server_pid):
        """Commands the Server has run so far (its counter hook answers SIGUSR1)."""
        asked = time.time()
        os.kill(server_pid, signal.SIGUSR1)
        deadline = asked + 10
        while time.time() < deadline:
            try:
                with open(self.counts) as handle:
                    record = json.load(handle)
                if record["time"] >= asked:
                    return record
            except (OSError, ValueError):
                pass
            time.sleep(0.02)
        raise RuntimeError("Evennia's command counter did not answer (is mudscope_counter installed?)")


def banner(port):
    """Whether a telnet connection gets visible text (Evennia's login screen) within 5 s."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
            data = b""
            deadline = time.time() + 5
            while time.time() < deadline:
                chunk = connection.recv(65536)
                if not chunk:
                    return False
                data += chunk
                if PRINTABLE_RUN.search(data):
                    return True
    except OSError:
        return False
    return False


def setup(evennia, python):
    """Makes the venv (Evennia from PyPI) and a game with the profiling mixin and the counter hook."""
    if not os.path.exists(os.path.join(evennia.venv, "bin", "python")):
        subprocess.run([python, "-m", "venv", evennia.venv], check=True)
    subprocess.run([os.path.join(evennia.venv, "bin", "pip"), "install", "-q", f"evennia=={EVENNIA_VERSION}"],
                   check=True)
    if os.path.exists(evennia.game):
        sys.exit(f"{evennia.game} exists; remove it or give another --game")
    parent, name = os.path.split(evennia.game)
    os.makedirs(parent, exist_ok=True)
    subprocess.run([evennia.launcher, "--init", name], cwd=parent, env=evennia.env, check=True,
                   stdout=subprocess.DEVNULL)
    shutil.copy(os.path.join(HERE, "mudscope_counter.py"), os.path.join(evennia.game, "server", "conf"))
    with open(os.path.join(evennia.game, "server", "conf", "settings.py"), "a") as settings:
        settings.write("\n# MudScope benchmark (Benchmarks/evennia-compare.py --setup): Evennia's profiling\n"
                       "# settings (fast hasher, no throttles, new accounts are Developers) and a command\n"
                       "# counter that answers SIGUSR1.\n"
                       "from evennia.server.profiling.settings_mixin import *  # noqa\n"
                       'AT_SERVER_STARTSTOP_MODULE = ["server.conf.at_server_startstop", '
                       '"server.conf.mudscope_counter"]\n'
                       f"TELNET_PORTS = [{evennia.port}]\n")
    evennia.launch("migrate")
    # The first start creates the superuser (#1) and Limbo, then restarts the Server once.
    env = dict(evennia.env, EVENNIA_SUPERUSER_USERNAME="Admin", EVENNIA_SUPERUSER_PASSWORD=secrets.token_hex(12))
    evennia.launch("start", env=env)
    time.sleep(5)
    evennia.wait_ready()
    evennia.stop()
    shutil.copyfile(evennia.database, evennia.pristine)
    print(f"Evennia {EVENNIA_VERSION}: venv {evennia.venv}, game {evennia.game}, "
          f"pristine database {evennia.pristine}")
