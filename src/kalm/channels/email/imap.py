"""Poll IMAP mailboxes and feed every new message to the email ingest.

Mailboxes come from ``KALM_IMAP_MAILBOXES`` (JSON, parsed by :func:`mailboxes_parse`), each
mapped to a team. A poll selects the folder, searches ``UNSEEN`` messages by UID, and for each:
fetches it with ``BODY.PEEK[]`` (fetching does not mark it read), hands the raw bytes to
``kalm.channels.email.ingest.ingest_raw``, and only after that returned marks it ``\\Seen``
(and moves it to the processed folder when that folder exists). The ingest stores the raw
message first and dedupes by Message-ID, so a crash between ingest and flag only re-delivers a
message that is then recognised as a duplicate: nothing is lost, nothing lands twice.

Connection and protocol errors are logged and raised (the worker retries); a message the ingest
raised on stays unseen on the server, is logged, counted as failed and tried again next poll.
Use a mailbox that people do not read in a mail client: reading a message there marks it seen.
"""

from __future__ import annotations

import contextlib
import imaplib
import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kalm.core.env import ConfigurationError

logger = logging.getLogger(__name__)

DEFAULT_PROCESSED_FOLDER = "Kalm/Processed"
TIMEOUT_SECONDS = 60
_KEYS = {"name", "host", "port", "user", "password", "password_file", "folder", "ssl", "team"}
_KEYS |= {"processed_folder"}


class MailboxError(RuntimeError):
    """The mailbox could not be reached, logged into or read; the poll should be retried."""


@dataclass(frozen=True)
class Mailbox:
    name: str
    host: str
    user: str
    password: str = field(default="", repr=False)
    password_file: str = ""
    port: int = 0
    folder: str = "INBOX"
    ssl: bool = True
    team: str = ""
    processed_folder: str = DEFAULT_PROCESSED_FOLDER

    @property
    def effective_port(self) -> int:
        return self.port or (993 if self.ssl else 143)

    def secret(self) -> str:
        if self.password_file:
            try:
                return Path(self.password_file).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise MailboxError(
                    f"mailbox {self.name}: password_file {self.password_file!r} cannot be read: "
                    f"{exc}"
                ) from exc
        return self.password


