"""Example messages for every default rule, in Dutch and English, and helpers that take a case in
through the real intake actions with their after-commit jobs (the analysis) run."""

from __future__ import annotations

from typing import Any

from kalm.cases.actions import message_receive
from kalm.cases.models import Case, Message
from kalm.core.testing import make_case

# Unmistakable examples: strong lexicon words in each, so they fire whatever the classifiers say.
EXAMPLES = {
    "injury": {
        "nl": "Mijn zoontje heeft brandwonden opgelopen doordat de waterkoker ontplofte. "
        "We zaten de hele avond op de spoedeisende hulp.",
        "en": "My son got burns when the kettle exploded, we ended up in the emergency room.",
    },
    "legal": {
        "nl": "Ik heb mijn advocaat ingeschakeld en zal juridische stappen ondernemen als dit "
        "niet wordt opgelost.",
        "en": "I have contacted my lawyer and will take legal action if this is not resolved.",
    },
    "media": {
        "nl": "Als dit niet wordt opgelost stap ik naar de krant en naar Radar.",
        "en": "If this is not fixed I will go to the press and post it on Twitter for all my "
        "followers.",
    },
    "aggression": {
        "nl": "Jullie zijn een stelletje oplichters en idioten, ik kom verhaal halen!",
        "en": "You are useless idiots and scammers, I am furious, this is a disgrace!",
    },
    "vulnerability": {
        "nl": "Ik ben weduwe, ziek en heb geen geld meer voor eten. Ik weet niet meer wat ik "
        "moet doen.",
        "en": "I am a widow on a small pension, I am disabled and I don't know what to do anymore.",
    },
}
CALM = {
    "nl": "Bedankt voor de snelle hulp, alles werkt weer prima!",
    "en": "Thank you for the quick help, everything works fine now.",
}
LANGUAGES = ("nl", "en")


def open_case(capture: Any, body: str, **overrides: Any) -> Case:
    """Open a case through ``case_open`` and run what it queued after commit (the analysis)."""
    with capture(execute=True):
        case = make_case(body=body, **overrides)
    case.refresh_from_db()
    return case


def receive(capture: Any, case: Case, body: str) -> Message:
    with capture(execute=True):
        message = message_receive(case=case, body=body)
    case.refresh_from_db()
    return message
