"""Suggesting expectations from a consumer's words, and comparing a solution with them."""

from __future__ import annotations

import pytest

from kalm.cases.expectations import (
    MET,
    NOT_ADDRESSED,
    PARTLY,
    UNKNOWN,
    case_expectation_suggestions,
    compare_solution,
    find_cues,
    normalise,
    suggest_expectations,
)
from kalm.cases.models import ExpectationOption
from kalm.core.testing import make_case


def _codes(text: str, language: str = "nl", **kwargs) -> list[str]:
    return [s.code for s in suggest_expectations(text, language, **kwargs)]


@pytest.mark.parametrize(
    "text,code",
    [
        ("De fles is ontploft, ik wil mijn geld terug.", "refund"),
        ("Graag een terugbetaling van het aankoopbedrag.", "refund"),
        ("Ik verwacht een schadevergoeding voor mijn jas.", "refund"),
        ("Ik wil graag compensatie.", "refund"),
        ("Kunt u de fles vervangen?", "replacement"),
        ("Ik wil graag een nieuw exemplaar.", "replacement"),
        ("Houd me op de hoogte van het onderzoek.", "informed"),
        ("Ik verwacht op zijn minst excuses.", "apology"),
        ("Ik wil weten waarom dit gebeurt.", "explanation"),
        ("Graag een uitleg over de oorzaak.", "explanation"),
        ("Kunnen jullie het apparaat repareren?", "other"),
    ],
)
def test_it_suggests_each_code_from_dutch(text, code):
    assert code in _codes(text, "nl")


@pytest.mark.parametrize(
    "text,code",
    [
        ("The bottle exploded. I want a refund.", "refund"),
        ("I would like my money back.", "refund"),
        ("I expect compensation for the damage.", "refund"),
        ("Please send me a replacement.", "replacement"),
        ("Can you send me a new one?", "replacement"),
        ("Please keep me informed.", "informed"),
        ("An apology would be the least.", "apology"),
        ("I want an explanation of why this happened.", "explanation"),
        ("Can you repair it?", "other"),
    ],
)
def test_it_suggests_each_code_from_english(text, code):
    assert code in _codes(text, "en")


def test_it_suggests_from_french_too():
    assert _codes("Je veux un remboursement et des excuses.", "fr") == ["refund", "apology"]


def test_it_shows_the_words_it_suggested_from():
    (suggestion,) = suggest_expectations("De fles is ontploft. Ik wil mijn geld terug!", "nl")
    assert suggestion.code == "refund"
    assert suggestion.words == ("mijn geld terug",)
    assert suggestion.quotes == ("Ik wil mijn geld terug",)
    text = "De fles is ontploft. Ik wil mijn geld terug!"
    start, end = suggestion.spans[0]
    assert text[start:end] == "mijn geld terug"


def test_it_suggests_nothing_for_a_plain_report():
    assert _codes("De dop zat los toen ik de fles kocht bij de supermarkt.") == []


def test_a_negated_wish_is_not_suggested():
    assert _codes("Ik wil geen excuses, ik wil een terugbetaling.") == ["refund"]
    assert _codes("I don't need an apology, just a refund.", "en") == ["refund"]


def test_accents_and_mixed_languages_are_understood():
    assert _codes("Ik wil een refund en een verontschuldiging.", "nl") == ["refund", "apology"]
    assert normalise("Désolé") == "desole"
    assert len(normalise("ﬁne Café")) == len("ﬁne Café")  # positions stay valid


def test_it_falls_back_to_the_codes_the_organisation_has():
    text = "Ik wil een vergoeding en dat het gerepareerd wordt."
    assert _codes(text, codes=["refund", "other"]) == ["refund", "other"]
    assert _codes(text, codes=["compensation", "repair", "refund"]) == ["compensation", "repair"]
    assert _codes(text, codes=["apology"]) == []


def test_sorry_in_a_complaint_is_politeness_but_in_a_solution_an_apology():
    assert _codes("Sorry voor de lange mail, maar de fles is kapot.") == []
    assert compare_solution("Sorry voor het ongemak.", ["apology"]).checks[0].status == MET


def test_a_refund_plus_a_voucher_goes_beyond_a_refund():
    comparison = compare_solution(
        "Wij storten het volledige aankoopbedrag terug en u ontvangt daarnaast een waardebon.",
        ["refund"],
    )
    (check,) = comparison.checks
    assert check.status == MET and "aankoopbedrag" in check.words[0]
    assert [o.category for o in comparison.extras] == ["gesture"]
    assert comparison.all_met and comparison.goes_beyond


def test_an_expectation_the_solution_does_not_mention_is_not_addressed():
    comparison = compare_solution(
        "We sturen u een nieuwe fles.", ["replacement", "apology", "explanation"]
    )
    statuses = {c.code: c.status for c in comparison.checks}
    assert statuses == {"replacement": MET, "apology": NOT_ADDRESSED, "explanation": NOT_ADDRESSED}
    assert not comparison.all_met and not comparison.goes_beyond
    assert [c.code for c in comparison.unmet] == ["apology", "explanation"]


def test_a_voucher_only_partly_meets_money_back():
    comparison = compare_solution("Een tegoedbon van 2 euro.", ["refund"])
    assert comparison.checks[0].status == PARTLY
    assert not comparison.extras


def test_a_declined_offer_does_not_count():
    comparison = compare_solution(
        "We will refund the full price. A replacement is not possible.",
        ["refund", "replacement"],
        "en",
    )
    statuses = {c.code: c.status for c in comparison.checks}
    assert statuses == {"refund": MET, "replacement": NOT_ADDRESSED}
    assert [o.category for o in comparison.declined] == ["replacement"]
    dutch = compare_solution("Wij vergoeden de fles helaas niet. Onze excuses.", ["refund"])
    assert dutch.checks[0].status == NOT_ADDRESSED


def test_other_is_checked_by_its_own_words_or_left_to_the_agent():
    repaired = compare_solution("We repareren het apparaat.", ["other"], other="Reparatie graag")
    assert repaired.checks[0].status == MET and repaired.checks[0].label == "Reparatie graag"
    vague = compare_solution("We repareren het apparaat.", ["other"], other="Iets leuks")
    assert vague.checks[0].status == UNKNOWN


def test_it_compares_option_rows_with_their_labels(db, english):
    options = list(ExpectationOption.objects.filter(code__in=["refund", "apology"]))
    comparison = compare_solution("Our apologies.", options, "en")
    labels = {c.code: str(c.label) for c in comparison.checks}
    assert labels == {"refund": "A refund or compensation", "apology": "An apology"}


def test_cues_keep_their_positions_in_the_original_text():
    text = "Wij betalen u het bedrag terug."
    (match,) = find_cues(text, "nl", side="solution")
    assert match.category == "refund" and text[match.start : match.end] == match.text


def test_a_case_is_suggested_from_its_first_message_and_active_options(db):
    case = make_case(body="Ik wil mijn geld terug en excuses.")
    assert [s.code for s in case_expectation_suggestions(case)] == ["refund", "apology"]
    ExpectationOption.objects.filter(code="apology").update(active=False)
    assert [s.code for s in case_expectation_suggestions(case)] == ["refund"]
