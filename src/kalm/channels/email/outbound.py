"""Kalm's emails to consumers: who they come from, how they thread, what they contain.

Every email to a consumer (the confirmation, an agent's reply, a proposed solution) is built
here and sent by ``kalm.cases.actions.case_email_deliver`` in the worker:

- From the case team's address when the team has one, else the organisation's sender, with
  "<alias> - <organisation>" as display name (never the agent's real name).
- A ``Message-ID`` drawn once, when the email is queued, and used as the delivery's idempotency
  key: a retried task finds the EMAIL_SENT dossier entry with that id and does not send twice.
  If the worker dies between the SMTP hand-off and the dossier write, the retry sends the same
  Message-ID again, which mail clients and our own ingest treat as one message.
- ``In-Reply-To`` (the consumer's last email, else our last one) and ``References`` (the case's
  earlier Message-IDs, oldest first) from the case's EmailRefs, so the consumer's client shows
  one thread, and our poller threads their answer back onto the case.
- ``Auto-Submitted: auto-replied`` only on automatic mail (the confirmation), never on what a
  person wrote, so the consumer's own auto-responder does not answer the confirmation
  (RFC 3834) but does not suppress anything a person sent.
- ``X-Kalm-Drill`` on every email about a drill's case: ``kalm.drills.mail.DrillAwareBackend``
  sends such mail to the drill sink, never to the real mail server.
- A plain-text part and an HTML part rendered from templates side by side (``x.txt`` and
  ``x.html``); user text is escaped in the HTML and left as written in the text part.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import make_msgid
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import override

from kalm.core.selectors import organisation
from kalm.drills.mail import drill_headers

# References grow with every email; clients only need the first and the latest few.
MAX_REFERENCES = 20


@dataclass(frozen=True)
class Sender:
    name: str
    address: str

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2] or "kalm.localhost"

    def formatted(self) -> str:
        from email.headerregistry import Address

        return str(Address(display_name=self.name, addr_spec=self.address))


def sender_for(case: Any, *, alias: str = "") -> Sender:
    """The team's address when the case's team has one, else the organisation's sender."""
    org = organisation()
    team = case.team if case.team_id else None
    address = team.email if team is not None and team.email else org.sender_email
    return Sender(name=f"{alias} - {org.name}" if alias else org.name, address=address)


def message_id_new(case: Any) -> str:
    """A unique Message-ID in the sender's domain, e.g. ``<1732…@zorg.example>``."""
    return make_msgid(idstring="kalm", domain=sender_for(case).domain)


def bracketed(message_id: str) -> str:
    message_id = message_id.strip()
    return message_id if message_id.startswith("<") else f"<{message_id}>"


def thread_headers(case: Any) -> dict[str, str]:
    """In-Reply-To and References from the Message-IDs this case has seen, oldest first."""
    from kalm.channels.models import EmailRef

    refs = list(
        EmailRef.objects.filter(case=case).order_by("pk").values_list("message_id", "direction")
    )
    if not refs:
        return {}
    ids = list(dict.fromkeys(bracketed(mid) for mid, _direction in refs if mid.strip()))
    if not ids:
        return {}
    inbound = [bracketed(mid) for mid, direction in refs if direction == "in" and mid.strip()]
    parent = inbound[-1] if inbound else ids[-1]
    if len(ids) > MAX_REFERENCES:  # keep the thread's root and the latest ones
        ids = ids[:1] + ids[-(MAX_REFERENCES - 1) :]
    if parent not in ids:
        ids.append(parent)
    return {"In-Reply-To": parent, "References": " ".join(ids)}


def email_build(
    *,
    case: Any,
    subject: str,
    template: str,
    context: dict,
    message_id: str,
    from_alias: str = "",
    auto: bool = False,
) -> EmailMultiAlternatives:
    """Render ``template`` (``.txt``) and its ``.html`` sibling into a ready-to-send email."""
    sender = sender_for(case, alias=from_alias)
    org = organisation()
    with override(case.language):
        ctx = {"case": case, "organisation": org.name, **context}
        text = render_to_string(template, ctx)
        html = render_to_string(template.removesuffix(".txt") + ".html", ctx)
    headers = {"Message-ID": bracketed(message_id), **thread_headers(case)}
    # Mail about a drill case is marked, and the mail backend diverts it to the drill sink.
    headers.update(drill_headers(getattr(case, "drill_id", None)))
    if auto:
        headers["Auto-Submitted"] = "auto-replied"
        headers["X-Auto-Response-Suppress"] = "All"  # Exchange: no out-of-office answers
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=sender.formatted(),
        to=[case.consumer.email],
        headers=headers,
    )
    email.attach_alternative(html, "text/html")
    return email
