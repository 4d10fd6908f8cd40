"""The commitment recogniser, with a fixed "now": Wednesday 25 November 2026, 14:00 in Amsterdam."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kalm.followups.commitments import find_commitments

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 14, 0, tzinfo=AMS)  # a Wednesday


def at(day: int, month: int = 11, year: int = 2026, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=AMS)


def one(text: str, language: str, now: datetime = NOW, **kwargs):
    found = find_commitments(text, language=language, now=now, **kwargs)
    assert len(found) == 1, found
    return found[0]


DUTCH = [
    ("We bellen u donderdag.", at(26), "donderdag"),
    ("Ik neem vrijdag contact met u op.", at(27), "vrijdag"),
    ("U hoort binnen 5 werkdagen van ons.", at(2, 12), "binnen 5 werkdagen"),
    ("De labuitslag verwachten we op 3 december.", at(3, 12), "3 december"),
    ("Wij sturen u morgen een nieuwe fles.", at(26), "morgen"),
    ("U ontvangt volgende week een vergoeding.", at(30), "volgende week"),
    ("We bellen u woensdag terug.", at(2, 12), "woensdag"),  # today's weekday: next week
    ("Ik laat u binnen drie werkdagen weten wat het lab vond.", at(30), "binnen drie werkdagen"),
    ("U krijgt binnen 10 dagen het geld terug.", at(5, 12), "binnen 10 dagen"),
    ("We nemen overmorgen contact met u op.", at(27), "overmorgen"),
    ("We sturen het rapport uiterlijk op 15-01-2027.", at(15, 1, 2027), "15-01-2027"),
    ("Wij verwachten de uitslag op 5 januari.", at(5, 1, 2027), "5 januari"),  # next year
    ("Ik bel u eind van de week.", at(27), "eind van de week"),
    ("Bellen we u maandag?", at(30), "maandag"),
]

ENGLISH = [
    ("I'll call you on Friday.", at(27), "Friday"),
    ("I\u2019ll call you on Friday.", at(27), "Friday"),
    ("You will hear from us within 5 working days.", at(2, 12), "within 5 working days"),
    ("We will send the report by 12 December.", at(12, 12), "12 December"),
    ("We'll call you tomorrow.", at(26), "tomorrow"),
    ("We expect the lab results next week.", at(30), "next week"),
    ("We will be in touch by December 3rd.", at(3, 12), "December 3rd"),
    ("You'll receive a replacement within 2 weeks.", at(9, 12), "within 2 weeks"),
    ("I will get back to you within 24 hours.", NOW + timedelta(hours=24), "within 24 hours"),
    ("We are going to ring you on Monday.", at(30), "Monday"),
    ("We will refund you within three business days.", at(30), "within three business days"),
]

FRENCH = [
    ("Nous vous rappellerons jeudi.", at(26), "jeudi"),
    ("Vous recevrez une réponse d'ici 3 jours ouvrables.", at(30), "d'ici 3 jours ouvrables"),
    ("Vous recevrez une réponse d\u2019ici 3 jours ouvrables.", at(30), "d'ici 3 jours ouvrables"),
    ("Je vous enverrai le rapport le 3 décembre.", at(3, 12), "3 décembre"),
    ("Nous vous contacterons demain.", at(26), "demain"),
    ("On vous rappellera lundi.", at(30), "lundi"),
    ("Nous allons vous écrire la semaine prochaine.", at(30), "la semaine prochaine"),
    ("Je vous rappellerai dans 2 jours.", at(27), "dans 2 jours"),
]


@pytest.mark.parametrize(("text", "due", "phrase"), DUTCH)
def test_it_finds_dutch_promises(text, due, phrase):
    commitment = one(text, "nl")
    assert commitment.due_at == due
    assert commitment.phrase.replace("\u2019", "'") == phrase
    assert commitment.sentence(text) == text


@pytest.mark.parametrize(("text", "due", "phrase"), ENGLISH)
def test_it_finds_english_promises(text, due, phrase):
    commitment = one(text, "en")
    assert commitment.due_at == due
    assert commitment.phrase == phrase


@pytest.mark.parametrize(("text", "due", "phrase"), FRENCH)
def test_it_finds_french_promises(text, due, phrase):
    commitment = one(text, "fr")
    assert commitment.due_at == due
    assert commitment.phrase == phrase


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Bel ons gerust als u nog vragen heeft.", "nl"),
        ("Bel ons gerust morgen, dan kijken we mee.", "nl"),
        ("We hebben u vorige week donderdag gebeld.", "nl"),
        ("We hebben u afgelopen vrijdag een mail gestuurd.", "nl"),
        ("U kunt ons maandag tot vrijdag bereiken.", "nl"),
        ("Wat vervelend dat de fles is ontploft.", "nl"),
        ("We sturen u een nieuwe fles.", "nl"),  # a promise, but without a date
        ("We called you last Thursday.", "en"),
        ("Please call us tomorrow if anything changes.", "en"),
        ("We received your parcel on Monday.", "en"),
        ("We spoke two days ago.", "en"),
        ("Feel free to reach us within 5 working days.", "en"),
        ("Nous vous avons appelé jeudi dernier.", "fr"),
        ("Appelez-nous demain.", "fr"),
        ("N'hésitez pas à nous contacter lundi.", "fr"),
        ("We sent the results on 1 November.", "en"),
        ("We will call you on 01-11-2026.", "en"),  # a date already past is no due date
    ],
)
def test_it_ignores_what_is_not_our_promise(text, language):
    assert find_commitments(text, language=language, now=NOW) == []


def test_it_finds_one_promise_per_sentence_with_its_span():
    text = (
        "Beste Sanne,\n\nWat vervelend om te lezen. Wij bellen u donderdag. "
        "De labuitslag verwachten we op 3 december.\n\nMet vriendelijke groet, Eva"
    )
    found = find_commitments(text, language="nl", now=NOW)
    assert [c.sentence(text) for c in found] == [
        "Wij bellen u donderdag.",
        "De labuitslag verwachten we op 3 december.",
    ]
    assert [c.due_at for c in found] == [at(26), at(3, 12)]


def test_working_days_skip_public_holidays():
    wednesday = datetime(2026, 12, 23, 10, 0, tzinfo=AMS)
    # Thursday 24th, then Christmas (Friday 25th) and the weekend are skipped: Monday the 28th.
    assert one("U hoort binnen 2 werkdagen van ons.", "nl", now=wednesday).due_at == at(28, 12)
    # Good Friday (26 March 2027) closes Dutch businesses, not Belgian ones; both have Easter
    # Monday (29 March).
    thursday = datetime(2027, 3, 25, 10, 0, tzinfo=AMS)
    assert one("U hoort binnen 1 werkdag van ons.", "nl", now=thursday).due_at == at(30, 3, 2027)
    assert one("U hoort binnen 1 werkdag van ons.", "nl", now=thursday, country="BE").due_at == at(
        26, 3, 2027
    )


def test_today_is_due_at_the_end_of_the_working_day():
    assert one("We bellen u vandaag nog.", "nl").due_at == at(25, hour=17)
    evening = datetime(2026, 11, 25, 19, 0, tzinfo=AMS)
    assert one("We bellen u vandaag nog.", "nl", now=evening).due_at == evening + timedelta(hours=1)


def test_an_unknown_language_or_empty_text_yields_nothing():
    assert find_commitments("We bellen u donderdag.", language="de", now=NOW) == []
    assert find_commitments("", language="nl", now=NOW) == []


def test_a_regional_language_code_is_accepted():
    assert one("Nous vous rappellerons jeudi.", "fr-BE").due_at == at(26)
