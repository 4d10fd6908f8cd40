"""POST /desk/churn/consumers/<pk>/lost/: the team marks a consumer as lost."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from kalm.churn.models import Loss, Score
from kalm.churn.tests.conftest import high_risk
from kalm.desk.tests.conftest import assert_refused


def _url(consumer) -> str:
    return reverse("churn:mark_lost", args=[consumer.pk])


def _form(**values) -> dict:
    return {"lost_on": timezone.localdate().isoformat(), "reason": "competitor"} | values


def test_it_refuses_anonymous_and_outsiders(client, outsider):
    consumer = high_risk("Hanna Hoog", "hoog@example.nl")
    assert _url(consumer) == f"/desk/churn/consumers/{consumer.pk}/lost/"
    assert_refused(client, "post", _url(consumer), outsider, _form())
    assert not Loss.objects.exists()


def test_it_marks_the_consumer_as_of_the_start_of_that_day(agent, agent_client, english):
    consumer = high_risk("Hanna Hoog", "hoog@example.nl")
    day = timezone.localdate() - timedelta(days=3)
    response = agent_client.post(
        _url(consumer),
        _form(lost_on=day.isoformat(), reason="cancelled", note="Contract opgezegd"),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:consumer", args=[consumer.pk])
    loss = Loss.objects.get()
    assert (loss.consumer, loss.reason, loss.note, loss.marked_by) == (
        consumer,
        "cancelled",
        "Contract opgezegd",
        agent,
    )
    zone = timezone.get_current_timezone()
    assert loss.lost_at == datetime.combine(day, time.min, tzinfo=zone)
    assert not Score.objects.filter(consumer=consumer).exists()
    page = agent_client.get(response["Location"]).content.decode()
    assert "Hanna Hoog is marked as lost" in page


def test_a_refused_mark_says_why_and_keeps_what_was_typed(agent, agent_client, english):
    consumer = high_risk("Hanna Hoog", "hoog@example.nl")
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = agent_client.post(_url(consumer), _form(lost_on=future, note="Belde boos op"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "A consumer cannot be lost in the future." in body
    assert "Belde boos op" in body and future in body
    assert not Loss.objects.exists()


def test_an_invalid_form_keeps_what_was_typed(agent_client, english):
    consumer = high_risk("Hanna Hoog", "hoog@example.nl")
    response = agent_client.post(_url(consumer), _form(reason="", note="Weg"))
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Loss.objects.exists()


def test_marking_twice_is_refused(agent, agent_client, english):
    consumer = high_risk("Hanna Hoog", "hoog@example.nl")
    agent_client.post(_url(consumer), _form())
    response = agent_client.post(_url(consumer), _form(reason="stopped"))
    assert "This consumer is already marked as lost." in response.content.decode()
    assert Loss.objects.get().reason == "competitor"


def test_it_only_accepts_post(agent_client):
    consumer = high_risk("Hanna Hoog", "hoog@example.nl")
    assert agent_client.get(_url(consumer)).status_code == 405
