"""Grouping questions into gaps (kalm.assistant.gaps): the labelled set the threshold was chosen
on, the counters, recording a turn twice, and the candidates' bound."""

from __future__ import annotations

from collections import Counter

import pytest

from kalm.assistant import gaps
from kalm.assistant.gap_actions import gap_dismiss
from kalm.assistant.models import Gap, Turn
from kalm.assistant.tests.conftest import make_turn
from kalm.kb.tests.conftest import make_published

pytestmark = pytest.mark.django_db

# (true group, language, question): 38 questions in 12 groups, written as visitors type them,
# with look-alikes across groups (cancel an order / cancel a return, peanut butter vegan /
# peanut butter gluten) and Dutch compounds against their parts (retourzending / retour).
LABELLED = [
    ("retour-annuleren", "nl", "Kan ik mijn retourzending annuleren?"),
    ("pakket-waar", "nl", "Waar blijft mijn pakket?"),
    ("retour-annuleren", "nl", "retour annuleren hoe"),
    ("gluten-nl", "nl", "Zit er gluten in de pindakaas?"),
    ("kortingscode", "nl", "Mijn kortingscode werkt niet"),
    ("pakket-waar", "nl", "mijn pakket is nog steeds niet bezorgd"),
    ("wachtwoord", "nl", "ik ben mijn wachtwoord vergeten"),
    ("retour-annuleren", "nl", "Ik wil mijn retour annuleren"),
    ("factuur", "nl", "Kan ik een factuur met btw krijgen?"),
    ("gluten-nl", "nl", "is de pindakaas glutenvrij"),
    ("kortingscode", "nl", "kortingscode ongeldig bij het afrekenen"),
    ("pakket-waar", "nl", "pakket niet ontvangen"),
    ("wachtwoord", "nl", "wachtwoord resetten lukt niet"),
    ("factuur", "nl", "waar vind ik mijn factuur"),
    ("gluten-nl", "nl", "bevat jullie pindakaas gluten"),
    ("kortingscode", "nl", "de code voor korting wordt niet geaccepteerd"),
    ("retour-annuleren", "nl", "retourzending intrekken of annuleren"),
    ("pakket-waar", "nl", "wanneer wordt mijn pakket bezorgd"),
    ("wachtwoord", "nl", "hoe stel ik een nieuw wachtwoord in"),
    ("factuur", "nl", "factuur downloaden"),
    ("cancel-return", "en", "How do I cancel my return?"),
    ("vegan", "en", "Is the peanut butter vegan?"),
    ("gluten-en", "en", "Does the peanut butter contain gluten?"),
    ("abroad", "en", "Do you ship to Belgium?"),
    ("cancel-return", "en", "cancel a return request"),
    ("vegan", "en", "which products are vegan"),
    ("gluten-en", "en", "is the peanut butter gluten free"),
    ("abroad", "en", "delivery to Belgium possible?"),
    ("cancel-return", "en", "I want to cancel the return I started"),
    ("vegan", "en", "vegan options"),
    ("gluten-en", "en", "gluten free products"),
    ("abroad", "en", "can you ship my order to Germany or Belgium"),
    ("bestelling-annuleren", "nl", "kan ik mijn bestelling annuleren"),
    ("cancel-order", "en", "how do I cancel my order"),
    ("bestelling-annuleren", "nl", "bestelling annuleren"),
    ("cancel-order", "en", "cancel order"),
    ("bestelling-annuleren", "nl", "ik wil mijn bestelling nog wijzigen of annuleren"),
    ("cancel-order", "en", "can I still cancel an order I placed"),
]
TRUE_GROUPS = len({label for label, _language, _question in LABELLED})

