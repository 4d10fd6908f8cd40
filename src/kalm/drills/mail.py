"""Email in a drill never reaches a real mailbox.

Every email built for a drill row carries the ``X-Kalm-Drill`` header (``drill_headers``); the
mail backend diverts such messages to the drill sink (see ``DrillAwareBackend``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend

SMTP = "django.core.mail.backends.smtp.EmailBackend"
DRILL_HEADER = "X-Kalm-Drill"


def drill_headers(drill_id: int | None) -> dict[str, str]:
    """The header marking an email as drill mail, or nothing for real mail."""
    return {DRILL_HEADER: str(drill_id)} if drill_id else {}


def staff_mail_send(
    subject: str, body: str, recipients: list[str], *, drill_id: int | None = None
) -> int:
    """A plain-text email to staff about a case (routing, SLA, follow-up reminders); marked as
    drill mail when the case belongs to a drill, so it goes to the drill sink."""
    message = EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, recipients, headers=drill_headers(drill_id)
    )
    return message.send()


def _sink_backend(**kwargs: Any) -> BaseEmailBackend:
    """Where drill mail goes: an SMTP catcher (e.g. Mailpit) when KALM_DRILL_EMAIL_HOST is set,
    else files under <var>/drill-mail/. Never the real server: none of EMAIL_HOST, its port,
    user, password or TLS settings are used here."""
    host = getattr(settings, "KALM_DRILL_EMAIL_HOST", "") or ""
    if host:
        return get_connection(
            "django.core.mail.backends.smtp.EmailBackend",
            host=host,
            port=int(getattr(settings, "KALM_DRILL_EMAIL_PORT", 0) or 25),
            username="",
            password="",
            use_tls=False,
            use_ssl=False,
            **kwargs,
        )
    folder = Path(settings.VAR_DIR) / "drill-mail"
    folder.mkdir(parents=True, exist_ok=True)
    return get_connection(
        "django.core.mail.backends.filebased.EmailBackend", file_path=str(folder), **kwargs
    )


_DRILL_RECIPIENT = re.compile(r"@drill-\d+\.invalid>?$", re.IGNORECASE)


def is_drill_mail(message: EmailMessage) -> bool:
    """Marked with the drill header, or addressed to anyone at a drill's reserved domain: a
    code path that forgot the header still cannot hand drill mail to the real server."""
    headers = {name.lower() for name in (message.extra_headers or {})}
    if DRILL_HEADER.lower() in headers:
        return True
    return any(_DRILL_RECIPIENT.search(str(r).strip()) for r in message.recipients())


class DrillAwareBackend(BaseEmailBackend):
    """EMAIL_BACKEND for Kalm: real mail goes through the real backend (KALM_EMAIL_BACKEND, the
    SMTP backend by default); mail carrying the drill header goes to the drill sink.

    Both inner connections are opened lazily, so a batch of real mail never touches the sink
    and a drill never opens a connection to the real server. After open(), each stays open
    from its first email until close(): a batch of emails is one SMTP session
    (kalm.cases.tasks.send_case_emails), where each send would otherwise connect anew."""

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently)
        self._kwargs = kwargs
        self._real: BaseEmailBackend | None = None
        self._sink: BaseEmailBackend | None = None
        self._kept_open = False

    def open(self) -> bool:
        self._kept_open = True
        return True

    def _real_backend(self) -> BaseEmailBackend:
        if self._real is None:
            path = getattr(settings, "KALM_EMAIL_BACKEND", "") or SMTP
            if path.endswith("DrillAwareBackend"):  # would divert forever
                raise ImproperlyConfigured("KALM_EMAIL_BACKEND must be the real backend")
            self._real = get_connection(path, fail_silently=self.fail_silently, **self._kwargs)
        return self._real

    def _sink_backend(self) -> BaseEmailBackend:
        if self._sink is None:
            self._sink = _sink_backend(fail_silently=self.fail_silently)
        return self._sink

    def send_messages(self, email_messages: Any) -> int:
        messages = list(email_messages or [])
        drill = [m for m in messages if is_drill_mail(m)]
        real = [m for m in messages if not is_drill_mail(m)]
        sent = 0
        if drill:
            sent += self._opened(self._sink_backend()).send_messages(drill) or 0
        if real:
            sent += self._opened(self._real_backend()).send_messages(real) or 0
        return sent

    def _opened(self, backend: BaseEmailBackend) -> BaseEmailBackend:
        # Opened by us, a backend keeps its connection across send_messages (Django's SMTP
        # backend closes only one it opened itself); open() of an open one does nothing.
        if self._kept_open:
            backend.open()
        return backend

    def close(self) -> None:
        self._kept_open = False
        for backend in (self._real, self._sink):
            if backend is not None:
                backend.close()
