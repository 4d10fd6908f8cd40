"""Email updates to the consumers of a crisis: who gets them (subscriptions), the one mailing
row per published version and subscriber, sending them at a steady rate, and unsubscribing.

Who gets which version. Publishing a version on the email channel mails every subscriber whose
language it is written in. A subscriber whose language has no statement on the email channel
gets the version in the other language instead (the same rule as the case page and the public
page: the statement in the other language beats silence in a crisis); once a statement in their
own language is published there, they get that one and no longer the other language's updates.

Sending. The worker sends pending rows in small batches and re-schedules itself until none are
left, never more than ``KALM_CRISIS_MAIL_RATE`` messages in any minute (counted from the rows
sent, so several running chains together still keep to the rate). Each row is claimed with a
conditional update before it is sent; a sent row is never sent again.

While a row is pending, ``sent_at`` holds when its last attempt started (the claim): the row is
taken again only ``RETRY_AFTER`` later. That is both the wait before retrying after an error and
the take-over of a worker that died mid-send; such a retry reuses the row's Message-ID, so a
mail client shows one message even if the first attempt did get out.
"""

from __future__ import annotations

import logging
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kalm.crisis.models import (
    Crisis,
    CrisisCase,
    CrisisMailing,
    CrisisSubscription,
    Publication,
    PublishChannel,
)
from kalm.dossier.actions import entry_append
from kalm.dossier.models import ActorType, EntryKind

Status = CrisisMailing.Status

DEFAULT_RATE = 60  # messages per minute, when KALM_CRISIS_MAIL_RATE is not set
MAX_ATTEMPTS = 3  # then the row is failed, with the last error kept
RETRY_AFTER = timedelta(minutes=5)
BATCH_SECONDS = 10  # a batch holds about this many seconds' worth of the rate
INFORMED = "informed"  # the ExpectationOption code "to be kept informed"

logger = logging.getLogger(__name__)


def mail_rate() -> int:
    """Messages per minute (``KALM_CRISIS_MAIL_RATE``); at least one."""
    rate = getattr(settings, "KALM_CRISIS_MAIL_RATE", DEFAULT_RATE)
    if not isinstance(rate, int) or isinstance(rate, bool) or rate < 1:
        raise ImproperlyConfigured(
            f"KALM_CRISIS_MAIL_RATE={rate!r}: give a whole number of messages per minute (>= 1)"
        )
    return rate


# --- subscriptions ---------------------------------------------------------------------------


def subscription_ensure(
    *,
    crisis: Crisis,
    consumer: Any,
    source: str,
    case: Any = None,
    email: str = "",
) -> CrisisSubscription | None:
    """Subscribe a consumer to the crisis's email updates, once. Returns None when there is no
    address to write to. An existing subscription is kept as it is (a consumer who unsubscribed
    is not signed up again behind their back - not even by the public contact form, where anyone
    could type their address); its case moves to the newest one given."""
    address = (email or getattr(consumer, "email", "") or "").strip()
    if not address:
        return None
    language = (getattr(case, "language", "") or getattr(consumer, "language", "") or "nl")[:2]
    with transaction.atomic():
        subscription, created = CrisisSubscription.objects.get_or_create(
            crisis=crisis,
            consumer=consumer,
            defaults={
                "case": case,
                "email": address,
                "language": language,
                "source": source,
                "token": secrets.token_urlsafe(24),
                "created_at": timezone.now(),
            },
        )
        if not created and case is not None and subscription.case_id != case.pk:
            subscription.case = case
            subscription.save(update_fields=["case"])
    return subscription


def subscriptions_follow_merge(*, keep: Any, merge: Any, **_kwargs: Any) -> None:
    """Receiver of ``consumer_merged``: the merged consumer's crisis subscriptions move to the
    kept consumer, so one person gets one update per version. Where both had one, the kept one
    stays; an unsubscribe on either side wins (it was the person's choice), and the other row
    ends with its waiting updates skipped."""
    now = timezone.now()
    kept = {s.crisis_id: s for s in CrisisSubscription.objects.filter(consumer=keep)}
    for subscription in CrisisSubscription.objects.filter(consumer=merge):
        other = kept.get(subscription.crisis_id)
        if other is None:
            subscription.consumer = keep
            subscription.save(update_fields=["consumer"])
            continue
        if subscription.unsubscribed_at is not None and other.unsubscribed_at is None:
            other.unsubscribed_at = subscription.unsubscribed_at
            other.save(update_fields=["unsubscribed_at"])
            CrisisMailing.objects.filter(subscription=other, status=Status.PENDING).update(
                status=Status.SKIPPED, error=_("Unsubscribed before it was sent.")
            )
        if subscription.unsubscribed_at is None:
            subscription.unsubscribed_at = now
            subscription.save(update_fields=["unsubscribed_at"])
        CrisisMailing.objects.filter(subscription=subscription, status=Status.PENDING).update(
            status=Status.SKIPPED,
            error=_("The consumer was merged; their other address is mailed."),
        )


