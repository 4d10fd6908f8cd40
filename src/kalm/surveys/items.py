"""The building blocks of a survey: each item has a code, a scale and its words in Dutch and
English (translatable strings), and a rule for what counts as a low answer.

Scales follow common practice: CSAT 1-5 (very dissatisfied .. very satisfied), NPS 0-10 (how
likely to recommend; 0-6 detractor, 7-8 passive, 9-10 promoter), CES 1-7 (how easy it was to get
the issue resolved: 1 very difficult .. 7 very easy), expectation (below / as expected /
positively surprised, as in the Dutch consumer research the issue cites), three emotional items
as 1-5 agreement, and an open comment.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    code: str
    question: Promise
    kind: str  # "scale", "choice" or "text"
    values: tuple[str, ...] = ()  # the allowed answers, as strings, in order
    labels: tuple[Promise, ...] = ()  # words for the ends (scale) or for each value (choice)
    low: tuple[str, ...] = ()  # answers that count as low: the loop is closed

    def valid(self, value: str) -> bool:
        return self.kind == "text" or value in self.values


AGREE = (_("Strongly disagree"), _("Strongly agree"))

ITEMS: dict[str, Item] = {
    item.code: item
    for item in (
        Item(
            "csat",
            _("How satisfied are you with how we handled your question or complaint?"),
            "scale",
            tuple(str(n) for n in range(1, 6)),
            (_("Very dissatisfied"), _("Very satisfied")),
            low=("1", "2"),
        ),
        Item(
            "nps",
            _("How likely is it that you would recommend us to friends or family?"),
            "scale",
            tuple(str(n) for n in range(0, 11)),
            (_("Not at all likely"), _("Extremely likely")),
            low=tuple(str(n) for n in range(0, 5)),
        ),
        Item(
            "ces",
            _("How easy was it to get your issue resolved?"),
            "scale",
            tuple(str(n) for n in range(1, 8)),
            (_("Very difficult"), _("Very easy")),
            low=("1", "2"),
        ),
        Item(
            "expectation",
            _("Compared with what you expected, how did we do?"),
            "choice",
            ("below", "as_expected", "surprised"),
            (_("Below what I expected"), _("As I expected"), _("Positively surprised")),
            low=("below",),
        ),
        Item(
            "interested",
            _("We showed a genuine interest in you."),
            "scale",
            tuple(str(n) for n in range(1, 6)),
            AGREE,
            low=("1",),
        ),
        Item(
            "important",
            _("We made you feel important."),
            "scale",
            tuple(str(n) for n in range(1, 6)),
            AGREE,
            low=("1",),
        ),
        Item(
            "understood",
            _("We understood your situation."),
            "scale",
            tuple(str(n) for n in range(1, 6)),
            AGREE,
            low=("1",),
        ),
        Item("comment", _("Is there anything you would like to tell us?"), "text"),
    )
}
# Items that can be the one-click question in the email (a short scale or a choice).
FIRST_ITEMS = ("csat", "nps", "ces", "expectation")
