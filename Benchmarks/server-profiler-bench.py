#!/usr/bin/env python3
"""The server's profiler overhead: the same scripted load against a release mudserver with the
profiler off and on, alternately, and the loss of throughput and of p99 latency.

    python3 Benchmarks/server-profiler-bench.py [--clients 40] [--seconds 8] [--rounds 3]
                                                [--rate 1500] [--binary PATH] [--baseline PATH]

Each run is a fresh game (`mudserver init`, new accounts get builder permission) started with
`start --foreground` (plus `--profiler` for the "on" runs) on an ephemeral loopback port. Every
client creates and connects its account (not timed), then two phases are timed:

  saturation  closed loop: each client sends its next operation as soon as the last one is
              answered, for --seconds; throughput is operations per second.
  fixed rate  open loop at --rate operations per second in total (the same load for off and on),
              for --seconds; latency is from the scheduled send to the answer.

An operation is one game command from a fixed seeded mix (look 40 %, say 20 %, set an attribute
15 % (a database write), who 10 %, inventory 10 %, pub 5 % (to every player)) followed by
`dummyrunner_echo_response ID`; the operation is answered when that echo comes back (the server
answers a session's commands in order). Runs alternate off/on for --rounds rounds; the report
gives each run, the medians, and the "on" runs' own profile totals (the dump on stop). The
server's CPU time per operation in the saturation phase (from /proc) is the steadiest figure on a
shared machine.

`--baseline BINARY` compares another build (e.g. main before the instrumentation) with --binary
with the profiler off instead: the cost of the sites when the profiler is off.

The load is driven from one Python process with non-blocking sockets (no dummyrunner needed).
The machine may be shared: medians over alternating rounds damp, but do not remove, that noise.
"""
import argparse
import os
import random
import re
import selectors
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import build_release, cpu_seconds

MIX = [("look", 40), ("say hello there", 20), ("set me/counter = {n}", 15), ("who", 10),
       ("inventory", 10), ("pub anyone around?", 5)]


def build(binary):
    if binary:
        return binary
    return build_release("mudserver", quiet=True)


class Client:
    """One telnet connection: a receive buffer, the operations in flight and their start times."""

    def __init__(self, port, name):
        self.name = name
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""
        self.in_flight = []   # (op id, start time), oldest first
        self.next_id = 0
        self.counter = 0

    def send_line(self, line):
        self.sock.sendall(line.encode() + b"\r\n")

    def wait_for(self, marker, timeout=60):
        deadline = time.monotonic() + timeout
        self.sock.setblocking(True)
        while marker not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{self.name}: no {marker!r}; got {self.buffer[-300:]!r}")
            self.sock.settimeout(left)
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError(f"{self.name}: closed waiting for {marker!r}")
            self.buffer += data
        self.buffer = self.buffer[self.buffer.index(marker) + len(marker):]

    def send_op(self, rng, started):
        command = rng.choices([c for c, _ in MIX], [w for _, w in MIX])[0]
        self.counter += 1
        op = self.next_id
        self.next_id += 1
        self.in_flight.append((op, started))
        self.sock.sendall((command.format(n=self.counter) + f"\r\ndummyrunner_echo_response {op}\r\n").encode())

    def receive(self):
        """Reads what is there; returns the start times of the operations it completes."""
        try:
            data = self.sock.recv(262144)
        except BlockingIOError:
            return []
        if not data:
            raise ConnectionError(f"{self.name}: closed by the server")
        self.buffer += data
        done = []
        while self.in_flight:
            op, started = self.in_flight[0]
            marker = f"dummyrunner_echo_response:{op},".encode()
            at = self.buffer.find(marker)
            if at < 0:
                break
            self.buffer = self.buffer[at + len(marker):]
            self.in_flight.pop(0)
            done.append(started)
        if len(self.buffer) > 1 << 20 and not self.in_flight:
            self.buffer = b""
        return done


def login(clients):
    for client in clients:
        client.wait_for(b"re-show this screen")
        client.send_line(f"create {client.name} benchpass")
    for client in clients:
        client.wait_for(b"was created")
        client.send_line(f"connect {client.name} benchpass")
    for client in clients:
        client.wait_for(f"You become {client.name}.".encode())
    for client in clients:
        client.sock.setblocking(False)


def saturation(clients, seconds, rng):
    selector = selectors.DefaultSelector()
    for client in clients:
        selector.register(client.sock, selectors.EVENT_READ, client)
        client.send_op(rng, time.monotonic())
    ops, latencies = 0, []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for key, _ in selector.select(timeout=0.1):
            client = key.data
            now = time.monotonic()
            for started in client.receive():
                ops += 1
                latencies.append(now - started)
                if now < end:
                    client.send_op(rng, now)
    drain(clients, selector)
    selector.close()
    return ops / seconds, latencies


def fixed_rate(clients, seconds, rate, rng):
    selector = selectors.DefaultSelector()
    for client in clients:
        selector.register(client.sock, selectors.EVENT_READ, client)
    interval = len(clients) / rate
    start = time.monotonic() + 0.05
    schedule = [start + interval * index / len(clients) for index in range(len(clients))]
    end = start + seconds
    latencies, sent = [], 0
    while True:
        now = time.monotonic()
        for index, client in enumerate(clients):
            while schedule[index] <= now and schedule[index] < end:
                client.send_op(rng, schedule[index])
                schedule[index] += interval
                sent += 1
        if now >= end:
            break
        wait = max(0.0, min(min(schedule) - now, 0.01))
        for key, _ in selector.select(timeout=wait):
            now = time.monotonic()
            latencies += [now - started for started in key.data.receive()]
    latencies += drain(clients, selector)
    selector.close()
    return sent / seconds, latencies