def wants_updates(case: Any) -> bool:
    """Whether the consumer said at first contact they want to be kept informed."""
    return case.expectations.filter(code=INFORMED).exists()


def case_subscribe_if_informed(*, crisis: Crisis, case: Any) -> CrisisSubscription | None:
    """A confirmed affected case whose consumer asked to be kept informed gets the updates."""
    if not wants_updates(case):
        return None
    return subscription_ensure(
        crisis=crisis, consumer=case.consumer, source=CrisisSubscription.Source.CASE, case=case
    )


def informed_cases_subscribe(*, crisis: Crisis) -> list[CrisisSubscription]:
    """Subscribe the confirmed cases that asked to be kept informed and have no subscription
    yet (confirmed before this rule existed, or whose consumer got an address later)."""
    subscribed = CrisisSubscription.objects.filter(crisis=crisis).values("consumer_id")
    links = (
        CrisisCase.objects.filter(
            crisis=crisis, state=CrisisCase.State.CONFIRMED, case__expectations__code=INFORMED
        )
        .exclude(case__consumer_id__in=subscribed)
        .select_related("case__consumer")
        .order_by("-case__created_at", "-id")  # the newest case of a consumer is the one kept
    )
    made, seen = [], set()
    for link in links:
        if link.case.consumer_id in seen:
            continue
        seen.add(link.case.consumer_id)
        subscription = subscription_ensure(
            crisis=crisis,
            consumer=link.case.consumer,
            source=CrisisSubscription.Source.CASE,
            case=link.case,
        )
        if subscription is not None:
            made.append(subscription)
    return made


def subscription_unsubscribe(
    *, subscription: CrisisSubscription, one_click: bool = False
) -> CrisisSubscription:
    """End a subscription (the consumer's choice, kept as proof): nothing more is mailed, the
    pending updates are skipped, and the case's dossier says so. A second call changes
    nothing."""
    with transaction.atomic():
        locked = CrisisSubscription.objects.select_for_update().get(pk=subscription.pk)
        if locked.unsubscribed_at is not None:
            return locked
        locked.unsubscribed_at = timezone.now()
        locked.save(update_fields=["unsubscribed_at"])
        skipped = CrisisMailing.objects.filter(subscription=locked, status=Status.PENDING).update(
            status=Status.SKIPPED, error=_("Unsubscribed before it was sent.")
        )
        if locked.case_id is not None:
            entry_append(
                case=locked.case,
                kind=EntryKind.NOTE,
                actor_type=ActorType.CONSUMER,
                summary=_("Unsubscribed from the email updates about “%(title)s”")
                % {"title": locked.crisis.title},
                payload={
                    "crisis_id": locked.crisis_id,
                    "subscription_id": locked.pk,
                    "email": locked.email,
                    "one_click": one_click,
                    "skipped_mailings": skipped,
                },
            )
    return locked


# --- mailings --------------------------------------------------------------------------------


