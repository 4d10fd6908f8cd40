"""Real mail servers on 127.0.0.1 for the channel tests: aiosmtpd (SMTP) and Dovecot (IMAP).

Use them as fixtures: ``from kalm.channels.tests.servers import dovecot, smtp_server  # noqa``.
Dovecot comes from Debian's ``dovecot-imapd``; without it the IMAP tests are skipped, unless
``KALM_REQUIRE_ALL=1`` (CI), where a missing server is a failure.
"""

from __future__ import annotations

import email
import email.policy
import imaplib
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import pytest

DOVECOT = os.environ.get("KALM_DOVECOT", "/usr/sbin/dovecot")  # another build, for trials
_LIST_LINE = re.compile(r'\((?P<flags>[^)]*)\) (?P<sep>"[^"]*"|NIL) (?P<name>.+)')


def free_port() -> int:
    """A port nobody listens on right now (aiosmtpd's Controller cannot take port 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, timeout: float = 10.0, process: subprocess.Popen | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answered on 127.0.0.1:{port} within {timeout} s")


# --- SMTP --------------------------------------------------------------------------------------


class SmtpSink:
    """aiosmtpd handler that keeps every message it is given, parsed with policy.default."""

    def __init__(self) -> None:
        self.envelopes: list = []
        self.peers: list = []  # the client's (host, port) per message: one per SMTP session

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        self.peers.append(session.peer)
        return "250 OK"

    @property
    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(env.original_content, policy=email.policy.default)
            for env in self.envelopes
        ]


@pytest.fixture
def smtp_server(settings):
    """An SMTP server on a free loopback port; Django's SMTP backend is pointed at it."""
    from aiosmtpd.controller import Controller

    port = free_port()
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        yield sink
    finally:
        controller.stop()


# --- IMAP (Dovecot) ----------------------------------------------------------------------------

_CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {run}/run
state_dir = {run}/state
log_path = {run}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:~/Maildir
default_internal_user = {internal_user}
default_login_user = {login_user}
first_valid_uid = {uid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {run}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {run}/users
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class Dovecot:
    port: int
    run: Path
    users: dict[str, str] = field(default_factory=dict)

    def imap(self, user: str) -> imaplib.IMAP4:
        conn = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        conn.login(user, self.users[user])
        return conn

    def append(self, user: str, raw: bytes, *, folder: str = "INBOX", flags: str = "") -> None:
        conn = self.imap(user)
        try:
            typ, data = conn.append(folder, flags or None, None, raw)
            assert typ == "OK", data
        finally:
            conn.logout()

    def flags(self, user: str, *, folder: str = "INBOX") -> list[bytes]:
        """The flags of every message in the folder, in UID order."""
        conn = self.imap(user)
        try:
            _typ, data = conn.select(folder)
            if not int(data[0]):
                return []
            _typ, data = conn.uid("FETCH", "1:*", "(FLAGS)")
            return [item for item in data if item]
        finally:
            conn.logout()

    def count(self, user: str, *, folder: str = "INBOX") -> int:
        conn = self.imap(user)
        try:
            _typ, data = conn.select(folder)
            return int(data[0])
        finally:
            conn.logout()

    def reset(self, user: str) -> None:
        """Empty the user's INBOX and delete their other folders (the server is shared)."""
        conn = self.imap(user)
        try:
            _typ, data = conn.list()
            for item in data or []:
                match = _LIST_LINE.match(item.decode()) if item else None
                name = match.group("name").strip('"') if match else ""
                if name and name != "INBOX":
                    conn.delete(f'"{name}"')
            _typ, data = conn.select("INBOX")
            if int(data[0]):
                conn.store("1:*", "+FLAGS", "(\\Deleted)")
                conn.expunge()
        finally:
            conn.logout()

    def create_folder(self, user: str, folder: str) -> None:
        conn = self.imap(user)
        try:
            typ, data = conn.create(folder)
            assert typ == "OK", data
        finally:
            conn.logout()


def _fail_or_skip(reason: str) -> None:
    if os.environ.get("KALM_REQUIRE_ALL") == "1":
        pytest.fail(f"{reason} (KALM_REQUIRE_ALL=1 requires every real server)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def dovecot():
    """A Dovecot IMAP server on a free loopback port with two passwd-file users.

    Users: ``support@kalm.test`` and ``sales@kalm.test`` (passwords in ``.users``)."""
    if not Path(DOVECOT).exists():
        _fail_or_skip(f"{DOVECOT} is absent: apt-get install dovecot-imapd to run the IMAP tests")
    # Not under pytest's tmp dirs: those are private to root, and Dovecot's auth worker (user
    # "dovecot") must read the users file, the mail user (nobody) reach its home.
    run = Path(tempfile.mkdtemp(prefix="kalm-dovecot-"))
    run.chmod(0o755)
    if os.geteuid() == 0:  # mail files belong to nobody: Dovecot refuses root as mail user
        mail_user = pwd.getpwnam("nobody")
        internal_user, login_user = "dovecot", "dovenull"
    else:
        mail_user = pwd.getpwuid(os.geteuid())
        internal_user = login_user = mail_user.pw_name
    uid, gid = mail_user.pw_uid, mail_user.pw_gid
    for sub in ("run", "state", "mail"):
        (run / sub).mkdir()
    users = {"support@kalm.test": "support-secret", "sales@kalm.test": "sales-secret"}
    lines = []
    for user, password in users.items():
        home = run / "mail" / user.split("@")[0]
        home.mkdir()
        if os.geteuid() == 0:
            os.chown(home, uid, gid)
        lines.append(f"{user}:{{PLAIN}}{password}:{uid}:{gid}::{home}")
    (run / "users").write_text("\n".join(lines) + "\n")
    if os.geteuid() == 0:
        os.chown(run / "mail", uid, gid)
    port = free_port()
    conf = run / "dovecot.conf"
    conf.write_text(
        _CONF.format(
            run=run, port=port, uid=uid, internal_user=internal_user, login_user=login_user
        )
    )
    check = subprocess.run([DOVECOT, "-c", str(conf), "-n"], capture_output=True, text=True)
    if check.returncode != 0:
        pytest.fail(f"dovecot refused its test configuration: {check.stderr}")
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(conf)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        wait_for_port(port, process=process)
    except RuntimeError as exc:
        process.kill()
        log = (run / "dovecot.log").read_text() if (run / "dovecot.log").exists() else ""
        pytest.fail(f"dovecot did not start: {exc}\n{log}")
    try:
        yield Dovecot(port=port, run=run, users=users)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(run, ignore_errors=True)
