"""Every write of "You said, we did": improvements made from feedback themes, their status, and
the survey answers that led to them.

Only team leads and admins write them. A published improvement is shown on the portal, so it
needs both texts ("you said" and "we did") in at least one language; the portal shows the
consumer's language and falls back to the other one when that is the only complete one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.surveys.models import Improvement, Response

TEXT_FIELDS = ("said_nl", "said_en", "did_nl", "did_en")
FIELDS = (*TEXT_FIELDS, "status", "published", "team")
MAX_TEXT_CHARS = 2000


class ImprovementError(ValueError):
    """An improvement action refused for a reason the person can act on; the message is
    translated."""


def _require_lead(actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.is_lead:
        raise ImprovementError(_("Only team leads and admins keep track of improvements."))


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    clean = dict(fields)
    for name in TEXT_FIELDS:
        clean[name] = (clean.get(name) or "").strip()
        if len(clean[name]) > MAX_TEXT_CHARS:
            raise ImprovementError(
                _("Keep each text under %(count)d characters.") % {"count": MAX_TEXT_CHARS}
            )
    if clean.get("status") not in Improvement.Status.values:
        raise ImprovementError(_("Choose planned, in progress or done."))
    clean["published"] = bool(clean.get("published"))
    if clean["published"] and not any(
        clean[f"said_{code}"] and clean[f"did_{code}"] for code in ("nl", "en")
    ):
        raise ImprovementError(
            _(
                "To publish it, write both “you said” and “we did” in at least one language: "
                "consumers read them together."
            )
        )
    if not any(clean[name] for name in ("said_nl", "said_en")):
        raise ImprovementError(_("Write what customers said, in Dutch or English."))
    return clean


def _apply_status(improvement: Improvement, status: str, now: Any) -> None:
    # Every move is allowed (a plan can change, a done improvement can be worked on again);
    # done_at follows the status so the portal's "done on" date is the last time it was done.
    if status == Improvement.Status.DONE and improvement.status != Improvement.Status.DONE:
        improvement.done_at = now
    elif status != Improvement.Status.DONE:
        improvement.done_at = None
    improvement.status = status


def improvement_create(
    *,
    actor: Any,
    said_nl: str = "",
    said_en: str = "",
    did_nl: str = "",
    did_en: str = "",
    status: str = Improvement.Status.PLANNED,
    published: bool = False,
    team: Any = None,
    responses: Iterable[Response] = (),
) -> Improvement:
    """A new improvement; ``responses`` are linked at once (made from the feedback page)."""
    _require_lead(actor)
    clean = _clean(
        {
            "said_nl": said_nl,
            "said_en": said_en,
            "did_nl": did_nl,
            "did_en": did_en,
            "status": status,
            "published": published,
            "team": team,
        }
    )
    now = timezone.now()
    improvement = Improvement(created_by=actor, created_at=now, updated_at=now)
    for name in (*TEXT_FIELDS, "published", "team"):
        setattr(improvement, name, clean[name])
    _apply_status(improvement, clean["status"], now)
    with transaction.atomic():
        improvement.save()
        responses = list(responses)
        if responses:
            improvement_link(improvement=improvement, responses=responses, actor=actor)
    return improvement


def improvement_update(*, improvement: Improvement, actor: Any, **fields: Any) -> Improvement:
    _require_lead(actor)
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown improvement fields: {sorted(unknown)}")
    current = {name: getattr(improvement, name) for name in FIELDS}
    clean = _clean({**current, **fields})
    now = timezone.now()
    for name in (*TEXT_FIELDS, "published", "team"):
        setattr(improvement, name, clean[name])
    _apply_status(improvement, clean["status"], now)
    improvement.updated_at = now
    improvement.save(update_fields=[*FIELDS, "done_at", "updated_at"])
    return improvement


def linkable(responses: Any) -> Any:
    """Answers that say something an improvement can answer: a comment, or a low answer."""
    return responses.filter(~Q(comment="") | ~Q(low_reasons=[]))


def _linkable_ids(responses: Iterable[Response]) -> list[int]:
    ids = sorted({response.pk for response in responses})
    if not ids:
        raise ImprovementError(_("Select at least one answer."))
    found = set(linkable(Response.objects.filter(pk__in=ids)).values_list("pk", flat=True))
    if found != set(ids):
        raise ImprovementError(_("Only answers with a comment or a low score can be linked."))
    return ids


def improvement_link(
    *, improvement: Improvement, responses: Iterable[Response], actor: Any
) -> Improvement:
    """Link answers to the improvement they led to; linking one twice changes nothing."""
    _require_lead(actor)
    ids = _linkable_ids(responses)
    with transaction.atomic():
        improvement.responses.add(*ids)
        improvement.updated_at = timezone.now()
        improvement.save(update_fields=["updated_at"])
    return improvement


def improvement_unlink(
    *, improvement: Improvement, responses: Iterable[Response], actor: Any
) -> Improvement:
    _require_lead(actor)
    ids = sorted({response.pk for response in responses})
    if not ids:
        raise ImprovementError(_("Select at least one answer."))
    with transaction.atomic():
        improvement.responses.remove(*ids)
        improvement.updated_at = timezone.now()
        improvement.save(update_fields=["updated_at"])
    return improvement