def mailings_create(*, publication: Publication) -> list[CrisisMailing]:
    """One pending mailing per subscriber for a version just published on the email channel
    (see the module docstring for who). Called inside the publishing transaction; the caller
    queues the sending on commit."""
    if publication.channel != PublishChannel.EMAIL_UPDATE:
        raise ValueError("mailings are made for email-update publications only")
    crisis, language = publication.crisis, publication.language
    informed_cases_subscribe(crisis=crisis)
    covered = set(
        Publication.objects.filter(
            crisis=crisis, channel=PublishChannel.EMAIL_UPDATE, superseded_at=None
        ).values_list("language", flat=True)
    )
    covered.add(language)
    own = Q(language=language)
    # Subscribers in a language without a statement on this channel: the fallback.
    other = ~Q(language__in=covered)
    subscriptions = CrisisSubscription.objects.filter(
        own | other, crisis=crisis, unsubscribed_at=None
    ).order_by("created_at", "id")
    rows = [
        CrisisMailing(crisis=crisis, version_id=publication.version_id, subscription=s)
        for s in subscriptions
    ]
    # An older update still waiting for the rate would arrive after, or instead of, the current
    # text: it is skipped (rows a worker is sending right now are left to finish).
    CrisisMailing.objects.filter(
        _claimable(timezone.now()),
        crisis=crisis,
        subscription__in=subscriptions,
    ).exclude(version_id=publication.version_id).update(
        status=Status.SKIPPED,
        error=_("Replaced by update %(number)s before it was sent.")
        % {"number": publication.version.number},
    )
    CrisisMailing.objects.bulk_create(rows, ignore_conflicts=True)
    return list(
        CrisisMailing.objects.filter(version_id=publication.version_id, crisis=crisis).order_by(
            "id"
        )
    )


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def public_page_url(crisis: Crisis) -> str:
    return _absolute(reverse("portal:crisis", kwargs={"key": crisis.slug or str(crisis.pk)}))


def unsubscribe_url(subscription: CrisisSubscription) -> str:
    return _absolute(reverse("portal:crisis_unsubscribe", kwargs={"token": subscription.token}))


def _sender() -> Any:
    from kalm.channels.email.outbound import Sender
    from kalm.core.selectors import organisation

    org = organisation()
    return Sender(name=org.name, address=org.sender_email), org.name


def _language(subscription: CrisisSubscription) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return subscription.language if subscription.language in codes else settings.LANGUAGE_CODE


def mailing_email(mailing: CrisisMailing, *, message_id: str) -> EmailMultiAlternatives:
    """The update as a ready-to-send email: plain text and HTML in the subscriber's language,
    the version's five parts (headings in the statement's language), the public page, and an
    unsubscribe link in the body and in the List-Unsubscribe headers (RFC 2369 and 8058)."""
    from kalm.channels.email.outbound import bracketed
    from kalm.drills.mail import drill_headers

    subscription, version, crisis = mailing.subscription, mailing.version, mailing.crisis
    sender, organisation = _sender()
    unsubscribe = unsubscribe_url(subscription)
    language = _language(subscription)
    with translation.override(version.statement.language):
        sections = [(str(label), text) for label, text in version.sections]
    with translation.override(language):
        subject = _("Update %(number)s: %(title)s") % {
            "number": version.number,
            "title": crisis.title,
        }
        context = {
            "subject": subject,
            "crisis": crisis,
            "version": version,
            "sections": sections,
            "other_language": version.statement.language != language[:2],
            "statement_language": version.statement.get_language_display(),
            "language": language,
            "page_url": public_page_url(crisis),
            "unsubscribe_url": unsubscribe,
            "organisation": organisation,
        }
        text = render_to_string("crisis/email/update.txt", context)
        html = render_to_string("crisis/email/update.html", context)
    headers = {
        "Message-ID": bracketed(message_id),
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        # A notification nobody typed: auto-responders should not answer it (RFC 3834).
        "Auto-Submitted": "auto-generated",
        **drill_headers(crisis.drill_id),
    }
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=sender.formatted(),
        to=[subscription.email],
        headers=headers,
    )
    email.attach_alternative(html, "text/html")
    return email


def _claimable(now: datetime) -> Q:
    return Q(status=Status.PENDING, subscription__unsubscribed_at=None) & (
        Q(sent_at=None) | Q(sent_at__lt=now - RETRY_AFTER)
    )


