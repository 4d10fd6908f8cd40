from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.test import Client

from kalm.cases.models import Priority
from kalm.core.testing import TeamFactory, make_case
from kalm.sla.actions import sla_sweep

AMS = ZoneInfo("Europe/Amsterdam")
WEDNESDAY_10 = datetime(2026, 11, 25, 10, tzinfo=AMS)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_inbox_shows_a_timer_per_row_without_a_query_per_row(
    db, agent, django_assert_max_num_queries, english
):
    team = TeamFactory()
    with time_machine.travel(WEDNESDAY_10, tick=False):
        for i in range(20):
            make_case(name=f"Consument {i}", email=f"c{i}@example.nl", team=team)
        urgent = make_case(priority=Priority.URGENT, subject="Brandwond")
    client = _client(agent)
    with (
        time_machine.travel(datetime(2026, 11, 25, 11, 50, tzinfo=AMS), tick=False),
        django_assert_max_num_queries(9),  # + latest signals (kalm.empathy), the crisis lane
    ):
        body = client.get("/desk/").content.decode()
    assert body.count('class="sla-timer') == 21
    assert "first reply due in 6h 10m (business time)" in body
    assert "first reply overdue by 50m (business time)" in body
    assert 'data-state="breached"' in body
    assert urgent.reference in body


def test_the_case_page_shows_every_clock_amber_when_near(db, agent, english):
    with time_machine.travel(WEDNESDAY_10, tick=False):
        case = make_case(priority=Priority.NORMAL)
    client = _client(agent)
    with time_machine.travel(datetime(2026, 11, 25, 16, 30, tzinfo=AMS), tick=False):
        sla_sweep()
        body = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert 'id="sla-timers"' in body
    assert "first reply due in 1h 30m (business time)" in body
    assert 'data-sla="first_response" data-state="near"' in body
    assert "resolution due in" in body


def test_the_case_page_refuses_outsiders(db, outsider, case):
    response = _client(outsider).get(f"/desk/cases/{case.pk}/")
    assert response.status_code == 403


def test_a_paused_clock_says_so(db, agent, english):
    from kalm.cases.actions import case_transition, message_reply
    from kalm.cases.models import Status

    with time_machine.travel(WEDNESDAY_10, tick=False):
        case = make_case(priority=Priority.NORMAL)
        message_reply(case=case, agent=agent, body="Kunt u een foto sturen?")
        case_transition(case=case, to=Status.WAITING_CONSUMER, actor=agent)
    with time_machine.travel(datetime(2026, 12, 25, 10, tzinfo=AMS), tick=False):
        body = _client(agent).get(f"/desk/cases/{case.pk}/").content.decode()
    assert "resolution paused while waiting on the consumer (40h left)" in body
    assert 'data-state="paused"' in body