# Harder questions, added to the labelled set for the test below: paraphrases that share no stem
# ("cadeaubonnen" / "waardebonnen" / "tegoedbon", "opening hours" / "when is customer service
# open") and look-alikes that share most of their words (buying a gift card / redeeming one). 20
# questions in 6 more groups, written before anything was measured on them.
PARAPHRASES = [
    ("cadeaubon-kopen", "nl", "Verkopen jullie cadeaubonnen?"),
    ("opening-hours", "en", "when is customer service open"),
    ("levering-buitenland", "nl", "Leveren jullie ook in Duitsland?"),
    ("gift-card-redeem", "en", "how do I redeem a gift card"),
    ("cadeaubon-inwisselen", "nl", "hoe wissel ik mijn cadeaubon in"),
    ("gift-card-buy", "en", "Do you sell gift cards?"),
    ("cadeaubon-kopen", "nl", "Waar koop ik een cadeaubon van Polderhof"),
    ("levering-buitenland", "nl", "verzenden jullie naar het buitenland"),
    ("opening-hours", "en", "what are your opening hours"),
    ("cadeaubon-inwisselen", "nl", "waar vul ik de code van mijn waardebon in"),
    ("gift-card-buy", "en", "where can I buy a gift voucher"),
    ("cadeaubon-kopen", "nl", "verkopen jullie ook waardebonnen"),
    ("gift-card-redeem", "en", "my voucher code is not accepted at checkout"),
    ("levering-buitenland", "nl", "Leveren jullie ook naar Duitsland of Frankrijk?"),
    ("opening-hours", "en", "can I call you on Saturday"),
    ("cadeaubon-inwisselen", "nl", "cadeaubon gebruiken bij het afrekenen"),
    ("gift-card-buy", "en", "can I give someone store credit as a present"),
    ("cadeaubon-kopen", "nl", "kan ik een tegoedbon als cadeau geven"),
    ("levering-buitenland", "nl", "kan ik vanuit België bestellen"),
    ("gift-card-redeem", "en", "use my gift voucher for an order"),
]


def _group(items: list[tuple[str, str, str]]) -> dict[int, list[str]]:
    """Record every question as unanswered; the true labels of each resulting gap."""
    by_gap: dict[int, list[str]] = {}
    for label, language, question in items:
        gap = gaps.gap_record(turn=make_turn(question, language=language), reason="unanswered")
        by_gap.setdefault(gap.pk, []).append(label)
    return by_gap


def _measure(items: list[tuple[str, str, str]]) -> tuple[float, float, int]:
    """Purity, completeness and the number of gaps after recording ``items`` in this order."""
    by_gap = _group(items)
    assert Gap.objects.count() == len(by_gap)
    return _purity(by_gap), _completeness(by_gap, len(items)), len(by_gap)


def _purity(by_gap: dict[int, list[str]]) -> float:
    """The share of questions in a gap whose majority is their own group."""
    total = sum(len(labels) for labels in by_gap.values())
    return sum(Counter(labels).most_common(1)[0][1] for labels in by_gap.values()) / total


def _completeness(by_gap: dict[int, list[str]], total: int) -> float:
    """The share of questions in the gap that holds most of their group (inverse purity)."""
    where: dict[str, Counter] = {}
    for gap_id, labels in by_gap.items():
        for label in labels:
            where.setdefault(label, Counter())[gap_id] += 1
    return sum(c.most_common(1)[0][1] for c in where.values()) / total


@pytest.mark.parametrize("order", ["as asked", "reversed"])
def test_the_labelled_questions_group_by_what_they_ask(order):
    items = LABELLED if order == "as asked" else LABELLED[::-1]
    by_gap = _group(items)
    purity, completeness = _purity(by_gap), _completeness(by_gap, len(items))
    # Purity first (a mixed gap hides a problem); fewer gaps than questions by a good margin.
    assert purity >= 0.95, (purity, by_gap)
    assert completeness >= 0.65, (completeness, by_gap)
    assert TRUE_GROUPS <= len(by_gap) <= len(LABELLED) * 2 // 3, by_gap
    assert Gap.objects.count() == len(by_gap)


