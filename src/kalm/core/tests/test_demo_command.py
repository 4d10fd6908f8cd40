"""kalm demo: serves the demo in the foreground and stops everything it started on Ctrl-C.

Runs the real command in a subprocess against a fresh SQLite database in a temporary folder
(about 15 seconds: migrate, collectstatic, a small demo load, two children)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


@pytest.fixture
def demo_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"KALM_PLAIN_STATIC", "DEBUG"}}
    env.update({"KALM_VAR_DIR": str(tmp_path / "var"), "DATABASE_URL": "", "LOG_LEVEL": "WARNING"})
    return env


SQLITE_ONLY = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the demo command always runs on its own SQLite file; covered by the SQLite run",
)


def start_demo(env, tmp_path) -> tuple[subprocess.Popen, str, object]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path / "demo.log").open("w+b")
    process = subprocess.Popen(
        [sys.executable, "-m", "kalm", "demo", "--port", str(port), "--cases", "12"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    status = None
    while time.monotonic() < deadline and process.poll() is None:
        try:
            status, _ = get(base + "/")
            break
        except OSError:
            time.sleep(0.3)
    assert status == 200, _tail(log)
    return process, base, log


def cleanup(process: subprocess.Popen, children: list[int]) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()
    for pid in children:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


@SQLITE_ONLY
def test_it_serves_the_demo_and_stops_both_children_on_ctrl_c(demo_env, tmp_path):
    process, base, log = start_demo(demo_env, tmp_path)
    children = children_of(process.pid)
    try:
        status, body = get(base + "/desk/login/")
        assert status == 200
        # DEBUG is off and static files are the collected, hashed ones, served by WhiteNoise.
        status, body = get(base + "/static/kalm/vendor/htmx-2.0.8.min.js")
        assert status == 200 and b"htmx" in body
        assert any((tmp_path / "var" / "static").glob("kalm/vendor/htmx-2.0.8.min.*.js"))
        assert len(children) == 2, children  # the Huey worker and the web server

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0, _tail(log)
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(pid) for pid in children)
        # The whole log: the worker's output (console emails) can push the banner out of a tail.
        output = _all(log)
        assert "/desk/" in output and "kalm-agent-demo" in output and "Demo stopped" in output
    finally:
        cleanup(process, children)


@SQLITE_ONLY
def test_it_stops_the_other_child_and_fails_when_one_dies(demo_env, tmp_path):
    process, _base, log = start_demo(demo_env, tmp_path)
    children = children_of(process.pid)
    try:
        server = next(pid for pid in children if b"runserver" in _cmdline(pid))
        os.kill(server, signal.SIGKILL)
        assert process.wait(timeout=30) != 0
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(pid) for pid in children)
        assert "stopped unexpectedly" in _tail(log)
    finally:
        cleanup(process, children)


def _cmdline(pid: int) -> bytes:
    return Path(f"/proc/{pid}/cmdline").read_bytes()


@SQLITE_ONLY
def test_it_refuses_a_port_already_in_use(demo_env, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "kalm", "demo", "--port", str(port), "--cases", "0"],
            env=demo_env,
            capture_output=True,
            timeout=120,
        )
    assert result.returncode != 0
    assert b"already in use" in result.stderr


def _all(log) -> str:
    log.flush()
    log.seek(0)
    return log.read().decode(errors="replace")


def _tail(log) -> str:
    return _all(log)[-4000:]
