"""Articles the answer-bot tests ask about, published through the real knowledge-base actions."""

from __future__ import annotations

import pytest

from kalm.kb.search import search_index_invalidate
from kalm.kb.tests.conftest import make_published


@pytest.fixture
def articles(db):
    search_index_invalidate()
    made = {
        "return_nl": make_published(
            language="nl",
            title="Een bestelling retourneren",
            summary="Binnen 30 dagen stuurt u uw bestelling gratis terug.",
            keywords="retour, terugsturen, retourzending",
            body="U kunt uw bestelling binnen 30 dagen gratis retourneren. Meld de retourzending "
            "aan via Mijn account en plak het retourlabel op de doos.\n\nHet geld staat binnen "
            "5 werkdagen na ontvangst weer op uw rekening.",
        ),
        "return_en": make_published(
            language="en",
            title="Returning an order",
            summary="You can send your order back free of charge within 30 days.",
            keywords="return, send back, refund",
            body="You can return your order free of charge within 30 days. Register the return "
            "in My account and stick the return label on the box.\n\nThe money is back in your "
            "account within 5 working days after we receive it.",
        ),
        "delivery_nl": make_published(
            language="nl",
            title="Waar blijft mijn pakket?",
            summary="Volg uw pakket met de track-and-tracecode uit de verzendmail.",
            keywords="levering, bezorging, track en trace",
            body="Met de track-and-tracecode in uw verzendbevestiging volgt u uw pakket. Is het "
            "na vijf werkdagen nog niet bezorgd, neem dan contact met ons op.",
        ),
    }
    search_index_invalidate()
    yield made
    search_index_invalidate()