@pytest.mark.parametrize("order", ["as asked", "reversed"])
def test_the_harder_questions_keep_their_measured_figures(order):
    """Where grouping by words falls short, measured, so a change that makes it worse fails.

    Lexical (JOIN_AT 0.5), as asked and reversed: 0.948 / 0.569 / 40 and 0.966 / 0.586 / 40 gaps
    for 18 true groups. The paraphrases without a shared stem stay apart, and buying and
    redeeming a gift card meet ("gift card" is two words of three).

    Sentence embeddings (kalm.empathy.features.embed, cosine between a question and a gap's title,
    and its three latest questions) were tried on this set and on LABELLED and not adopted: the
    encoder places look-alikes closer than paraphrases ("verkopen jullie cadeaubonnen?" is 0.59
    from "hoe wissel ik mijn cadeaubon in" and 0.33 from "waar koop ik een cadeaubon"; "cancel my
    order" / "cancel my return" 0.64; peanut butter vegan / gluten 0.74), so every setting that
    joined more paraphrases mixed more problems. On LABELLED + PARAPHRASES, as asked | reversed:
    max(lexical, cosine to the title) joining above 0.75: 0.948/0.586/39 | 0.966/0.603/39; above
    0.60: 0.862/0.707/30 | 0.948/0.724/31; with the three latest questions above 0.70:
    0.879/0.655/33 | 0.879/0.655/33; 0.3 lexical + 0.7 cosine above 0.60: 0.948/0.603/38 |
    0.966/0.603/39; lexical above 0.4 together with cosine above 0.5: 0.845/0.655/32 |
    0.966/0.655/36. None kept purity at 0.95 with clearly more completeness."""
    items = LABELLED + PARAPHRASES
    items = items if order == "as asked" else items[::-1]
    purity, completeness, count = _measure(items)
    assert purity >= 0.94, purity
    assert completeness >= 0.55, completeness
    assert count <= 42, count


def test_a_compound_and_its_parts_meet_and_a_look_alike_stays_apart():
    first = gaps.gap_record(
        turn=make_turn("Kan ik mijn retourzending annuleren?"), reason="unanswered"
    )
    second = gaps.gap_record(turn=make_turn("retour annuleren hoe"), reason="unanswered")
    other = gaps.gap_record(turn=make_turn("bestelling annuleren"), reason="unanswered")
    assert second.pk == first.pk
    assert other.pk != first.pk
    gap = Gap.objects.get(pk=first.pk)
    assert gap.title == "Kan ik mijn retourzending annuleren?"
    assert gap.question_count == 2
    assert gap.terms["annuler"] == 2 and gap.terms["retour"] == 1


def test_languages_never_share_a_gap():
    nl = gaps.gap_record(turn=make_turn("gluten", language="nl"), reason="unanswered")
    en = gaps.gap_record(turn=make_turn("gluten", language="en"), reason="unanswered")
    assert nl.pk != en.pk
    assert (nl.language, en.language) == ("nl", "en")


def test_recording_a_turn_twice_counts_it_once_and_a_second_reason_once(category):
    article = make_published(category=category, title="Retourneren")
    unsure = make_turn("Kan ik mijn retour annuleren?")
    gap = gaps.gap_record(turn=unsure, reason="unanswered")
    again = gaps.gap_record(turn=unsure, reason="unanswered")
    assert again.pk == gap.pk
    gap.refresh_from_db()
    assert (gap.question_count, gap.unanswered_count, gap.unhelpful_count) == (1, 1, 0)
    assert gap.terms == {"retour": 1, "annuler": 1}

    # The visitor then says the bot's reply did not help: unhelpful too, still one question.
    Turn.objects.filter(pk=unsure.pk).update(helpful=False)
    gaps.gap_record(turn=unsure, reason="unhelpful")
    gaps.gap_record(turn=unsure, reason="unhelpful")
    gap.refresh_from_db()
    assert (gap.question_count, gap.unanswered_count, gap.unhelpful_count) == (1, 1, 1)
    assert gap.terms == {"retour": 1, "annuler": 1}

    # An answered question the visitor found unhelpful counts only as unhelpful.
    answered = make_turn("retour annuleren", kind=Turn.Kind.ARTICLE, article=article, helpful=False)
    assert gaps.gap_record(turn=answered, reason="unhelpful").pk == gap.pk
    gap.refresh_from_db()
    assert (gap.question_count, gap.unanswered_count, gap.unhelpful_count) == (2, 1, 2)
    assert gap.terms == {"retour": 2, "annuler": 2}
    assert set(gap.turns.values_list("pk", flat=True)) == {unsure.pk, answered.pk}


def test_a_reason_the_turn_does_not_bear_out_is_refused(category):
    article = make_published(category=category)
    answered = make_turn("retour", kind=Turn.Kind.ARTICLE, article=article)
    with pytest.raises(gaps.GapRecordError):
        gaps.gap_record(turn=answered, reason="unanswered")
    with pytest.raises(gaps.GapRecordError):
        gaps.gap_record(turn=answered, reason="unhelpful")  # no feedback saved yet
    with pytest.raises(gaps.GapRecordError):
        gaps.gap_record(turn=make_turn("retour"), reason="boring")
    assert not Gap.objects.exists()


