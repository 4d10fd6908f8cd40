"""What the consumer expects, suggested from their own words, and compared with a solution.

The approach is deliberately rule-based, so an agent can see and trust why something was
suggested:

- A small lexicon of cue phrases per language (Dutch, English, French) sorts words into
  *categories*: refund, compensation, replacement, repair, informed, apology, explanation and
  gesture (a voucher, a gift, flowers). Every language's cues are tried on every text, because
  consumers mix languages ("ik wil een refund"); the case's language only decides which
  lexicon wins when cues overlap.
- A cue counts as *negated* when a negation of the text's or the cue's language ("geen",
  "niet", "not", "cannot", "pas", "aucun"...) stands within four words before it in the same
  clause, or when Dutch "niet" / English "not" follows within four words ("we vergoeden de
  fles niet", "a refund is not possible"). Negated cues are never suggested and never count as
  an offer; they are reported as *declined*.
- ``suggest_expectations`` maps the categories found in a consumer's message onto expectation
  option codes. When an organisation has no option for a category (no "repair" option), it
  falls back to the nearest one: compensation and gestures to ``refund`` (the seeded option
  reads "a refund or compensation"), repair to ``other``.
- ``compare_solution`` finds the categories a solution text offers and checks each expectation
  against them: *met* (the offer is what was asked), *partly* (something of the same kind, e.g.
  a voucher where money back was asked), *not addressed*, or *unknown* (an expectation the
  rules cannot check, such as an "other" text without any cue). Offers that meet no
  expectation are *extras*; a solution that meets every expectation and has extras *goes
  beyond* what was asked (e.g. a refund plus a voucher).

Known limits, on purpose not hidden: no stemming beyond the patterns below, no sarcasm, no
understanding of amounts ("2 euro" counts as compensation as much as "200 euro"), and negation
is a window of words, not a parse. The result is a suggestion for the agent, who confirms it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

# --- categories ---------------------------------------------------------------------------

CATEGORY_LABELS: dict[str, Any] = {
    "refund": _("a refund"),
    "compensation": _("compensation"),
    "replacement": _("a replacement"),
    "repair": _("a repair"),
    "informed": _("keeping them informed"),
    "apology": _("an apology"),
    "explanation": _("an explanation"),
    "gesture": _("a goodwill gesture (voucher, gift)"),
}

# For suggestions: the expectation codes a category maps onto, most specific first. The first
# code the organisation has (an active ExpectationOption) is suggested.
CODES_FOR_CATEGORY: dict[str, tuple[str, ...]] = {
    "refund": ("refund",),
    "compensation": ("compensation", "refund"),
    "replacement": ("replacement",),
    "repair": ("repair", "other"),
    "informed": ("informed",),
    "apology": ("apology",),
    "explanation": ("explanation",),
    "gesture": ("gesture", "compensation", "refund"),
}

# The codes seeded by migration 0002; used when the caller does not say which codes exist.
SEEDED_CODES = ("informed", "replacement", "refund", "apology", "explanation", "other")

# For comparison: which offered categories meet an expectation fully, and which partly.
MEETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "refund": (("refund", "compensation"), ("gesture",)),
    "compensation": (("compensation", "refund"), ("gesture",)),
    "replacement": (("replacement",), ("repair",)),
    "repair": (("repair", "replacement"), ()),
    "informed": (("informed",), ()),
    "apology": (("apology",), ()),
    "explanation": (("explanation",), ()),
    "gesture": (("gesture",), ("compensation", "refund")),
}

MET, PARTLY, NOT_ADDRESSED, UNKNOWN = "met", "partly", "not_addressed", "unknown"

# --- lexicons -----------------------------------------------------------------------------
# Patterns are matched on lower-cased text without accents; a space stands for any whitespace.
# Each cue is (pattern, side): "both", or only in a consumer's words ("expectation"), or only in
# a solution ("solution"): "sorry" in a solution is an apology, in a complaint it is politeness.

_B, _E, _S = "both", "expectation", "solution"

LEXICONS: dict[str, dict[str, list[tuple[str, str]]]] = {
    "nl": {
        "refund": [
            (r"geld (?:weer )?(?:terug|retour)", _B),
            (r"mijn geld", _E),
            (r"terugbetal\w*", _B),
            (r"terug te (?:betalen|storten)", _B),
            (r"terugstort\w*", _B),
            # separable verbs: "we storten het volledige aankoopbedrag terug"
            (r"(?:stort|storten|betaal|betalen)(?: \w+){0,4}? terug", _B),
            (r"restitu\w*", _B),
            (r"aankoopbedrag", _B),
        ],
        "compensation": [
            (r"(?:schade)?vergoed\w*", _B),
            (r"compensat\w*", _B),
            (r"tegemoetkoming\w*", _B),
            (r"schadeloos\w*", _B),
        ],
        "replacement": [
            (r"vervang\w*", _B),
            (r"nieuwe? exemplaar", _B),
            (r"omruil\w*|omgeruild|ruilen", _B),
            (r"(?:wil|graag|stuur\w*|stur\w*|ontvang\w*|krijg\w*)(?: \w+){0,2}? nieuwe?", _B),
        ],
        "repair": [(r"repar\w*|gerepareerd", _B), (r"herstel\w*", _B)],
        "informed": [
            (r"op de hoogte", _B),
            (r"laat(?: \w+){0,3}? weten", _E),
            (r"(?:we|wij)(?: \w+){0,2}? laten(?: \w+){0,3}? weten", _S),
            (r"informeer\w*|informeren|geinformeerd", _B),
            (r"terugkoppel\w*", _B),
        ],
        "apology": [
            (r"excuses|excuus", _B),
            (r"verontschuldig\w*", _B),
            (r"sorry", _S),
            (r"spijt", _S),
        ],
        "explanation": [
            (r"uitleg\w*", _B),
            (r"verklaring\w*", _B),
            (r"waarom", _B),
            (r"oorzaak", _B),
            (r"hoe (?:dit|het|dat) (?:kan|komt|mogelijk|gebeurd)\w*", _B),
        ],
        "gesture": [
            (r"(?:waarde|tegoed|cadeau|kado)bon\w*", _B),
            (r"bon", _B),
            (r"cadeau\w*|kado\w*|presentje", _B),
            (r"attentie", _S),
            (r"bloemen|bos bloemen", _B),
            (r"korting\w*", _B),
        ],
    },
    "en": {
        "refund": [
            (r"refund\w*", _B),
            (r"money back", _B),
            (r"reimburs\w*", _B),
            (r"pay (?:me|you) back", _B),
        ],
        "compensation": [(r"compensat\w*", _B), (r"damages", _B), (r"indemnif\w*", _B)],
        "replacement": [
            (r"replac\w*", _B),
            (r"a new one", _B),
            (r"exchang\w*", _B),
            (r"(?:send|sending|get|receive|want|like)(?: \w+){0,2}? new", _B),
        ],
        "repair": [(r"repair\w*", _B)],
        "informed": [
            (r"keep\w*(?: \w+){0,2}? (?:informed|updated|posted|in the loop)", _B),
            (r"let me know|(?:inform|update) me", _E),
            (r"let you know|(?:inform|update) you", _S),
        ],
        "apology": [(r"apolog\w*", _B), (r"sorry", _S)],
        "explanation": [
            (r"explain\w*|explanation", _B),
            (r"why", _B),
            (r"how (?:this|it|that) (?:could|can|came|happened)", _B),
            (r"(?:root )?causes?|caused", _B),
        ],
        "gesture": [
            (r"voucher\w*|coupon\w*|gift\w*", _B),
            (r"discount\w*", _B),
            (r"flowers", _B),
            (r"token of (?:our )?(?:appreciation|goodwill)", _S),
        ],
    },
    "fr": {
        "refund": [(r"rembours\w*", _B), (r"mon argent", _E)],
        "compensation": [(r"indemni\w*", _B), (r"dedommag\w*", _B), (r"compens\w*", _B)],
        "replacement": [
            (r"rempla\w*", _B),
            (r"echang\w*", _B),
            (r"un nouveau|une nouvelle|nouvel exemplaire", _B),
        ],
        "repair": [(r"repar\w*", _B)],
        "informed": [
            (r"(?:tenir|tiendrons|tenez|tiens)(?: \w+){0,2}? inform\w*", _B),
            (r"au courant", _B),
            (r"informer", _B),
        ],
        "apology": [(r"excuse\w*", _B), (r"desole\w*", _B), (r"pardon", _B)],
        "explanation": [(r"explication\w*|expliqu\w*", _B), (r"pourquoi", _B), (r"cause", _B)],
        "gesture": [
            (r"bon d'achat|bon de reduction", _B),
            (r"cadeau\w*", _B),
            (r"geste commercial", _B),
            (r"reduction", _B),
            (r"fleurs", _B),
        ],
    },
}

NEGATIONS: dict[str, frozenset[str]] = {
    "nl": frozenset({"geen", "niet", "nooit", "niets", "noch", "zonder"}),
    "en": frozenset(
        {
            "no",
            "not",
            "never",
            "cannot",
            "can't",
            "won't",
            "don't",
            "doesn't",
            "didn't",
            "isn't",
            "wasn't",
            "unable",
            "without",
            "nor",
            "neither",
        }
    ),
    "fr": frozenset({"pas", "aucun", "aucune", "jamais", "sans", "ni", "ne", "rien"}),
}
# Negations that may follow the cue: Dutch verb-second ("we vergoeden de fles niet") and English
# predicates ("a refund is not possible").
NEGATIONS_AFTER: dict[str, frozenset[str]] = {
    "nl": frozenset({"niet"}),
    "en": frozenset({"not"}),
    "fr": frozenset(),
}
WINDOW_BEFORE, WINDOW_AFTER = 4, 4
_CLAUSE_END = re.compile(r"[.,;:!?()\n]")
_TOKEN = re.compile(r"[\w']+")


@dataclass(frozen=True)
class _Cue:
    category: str
    language: str
    side: str
    pattern: re.Pattern[str]


def _compile() -> list[_Cue]:
    cues = []
    for language, categories in LEXICONS.items():
        for category, patterns in categories.items():
            for pattern, side in patterns:
                regex = pattern.replace(" ", r"\s+")
                cues.append(
                    _Cue(category, language, side, re.compile(rf"(?<!\w)(?:{regex})(?!\w)"))
                )
    return cues


_CUES = _compile()


# --- matching -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CueMatch:
    """One cue found in a text: where, which category, and whether it was negated."""

    category: str
    start: int
    end: int
    text: str
    negated: bool
    quote: str


def normalise(text: str) -> str:
    """Lower case without accents, *keeping every character's position*, so that spans found in
    the normalised text point at the same words in the original."""
    out = []
    for char in text:
        lower = char.lower()
        base = "".join(
            c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c)
        )
        if char in "\u2019\u2018`":
            base = "'"
        out.append(base if len(base) == 1 else (lower if len(lower) == 1 else char))
    return "".join(out)


def _clause(norm: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _CLAUSE_END.finditer(norm, 0, start)]
    after = _CLAUSE_END.search(norm, end)
    return (before[-1] if before else 0), (after.start() if after else len(norm))


def _is_negation(token: str, words: frozenset[str]) -> bool:
    # French elision: "n'avons", "n'est" carry the "ne" of "ne ... pas".
    return token in words or ("ne" in words and token.startswith("n'"))


def _negated(norm: str, start: int, end: int, languages: Iterable[str]) -> bool:
    clause_start, clause_end = _clause(norm, start, end)
    before = _TOKEN.findall(norm[clause_start:start])[-WINDOW_BEFORE:]
    after = _TOKEN.findall(norm[end:clause_end])[:WINDOW_AFTER]
    languages = list(languages)
    words = frozenset().union(*(NEGATIONS.get(lang, frozenset()) for lang in languages))
    after_words = frozenset().union(*(NEGATIONS_AFTER.get(lang, frozenset()) for lang in languages))
    return any(_is_negation(t, words) for t in before) or any(t in after_words for t in after)


def _quote(text: str, norm: str, start: int, end: int) -> str:
    """The cue with a few words around it, within its clause: "ik wil mijn geld terug"."""
    clause_start, clause_end = _clause(norm, start, end)
    head = list(re.finditer(r"\S+", text[clause_start:start]))[-3:]
    tail = list(re.finditer(r"\S+", text[end:clause_end]))[:2]
    left = clause_start + head[0].start() if head else start
    right = end + tail[-1].end() if tail else end
    return " ".join(text[left:right].split())


def find_cues(text: str, language: str = "nl", *, side: str = _E) -> list[CueMatch]:
    """Every cue in ``text`` for ``side`` ("expectation" or "solution"), in text order.

    Overlapping matches of one category are merged into one span; the case's language is tried
    first, so its lexicon decides when two languages share a word."""
    norm = normalise(text or "")
    order = [language, *(lang for lang in LEXICONS if lang != language)]
    raw: list[tuple[str, int, int, str]] = []
    for lang in order:
        for cue in _CUES:
            if cue.language != lang or cue.side not in (_B, side):
                continue
            for found in cue.pattern.finditer(norm):
                raw.append((cue.category, found.start(), found.end(), lang))
    merged: list[list[Any]] = []
    for category, start, end, lang in sorted(raw, key=lambda r: (r[0], r[1], -r[2])):
        last = merged[-1] if merged else None
        if last and last[0] == category and start < last[2]:
            last[2] = max(last[2], end)
        else:
            merged.append([category, start, end, lang])
    matches = [
        CueMatch(
            category=category,
            start=start,
            end=end,
            text=text[start:end],
            negated=_negated(norm, start, end, {language, lang}),
            quote=_quote(text, norm, start, end),
        )
        for category, start, end, lang in merged
    ]
    return sorted(matches, key=lambda m: (m.start, m.category))


# --- suggestions --------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """An expectation code suggested from the consumer's words, with the words that led to it."""

    code: str
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    quotes: tuple[str, ...]
    categories: tuple[str, ...] = ()


