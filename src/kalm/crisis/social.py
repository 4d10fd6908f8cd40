"""Statements on social media: a short draft per configured social source, posted signed to the
source's outbound URL (through the webhooks app's worker path) for the social team to place.

Kalm does not post on the platforms itself: the social team's tool receives the approved text
and places it, so the protocol's "who publishes on social" stays with people."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from kalm.crisis.models import (
    CrisisEvent,
    Publication,
    PublishChannel,
    SocialDraft,
    StatementVersion,
)

LIMIT = 280  # the strictest common platform limit (X); a URL is counted in full
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(" ".join(text.split())) if s]


def _shorten(text: str, room: int) -> str:
    """Cut at a word boundary and mark the cut; a sentence half told is marked, not hidden."""
    if len(text) <= room:
        return text
    cut = text[: max(1, room - 1)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def social_text(version: StatementVersion, url: str, *, limit: int = LIMIT) -> str:
    """What happened (its first sentence, more while they fit) and what to do (its first
    sentence), then the public page; never longer than ``limit``."""
    room = limit - len(url) - 1
    happened = _sentences(version.what_happened)
    todo = _sentences(version.what_you_can_do)[:1]
    chosen = happened[:1] + todo
    if len(" ".join(chosen)) > room:
        text = _shorten(" ".join(chosen), room)
    else:
        for extra in happened[1:]:
            longer = [*happened[: len(chosen) - len(todo)], extra, *todo]
            if len(" ".join(longer)) > room:
                break
            chosen = longer
        text = " ".join(chosen)
    return f"{text} {url}".strip()


def social_drafts_create(*, publication: Publication) -> list[SocialDraft]:
    """A draft and its outbound post for every active social source, inside the publishing
    transaction; posts go out on commit. A source without an outbound URL gets a draft whose
    post is failed at once (and on the timeline), so nobody assumes it went out."""
    from kalm.crisis.mailing import public_page_url
    from kalm.webhooks.actions import outbound_dispatch, outbound_statement_create
    from kalm.webhooks.models import WebhookSource

    if publication.channel != PublishChannel.SOCIAL:
        raise ValueError("social drafts are made for social publications only")
    crisis, version = publication.crisis, publication.version
    url = public_page_url(crisis)
    text = social_text(version, url)
    drafts = []
    sources = WebhookSource.objects.filter(active=True, kind=WebhookSource.Kind.SOCIAL)
    for source in sources.order_by("name", "id"):
        if crisis.drill_id is not None:
            # A drill never posts to the real social team's tool: the draft is kept (the panel
            # and the drill report read it) without an outbound post.
            draft, _created = SocialDraft.objects.get_or_create(
                publication=publication, source=source, defaults={"crisis": crisis, "text": text}
            )
            drafts.append(draft)
            continue
        payload = {
            "event": "statement_draft",
            # Per publication: publishing an older version again is a new post, not the old one.
            "id": f"kalm-statement-{publication.pk}-{source.slug}",
            "crisis": crisis.title,
            "language": publication.language,
            "version": version.number,
            "text": text,
            "url": url,
        }
        outbound = outbound_statement_create(source=source, payload=payload)
        draft, _created = SocialDraft.objects.get_or_create(
            publication=publication,
            source=source,
            defaults={"crisis": crisis, "text": text, "outbound": outbound},
        )
        outbound_dispatch(outbound)
        drafts.append(draft)
    return drafts


def social_draft_failed(*, outbound: Any, error: str) -> CrisisEvent | None:
    """A draft that could not be posted goes on the crisis timeline (it has no case)."""
    draft = SocialDraft.objects.filter(outbound=outbound).select_related("crisis").first()
    if draft is None:
        return None
    return CrisisEvent.objects.create(
        crisis=draft.crisis,
        kind=CrisisEvent.Kind.NOTE,
        text=(
            _("Social media draft could not be delivered to %(source)s: %(error)s")
            % {"source": outbound.source.name, "error": error[:300]}
        )[:2000],
        payload={
            "outbound_webhook_id": outbound.pk,
            "social_draft_id": draft.pk,
            "source": outbound.source.slug,
            "error": error[:2000],
            "attempts": outbound.attempts,
        },
    )
