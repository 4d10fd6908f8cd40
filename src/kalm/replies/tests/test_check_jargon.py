from __future__ import annotations

from kalm.core.testing import TeamFactory, make_case
from kalm.replies.tests.conftest import result


def test_it_flags_dutch_internal_words_with_plain_alternatives(chat_case):
    draft = "Uw ticket is geëscaleerd naar de backoffice; binnen de SLA hoort u van ons."
    check = result(chat_case, draft, "jargon")
    assert not check.passed
    assert [(d.text, d.note) for d in check.details] == [
        ("ticket", "uw melding"),
        ("geëscaleerd", "doorgezet naar een specialist"),
        ("backoffice", "onze specialisten"),
        ("SLA", "onze reactietermijn"),
    ]
    assert all(draft[d.start : d.end] == d.text for d in check.details)


def test_it_flags_english_internal_words(english_case):
    check = result(english_case, "Your RMA went to tier 2 and L2 will call.", "jargon")
    assert [d.text for d in check.details] == ["RMA", "tier 2", "L2"]
    assert check.details[0].note == "return form"


def test_an_explained_word_is_fine(chat_case):
    assert result(chat_case, "Vul het RMA (retourformulier) in.", "jargon").passed
    assert result(chat_case, "Vul het retourformulier (RMA) in.", "jargon").passed


def test_lettuce_is_not_a_service_level(chat_case):
    assert result(chat_case, "Er zat geen sla in de verpakking.", "jargon").passed


def test_status_codes_are_jargon_but_addresses_are_not(chat_case):
    check = result(chat_case, "Uw melding staat op waiting_us.", "jargon")
    assert [d.text for d in check.details] == ["waiting_us"]
    assert result(chat_case, "Mail naar klant_service@example.nl.", "jargon").passed


def test_it_flags_code_like_team_slugs(chat_case):
    TeamFactory(name="Kwaliteit", slug="team-kwaliteit")
    check = result(chat_case, "Ik heb het doorgezet naar team-kwaliteit.", "jargon")
    assert [(d.text, d.note) for d in check.details] == [("team-kwaliteit", "Kwaliteit")]


def test_it_flags_another_consumers_case_reference_but_not_its_own(chat_case):
    other = make_case(name="Piet Jansen", email="piet@example.nl")
    own = result(chat_case, f"Uw referentie is {chat_case.reference}.", "jargon")
    assert own.passed
    check = result(chat_case, f"Zie ook {other.reference} voor de details.", "jargon")
    assert not check.passed
    assert check.details[0].text == other.reference
    assert "K-2026-000123" in [
        d.text for d in result(chat_case, "Zie K-2026-000123.", "jargon").details
    ]


def test_the_consumers_own_other_case_is_fine_when_explained(chat_case):
    earlier = make_case(name="Sanne de Vries", email="", phone="+31612345678", subject="Eerder")
    assert earlier.consumer_id == chat_case.consumer_id
    assert not result(chat_case, f"Zie {earlier.reference}.", "jargon").passed
    explained = f"Zie {earlier.reference} (uw melding over de dop van vorige maand)."
    assert result(chat_case, explained, "jargon").passed


def test_a_plain_reply_passes(english_case):
    assert result(english_case, "I have passed your report to a specialist.", "jargon").passed
