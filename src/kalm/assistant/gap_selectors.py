"""Reads of the knowledge gaps for the desk: the list, one gap's questions, the access check.

Every desk member sees every gap (the questions are anonymous visitors' words, and the same
people write the knowledge base)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, F, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from kalm.assistant.models import Gap, Turn
from kalm.kb.models import Article

SAMPLES = 3


def _require_member(user: Any) -> None:
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        raise PermissionDenied


def access_gap(user: Any, gap_id: int) -> Gap:
    """Any gap, for a desk member."""
    _require_member(user)
    try:
        return Gap.objects.select_related("article", "closed_by").get(pk=gap_id)
    except Gap.DoesNotExist as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class FailedArticle:
    """An article the bot answered with that the visitor said did not help, and how often."""

    article_id: int
    title: str
    state: str
    count: int


@dataclass
class GapRow:
    gap: Gap
    languages: list[str] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)
    failed_articles: list[FailedArticle] = field(default_factory=list)


def gaps_queryset(*, status: str = Gap.Status.OPEN, language: str = "") -> QuerySet[Gap]:
    """Gaps with the filters, most asked first, then most recently seen."""
    qs = Gap.objects.select_related("article")
    if status:
        qs = qs.filter(status=status)
    if language:
        qs = qs.filter(language=language)
    return qs.order_by("-question_count", "-last_seen_at", "-pk")


def gaps_list(
    *, status: str = Gap.Status.OPEN, language: str = "", limit: int = 100
) -> list[GapRow]:
    """One page of gaps with what the list shows of each: the languages of its questions, up to
    three sample questions (the newest) and the articles that did not help. Four queries,
    whatever the number of gaps."""
    gaps = list(gaps_queryset(status=status, language=language)[:limit])
    rows = {gap.pk: GapRow(gap=gap) for gap in gaps}
    if not rows:
        return []
    turns = Turn.objects.filter(gap__in=rows.keys())
    for item in turns.values("gap", "language").distinct().order_by("gap", "language"):
        rows[item["gap"]].languages.append(item["language"])
    samples = (
        turns.annotate(
            rank=Window(
                RowNumber(), partition_by=[F("gap")], order_by=[F("created_at").desc(), F("pk")]
            )
        )
        .filter(rank__lte=SAMPLES)
        .values_list("gap", "question")
        .order_by("gap", "rank")
    )
    for gap_id, question in samples:
        if question != rows[gap_id].gap.title:  # the title already says it
            rows[gap_id].samples.append(question)
    failed = (
        turns.filter(helpful=False, article__isnull=False)
        .values("gap", "article", "article__title", "article__state")
        .annotate(n=Count("id"))
        .order_by("gap", "-n", "article__title")
    )
    for item in failed:
        rows[item["gap"]].failed_articles.append(
            FailedArticle(
                article_id=item["article"],
                title=item["article__title"],
                state=item["article__state"],
                count=item["n"],
            )
        )
    return [rows[gap.pk] for gap in gaps]


def gap_questions(gap: Gap, limit: int = 200) -> list[Turn]:
    """The gap's questions, newest first, with what the bot answered each time (the turn's kind,
    the title and link it showed, and the visitor's feedback)."""
    return list(
        Turn.objects.filter(gap=gap)
        .select_related("article")
        .order_by("-created_at", "-pk")[:limit]
    )


def gap_languages(gap: Gap) -> list[str]:
    return list(
        Turn.objects.filter(gap=gap)
        .values_list("language", flat=True)
        .distinct()
        .order_by("language")
    )


def open_gap_count() -> int:
    return Gap.objects.filter(status=Gap.Status.OPEN).count()


def merge_targets(gap: Gap) -> QuerySet[Gap]:
    """The open gaps this one can be merged into: its language first, most asked first."""
    same_language = Case(When(language=gap.language, then=Value(0)), default=Value(1))
    return (
        Gap.objects.filter(status=Gap.Status.OPEN)
        .exclude(pk=gap.pk)
        .order_by(same_language, "-question_count", "-last_seen_at", "-pk")
    )


def answer_candidates(language: str) -> QuerySet[Article]:
    """The published public articles of this language: what the bot can answer with (an
    internal article does not help a visitor)."""
    return Article.objects.filter(
        state=Article.State.PUBLISHED, visibility=Article.Visibility.PUBLIC, language=language
    ).order_by("title")