def suggest_expectations(
    text: str, language: str = "nl", *, codes: Iterable[str] | None = None
) -> list[Suggestion]:
    """The expectations a consumer's message suggests, in the order they first appear.

    ``codes`` are the expectation codes the organisation offers (default: the seeded ones); a
    category without its own code falls back along ``CODES_FOR_CATEGORY``."""
    available = list(codes) if codes is not None else list(SEEDED_CODES)
    grouped: dict[str, list[CueMatch]] = {}
    for match in find_cues(text, language, side=_E):
        if match.negated:
            continue
        code = next((c for c in CODES_FOR_CATEGORY[match.category] if c in available), None)
        if code is not None:
            grouped.setdefault(code, []).append(match)
    return [
        Suggestion(
            code=code,
            words=tuple(dict.fromkeys(m.text for m in found)),
            spans=tuple((m.start, m.end) for m in found),
            quotes=tuple(dict.fromkeys(m.quote for m in found)),
            categories=tuple(dict.fromkeys(m.category for m in found)),
        )
        for code, found in grouped.items()
    ]


# --- comparison ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    """A category a solution text offers (or declines), with the words that say so."""

    category: str
    words: tuple[str, ...]

    @property
    def label(self) -> Any:
        return CATEGORY_LABELS.get(self.category, self.category)


