"""kalm demo [--port 8000]: the whole product on one machine, in the foreground.

Migrates, collects static files, loads the demo data, then runs the Huey worker and the web
server as child processes until Ctrl-C or SIGTERM, and stops both. If either child dies, the
other is stopped too and the command exits non-zero, so a broken demo never looks half alive.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kalm.core.demo.loader import LOGINS

POLL_SECONDS = 0.2
STOP_GRACE_SECONDS = 10


class Command(BaseCommand):
    help = "Run the demo: migrate, collect static files, load demo data, start worker and server."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="port to serve on (8000)")
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
        parser.add_argument("--cases", type=int, default=400, help="demo cases on first load (400)")

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        if not 0 < port < 65536:
            raise CommandError(f"--port {port} is not a TCP port")
        if not _port_free(host, port):
            raise CommandError(
                f"Port {port} on {host} is already in use; choose another with --port "
                f"(make demo PORT=8001)."
            )
        if "SITE_URL" not in os.environ:
            # Links in emails and printed URLs must point at the port actually served.
            os.environ["SITE_URL"] = f"http://{host}:{port}"
            settings.SITE_URL = os.environ["SITE_URL"]
        self.stdout.write("Preparing the database...")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Collecting static files...")
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("load_demo", cases=options["cases"], stdout=self.stdout)

        self.stopping = False
        previous = {
            sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        children: dict[str, subprocess.Popen] = {}
        try:
            children["worker"] = _spawn(["run_huey", "-w", "2", "-k", "thread", "--flush-locks"])
            children["web server"] = _spawn(["runserver", f"{host}:{port}", "--noreload"])
            url = f"http://{host}:{port}/"
            if _wait_for_port(host, port, children, timeout=60):
                self.stdout.write("")
                self.stdout.write(self.style.SUCCESS(f"Kalm demo running at {url}"))
                self.stdout.write(f"  Complaint form (consumers): {url}")
                self.stdout.write(f"  Desk (agents):              {url}desk/")
                self.stdout.write(f"  Django admin:               {url}admin/")
                self.stdout.write("  Logins (username / password / role):")
                for login in LOGINS:
                    self.stdout.write(
                        f"    {login.username:<6} / {login.password:<16} / {login.role_label}"
                    )
                self.stdout.write("Press Ctrl-C to stop.")
            dead = self._watch(children)
        finally:
            _stop(children)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if dead:
            name, code = dead
            raise CommandError(f"The {name} stopped unexpectedly (exit code {code}); demo stopped.")
        self.stdout.write("Demo stopped.")

    def _on_signal(self, signum: int, _frame: Any) -> None:
        self.stopping = True

    def _watch(self, children: dict[str, subprocess.Popen]) -> tuple[str, int] | None:
        """Wait for a stop signal (returns None) or a child's death (returns its name, code)."""
        while not self.stopping:
            for name, child in children.items():
                code = child.poll()
                if code is not None:
                    return name, code
            time.sleep(POLL_SECONDS)
        return None


def _spawn(args: list[str]) -> subprocess.Popen:
    # A session of their own: a Ctrl-C in the terminal reaches only this command, which then
    # stops the children in order instead of all three racing to exit.
    return subprocess.Popen(
        [sys.executable, "-m", "kalm", *args],
        env={"DJANGO_SETTINGS_MODULE": "kalm.settings", **os.environ},
        start_new_session=True,
    )


def _stop(children: dict[str, subprocess.Popen]) -> None:
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGINT)  # both shut down gracefully on SIGINT
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _wait_for_port(
    host: str, port: int, children: dict[str, subprocess.Popen], *, timeout: float
) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(child.poll() is not None for child in children.values()):
            return False
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(POLL_SECONDS)
    return False