def mailing_send(*, mailing_id: int) -> CrisisMailing:
    """One attempt to send one update. Claimed first with a conditional update, so two workers
    never send the same row; a sent, failed or skipped row is left alone. On success the
    case's dossier records it (version and Message-ID); after MAX_ATTEMPTS errors it is failed
    with the last error."""
    mailing = CrisisMailing.objects.select_related(
        "subscription__case", "version__statement", "crisis"
    ).get(pk=mailing_id)
    if mailing.status != Status.PENDING:
        return mailing
    now = timezone.now()
    if mailing.subscription.unsubscribed_at is not None:
        CrisisMailing.objects.filter(pk=mailing.pk, status=Status.PENDING).update(
            status=Status.SKIPPED
        )
        mailing.refresh_from_db()
        return mailing
    sender, _org = _sender()
    message_id = mailing.message_id or make_msgid(idstring="kalm-crisis", domain=sender.domain)
    claimed = CrisisMailing.objects.filter(
        _claimable(now), pk=mailing.pk, attempts=mailing.attempts
    ).update(attempts=F("attempts") + 1, sent_at=now, message_id=message_id)
    if claimed != 1:
        mailing.refresh_from_db()
        return mailing
    mailing.refresh_from_db()
    try:
        email = mailing_email(mailing, message_id=message_id)
        email.send()
    except Exception as exc:  # SMTP, DNS, a template error: kept on the row and shown
        error = f"{type(exc).__name__}: {exc}"[:2000]
        final = mailing.attempts >= MAX_ATTEMPTS
        CrisisMailing.objects.filter(pk=mailing.pk, status=Status.PENDING).update(
            error=error, status=Status.FAILED if final else Status.PENDING
        )
        mailing.refresh_from_db()
        return mailing
    # Marked sent on its own, at once: the email is out, and nothing after this line may make
    # the row pending again (a failing dossier write must not send the update twice).
    CrisisMailing.objects.filter(pk=mailing.pk).update(
        status=Status.SENT, sent_at=timezone.now(), error=""
    )
    mailing.refresh_from_db()
    try:
        with transaction.atomic():
            _record_sent(mailing, email)
    except Exception:  # the consumer has the email; the missing entry is logged to repair
        logger.exception("crisis mailing %s sent but not recorded in the dossier", mailing.pk)
    return mailing


def _record_sent(mailing: CrisisMailing, email: EmailMultiAlternatives) -> None:
    """The case's dossier says which update reached the consumer, and a reply threads back."""
    case = mailing.subscription.case
    if case is None:  # a contact-form subscriber without a case: the mailing row is the record
        return
    from kalm.channels.actions import email_ref_record
    from kalm.channels.email.outbound import bracketed

    message_id = bracketed(mailing.message_id)
    entry_append(
        case=case,
        kind=EntryKind.EMAIL_SENT,
        summary=_("Crisis update v%(number)s sent: %(subject)s")
        % {"number": mailing.version.number, "subject": email.subject},
        payload={
            "to": mailing.subscription.email,
            "subject": email.subject,
            "from": email.from_email,
            "message_id": message_id,
            "crisis_id": mailing.crisis_id,
            "version": mailing.version.number,
            "version_id": mailing.version_id,
            "language": mailing.version.statement.language,
            "mailing_id": mailing.pk,
            "auto": True,
        },
    )
    email_ref_record(message_id=message_id, case=case, direction="out")


@dataclass(frozen=True)
class MailBatch:
    sent: int
    attempted: int
    pending: int  # rows still pending after this batch (some may wait for a retry)
    delay: float  # seconds until the next batch should run


def batch_size(rate: int) -> int:
    return max(1, math.ceil(rate * BATCH_SECONDS / 60))


def mailings_send_batch() -> MailBatch:
    """Send the next batch of pending updates, oldest first, within the rate: never more than
    ``mail_rate()`` sent in the last minute. Says how long to wait before the next batch."""
    rate = mail_rate()
    size = batch_size(rate)
    now = timezone.now()
    recent = CrisisMailing.objects.filter(
        status=Status.SENT, sent_at__gt=now - timedelta(minutes=1)
    ).count()
    room = max(0, min(size, rate - recent))
    ids = list(
        CrisisMailing.objects.filter(_claimable(now))
        .order_by("attempts", "created_at", "id")
        .values_list("id", flat=True)[:room]
    )
    sent = 0
    for mailing_id in ids:
        if mailing_send(mailing_id=mailing_id).status == Status.SENT:
            sent += 1
    pending = CrisisMailing.objects.filter(
        status=Status.PENDING, subscription__unsubscribed_at=None
    ).count()
    delay = 60 * size / rate
    if pending and not ids and room:
        # Everything left waits for a retry: look again in a minute, not every few seconds.
        delay = max(delay, 60.0)
    return MailBatch(sent=sent, attempted=len(ids), pending=pending, delay=delay)
