from __future__ import annotations

from kalm.replies.tests.conftest import result


def test_it_finds_dutch_blaming_phrases_with_their_offsets(chat_case):
    draft = (
        "Zoals al eerder vermeld kunt u het product niet terugsturen. "
        "Dat is niet onze schuld: u had de verpakking beter moeten lezen."
    )
    check = result(chat_case, draft, "blame")
    assert not check.passed
    found = [(d.text, draft[d.start : d.end]) for d in check.details]
    assert [text for text, _ in found] == [
        "Zoals al eerder vermeld",
        "Dat is niet onze schuld",
        "u had de verpakking beter moeten",
    ]
    assert all(text == sliced for text, sliced in found)
    assert "Om het nog even op een rij te zetten" in check.suggestion


def test_it_finds_english_defensive_phrases(english_case):
    draft = "As previously stated, this is company policy. Unfortunately we cannot help."
    check = result(english_case, draft, "blame")
    assert not check.passed
    assert [d.text for d in check.details] == [
        "As previously stated",
        "company policy",
        "Unfortunately we cannot",
    ]
    assert all(d.note for d in check.details)  # each with a kinder alternative


def test_it_finds_french_ones_too(english_case):
    check = result(english_case, "Ce n'est pas notre faute, calmez-vous.", "blame")
    assert [d.text for d in check.details] == ["Ce n'est pas notre faute", "calmez-vous"]


def test_it_passes_a_kind_reply(chat_case, english_case):
    assert result(
        chat_case, "Wat ik wél voor u kan doen, is een nieuwe fles sturen.", "blame"
    ).passed
    assert result(english_case, "What I can do is send you a new jar.", "blame").passed


def test_helaas_kunnen_wij_niets_is_defensive(chat_case):
    check = result(chat_case, "Helaas kunnen wij niets voor u doen.", "blame")
    assert not check.passed
    assert "wél" in check.details[0].note
