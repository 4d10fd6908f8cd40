"""A case's topic: a knowledge-base category, recognised at intake by the answer bot's matcher
(case_topic_detect, queued on commit by case_open) or set by an agent (case_set_topic), with a
dossier entry each time. The matcher never overrides an agent."""

from __future__ import annotations

import pytest

from kalm.cases.actions import CaseActionError, case_open, case_set_topic, case_topic_detect
from kalm.cases.models import Case, Channel, TopicSource
from kalm.cases.tasks import detect_case_topic
from kalm.core.testing import make_case
from kalm.dossier.models import ActorType, DossierEntry, EntryKind
from kalm.dossier.selectors import dossier_verify_all
from kalm.drills.models import Drill
from kalm.kb.bot import DEFAULT_MODE, UNSURE_BELOW
from kalm.kb.models import Category
from kalm.kb.search import search_index_invalidate
from kalm.kb.tests.conftest import CategoryFactory, make_published

DELIVERY_SUBJECT = "Mijn pakket is niet bezorgd"
DELIVERY_BODY = (
    "Ik heb vorige week een bestelling geplaatst maar het pakket is nog steeds niet bezorgd. "
    "De track-and-tracecode doet niets. Waar blijft mijn pakket?"
)


@pytest.fixture
def topics(db):
    """Two categories, each with a published article in Dutch and English."""
    search_index_invalidate()
    delivery = CategoryFactory(slug="bezorgen", name_nl="Bezorging", name_en="Delivery")
    returns = CategoryFactory(slug="retour", name_nl="Retourneren", name_en="Returns")
    articles = {
        "delivery_nl": make_published(
            category=delivery,
            title="Waar blijft mijn pakket?",
            summary="Volg uw pakket met de track-and-tracecode uit de verzendmail.",
            keywords="levering, bezorging, track en trace, pakket",
            body="Met de track-and-tracecode in uw verzendbevestiging volgt u uw pakket. Is het "
            "na vijf werkdagen nog niet bezorgd, neem dan contact met ons op.",
        ),
        "delivery_en": make_published(
            category=delivery,
            language="en",
            title="Where is my parcel?",
            summary="Follow your parcel with the track and trace code from the shipping email.",
            keywords="delivery, parcel, track and trace",
            body="Use the track and trace code in your shipping confirmation to follow your "
            "parcel. Not delivered after five working days? Contact us.",
        ),
        "returns_nl": make_published(
            category=returns,
            title="Een bestelling retourneren",
            summary="Binnen 30 dagen stuurt u uw bestelling gratis terug.",
            keywords="retour, terugsturen, retourzending, geld terug",
            body="U kunt uw bestelling binnen 30 dagen gratis retourneren. Meld de retourzending "
            "aan via Mijn account en plak het retourlabel op de doos.\n\nHet geld staat binnen "
            "5 werkdagen na ontvangst weer op uw rekening.",
        ),
    }
    search_index_invalidate()
    yield {"delivery": delivery, "returns": returns, **articles}
    search_index_invalidate()


def topic_entries(case: Case) -> list[DossierEntry]:
    return list(case.dossier.filter(kind=EntryKind.TOPIC).order_by("seq"))


# --- Recognised at intake -------------------------------------------------------------------


def test_it_takes_the_category_of_the_article_the_bot_would_answer_with(topics):
    case = make_case(subject=DELIVERY_SUBJECT, body=DELIVERY_BODY)
    case_topic_detect(case=case)
    case.refresh_from_db()
    assert (case.topic, case.topic_source) == (topics["delivery"], TopicSource.AUTO)
    [entry] = topic_entries(case)
    assert entry.actor_type == ActorType.SYSTEM and entry.actor is None and not entry.public
    assert entry.payload["to"] == "bezorgen" and entry.payload["from"] is None
    assert entry.payload["source"] == "auto"
    assert entry.payload["article_id"] == topics["delivery_nl"].pk
    # As sure as the bot must be to answer (floats are kept as text in the hash chain).
    assert UNSURE_BELOW[DEFAULT_MODE] <= float(entry.payload["confidence"]) <= 1
    assert all(problem is None for _case, problem in dossier_verify_all())


def test_it_reads_the_case_in_its_own_language(topics):
    case = make_case(
        subject="Parcel not delivered",
        body="My parcel still has not been delivered and the tracking code shows nothing.",
        language="en",
    )
    case_topic_detect(case=case)
    case.refresh_from_db()
    assert case.topic == topics["delivery"]
    assert topic_entries(case)[0].payload["article_id"] == topics["delivery_en"].pk


def test_it_leaves_the_topic_empty_when_the_bot_is_not_sure(topics):
    case = make_case(subject="Vraagje", body="Wat is het weer morgen in Utrecht?")
    case_topic_detect(case=case)
    case.refresh_from_db()
    assert (case.topic, case.topic_source) == (None, "")
    assert topic_entries(case) == []


def test_without_a_knowledge_base_nothing_is_set(db):
    search_index_invalidate()
    case = make_case(subject=DELIVERY_SUBJECT, body=DELIVERY_BODY)
    case_topic_detect(case=case)
    case.refresh_from_db()
    assert case.topic is None and topic_entries(case) == []