@dataclass(frozen=True)
class ExpectationCheck:
    code: str
    label: Any
    status: str
    words: tuple[str, ...] = ()

    @property
    def met(self) -> bool:
        return self.status == MET


@dataclass(frozen=True)
class Comparison:
    """How a solution text relates to the consumer's expectations; see the module docstring."""

    checks: tuple[ExpectationCheck, ...]
    offers: tuple[Offer, ...]
    extras: tuple[Offer, ...] = field(default=())
    declined: tuple[Offer, ...] = field(default=())

    @property
    def unmet(self) -> list[ExpectationCheck]:
        return [c for c in self.checks if c.status in (NOT_ADDRESSED, PARTLY)]

    @property
    def all_met(self) -> bool:
        return bool(self.checks) and all(c.status == MET for c in self.checks)

    @property
    def goes_beyond(self) -> bool:
        return self.all_met and bool(self.extras)


def _offers(matches: Sequence[CueMatch], *, negated: bool) -> dict[str, tuple[str, ...]]:
    offers: dict[str, list[str]] = {}
    for match in matches:
        if match.negated == negated:
            offers.setdefault(match.category, []).append(match.text)
    return {k: tuple(dict.fromkeys(v)) for k, v in offers.items()}


def _expectation(item: Any) -> tuple[str, Any, bool]:
    code = getattr(item, "code", item)
    label = getattr(item, "label", None) or CATEGORY_LABELS.get(code, code)
    return code, label, bool(getattr(item, "asks_for_text", code == "other"))


