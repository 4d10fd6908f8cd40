"""The intake job that analyses a batch of waiting messages also reads the topics of the cases
those messages opened (case_topics_detect), so the jobs of those cases find both done: the same
topics and dossier entries as one job per case, the matcher run once per case."""

from __future__ import annotations

import pytest

from kalm.cases.actions import (
    _topic_text,
    _topic_text_of,
    case_set_topic,
    case_topics_detect,
    message_receive,
)
from kalm.cases.models import Case, Message, TopicSource
from kalm.cases.tasks import read_new_case
from kalm.cases.tests.test_topic import DELIVERY_BODY, DELIVERY_SUBJECT, topic_entries
from kalm.core.testing import make_case
from kalm.empathy.tasks import analyse_message
from kalm.kb import bot
from kalm.kb.search import search_index_invalidate
from kalm.kb.tests.conftest import CategoryFactory, make_published

UNRELATED = ("Vraag", "Wat vinden jullie van het weer vandaag? Ik ben benieuwd.")


@pytest.fixture
def topics(db):
    """A delivery and a returns category, each with a published Dutch article."""
    search_index_invalidate()
    delivery = CategoryFactory(slug="bezorgen", name_nl="Bezorging", name_en="Delivery")
    returns = CategoryFactory(slug="retour", name_nl="Retourneren", name_en="Returns")
    make_published(
        category=delivery,
        title="Waar blijft mijn pakket?",
        summary="Volg uw pakket met de track-and-tracecode uit de verzendmail.",
        keywords="levering, bezorging, track en trace, pakket",
        body="Met de track-and-tracecode in uw verzendbevestiging volgt u uw pakket. Is het na "
        "vijf werkdagen nog niet bezorgd, neem dan contact met ons op.",
    )
    make_published(
        category=returns,
        title="Een bestelling retourneren",
        summary="Binnen 30 dagen stuurt u uw bestelling gratis terug.",
        keywords="retour, terugsturen, retourzending, geld terug",
        body="U kunt uw bestelling binnen 30 dagen gratis retourneren. Meld de retourzending aan "
        "via Mijn account en plak het retourlabel op de doos.",
    )
    search_index_invalidate()
    yield {"delivery": delivery, "returns": returns}
    search_index_invalidate()


