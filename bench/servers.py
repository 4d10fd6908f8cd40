"""What the benchmarks that start Kalm's production processes share: a free loopback port,
starting a process in a group of its own (logged to a file), stopping the whole group, and
p50/p95/p99 of a list of timings."""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        cmd,
        env=env,
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # a process group of its own: stopped as a whole
    )


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def group_cpu_seconds(pgid: int) -> float:
    """CPU seconds (user + system) used so far by the processes of a process group, including
    their children that have exited and been waited for (a gunicorn worker recycled after
    max_requests still counts). Read from /proc, so it works while the machine is shared:
    CPU time per request is the honest figure when wall-clock rates are disturbed."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:  # gone meanwhile
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        # after "pid (comm) ": state ppid pgrp session ... utime(14) stime cutime cstime
        if int(fields[2]) != pgid:
            continue
        total += sum(int(v) for v in fields[11:15])
    return total / tick


def machine_cpu_seconds() -> float:
    """CPU seconds the whole machine has been busy (all cores, every process: the database
    server and Redis too), from /proc/stat. Per item it is the full cost of intake when nothing
    else runs; on a shared machine it includes the others' work."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def percentiles(timings: list[float]) -> dict[str, float | None]:
    """p50/p95/p99 in ms (nearest rank), None for an empty list."""
    if not timings:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None}
    ordered = sorted(timings)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(len(ordered) * q))], 1)

    return {"p50_ms": round(statistics.median(ordered), 1), "p95_ms": at(0.95), "p99_ms": at(0.99)}
