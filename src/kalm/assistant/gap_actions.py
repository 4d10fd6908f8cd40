"""Every write the knowledge team makes to gaps (the grouping itself is kalm.assistant.gaps).

Workflow (one declared table, :data:`TRANSITIONS`)::

    open ──answer (article)──> answered ──reopen──> open
    open ──dismiss──────────> dismissed ──reopen──> open

Who: any desk member. Every desk member writes knowledge-base drafts (kalm.kb.selectors), and
answering a gap is the start of that work, so the same people may close and reopen gaps. A gap
closed as answered keeps its questions: they show what the article has to cover.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.assistant.gaps import recount
from kalm.assistant.models import Gap, Turn
from kalm.kb.models import Article

Status = Gap.Status

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.OPEN: frozenset({Status.ANSWERED, Status.DISMISSED}),
    Status.ANSWERED: frozenset({Status.OPEN}),
    Status.DISMISSED: frozenset({Status.OPEN}),
}


class GapActionError(ValueError):
    """The change cannot be made; the message says why, for the person who tried."""


class GapRefused(GapActionError):
    """This person may not work on gaps."""


class IllegalGapTransition(GapActionError):
    def __init__(self, current: str, target: str) -> None:
        self.current, self.target = current, target
        super().__init__(
            _("A gap that is %(current)s cannot become %(target)s.")
            % {"current": Status(current).label.lower(), "target": Status(target).label.lower()}
        )


def _require_member(actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.is_desk_member:
        raise GapRefused(_("Only desk members can work on knowledge gaps."))


def _locked(gap: Gap) -> Gap:
    """Re-read under a row lock, so two people cannot act on the same state at once."""
    return Gap.objects.select_for_update().get(pk=gap.pk)


def _move(gap: Gap, target: str) -> None:
    if target not in TRANSITIONS.get(gap.status, frozenset()):
        raise IllegalGapTransition(gap.status, target)
    gap.status = target


@transaction.atomic
def gap_answer(*, gap: Gap, article: Article, actor: Any) -> Gap:
    """Close the gap as answered by this article. A published article, usually; a new draft
    written for the gap also closes it at once (the gap pages show the article's state), so two
    people do not start the same article."""
    _require_member(actor)
    gap = _locked(gap)
    if article.state == Article.State.ARCHIVED:
        raise GapActionError(_("An archived article answers nobody: choose another one."))
    # Visitors asked these questions: only an article they can read, in their language, answers.
    if article.visibility != Article.Visibility.PUBLIC or article.language != gap.language:
        raise GapActionError(
            _("Choose a public article in the language of the questions (%(language)s).")
            % {"language": gap.language}
        )
    _move(gap, Status.ANSWERED)
    gap.article = article
    gap.closed_at = timezone.now()
    gap.closed_by = actor
    gap.save(update_fields=["status", "article", "closed_at", "closed_by"])
    return gap


@transaction.atomic
def gap_dismiss(*, gap: Gap, actor: Any) -> Gap:
    """Close the gap without an article (noise, out of scope, a duplicate not worth merging)."""
    _require_member(actor)
    gap = _locked(gap)
    _move(gap, Status.DISMISSED)
    gap.article = None
    gap.closed_at = timezone.now()
    gap.closed_by = actor
    gap.save(update_fields=["status", "article", "closed_at", "closed_by"])
    return gap


@transaction.atomic
def gap_reopen(*, gap: Gap, actor: Any) -> Gap:
    """Open a closed gap again: new questions can join it, and it is work again. The article it
    was answered by is unlinked (it evidently did not answer it)."""
    _require_member(actor)
    gap = _locked(gap)
    _move(gap, Status.OPEN)
    gap.article = None
    gap.closed_at = None
    gap.closed_by = None
    gap.save(update_fields=["status", "article", "closed_at", "closed_by"])
    return gap


@transaction.atomic
def gap_merge(*, gap: Gap, into: Gap, actor: Any) -> Gap:
    """Move all questions of ``gap`` into ``into`` (both open) and delete ``gap``: for questions
    about one problem that the grouping kept apart. Counters are recounted from the questions;
    term counts add up, as each question is in exactly one of the two."""
    _require_member(actor)
    if gap.pk == into.pk:
        raise GapActionError(_("A gap cannot be merged into itself."))
    # Lock in id order, so two merges of the same pair in opposite directions cannot deadlock.
    locked = {
        g.pk: g
        for g in Gap.objects.select_for_update().filter(pk__in=[gap.pk, into.pk]).order_by("pk")
    }
    if len(locked) != 2:
        raise GapActionError(_("This gap no longer exists."))
    source, target = locked[gap.pk], locked[into.pk]
    for one in (source, target):
        if one.status != Status.OPEN:
            raise GapActionError(
                _("Only open gaps can be merged; “%(title)s” is %(status)s.")
                % {"title": one.title, "status": one.get_status_display().lower()}
            )
    Turn.objects.filter(gap=source).update(gap=target)
    terms = dict(target.terms or {})
    for term, count in (source.terms or {}).items():
        terms[term] = terms.get(term, 0) + count
    target.terms = terms
    target.first_seen_at = min(target.first_seen_at, source.first_seen_at)
    target.last_seen_at = max(target.last_seen_at, source.last_seen_at)
    recount(target)
    target.save()
    source.delete()
    return target
