"""The reply check: advice on a draft before it is sent. It never blocks sending.

``check_reply`` runs every function in ``CHECKS`` on the draft and returns one ``CheckResult``
each: whether it passed, what it looked at and why it matters (``explanation``), concrete text to
add or replace (``suggestion``), and the evidence (``details``: the phrases found with their
offsets in the draft, the questions left unanswered...). A check that does not apply to this case
(no negative feeling to acknowledge, no wait to thank for) passes with ``applies=False`` and says
why. A check is a plain function ``(Draft, Facts) -> CheckResult``: adding one (the crisis
statement check, once crises exist) is appending it to ``CHECKS``.

Explanations are in the agent's language (gettext); example text to paste into the reply is in
the reply's language (``phrases``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kalm.cases.models import Case
from kalm.followups.commitments import Commitment, find_commitments
from kalm.replies import phrases
from kalm.replies.names import NameParts, fold, name_parts
from kalm.replies.selectors import (
    Conversation,
    Mood,
    conversation,
    long_date,
    message_mood,
    next_step_day,
    reply_goes_by_email,
    waited_reasons,
)

MIN_WORDS_FOR_LANGUAGE = 4
MAX_QUESTIONS = 10
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Detail:
    text: str
    start: int | None = None  # offsets into the draft, when the text is from the draft
    end: int | None = None
    note: str = ""


@dataclass(frozen=True)
class CheckResult:
    code: str
    passed: bool
    title: str
    explanation: str
    suggestion: str = ""
    details: list[Detail] = field(default_factory=list)
    applies: bool = True  # False: not needed for this case (and counted as passed)


@dataclass
class Draft:
    original: str
    language: str  # the language the reply should be in
    now: datetime

    @cached_property
    def text(self) -> str:
        # Typographic apostrophes as plain ones: same length, so offsets still index ``original``.
        return self.original.replace("\u2019", "'").replace("\u2018", "'")

    @cached_property
    def words(self) -> int:
        return len(_WORD.findall(self.original))

    @cached_property
    def detected(self) -> str | None:
        if self.words < MIN_WORDS_FOR_LANGUAGE:
            return None
        from kalm.empathy.engine import detect_language

        return detect_language(self.original)

    @cached_property
    def written_in(self) -> str:
        """The language the draft is written in, as far as the word lists go."""
        return self.detected if self.detected in phrases.LANGUAGES else self.language

    @cached_property
    def commitments(self) -> list[Commitment]:
        return find_commitments(self.original, language=self.written_in, now=self.now)


@dataclass
class Facts:
    case: Case
    now: datetime

    @cached_property
    def talk(self) -> Conversation:
        return conversation(self.case)

    @cached_property
    def name(self) -> NameParts:
        consumer = self.case.consumer
        return name_parts(consumer.name, organisation=consumer.kind == "organisation")

    @cached_property
    def emailed(self) -> bool:
        return reply_goes_by_email(self.case)

    @cached_property
    def waited(self) -> list[str]:
        return waited_reasons(self.case, self.talk, self.now)

    @cached_property
    def mood(self) -> Mood | None:
        """The consumer's mood in what we answer: the most negative of the (up to three) latest
        unanswered messages, or of their latest message."""
        recent = self.talk.unanswered[-3:] or self.talk.inbound[-1:]
        moods = [message_mood(m) for m in recent]
        if not moods:
            return None
        negative = [m for m in moods if m.negative]
        if not negative:
            return moods[-1]
        return min(negative, key=lambda m: m.sentiment if m.sentiment is not None else 0.0)


Check = Callable[[Draft, Facts], CheckResult]


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _language_name(code: str) -> str:
    names = {"nl": _("Dutch"), "en": _("English"), "fr": _("French"), "de": _("German")}
    return names.get(code, code.upper())


# --- the checks ----------------------------------------------------------------------------------


def check_name(draft: Draft, facts: Facts) -> CheckResult:
    title = _("Addresses the consumer by name")
    parts = facts.name
    candidates = parts.candidates()
    if not candidates:
        return CheckResult(
            "name", True, title, _("We do not know the consumer's name."), applies=False
        )
    folded = fold(draft.text)
    found = [c for c in candidates if re.search(rf"(?<!\w){re.escape(fold(c))}(?!\w)", folded)]
    greeting = phrases.GREETING.get(draft.language, phrases.GREETING["en"]).format(name=parts.full)
    if found:
        starts_with_greeting = re.match(
            r"\s*(?:beste|geachte|hallo|dag|dear|hello|hi|bonjour|madame|monsieur)\b",
            draft.text,
            re.IGNORECASE,
        )
        return CheckResult(
            "name",
            True,
            title,
            _("You address the consumer by name (“%(name)s”).") % {"name": found[0]},
            suggestion=(
                _(
                    "The email already starts with “%(greeting)s”: leave out your own greeting, "
                    "or it appears twice."
                )
                % {"greeting": greeting}
                if facts.emailed and starts_with_greeting
                else ""
            ),
        )
    if facts.emailed:
        return CheckResult(
            "name",
            True,
            title,
            _(
                "The email starts with “%(greeting)s” by itself. Using the name once more in your "
                "text makes the answer more personal."
            )
            % {"greeting": greeting},
        )
    return CheckResult(
        "name",
        False,
        title,
        _(
            "The reply does not use the consumer's name. A name turns an answer from a form letter "
            "into a personal reply."
        ),
        suggestion=_("Start with “%(greeting)s”.") % {"greeting": greeting},
    )


_FEELINGS = {
    "anger": "angry",
    "fear": "worried",
    "sadness": "sad",
    "frustration": "frustrated",
}


def _feeling_word(mood: Mood) -> str:
    words = {
        "angry": _("angry"),
        "worried": _("worried or frightened"),
        "sad": _("sad or disappointed"),
        "frustrated": _("frustrated"),
    }
    return words.get(_FEELINGS.get(mood.emotion, ""), _("upset"))


def check_feeling(draft: Draft, facts: Facts) -> CheckResult:
    title = _("Acknowledges the feeling")
    mood = facts.mood
    if mood is None:
        return CheckResult(
            "feeling",
            True,
            title,
            _("There is no message from the consumer to respond to."),
            applies=False,
        )
    if not mood.negative:
        return CheckResult(
            "feeling",
            True,
            title,
            _(
                "The consumer's last message does not sound negative, so no acknowledgement of "
                "feelings is needed."
            ),
            applies=False,
        )
    hits = list(phrases.any_language(phrases.ACKNOWLEDGE).finditer(draft.text))
    feeling = _feeling_word(mood)
    if hits:
        return CheckResult(
            "feeling",
            True,
            title,
            _("The consumer sounds %(feeling)s, and you acknowledge it (“%(words)s”).")
            % {"feeling": feeling, "words": hits[0].group(0)},
            details=[Detail(m.group(0), m.start(), m.end()) for m in hits],
        )
    emotion = _FEELINGS.get(mood.emotion, "")
    examples = phrases.ACKNOWLEDGE_EXAMPLE.get(draft.language, phrases.ACKNOWLEDGE_EXAMPLE["en"])
    example = examples.get({"angry": "anger", "worried": "fear", "sad": "sadness"}.get(emotion, ""))
    return CheckResult(
        "feeling",
        False,
        title,
        _(
            "The consumer's last message sounds %(feeling)s, and the reply does not acknowledge "
            "that. People accept an answer more easily once they feel heard."
        )
        % {"feeling": feeling},
        suggestion=_("Add, for example: “%(example)s”") % {"example": example or examples[""]},
    )


def _blame_hits(text: str) -> list[Detail]:
    found: list[Detail] = []
    for language in phrases.LANGUAGES:
        for pattern, better in phrases.BLAME[language]:
            for m in phrases.compiled((pattern,)).finditer(text):
                if any(m.start() < d.end and m.end() > d.start for d in found):  # type: ignore[operator]
                    continue
                found.append(Detail(m.group(0), m.start(), m.end(), better))
    return sorted(found, key=lambda d: d.start or 0)


def check_blame(draft: Draft, facts: Facts) -> CheckResult:
    title = _("No blame or defensive wording")
    hits = _blame_hits(draft.text)
    if not hits:
        return CheckResult("blame", True, title, _("No blaming or defensive phrases found."))
    return CheckResult(
        "blame",
        False,
        title,
        ngettext(
            "One phrase may come across as blaming the consumer or defending ourselves: it makes "
            "people dig in rather than calm down.",
            "%(count)d phrases may come across as blaming the consumer or defending ourselves: "
            "they make people dig in rather than calm down.",
            len(hits),
        )
        % {"count": len(hits)},
        suggestion=_("Replace “%(phrase)s” with, for example: “%(better)s”")
        % {"phrase": hits[0].text, "better": hits[0].note},
        details=hits,
    )


def check_next_step(draft: Draft, facts: Facts) -> CheckResult:
    title = _("Says what happens next, and when")
    if draft.commitments:
        first = draft.commitments[0]
        return CheckResult(
            "next_step",
            True,
            title,
            _("You say what happens next and when: “%(sentence)s”.")
            % {"sentence": _quote(first.sentence(draft.original))},
            details=[
                Detail(
                    c.sentence(draft.original),
                    c.text_span[0],
                    c.text_span[1],
                    long_date(timezone.localtime(c.due_at).date(), draft.language),
                )
                for c in draft.commitments
            ],
        )
    without_time = phrases.any_language(phrases.NEXT_STEP_WITHOUT_TIME).search(draft.text)
    day = next_step_day(facts.case, timezone.localtime(draft.now).date())
    example = phrases.NEXT_STEP_EXAMPLE.get(draft.language, phrases.NEXT_STEP_EXAMPLE["en"])
    return CheckResult(
        "next_step",
        False,
        title,
        _(
            "You say what you will do, but not when. A date or a time frame (“by Friday”, “within "
            "two working days”) lets the consumer stop worrying about it."
        )
        if without_time
        else _(
            "The reply does not say what happens next, or when. A consumer who knows the next "
            "step and its date does not have to chase us."
        ),
        suggestion=_("Add, for example: “%(example)s”")
        % {"example": example.format(date=long_date(day, draft.language))},
    )


def check_patience(draft: Draft, facts: Facts) -> CheckResult:
    title = _("Thanks for their patience")
    reasons = facts.waited
    if not reasons:
        return CheckResult(
            "patience",
            True,
            title,
            _(
                "The consumer has not waited long, so thanking them for their patience is not "
                "needed."
            ),
            applies=False,
        )
    hit = phrases.any_language(phrases.PATIENCE).search(draft.text)
    details = [Detail(reason) for reason in reasons]
    if hit:
        return CheckResult(
            "patience",
            True,
            title,
            _("The consumer waited, and you thank them for it (“%(words)s”).")
            % {"words": hit.group(0)},
            details=details,
        )
    example = phrases.PATIENCE_EXAMPLE.get(draft.language, phrases.PATIENCE_EXAMPLE["en"])
    return CheckResult(
        "patience",
        False,
        title,
        _(
            "The consumer waited (%(reasons)s). Thanking them for their patience, or apologising "
            "for the wait, shows that we noticed."
        )
        % {"reasons": "; ".join(reasons)},
        suggestion=_("Add: “%(example)s”") % {"example": example},
        details=details,
    )


def _explained(text: str, start: int, end: int) -> bool:
    return bool(
        phrases.EXPLAINED_AFTER.match(text[end : end + 40])
        or phrases.EXPLAINED_BEFORE.search(text[max(0, start - 3) : start])
    )


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether the hit is part of an email address or a web address."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    token = text[left : right if right != -1 else len(text)]
    return "@" in token or "://" in token or token.lower().startswith("www.")


def _reference_patterns() -> re.Pattern[str]:
    prefix = re.escape(settings.KALM_CASE_REFERENCE_PREFIX)
    # K26-7F3Q9X (cases.actions.new_reference), and the long form K-2026-000123.
    return re.compile(
        rf"(?<![\w-])(?:{prefix}\d{{2}}-[0-9A-Z]{{6}}|{prefix}-\d{{4}}-\d{{3,}})(?![\w-])",
        re.IGNORECASE,
    )


def _reference_hits(draft: Draft, facts: Facts) -> list[Detail]:
    own = facts.case.reference.upper()
    matches = [m for m in _reference_patterns().finditer(draft.text) if m.group(0).upper() != own]
    if not matches:
        return []
    owners = dict(
        Case.objects.filter(reference__in={m.group(0).upper() for m in matches}).values_list(
            "reference", "consumer_id"
        )
    )
    hits = []
    for m in matches:
        owner = owners.get(m.group(0).upper())
        if owner == facts.case.consumer_id:
            if _explained(draft.text, m.start(), m.end()):
                continue
            note = _("another case of this consumer: say which one you mean")
        elif owner is None:
            note = _("not a reference we know")
        else:
            note = _("the reference of another consumer's case: never share it")
        hits.append(Detail(m.group(0), m.start(), m.end(), note))
    return hits


def _team_codes() -> dict[str, str]:
    from kalm.accounts.models import Team

    return {
        slug: name
        for slug, name in Team.objects.values_list("slug", "name")
        if re.search(r"[-_\d]", slug)  # a slug that reads as a code, not a word
    }


def check_jargon(draft: Draft, facts: Facts) -> CheckResult:
    title = _("No internal jargon or codes")
    text = draft.text
    hits: list[Detail] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, note: str) -> None:
        if any(start < b and end > a for a, b in taken):
            return
        taken.append((start, end))
        hits.append(Detail(text[start:end], start, end, note))

    for detail in _reference_hits(draft, facts):
        add(detail.start or 0, detail.end or 0, detail.note)
    for slug, name in _team_codes().items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(slug)}(?![\w-])", text, re.IGNORECASE):
            add(m.start(), m.end(), name)
    for pattern, case_sensitive, plain in phrases.JARGON:
        flags = 0 if case_sensitive else re.IGNORECASE
        for m in phrases.compiled((pattern,), flags).finditer(text):
            if _explained(text, m.start(), m.end()) or _in_address(text, m.start(), m.end()):
                continue
            add(m.start(), m.end(), plain.get(draft.language, plain["en"]))
    hits.sort(key=lambda d: d.start or 0)
    if not hits:
        return CheckResult(
            "jargon", True, title, _("No internal words, codes or other cases' references found.")
        )
    return CheckResult(
        "jargon",
        False,
        title,
        _(
            "The consumer may not know what these mean: internal words, codes, or references to "
            "other cases. Say it in plain words, or explain it in brackets."
        ),
        suggestion=_("Replace “%(term)s” with “%(plain)s”, or explain it.")
        % {"term": hits[0].text, "plain": hits[0].note},
        details=hits,
    )


# --- questions -----------------------------------------------------------------------------------

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def extract_questions(texts: list[str]) -> list[str]:
    """The questions in the consumer's messages: sentences ending in "?", and sentences that
    start like a question or a request for information ("Kunt u ...", "When will ...")."""
    starters = phrases.compiled(tuple(phrases.QUESTION_STARTERS.values()))
    found: list[str] = []
    for text in texts:
        lines = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
        for m in _SENTENCE.finditer("\n".join(lines).replace("\u2019", "'")):
            sentence = " ".join(m.group(0).split())
            if not sentence:
                continue
            asks = sentence.endswith("?") or starters.match(sentence)
            if asks and content_stems(sentence) and sentence not in found:
                found.append(sentence)
    return found[:MAX_QUESTIONS]


_STOPWORDS = {fold(w) for w in phrases.STOPWORDS}


def _stem(word: str) -> str:
    for suffix in phrases.SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:6]


def content_stems(text: str) -> set[str]:
    """Lower-cased, accent-free stems of the words that carry meaning (no stopwords)."""
    words = _WORD.findall(fold(text))
    return {_stem(w) for w in words if len(w) >= 3 and w not in _STOPWORDS}


def _shared(question: set[str], draft: set[str]) -> int:
    def matches(a: str) -> bool:
        return any(
            a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))
            for b in draft
        )

    return sum(1 for stem in question if matches(stem))


def answers(question: str, draft_stems: set[str], *, has_time: bool) -> bool:
    stems = content_stems(question)
    shared = _shared(stems, draft_stems)
    if shared and has_time and phrases.WHEN_WORDS.search(question):
        return True  # "when will I get my refund?": the refund, with a date
    return shared >= (1 if len(stems) <= 3 else 2)


def check_questions(draft: Draft, facts: Facts) -> CheckResult:
    title = _("Answers every question")
    talk = facts.talk
    asked = extract_questions([m.body for m in (talk.unanswered if talk.replied else talk.inbound)])
    if not asked:
        return CheckResult(
            "questions",
            True,
            title,
            _("The consumer asked no questions since our last reply."),
            applies=False,
        )
    stems = content_stems(draft.text)
    has_time = bool(draft.commitments)
    open_ = [q for q in asked if not answers(q, stems, has_time=has_time)]
    if not open_:
        return CheckResult(
            "questions",
            True,
            title,
            ngettext(
                "The consumer's question seems answered.",
                "All %(count)d of the consumer's questions seem answered.",
                len(asked),
            )
            % {"count": len(asked)},
            details=[Detail(q) for q in asked],
        )
    example = phrases.ANSWER_EXAMPLE.get(draft.language, phrases.ANSWER_EXAMPLE["en"])
    return CheckResult(
        "questions",
        False,
        title,
        (
            _(
                "The consumer's question does not seem answered: the reply shares no words with "
                "it. An unanswered question comes back as a new message."
            )
            if len(asked) == 1
            else _(
                "%(open)d of the consumer's %(total)d questions do not seem answered: the reply "
                "shares no words with them. Unanswered questions come back as new messages."
            )
            % {"open": len(open_), "total": len(asked)}
        ),
        suggestion=_("Answer this one too, for example: “%(example)s”")
        % {"example": example.format(question=_quote(open_[0], 100))},
        details=[Detail(q) for q in open_],
    )


def check_language(draft: Draft, facts: Facts) -> CheckResult:
    title = _("In the consumer's language")
    expected = draft.language
    if draft.detected is None:
        return CheckResult(
            "language", True, title, _("Too short to tell its language yet."), applies=False
        )
    if draft.detected == expected:
        return CheckResult(
            "language",
            True,
            title,
            _("Written in %(language)s, the consumer's language.")
            % {"language": _language_name(expected)},
        )
    return CheckResult(
        "language",
        False,
        title,
        _("The reply looks %(detected)s, but this consumer's language is %(expected)s.")
        % {"detected": _language_name(draft.detected), "expected": _language_name(expected)},
        suggestion=_("Write the reply in %(expected)s, or pick a template in %(expected)s.")
        % {"expected": _language_name(expected)},
    )


def _crisis_claims(language: str) -> re.Pattern[str]:
    words = phrases.CRISIS_CLAIMS.get(language) or phrases.CRISIS_CLAIMS["en"]
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + ")", re.IGNORECASE)


# A draft "uses" the statement when it shares this many meaningful stems with it.
CRISIS_COVERAGE = 3


def check_crisis(draft: Draft, facts: Facts) -> CheckResult:
    """For a case confirmed as part of an open crisis with a published reply text: does the
    draft carry the statement, and does it claim nothing (cause, blame, compensation, safety,
    timing) the statement does not? One voice on every channel."""
    from kalm.crisis.selectors import case_statements  # crisis builds on replies, not back

    title = _("Consistent with the crisis statement")
    statements = case_statements(facts.case)
    if not statements:
        return CheckResult(
            "crisis",
            True,
            title,
            _("This case is not part of an open crisis with a published statement."),
            applies=False,
        )
    current = statements[0]
    said = content_stems(current.text)
    text = draft.original
    unsupported: list[Detail] = []
    claims = _crisis_claims(draft.language)
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0)
        if not claims.search(sentence):
            continue
        stems = content_stems(sentence)
        if stems and _shared(stems, said) * 2 < len(stems):
            start = m.start() + len(sentence) - len(sentence.lstrip())
            unsupported.append(
                Detail(
                    " ".join(sentence.split()),
                    start,
                    m.end(),
                    note=_("not in the statement"),
                )
            )
    covered = _shared(said, content_stems(text)) >= CRISIS_COVERAGE
    version = current.version.number
    if covered and not unsupported:
        return CheckResult(
            "crisis",
            True,
            title,
            _("The reply follows the published statement (version %(number)s) of “%(crisis)s”.")
            % {"number": version, "crisis": current.crisis.title},
        )
    if unsupported:
        explanation = ngettext(
            "One sentence claims something the statement (version %(number)s) does not say.",
            "%(count)s sentences claim things the statement (version %(number)s) does not say.",
            len(unsupported),
        ) % {"count": len(unsupported), "number": version}
        suggestion = _(
            "Say no more than the statement about the cause, compensation, safety or timing: "
            "use its words, or ask the crisis team before promising more."
        )
    else:
        explanation = _(
            "This case is part of the crisis “%(crisis)s”, but the reply does not use its "
            "published statement (version %(number)s)."
        ) % {"crisis": current.crisis.title, "number": version}
        suggestion = _("Insert the statement's reply text from the case page and adapt it.")
    return CheckResult(
        "crisis", False, title, explanation, suggestion=suggestion, details=unsupported
    )


CHECKS: list[Check] = [
    check_name,
    check_feeling,
    check_blame,
    check_next_step,
    check_patience,
    check_jargon,
    check_questions,
    check_language,
    check_crisis,
]


def check_reply(
    *, draft: str, case: Case, language: str | None = None, now: datetime | None = None
) -> list[CheckResult]:
    """Advice on ``draft`` as a reply on ``case``, one result per check in ``CHECKS``.

    ``language`` is the language the reply should be in (default: the case's)."""
    moment = timezone.localtime(now or timezone.now())
    reply_language = (language or case.language or "nl")[:2].lower()
    written = Draft(draft or "", reply_language, moment)
    facts = Facts(case, moment)
    return [check(written, facts) for check in CHECKS]


def score(results: list[CheckResult]) -> tuple[int, int]:
    """(passed, total): "6 of 8"."""
    return sum(1 for r in results if r.passed), len(results)
