import pytest
from django.utils import translation

from kalm.dossier.actions import item_register
from kalm.dossier.models import DossierEntry, EntryKind
from kalm.dossier.receipts import receipt_pdf
from kalm.dossier.tests.helpers import flat, pdf_text


@pytest.fixture
def item(case, agent):
    return item_register(
        case=case,
        agent=agent,
        description="Fles “Kalm Cola” 1,5 L → gebarsten, prijs €2,49 🍾",
        collected_where="Winkel Albert Heijn, Utrecht",
        condition="Dop ontbreekt",
    )


def test_it_shows_what_the_consumer_needs(item, case, settings):
    settings.KALM_ORGANISATION_NAME = "Kalm Dranken B.V."
    text = flat(pdf_text(receipt_pdf(item)))
    assert "Kalm Dranken B.V." in text
    assert item.receipt_number in text
    assert case.reference in text
    assert "Sanne de Vries" in text
    assert "Fles “Kalm Cola” 1,5 L → gebarsten, prijs €2,49" in text
    assert "Dop ontbreekt" in text
    assert "Winkel Albert Heijn, Utrecht" in text
    assert "Eva" in text


def test_it_never_shows_the_agents_real_name(item):
    text = pdf_text(receipt_pdf(item))
    assert "Evelien" not in text
    assert "Jansen" not in text
    assert "agent" not in text.lower().split()


def test_it_prints_the_hash_of_the_entry_that_recorded_the_item(item, case):
    entry = DossierEntry.objects.get(case=case, kind=EntryKind.ITEM_COLLECTED)
    text = flat(pdf_text(receipt_pdf(item)))
    assert entry.hash in text.replace(" ", "")
    assert f"#{entry.seq}" in text


def test_it_has_signature_lines_for_both_sides(item):
    text = flat(pdf_text(receipt_pdf(item)))
    assert text.count("Signature") == 2 or text.count("Handtekening") == 2


def test_it_is_identical_for_identical_data(item):
    assert receipt_pdf(item) == receipt_pdf(item)


def test_it_uses_the_language_of_the_case_not_of_the_agent(item, case):
    item.case.language = "en"
    with translation.override("nl"):
        text = pdf_text(receipt_pdf(item))
        assert translation.get_language() == "nl"
    assert "Receipt number" in text
    assert "Page 1 of 1" in text


def test_it_replaces_characters_the_font_cannot_draw(item):
    text = pdf_text(receipt_pdf(item))
    assert "🍾" not in text
    assert "□" in text