def mailboxes_parse(raw: str, *, setting: str = "KALM_IMAP_MAILBOXES") -> list[Mailbox]:
    """Parse the JSON list of mailboxes, refusing anything unclear with a ConfigurationError."""
    if not raw.strip():
        return []
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConfigurationError(f"{setting} is not valid JSON: {exc}") from exc
    if not isinstance(data, list):
        raise ConfigurationError(f"{setting} must be a JSON list of mailbox objects")
    mailboxes: list[Mailbox] = []
    for index, item in enumerate(data):
        where = f"{setting}[{index}]"
        if not isinstance(item, dict):
            raise ConfigurationError(f"{where} must be an object")
        unknown = set(item) - _KEYS
        if unknown:
            raise ConfigurationError(f"{where} has unknown keys: {', '.join(sorted(unknown))}")
        for key in ("name", "host", "user"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise ConfigurationError(f"{where} needs {key!r} (a non-empty string)")
        if not (item.get("password") or item.get("password_file")):
            raise ConfigurationError(f"{where} needs 'password' or 'password_file'")
        port = item.get("port", 0)
        if not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 65535:
            raise ConfigurationError(f"{where}.port must be a port number")
        ssl = item.get("ssl", True)
        if not isinstance(ssl, bool):
            raise ConfigurationError(f"{where}.ssl must be true or false")
        for key in ("password", "password_file", "folder", "team", "processed_folder"):
            if key in item and not isinstance(item[key], str):
                raise ConfigurationError(f"{where}.{key} must be a string")
        if item.get("password_file") and not Path(item["password_file"]).is_file():
            raise ConfigurationError(f"{where}.password_file {item['password_file']!r} is missing")
        mailboxes.append(
            Mailbox(
                name=item["name"].strip(),
                host=item["host"].strip(),
                user=item["user"],
                password=item.get("password", ""),
                password_file=item.get("password_file", ""),
                port=port,
                folder=item.get("folder") or "INBOX",
                ssl=ssl,
                team=item.get("team", ""),
                processed_folder=item.get("processed_folder", DEFAULT_PROCESSED_FOLDER),
            )
        )
    names = [m.name for m in mailboxes]
    if len(set(names)) != len(names):
        raise ConfigurationError(f"{setting}: mailbox names must be unique")
    return mailboxes


def mailbox_get(name: str) -> Mailbox:
    from django.conf import settings

    for mailbox in settings.KALM_IMAP_MAILBOXES:
        if mailbox.name == name:
            return mailbox
    raise MailboxError(f"no mailbox named {name!r} in KALM_IMAP_MAILBOXES")


@dataclass
class PollResult:
    mailbox: str
    fetched: int = 0
    outcomes: Counter = field(default_factory=Counter)
    failed: int = 0
    moved: int = 0

    def line(self) -> str:
        """One line for logs and the management command, e.g. ``support: 3 fetched (2 new…)``."""
        parts = [f"{count} {outcome}" for outcome, count in sorted(self.outcomes.items())]
        if self.failed:
            parts.append(f"{self.failed} failed")
        detail = f" ({', '.join(parts)})" if parts else ""
        return f"{self.mailbox}: {self.fetched} fetched{detail}"


def _quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _check(response: tuple[str, Any], what: str, mailbox: Mailbox) -> Any:
    typ, data = response
    if typ != "OK":
        raise MailboxError(f"mailbox {mailbox.name}: {what} failed: {data!r}")
    return data


def _connect(mailbox: Mailbox) -> imaplib.IMAP4:
    cls = imaplib.IMAP4_SSL if mailbox.ssl else imaplib.IMAP4
    try:
        conn = cls(mailbox.host, mailbox.effective_port, timeout=TIMEOUT_SECONDS)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailboxError(
            f"mailbox {mailbox.name}: cannot connect to {mailbox.host}:"
            f"{mailbox.effective_port}: {exc}"
        ) from exc
    try:
        conn.login(mailbox.user, mailbox.secret())
    except imaplib.IMAP4.error as exc:
        _logout(conn)
        raise MailboxError(
            f"mailbox {mailbox.name}: login as {mailbox.user} refused: {exc}"
        ) from exc
    return conn


def _logout(conn: imaplib.IMAP4) -> None:
    with contextlib.suppress(OSError, imaplib.IMAP4.error):  # already gone: nothing to close
        conn.logout()


def _raw_message(data: list[Any]) -> bytes | None:
    for part in data:
        if isinstance(part, tuple) and len(part) == 2 and isinstance(part[1], bytes):
            return part[1]
    return None


def _folder_exists(conn: imaplib.IMAP4, folder: str) -> bool:
    if not folder:
        return False
    typ, data = conn.list('""', _quote(folder))
    return typ == "OK" and any(item for item in data if item)


def _capabilities(conn: imaplib.IMAP4) -> set[str]:
    """The capabilities after login (imaplib keeps only those announced before it)."""
    typ, data = conn.capability()
    if typ != "OK" or not data or not data[0]:
        return set(conn.capabilities)
    return set(data[0].decode("ascii", "replace").upper().split())


def _move(
    conn: imaplib.IMAP4, uid: bytes, folder: str, capabilities: set[str], mailbox: Mailbox
) -> bool:
    """Move one message (RFC 6851 MOVE, else COPY + delete of that UID only); False when the
    server can do neither safely, in which case the message just stays, marked seen."""
    if "MOVE" in capabilities:
        _check(conn.uid("MOVE", uid, _quote(folder)), f"MOVE {uid!r}", mailbox)
        return True
    if "UIDPLUS" in capabilities:  # UID EXPUNGE removes only this message, nobody else's
        _check(conn.uid("COPY", uid, _quote(folder)), f"COPY {uid!r}", mailbox)
        _check(conn.uid("STORE", uid, "+FLAGS", "(\\Deleted)"), f"STORE {uid!r}", mailbox)
        _check(conn.uid("EXPUNGE", uid), f"UID EXPUNGE {uid!r}", mailbox)
        return True
    return False


def _team(mailbox: Mailbox) -> Any:
    if not mailbox.team:
        return None
    from kalm.accounts.models import Team

    try:
        return Team.objects.get(slug=mailbox.team)
    except Team.DoesNotExist as exc:
        raise MailboxError(f"mailbox {mailbox.name}: no team with slug {mailbox.team!r}") from exc


def mailbox_poll(mailbox: Mailbox, *, limit: int | None = None) -> PollResult:
    """Fetch the mailbox's unseen messages into Kalm; see the module docstring for guarantees.

    Raises MailboxError (after logging it) when the server cannot be reached or read."""
    try:
        return _poll(mailbox, limit)
    except MailboxError as exc:
        logger.error("imap poll failed: %s", exc)
        raise


def _poll(mailbox: Mailbox, limit: int | None) -> PollResult:
    from kalm.channels.email.ingest import ingest_raw

    team = _team(mailbox)
    result = PollResult(mailbox=mailbox.name)
    conn = _connect(mailbox)
    try:
        _check(conn.select(_quote(mailbox.folder)), f"SELECT {mailbox.folder}", mailbox)
        uids = _check(conn.uid("SEARCH", None, "UNSEEN"), "UID SEARCH UNSEEN", mailbox)
        uids = uids[0].split() if uids and uids[0] else []
        if limit is not None:
            uids = uids[:limit]
        move_to = mailbox.processed_folder if _folder_exists(conn, mailbox.processed_folder) else ""
        capabilities = _capabilities(conn) if move_to else set()
        for uid in uids:
            data = _check(conn.uid("FETCH", uid, "(BODY.PEEK[])"), f"FETCH {uid!r}", mailbox)
            raw = _raw_message(data)
            if raw is None:  # expunged by someone else between SEARCH and FETCH
                continue
            result.fetched += 1
            try:
                ingested = ingest_raw(raw, source=f"imap:{mailbox.name}", team=team)
            except Exception:  # a bug for one message must not stop the mailbox
                logger.exception(
                    "mailbox %s: ingest of UID %s failed; left unseen for the next poll",
                    mailbox.name,
                    uid.decode(),
                )
                result.failed += 1
                continue
            result.outcomes[ingested.outcome] += 1  # new, reply, duplicate, auto_reply, …
            _check(conn.uid("STORE", uid, "+FLAGS", "(\\Seen)"), f"STORE {uid!r}", mailbox)
            if move_to and _move(conn, uid, move_to, capabilities, mailbox):
                result.moved += 1
    except (OSError, imaplib.IMAP4.error) as exc:  # TimeoutError is an OSError
        raise MailboxError(f"mailbox {mailbox.name}: connection lost: {exc}") from exc
    finally:
        _logout(conn)
    logger.info("imap poll %s", result.line())
    return result


def mailbox_poll_locked(mailbox: Mailbox) -> PollResult | None:
    """Poll unless another worker is polling the same mailbox right now (then return None)."""
    from huey.contrib.djhuey import HUEY
    from huey.exceptions import TaskLockedException

    try:
        with HUEY.lock_task(f"kalm-imap-poll-{mailbox.name}"):
            return mailbox_poll(mailbox)
    except TaskLockedException:
        logger.info("mailbox %s is being polled by another worker; skipped", mailbox.name)
        return None