class MatcherCalls:
    """The real best_article, with a record of the texts it read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        real = bot.best_article

        def recording(text: str, **kwargs):
            self.texts.append(text)
            return real(text, **kwargs)

        monkeypatch.setattr(bot, "best_article", recording)


def _waiting(*subjects_and_bodies: tuple[str, str]) -> list[Message]:
    """Cases opened without running their after-commit jobs: they wait for the worker."""
    return [
        make_case(subject=subject, body=body, email=f"t{i}@example.nl").messages.get()
        for i, (subject, body) in enumerate(subjects_and_bodies)
    ]


def test_the_batch_reads_the_topics_and_the_other_jobs_only_check(
    topics, monkeypatch, django_capture_on_commit_callbacks
):
    first, second, unsure = _waiting(
        (DELIVERY_SUBJECT, DELIVERY_BODY), (DELIVERY_SUBJECT, DELIVERY_BODY), UNRELATED
    )
    with django_capture_on_commit_callbacks(execute=True):
        read_new_case.call_local(first.case_id, first.pk)

    for message in (first, second):
        case = Case.objects.get(pk=message.case_id)
        assert (case.topic, case.topic_source) == (topics["delivery"], TopicSource.AUTO)
        assert len(topic_entries(case)) == 1
    assert Case.objects.get(pk=unsure.case_id).topic_source == ""

    calls = MatcherCalls(monkeypatch)
    for message in (second, unsure):
        read_new_case.call_local(message.case_id, message.pk)
    assert calls.texts == []  # not even for the case the bot was not sure about
    assert len(topic_entries(second.case)) == 1


def test_a_job_whose_case_the_batch_did_not_read_reads_it_itself(topics, monkeypatch):
    # Inside a transaction that is never committed (this test's), the batch's note that it read
    # the topics is never made: the job reads the topic again, which changes nothing.
    first, second = _waiting((DELIVERY_SUBJECT, DELIVERY_BODY), UNRELATED)
    read_new_case.call_local(first.case_id, first.pk)
    calls = MatcherCalls(monkeypatch)

    read_new_case.call_local(second.case_id, second.pk)

    assert calls.texts == [_topic_text(second.case)]
    assert Case.objects.get(pk=second.case_id).topic_source == ""


def test_a_reply_in_the_batch_does_not_read_its_cases_topic_again(
    topics, monkeypatch, django_capture_on_commit_callbacks
):
    [old] = _waiting(UNRELATED)
    with django_capture_on_commit_callbacks(execute=True):
        read_new_case.call_local(old.case_id, old.pk)
    reply = message_receive(case=old.case, body=DELIVERY_BODY)  # its job not run yet
    [new] = _waiting((DELIVERY_SUBJECT, DELIVERY_BODY))
    texts: list[list[str]] = []
    real = bot.best_articles

    def recording(batch, **kwargs):
        texts.append(list(batch))
        return real(batch, **kwargs)

    monkeypatch.setattr(bot, "best_articles", recording)

    with django_capture_on_commit_callbacks(execute=True):
        analyse_message.call_local(reply.pk)  # its batch holds the reply and the new case

    assert texts == [[_topic_text(new.case)]]
    assert Case.objects.get(pk=old.case_id).topic_source == ""
    assert Case.objects.get(pk=new.case_id).topic == topics["delivery"]


def test_a_batch_whose_topics_fail_leaves_them_to_each_job(topics, monkeypatch):
    first, second = _waiting((DELIVERY_SUBJECT, DELIVERY_BODY), (DELIVERY_SUBJECT, DELIVERY_BODY))

    def failing(*args, **kwargs):  # fault injection: the matcher breaks for the batch
        raise RuntimeError("matcher failure")

    monkeypatch.setattr(bot, "best_articles", failing)
    read_new_case.call_local(first.case_id, first.pk)  # the analyses stand; its own topic too
    assert Case.objects.get(pk=first.case_id).topic == topics["delivery"]
    assert Case.objects.get(pk=second.case_id).topic_source == ""

    read_new_case.call_local(second.case_id, second.pk)
    assert Case.objects.get(pk=second.case_id).topic == topics["delivery"]


def test_it_reads_only_cases_without_a_topic(topics, agent):
    chosen, new = _waiting((DELIVERY_SUBJECT, DELIVERY_BODY), (DELIVERY_SUBJECT, DELIVERY_BODY))
    case_set_topic(case=chosen.case, actor=agent, topic=topics["returns"])

    assert case_topics_detect(messages=[chosen, new]) == [new.case_id]
    assert Case.objects.get(pk=chosen.case_id).topic == topics["returns"]
    assert Case.objects.get(pk=new.case_id).topic == topics["delivery"]


def test_the_batch_reads_the_same_text_as_one_case_alone(db):
    case = make_case(subject="  Pakket  ", body="Nog niet bezorgd.\n")
    message = case.messages.get()
    assert _topic_text_of(case, message.body) == _topic_text(case)


def test_the_job_for_many_new_cases_reads_them_all(topics, agent, monkeypatch):
    from kalm.cases.actions import case_open_unread
    from kalm.cases.tasks import read_new_cases
    from kalm.empathy import engine
    from kalm.empathy.models import MessageAnalysis

    first, second = _waiting((DELIVERY_SUBJECT, DELIVERY_BODY), UNRELATED)
    phoned = case_open_unread(  # taken in by an agent: no consumer's words, a topic only
        name="Daan",
        phone="0612345678",
        subject=DELIVERY_SUBJECT,
        body=DELIVERY_BODY,
        channel="phone",
        opened_by=agent,
    )
    assert phoned.message.kind == Message.Kind.PHONE
    real = engine.analyse_many

    def failing(texts):  # fault injection: the engine cannot read the first message
        if DELIVERY_BODY in texts:
            raise RuntimeError("engine failure")
        return real(texts)

    monkeypatch.setattr(engine, "analyse_many", failing)
    opened = [(first.case_id, first.pk), (second.case_id, second.pk), (phoned.case.pk, None)]
    with pytest.raises(RuntimeError):  # the job fails, to be retried...
        read_new_cases.call_local(opened)
    # ...after the others were read: the second message alone, every topic.
    assert set(MessageAnalysis.objects.values_list("message_id", flat=True)) == {second.pk}
    assert Case.objects.get(pk=phoned.case.pk).topic == topics["delivery"]
    monkeypatch.setattr(engine, "analyse_many", real)
    read_new_cases.call_local(opened)  # the retry
    assert MessageAnalysis.objects.filter(message__in=[first, second]).count() == 2
    assert not MessageAnalysis.objects.filter(message=phoned.message).exists()
    assert Case.objects.get(pk=first.case_id).topic == topics["delivery"]


def test_the_job_for_many_new_cases_reads_its_own_messages_and_their_topics_once(
    topics, monkeypatch
):
    """read_new_cases reads the messages it was given, not later ones waiting for jobs of
    their own (worker processes that do not share a cache would read those twice), and the
    topics of its cases in one pass: none of its cases is read again on its own, even by a
    worker whose cache never heard of the batch."""
    from django.core.cache import cache

    from kalm.cases.tasks import read_new_cases
    from kalm.empathy.models import MessageAnalysis

    mine, reply_case, later = _waiting(
        (DELIVERY_SUBJECT, DELIVERY_BODY), UNRELATED, (DELIVERY_SUBJECT, DELIVERY_BODY)
    )
    reply = message_receive(case=reply_case.case, body="Mijn pakket is er nog steeds niet.")
    matcher = MatcherCalls(monkeypatch)
    monkeypatch.setattr(cache, "set_many", lambda *args, **kwargs: [])  # another process's cache

    read_new_cases.call_local([(mine.case_id, mine.pk)], [reply.pk])

    assert set(MessageAnalysis.objects.values_list("message_id", flat=True)) == {
        mine.pk,
        reply.pk,
    }
    assert Case.objects.get(pk=mine.case_id).topic == topics["delivery"]
    assert Case.objects.get(pk=later.case_id).topic is None  # left to its own job
    assert matcher.texts == [_topic_text(mine.case)]  # once: in the batch, not on its own
    read_new_cases.call_local([(later.case_id, later.pk)])
    assert Case.objects.get(pk=later.case_id).topic == topics["delivery"]
    assert matcher.texts == [_topic_text(mine.case), _topic_text(later.case)]