def test_questions_where_the_same_article_failed_group_more_easily(category):
    article = make_published(category=category, title="Bezorging")
    first = make_turn(
        "wanneer komt de bezorger", kind=Turn.Kind.ARTICLE, article=article, helpful=False
    )
    gap = gaps.gap_record(turn=first, reason="unhelpful")
    # Shares one of three words: below the threshold on its own ...
    terms = gaps.question_terms("bezorger belt niet aan", "nl")
    assert gaps.similarity(terms, gap.terms, gap.question_count, "nl") < gaps.JOIN_AT
    assert gaps.best_gap(terms, "nl") is None
    assert gaps.best_gap(terms, "nl", failed_article_id=article.pk + 1) is None
    # ... but after the same article failed, the question joins the article's gap.
    failed = make_turn(
        "bezorger belt niet aan", kind=Turn.Kind.ARTICLE, article=article, helpful=False
    )
    assert gaps.gap_record(turn=failed, reason="unhelpful").pk == gap.pk
    # An unsure turn with no article to share does not.
    unsure = make_turn("bezorger staat niet voor de deur")
    assert gaps.gap_record(turn=unsure, reason="unanswered").pk != gap.pk


def test_closed_gaps_are_not_joined(agent):
    gap = gaps.gap_record(turn=make_turn("pakket niet ontvangen"), reason="unanswered")
    gap_dismiss(gap=gap, actor=agent)
    again = gaps.gap_record(turn=make_turn("pakket niet ontvangen"), reason="unanswered")
    assert again.pk != gap.pk and again.status == Gap.Status.OPEN


def test_a_long_question_is_trimmed_for_the_title():
    question = "retour " * 100
    gap = gaps.gap_record(turn=make_turn(question), reason="unanswered")
    assert len(gap.title) == 300 and gap.title.endswith("…")


def test_a_question_without_terms_starts_its_own_gap():
    gap = gaps.gap_record(turn=make_turn("en de het?"), reason="unanswered")
    assert gap.terms == {} and gap.question_count == 1


def test_recording_reads_a_bounded_number_of_gaps(django_assert_max_num_queries):
    """Many open gaps sharing a word: one candidate query, at most MAX_CANDIDATES scored."""
    Gap.objects.bulk_create(
        Gap(
            language="nl",
            title=f"pakket {n}",
            terms={"pakket": 1, f"woord{n}": 1},
            question_count=1,
        )
        for n in range(gaps.MAX_CANDIDATES + 50)
    )
    turn = make_turn("pakket kwijt")
    with django_assert_max_num_queries(10):
        gap = gaps.gap_record(turn=turn, reason="unanswered")
    assert gap.question_count == 1


@pytest.fixture
def category(db):
    from kalm.kb.tests.conftest import CategoryFactory

    return CategoryFactory(slug="bestellen")


def test_a_gap_closed_or_merged_meanwhile_is_not_joined(agent, monkeypatch):
    first = gaps.gap_record(turn=make_turn("mijn pakket is niet ontvangen"), reason="unanswered")
    found = gaps.best_gap(gaps.question_terms("pakket niet ontvangen", "nl"), "nl")
    assert found is not None and found.gap == first
    # The team dismisses the gap between the look-up and the lock.
    gap_dismiss(gap=first, actor=agent)
    monkeypatch.setattr(gaps, "best_gap", lambda *args, **kwargs: found)
    second = gaps.gap_record(turn=make_turn("pakket niet ontvangen"), reason="unanswered")
    assert second != first and second.status == Gap.Status.OPEN
    # Deleted (merged away) meanwhile: a new gap too, not an error.
    Gap.objects.filter(pk=second.pk).delete()
    monkeypatch.setattr(gaps, "best_gap", lambda *args, **kwargs: type(found)(gap=second, score=1))
    third = gaps.gap_record(turn=make_turn("pakket nog niet ontvangen"), reason="unanswered")
    assert third.pk not in (first.pk, second.pk)