def compare_solution(
    solution_text: str,
    expectations: Iterable[Any],
    language: str = "nl",
    *,
    other: str = "",
) -> Comparison:
    """Compare a solution with the expectations (ExpectationOption rows or codes).

    ``other`` is the consumer's own words for an "other" expectation: its cues are what the
    solution must meet; without cues the check is ``unknown``."""
    found = find_cues(solution_text, language, side=_S)
    offered = _offers(found, negated=False)
    declined = _offers(found, negated=True)
    used: set[str] = set()
    checks = []
    for item in expectations:
        code, label, asks_text = _expectation(item)
        if asks_text:
            wanted = list(
                dict.fromkeys(m.category for m in find_cues(other, language) if not m.negated)
            )
            label = other.strip() or label
        else:
            wanted = [code] if code in MEETS else []
        if not wanted:
            checks.append(ExpectationCheck(code, label, UNKNOWN))
            continue
        status, words = NOT_ADDRESSED, ()
        for want in wanted:
            full, partial = MEETS.get(want, ((want,), ()))
            hit = next((c for c in full if c in offered), None)
            if hit:
                status, words = MET, offered[hit]
                used.add(hit)
                break
            near = next((c for c in partial if c in offered), None)
            if near and status == NOT_ADDRESSED:
                status, words = PARTLY, offered[near]
                used.add(near)
        checks.append(ExpectationCheck(code, label, status, words))
    return Comparison(
        checks=tuple(checks),
        offers=tuple(Offer(c, w) for c, w in offered.items()),
        extras=tuple(Offer(c, w) for c, w in offered.items() if c not in used),
        declined=tuple(Offer(c, w) for c, w in declined.items() if c not in offered),
    )


# --- reads for a case ---------------------------------------------------------------------


def first_contact_text(case: Any) -> str:
    """The consumer's first words on the case: their first message, or the first call notes."""
    from kalm.cases.models import Message

    body = (
        Message.objects.filter(case=case, kind__in=[Message.Kind.INBOUND, Message.Kind.PHONE])
        .order_by("created_at", "id")
        .values_list("body", flat=True)
        .first()
    )
    return body or ""


def case_expectation_suggestions(case: Any) -> list[Suggestion]:
    """Suggestions from the first contact, limited to the organisation's active options."""
    from kalm.cases.models import ExpectationOption

    codes = ExpectationOption.objects.filter(active=True).values_list("code", flat=True)
    return suggest_expectations(first_contact_text(case), case.language, codes=list(codes))


def case_solution_comparison(case: Any, text: str) -> Comparison:
    """``text`` (a proposed or drafted solution) against the case's recorded expectations."""
    return compare_solution(
        text, list(case.expectations.all()), case.language, other=case.expectation_other
    )
