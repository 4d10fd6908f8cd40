"""Recognise promises with a date in an agent's outgoing reply (Dutch, English, French).

A commitment is a sentence in which *we* (or *I*) promise something in the future ("we bellen u
donderdag", "you will hear from us within 5 working days", "nous vous rappellerons jeudi"), or in
which the consumer is told they *will* hear or receive something ("u hoort binnen 5 werkdagen van
ons"), together with a date expression. Invitations to the consumer ("bel ons gerust") and past
events ("we called you last Thursday") are not our promise.

Pure: no database, no clock — the caller passes ``now`` (aware) and gets aware datetimes back.
Date-only promises are due at ``DUE_HOUR`` local time on that day, so the reminder reaches the
owner in the morning of the day the promise falls due.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kalm.followups.calendar import add_working_days

DUE_HOUR = 9
END_OF_DAY_HOUR = 17
LANGUAGES = ("nl", "en", "fr")


@dataclass(frozen=True)
class Commitment:
    text_span: tuple[int, int]  # the promising sentence in the reply
    due_at: datetime
    phrase: str  # the date words as written ("donderdag", "within 5 working days")

    def sentence(self, text: str) -> str:
        return text[self.text_span[0] : self.text_span[1]]


# --- vocabulary ------------------------------------------------------------------------------

WEEKDAYS = {
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}
MONTHS = {
    "nl": [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december",
    ],
    "en": [
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    ],
    "fr": [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre",
    ],
}  # fmt: skip
EN_MONTH_SHORT = [
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
]
NUMBERS = {
    "nl": ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"],
    "en": ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
    "fr": ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"],
}

# Who promises: first person, future (or a present used as future in Dutch), or "you will hear".
_PROMISE = {
    "nl": [
        r"\b(?:we|wij|ik)\s+(?:\w+\s+){0,2}?(?:bel(?:len)?|neem|nemen|stuur|sturen|laat|laten"
        r"|mail(?:en)?|zal|zullen|ga|gaan|kom(?:en)?|verwacht(?:en)?|beloof|beloven"
        r"|informeer|informeren|zorg(?:en)?|hoop|hopen|spreek|spreken|koppel|koppelen)\b",
        r"\b(?:bel(?:len)?|neem|nemen|stuur|sturen|laat|laten|mail(?:en)?|zal|zullen|ga|gaan"
        r"|kom(?:en)?|verwacht(?:en)?|informeer|informeren|hoop|hopen|spreek|spreken"
        r"|koppel|koppelen)\s+(?:we|wij|ik)\b",
        r"\b(?:u|je|jij)\s+(?:\w+\s+){0,1}?(?:hoort|ontvangt|krijgt|heeft)\b(?=.*\bvan\s+(?:ons|mij)\b)",
        r"\b(?:u|je|jij)\s+(?:hoort|ontvangt|krijgt)\b",
        r"\b(?:hoort|ontvangt|krijgt)\s+(?:u|je|jij)\b",
    ],
    "en": [
        r"\b(?:we|i)(?:'ll|\s+will|\s+shall|'re\s+going\s+to|'m\s+going\s+to"
        r"|\s+are\s+going\s+to|\s+am\s+going\s+to|\s+expect|\s+aim|\s+plan"
        r"|\s+promise|\s+intend|\s+hope)\b",
        r"\byou(?:'ll|\s+will|\s+should|\s+can\s+expect)\s+(?:\w+\s+){0,2}?"
        r"(?:hear|receive|get|have|expect)\b",
        r"\b(?:expect|expected)\s+(?:\w+\s+){0,3}?(?:from\s+us|back)\b",
    ],
    "fr": [
        r"\bnous\s+(?:vous\s+|te\s+|l[ae]s?\s+|l'|leur\s+)?\w+rons\b",
        r"\bnous\s+(?:allons|comptons|prévoyons|attendons)\b",
        r"\bje\s+(?:vous\s+|te\s+|l[ae]s?\s+|l'|leur\s+)?\w+rai\b",
        r"\bj'\w+rai\b",
        r"\bje\s+vais\b",
        r"\bon\s+vous\s+(?:rappelle(?:ra)?|recontacte(?:ra)?|contacte(?:ra)?|écrira|enverra)\b",
        r"\bvous\s+(?:recevrez|aurez|obtiendrez)\b",
    ],
}

# A date expression that looks back in time makes the sentence a report, not a promise.
_PAST_BEFORE = {
    "nl": r"(?:vorige|afgelopen|jongstleden|vorig)\s+$",
    "en": r"(?:last|past|previous|on\s+last)\s+$",
    "fr": r"$^",
}
_PAST_AFTER = {
    "nl": r"^\s+(?:jl\.?|jongstleden|geleden)",
    "en": r"^\s+(?:ago)",
    "fr": r"^\s+(?:dernier|dernière|passé|passée)",
}

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+(?=\s|$)|\n|$)")


def _number(word: str, language: str) -> int | None:
    if word.isdigit():
        return int(word)
    words = NUMBERS[language]
    word = word.lower()
    if language == "fr" and word == "une":
        return 1
    if word in words:
        return words.index(word) + 1
    return None


def _at(day: date, hour: int, now: datetime) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=now.tzinfo)


def _next_weekday(now: datetime, weekday: int) -> datetime:
    days = (weekday - now.weekday()) % 7 or 7
    return _at(now.date() + timedelta(days=days), DUE_HOUR, now)


def _date_from_parts(day: int, month: int, year: int | None, now: datetime) -> datetime | None:
    try:
        candidate = date(year or now.year, month, day)
    except ValueError:
        return None
    if year is None and candidate < now.date():
        try:
            candidate = date(now.year + 1, month, day)
        except ValueError:
            return None
    if candidate < now.date():
        return None  # an explicit date in the past is history, not a promise
    return _at(candidate, DUE_HOUR, now)


def _today(now: datetime) -> datetime:
    end = _at(now.date(), END_OF_DAY_HOUR, now)
    return end if now < end else now + timedelta(hours=1)


def _end_of_week(now: datetime) -> datetime:
    days = (4 - now.weekday()) % 7
    return _at(now.date() + timedelta(days=days), DUE_HOUR, now)


def _end_of_month(now: datetime) -> datetime:
    first_next = (now.date().replace(day=28) + timedelta(days=4)).replace(day=1)
    return _at(first_next - timedelta(days=1), DUE_HOUR, now)


def _next_week(now: datetime) -> datetime:
    monday = now.date() + timedelta(days=7 - now.weekday())
    return _at(monday, DUE_HOUR, now)


def _span(amount: int, unit: str, working: bool, now: datetime, country: str) -> datetime:
    if unit == "hour":
        return now + timedelta(hours=amount)
    if unit == "week":
        return _at(now.date() + timedelta(weeks=amount), DUE_HOUR, now)
    if working:
        return _at(add_working_days(now.date(), amount, country), DUE_HOUR, now)
    return _at(now.date() + timedelta(days=amount), DUE_HOUR, now)


Resolver = Callable[[re.Match, datetime], "datetime | None"]


def _patterns(language: str, country: str) -> list[tuple[re.Pattern, Resolver]]:
    months = MONTHS[language] + (EN_MONTH_SHORT if language == "en" else [])
    month_re = "|".join(sorted(months, key=len, reverse=True))
    weekday_re = "|".join(WEEKDAYS[language])
    number_re = r"\d{1,3}|" + "|".join(NUMBERS[language]) + ("|une" if language == "fr" else "")

    def month_index(name: str) -> int:
        name = name.lower()
        if name in MONTHS[language]:
            return MONTHS[language].index(name) + 1
        return EN_MONTH_SHORT.index(name[:3]) + 1

    def weekday(m: re.Match, now: datetime) -> datetime:
        return _next_weekday(now, WEEKDAYS[language].index(m.group("wd").lower()))

    def day_month(m: re.Match, now: datetime) -> datetime | None:
        year = int(m.group("year")) if m.group("year") else None
        return _date_from_parts(int(m.group("day")), month_index(m.group("month")), year, now)

    def numeric(m: re.Match, now: datetime) -> datetime | None:
        return _date_from_parts(
            int(m.group("day")), int(m.group("month")), int(m.group("year")), now
        )

    def iso(m: re.Match, now: datetime) -> datetime | None:
        return _date_from_parts(
            int(m.group("day")), int(m.group("month")), int(m.group("year")), now
        )

    def span(m: re.Match, now: datetime) -> datetime | None:
        amount = _number(m.group("n"), language)
        if not amount:
            return None
        unit_word = m.group("unit").lower()
        unit = (
            "hour"
            if unit_word.startswith(("uur", "hour", "heure"))
            else "week"
            if unit_word.startswith(("we", "sem"))
            else "day"
        )
        return _span(amount, unit, bool(m.group("working")), now, country)

    fixed = {
        "nl": [
            (r"\bovermorgen\b", lambda m, now: _at(now.date() + timedelta(days=2), DUE_HOUR, now)),
            (r"\bmorgen(?:ochtend|middag|avond)?\b",
             lambda m, now: _at(now.date() + timedelta(days=1), DUE_HOUR, now)),
            (r"\b(?:vandaag|vanmiddag|vanavond)\b", lambda m, now: _today(now)),
            (r"\bvolgende\s+week\b|\bkomende\s+week\b", lambda m, now: _next_week(now)),
            (r"\b(?:eind|einde)\s+van\s+(?:de|deze)\s+week\b", lambda m, now: _end_of_week(now)),
            (r"\b(?:eind|einde)\s+van\s+(?:de|deze)\s+maand\b", lambda m, now: _end_of_month(now)),
        ],
        "en": [
            (r"\bthe\s+day\s+after\s+tomorrow\b",
             lambda m, now: _at(now.date() + timedelta(days=2), DUE_HOUR, now)),
            (r"\btomorrow\b", lambda m, now: _at(now.date() + timedelta(days=1), DUE_HOUR, now)),
            (r"\b(?:today|this\s+afternoon|this\s+evening|later\s+today)\b",
             lambda m, now: _today(now)),
            (r"\bnext\s+week\b", lambda m, now: _next_week(now)),
            (r"\b(?:the\s+)?end\s+of\s+(?:the|this)\s+week\b", lambda m, now: _end_of_week(now)),
            (r"\b(?:the\s+)?end\s+of\s+(?:the|this)\s+month\b", lambda m, now: _end_of_month(now)),
        ],
        "fr": [
            (r"\baprès-demain\b", lambda m, now: _at(now.date() + timedelta(days=2), DUE_HOUR, now)),
            (r"\bdemain\b", lambda m, now: _at(now.date() + timedelta(days=1), DUE_HOUR, now)),
            (r"\b(?:aujourd'hui|cet\s+après-midi|ce\s+soir)\b", lambda m, now: _today(now)),
            (r"\bla\s+semaine\s+prochaine\b", lambda m, now: _next_week(now)),
            (r"\b(?:la\s+)?fin\s+de\s+(?:la\s+)?semaine\b", lambda m, now: _end_of_week(now)),
            (r"\b(?:la\s+)?fin\s+du\s+mois\b", lambda m, now: _end_of_month(now)),
        ],
    }[language]  # fmt: skip

    spans = {
        "nl": rf"\b(?:binnen|over|uiterlijk\s+over|in)\s+(?:de\s+)?(?:komende\s+|volgende\s+)?"
        rf"(?P<n>{number_re})\s+(?:(?P<working>werk)dag(?:en)?|(?P<unit>dag(?:en)?|weken|week|uur))\b",
        "en": rf"\b(?:within|in|inside)\s+(?:the\s+)?(?:next\s+)?(?P<n>{number_re})\s+"
        rf"(?:(?P<working>working|business|work)\s+)?(?P<unit>days?|weeks?|hours?)\b",
        "fr": rf"\b(?:d'ici|sous|dans|dans\s+les|d'ici\s+(?:à\s+)?)\s*(?P<n>{number_re})\s+"
        rf"(?P<unit>jours?|semaines?|heures?)(?:\s+(?P<working>ouvrables|ouvrés|ouvrées))?\b",
    }[language]
    if language == "nl":
        # "werkdagen" has no separate unit group; give the span resolver one.
        def span_nl(m: re.Match, now: datetime) -> datetime | None:
            amount = _number(m.group("n"), language)
            if not amount:
                return None
            if m.group("working"):
                return _span(amount, "day", True, now, country)
            unit = m.group("unit").lower()
            kind = "hour" if unit == "uur" else "week" if unit.startswith("we") else "day"
            return _span(amount, kind, False, now, country)

        span_resolver: Resolver = span_nl
    else:
        span_resolver = span

    day_month_re = {
        "nl": rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{month_re})(?:\s+(?P<year>\d{{4}}))?\b",
        "en": rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{month_re})\.?"
        rf"(?:\s+(?P<year>\d{{4}}))?\b",
        "fr": rf"\b(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{month_re})(?:\s+(?P<year>\d{{4}}))?\b",
    }[language]
    compiled: list[tuple[str, Resolver]] = [
        (r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b", iso),
        (r"\b(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})\b", numeric),
        (day_month_re, day_month),
        (spans, span_resolver),
        *fixed,
        (rf"\b(?P<wd>{weekday_re})\b", weekday),
    ]
    if language == "en":

        def month_day(m: re.Match, now: datetime) -> datetime | None:
            year = int(m.group("year")) if m.group("year") else None
            return _date_from_parts(int(m.group("day")), month_index(m.group("month")), year, now)

        compiled.insert(
            3,
            (
                rf"\b(?P<month>{month_re})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                rf"(?:,?\s+(?P<year>\d{{4}}))?\b",
                month_day,
            ),
        )
    return [(re.compile(p, re.IGNORECASE), r) for p, r in compiled]


_CACHE: dict[tuple[str, str], tuple[list[re.Pattern], list[tuple[re.Pattern, Resolver]]]] = {}


def _compiled(
    language: str, country: str
) -> tuple[list[re.Pattern], list[tuple[re.Pattern, Resolver]]]:
    key = (language, country)
    if key not in _CACHE:
        _CACHE[key] = (
            [re.compile(p, re.IGNORECASE) for p in _PROMISE[language]],
            _patterns(language, country),
        )
    return _CACHE[key]


def _looks_back(sentence: str, start: int, end: int, language: str) -> bool:
    before = sentence[max(0, start - 30) : start]
    after = sentence[end : end + 20]
    return bool(
        re.search(_PAST_BEFORE[language], before, re.IGNORECASE)
        or re.search(_PAST_AFTER[language], after, re.IGNORECASE)
    )


def find_commitments(
    text: str, *, language: str, now: datetime, country: str | None = None
) -> list[Commitment]:
    """Every promise with a date in ``text``, one per sentence, due relative to ``now``.

    ``language`` is "nl", "en" or "fr" (a regional code such as "nl-BE" is accepted); an
    unknown language yields nothing. ``country`` ("NL" or "BE") decides which public holidays
    working days skip; by default Belgian for French, Dutch otherwise."""
    code = (language or "").lower()
    language = code[:2]
    if language not in LANGUAGES or not text:
        return []
    if country is None:
        country = "BE" if language == "fr" or code.endswith("be") else "NL"
    promises, dates = _compiled(language, country)
    # Typographic apostrophes as plain ones; same length, so spans still index ``text``.
    text = text.replace("\u2019", "'")
    found: list[Commitment] = []
    for sentence_match in _SENTENCE.finditer(text):
        sentence = sentence_match.group(0)
        if not any(p.search(sentence) for p in promises):
            continue
        taken: list[tuple[int, int]] = []
        best: tuple[int, int, datetime, str] | None = None
        for pattern, resolve in dates:
            for m in pattern.finditer(sentence):
                start, end = m.span()
                if any(start < t_end and end > t_start for t_start, t_end in taken):
                    continue  # already part of a longer date expression ("3 december")
                taken.append((start, end))
                if _looks_back(sentence, start, end, language):
                    continue
                due = resolve(m, now)
                if due is None or due < now - timedelta(hours=1):
                    continue
                if best is None or start < best[0]:
                    best = (start, end, due, m.group(0))
        if best is None:
            continue
        lead = len(sentence) - len(sentence.lstrip())
        trail = len(sentence.rstrip())
        found.append(
            Commitment(
                text_span=(sentence_match.start() + lead, sentence_match.start() + trail),
                due_at=best[2],
                phrase=best[3],
            )
        )
    return found