def test_a_second_run_changes_nothing(topics):
    case = make_case(subject=DELIVERY_SUBJECT, body=DELIVERY_BODY)
    case_topic_detect(case=case)
    case_topic_detect(case=case)
    assert len(topic_entries(case)) == 1


def test_it_never_overwrites_an_agents_topic(topics, agent):
    case = make_case(subject=DELIVERY_SUBJECT, body=DELIVERY_BODY)
    case_set_topic(case=case, actor=agent, topic=topics["returns"])
    case_topic_detect(case=Case.objects.get(pk=case.pk))
    case.refresh_from_db()
    assert (case.topic, case.topic_source) == (topics["returns"], TopicSource.AGENT)
    # Nor their "no topic".
    other = make_case(subject=DELIVERY_SUBJECT, body=DELIVERY_BODY, email="piet@example.nl")
    case_set_topic(case=other, actor=agent, topic=None)
    case_topic_detect(case=Case.objects.get(pk=other.pk))
    other.refresh_from_db()
    assert (other.topic, other.topic_source) == (None, TopicSource.AGENT)


def test_an_agent_who_chose_while_the_matcher_ran_wins(topics, agent, monkeypatch):
    from kalm.kb import bot

    case = make_case(subject=DELIVERY_SUBJECT, body=DELIVERY_BODY)
    match = bot.best_article

    def slow_match(text: str, **kwargs):
        # The agent saves a topic while the job is still matching.
        case_set_topic(case=Case.objects.get(pk=case.pk), actor=agent, topic=topics["returns"])
        return match(text, **kwargs)

    monkeypatch.setattr(bot, "best_article", slow_match)
    case_topic_detect(case=case)
    case.refresh_from_db()
    assert case.topic == topics["returns"]
    assert [e.payload["source"] for e in topic_entries(case)] == ["agent"]


def test_case_open_queues_it_after_commit(topics, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = case_open(
            name="Sanne de Vries",
            email="sanne@example.nl",
            subject=DELIVERY_SUBJECT,
            body=DELIVERY_BODY,
            channel=Channel.EMAIL,
        )
        assert Case.objects.get(pk=case.pk).topic_id is None  # nothing before the commit
    assert Case.objects.get(pk=case.pk).topic == topics["delivery"]


def test_a_phone_intake_is_read_from_the_agents_notes(topics, agent):
    case = make_case(
        phone="0612345678",
        email="",
        channel=Channel.PHONE,
        opened_by=agent,
        subject="Telefoontje",
        body=f"Consument belt: {DELIVERY_BODY}",
    )
    case_topic_detect(case=case)
    case.refresh_from_db()
    assert case.topic == topics["delivery"]


def test_a_drill_case_gets_a_topic_like_a_real_one(topics, team_lead):
    drill = Drill.objects.create(scenario="bottles", title="Oefening", started_by=team_lead)
    case = make_case(
        name="Oefen Klant",
        email=f"klant@drill-{drill.pk}.invalid",
        subject=DELIVERY_SUBJECT,
        body=DELIVERY_BODY,
    )
    assert case.drill_id == drill.pk
    case_topic_detect(case=case)
    case.refresh_from_db()
    assert case.topic == topics["delivery"]


def test_the_job_skips_a_case_that_is_gone(db):
    assert detect_case_topic.call_local(0) is None


# --- Set by an agent ------------------------------------------------------------------------


def test_an_agent_sets_changes_and_clears_the_topic(topics, agent, english):
    case = make_case()
    case_set_topic(case=case, actor=agent, topic=topics["delivery"])
    case_set_topic(case=case, actor=agent, topic=topics["returns"])
    case_set_topic(case=case, actor=agent, topic=None)
    case.refresh_from_db()
    assert (case.topic, case.topic_source) == (None, TopicSource.AGENT)
    entries = topic_entries(case)
    assert [(e.payload["from"], e.payload["to"]) for e in entries] == [
        (None, "bezorgen"),
        ("bezorgen", "retour"),
        ("retour", None),
    ]
    assert [e.summary for e in entries] == [
        "Topic: no topic → Delivery",
        "Topic: Delivery → Returns",
        "Topic: Returns → no topic",
    ]
    assert all(e.actor == agent and e.payload["source"] == "agent" for e in entries)


def test_an_agent_confirming_the_recognised_topic_makes_it_theirs(topics, agent):
    case = make_case(subject=DELIVERY_SUBJECT, body=DELIVERY_BODY)
    case_topic_detect(case=case)
    case_set_topic(case=case, actor=agent, topic=topics["delivery"])
    case.refresh_from_db()
    assert case.topic_source == TopicSource.AGENT
    assert [e.payload["source"] for e in topic_entries(case)] == ["auto", "agent"]
    # Saving the same choice again adds nothing to the dossier.
    case_set_topic(case=case, actor=agent, topic=topics["delivery"])
    assert len(topic_entries(case)) == 2


def test_only_a_category_is_a_topic(db, agent):
    case = make_case()
    with pytest.raises(CaseActionError):
        case_set_topic(case=case, actor=agent, topic="bezorgen")
    assert topic_entries(case) == []


def test_a_deleted_category_leaves_the_case_without_a_topic(topics, agent):
    case = make_case()
    lonely = CategoryFactory(slug="weg")
    case_set_topic(case=case, actor=agent, topic=lonely)
    Category.objects.filter(pk=lonely.pk).delete()
    case.refresh_from_db()
    assert case.topic is None