def drain(clients, selector, timeout=60):
    """Waits for every operation in flight; returns their latencies."""
    latencies = []
    deadline = time.monotonic() + timeout
    while any(client.in_flight for client in clients):
        if time.monotonic() > deadline:
            raise TimeoutError("operations still in flight after the run")
        for key, _ in selector.select(timeout=0.1):
            now = time.monotonic()
            latencies += [now - started for started in key.data.receive()]
    return latencies


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def one_run(binary, profiler, args, seed):
    game = tempfile.mkdtemp(prefix="mudscope-bench-")
    try:
        subprocess.run([binary, "init", game, "--admin-name", "Admin", "--admin-password", "adminpass1",
                        "--port", "0", "--password-rounds", "1000"], check=True, stdout=subprocess.DEVNULL)
        config = os.path.join(game, "mudserver.conf")
        text = open(config).read()
        text = re.sub(r"(?m)^new_account_permission = .*$", "new_account_permission = builder", text)
        text = re.sub(r"(?m)^database_synchronous = .*$", f"database_synchronous = {args.synchronous}", text)
        text = re.sub(r"(?m)^max_connections_per_address = .*$", "max_connections_per_address = 100000", text)
        open(config, "w").write(text)
        command = [binary, "start", "--game", game, "--foreground"] + (["--profiler"] if profiler else [])
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            port = None
            for _ in range(600):
                try:
                    record = dict(line.split("=", 1) for line in open(os.path.join(game, "server.pid")).read().split())
                    if int(record["pid"]) == server.pid:
                        port = int(record["port"])
                        break
                except (OSError, ValueError, KeyError):
                    pass
                time.sleep(0.05)
            if port is None:
                raise RuntimeError("the server did not start")
            rng = random.Random(seed)
            clients = [Client(port, f"bench{index}") for index in range(args.clients)]
            login(clients)
            cpu_before = cpu_seconds(server.pid)
            throughput, _ = saturation(clients, args.seconds, rng)
            cpu_per_op = (cpu_seconds(server.pid) - cpu_before) / (throughput * args.seconds) * 1e6
            offered, latencies = fixed_rate(clients, args.seconds, args.rate, rng)
            for client in clients:
                client.sock.close()
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=120)
        totals = ""
        if profiler:
            log = os.path.join(game, "logs", "server.prof")
            if os.path.exists(log):
                import pstats
                stats = pstats.Stats(log)
                totals = f"{stats.total_calls} scopes, {stats.total_tt:.2f} s recorded"
        return {"throughput": throughput, "offered": offered, "cpu": cpu_per_op,
                "p50": percentile(latencies, 0.50) * 1000, "p99": percentile(latencies, 0.99) * 1000,
                "ops": len(latencies), "totals": totals}
    finally:
        shutil.rmtree(game, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rate", type=float, default=1500, help="operations per second in the fixed-rate phase")
    parser.add_argument("--synchronous", default="NORMAL", choices=["NORMAL", "FULL"],
                        help="database_synchronous of the benchmark games (NORMAL: no fsync per commit)")
    parser.add_argument("--binary", help="a release mudserver (default: swift build -c release)")
    parser.add_argument("--baseline", metavar="BINARY",
                        help="instead of off vs on: this mudserver (e.g. built without the instrumentation) "
                             "vs --binary with the profiler off, to measure the cost of the sites when off")
    args = parser.parse_args()
    binary = build(args.binary)
    # (label, binary, --profiler) of the two sides compared; the second is measured against the first.
    sides = [("off", binary, False), ("on", binary, True)]
    if args.baseline:
        sides = [("base", args.baseline, False), ("off", binary, False)]
    print(f"{args.clients} clients, {args.seconds:g} s per phase, fixed rate {args.rate:g} ops/s, "
          f"{args.rounds} rounds, synchronous={args.synchronous}, {os.cpu_count()} CPUs")
    print(f"{'run':<8}{'saturation ops/s':>18}{'server CPU us/op':>18}{'fixed-rate p50 ms':>19}{'p99 ms':>9}  profile")
    results = {0: [], 1: []}
    for round_ in range(args.rounds):
        for side, (name, program, profiler) in enumerate(sides):
            result = one_run(program, profiler, args, seed=round_)
            results[side].append(result)
            label = f"{name} {round_ + 1}"
            print(f"{label:<8}{result['throughput']:>18.0f}{result['cpu']:>18.1f}{result['p50']:>19.2f}{result['p99']:>9.2f}  "
                  f"{result['totals']}", flush=True)
    median = {mode: {key: statistics.median(r[key] for r in runs) for key in ("throughput", "cpu", "p50", "p99")}
              for mode, runs in results.items()}
    off, on = median[0], median[1]
    loss = (1 - on["throughput"] / off["throughput"]) * 100
    p99 = (on["p99"] / off["p99"] - 1) * 100
    cpu = (on["cpu"] / off["cpu"] - 1) * 100
    for name, m in ((sides[0][0], off), (sides[1][0], on)):
        print(f"median {name + ':':<4} {m['throughput']:.0f} ops/s, {m['cpu']:.1f} server CPU us/op, "
              f"p99 {m['p99']:.2f} ms (p50 {m['p50']:.2f} ms)")
    print(f"{sides[1][0]} against {sides[0][0]}: throughput loss {loss:+.1f} % (goal <= 5 %), "
          f"server CPU per operation {cpu:+.1f} %, p99 change {p99:+.1f} % (goal <= 10 %)")


if __name__ == "__main__":
    sys.exit(main())
