from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kalm.cases.actions import case_assign, case_transition
from kalm.cases.models import Case, Channel, Priority, Status
from kalm.core.testing import TeamFactory, UserFactory, make_case
from kalm.desk.selectors import Cursor
from kalm.desk.tests.conftest import assert_refused

URL = "/desk/"


def _refs(response) -> set[str]:
    return {c.reference for c in response.context["page"].cases}


def test_it_is_routed_as_the_inbox():
    assert reverse("desk:inbox") == URL


def test_it_refuses_anonymous_and_outsiders(client, outsider):
    assert_refused(client, "get", URL, outsider)


def test_an_anonymous_htmx_request_reloads_into_the_login_page(client):
    response = client.get(URL, {"priority": "high"}, headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith("/desk/login/?next=")


def test_it_lists_open_cases_by_default(agent_client, agent):
    open_case = make_case(subject="Open one")
    closed = make_case(subject="Closed one")
    case_transition(case=closed, to=Status.CLOSED, actor=agent)
    response = agent_client.get(URL)
    assert response.status_code == 200
    assert _refs(response) == {open_case.reference}
    assert "Open one" in response.content.decode()


def test_it_shows_every_status_with_all(agent_client, agent):
    closed = make_case()
    case_transition(case=closed, to=Status.CLOSED, actor=agent)
    response = agent_client.get(URL, {"status": "all"})
    assert closed.reference in _refs(response)


def test_it_filters_by_several_statuses(agent_client, agent):
    new = make_case()
    waiting = make_case()
    case_transition(case=waiting, to=Status.WAITING_CONSUMER, actor=agent)
    resolved = make_case()
    case_transition(case=resolved, to=Status.RESOLVED, actor=agent)
    response = agent_client.get(URL, {"status": ["waiting_consumer", "resolved"]})
    assert _refs(response) == {waiting.reference, resolved.reference}
    assert new.reference not in _refs(response)


def test_it_filters_by_priority(agent_client):
    urgent = make_case(priority=Priority.URGENT)
    make_case(priority=Priority.LOW)
    assert _refs(agent_client.get(URL, {"priority": "urgent"})) == {urgent.reference}


def test_it_filters_by_team(agent_client):
    team = TeamFactory(name="Kwaliteit", slug="kwaliteit")
    in_team = make_case(team=team)
    make_case()
    assert _refs(agent_client.get(URL, {"team": team.pk})) == {in_team.reference}


def test_it_filters_by_channel(agent_client):
    by_phone = make_case(channel=Channel.EMAIL)
    make_case(channel=Channel.WEB)
    assert _refs(agent_client.get(URL, {"channel": "email"})) == {by_phone.reference}


def test_it_filters_by_assignee_me_none_and_id(agent_client, agent):
    colleague = UserFactory(alias="Piet")
    mine = make_case()
    case_assign(case=mine, actor=agent, assignee=agent)
    theirs = make_case()
    case_assign(case=theirs, actor=agent, assignee=colleague)
    nobody = make_case()
    assert _refs(agent_client.get(URL, {"assignee": "me"})) == {mine.reference}
    assert _refs(agent_client.get(URL, {"assignee": "none"})) == {nobody.reference}
    assert _refs(agent_client.get(URL, {"assignee": str(colleague.pk)})) == {theirs.reference}


def test_it_filters_overdue_cases(agent_client):
    past = timezone.now() - timedelta(days=3)
    late = make_case(created_at=past)  # first response was due two days ago
    make_case()
    response = agent_client.get(URL, {"overdue": "1"})
    assert _refs(response) == {late.reference}
    assert "is-overdue" in response.content.decode()


def test_it_searches(agent_client):
    match = make_case(subject="Glas in de pot", body="Er zat een stukje glas in de pot")
    make_case(subject="Te zout", body="Veel te zout")
    assert _refs(agent_client.get(URL, {"q": "glas"})) == {match.reference}


def test_it_jumps_to_a_case_by_reference(agent_client):
    case = make_case()
    response = agent_client.get(URL, {"q": case.reference.lower()})
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:case", args=[case.pk])


def test_an_unknown_reference_is_just_a_search(agent_client):
    make_case()
    response = agent_client.get(URL, {"q": "K99-ZZZZZZ"})
    assert response.status_code == 200
    assert not response.context["page"].cases


def test_it_pages_by_keyset_without_repeats(agent_client):
    start = timezone.now() - timedelta(days=1)
    cases = [make_case(created_at=start) for _ in range(5)]  # same updated_at: ties on id
    cases += [make_case(created_at=start + timedelta(minutes=i)) for i in range(1, 121)]
    expected = [
        c.reference for c in sorted(cases, key=lambda c: (c.updated_at, c.pk), reverse=True)
    ]

    seen: list[str] = []
    response = agent_client.get(URL)
    pages = 0
    while True:
        pages += 1
        seen += [c.reference for c in response.context["page"].cases]
        next_url = response.context["next_url"]
        if not next_url:
            break
        response = agent_client.get(next_url)
    assert pages == 3
    assert seen == expected

    # Going back from the last page gives exactly the page before it.
    prev = agent_client.get(response.context["prev_url"])
    assert [c.reference for c in prev.context["page"].cases] == expected[50:100]


def test_it_does_not_count_the_whole_table(agent_client):
    for _ in range(3):
        make_case()
    response = agent_client.get(URL)
    assert response.context["page"].count == 3
    assert "3 cases" in response.content.decode() or "3 zaken" in response.content.decode()


def test_it_ignores_a_malformed_cursor(agent_client):
    case = make_case()
    response = agent_client.get(URL, {"after": "not-a-cursor"})
    assert response.status_code == 200
    assert _refs(response) == {case.reference}


def test_the_cursor_survives_a_round_trip(case):
    cursor = Cursor.of(case)
    assert Cursor.decode(cursor.encode()) == cursor
    # An unencoded "+" arrives as a space in a query string.
    assert Cursor.decode(cursor.encode().replace("+", " ")) == cursor


def test_it_needs_few_queries_for_thirty_cases(agent_client, agent, django_assert_max_num_queries):
    team = TeamFactory()
    for i in range(30):
        case = make_case(name=f"Consument {i}", email=f"c{i}@example.nl", team=team)
        case_assign(case=case, actor=agent, assignee=agent, team=team)
    # The steady state is what is pinned: a first request fills the per-process caches (the
    # organisation's settings, read once and then cached), which alone would count one more.
    agent_client.get(URL, {"q": "Consument"})
    # 7 since the inbox shows each case's latest signals (one query, kalm.empathy). On
    # PostgreSQL 2 more: a search reads the newest case id to bound its walk along the ids, for
    # the page and for the count (kalm.cases.search.fetch_newest_first).
    with django_assert_max_num_queries(7 if connection.vendor == "sqlite" else 9):
        response = agent_client.get(URL, {"q": "Consument"})
    assert len(response.context["page"].cases) == 30
    assert "Consument 29" in response.content.decode()


def test_it_returns_the_table_partial_to_htmx(agent_client):
    case = make_case()
    response = agent_client.get(URL, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="inbox-results"')
    assert "<html" not in body
    assert case.reference in body
    assert "HX-Request" in response["Vary"]


def test_the_reference_jump_redirects_htmx_clients(agent_client):
    case = make_case()
    response = agent_client.get(URL, {"q": case.reference}, headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("desk:case", args=[case.pk])


@pytest.mark.parametrize("bad", [{"team": "x"}, {"priority": "extreme"}, {"status": "nope"}])
def test_it_survives_bad_filter_values(agent_client, bad):
    make_case()
    response = agent_client.get(URL, bad)
    assert response.status_code == 200


def test_it_shows_the_assignee_alias(agent_client, agent):
    case = make_case()
    case_assign(case=case, actor=agent, assignee=agent)
    assert Case.objects.get(pk=case.pk).assignee == agent
    assert "Eva" in agent_client.get(URL).content.decode()


def _plan(qs) -> str:
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner")
@pytest.mark.parametrize(
    ("filters", "index"),
    [
        ({}, "case_open_updated"),
        ({"team": 1}, "case_team_updated"),
        ({"assignee": "none"}, "case_assignee_updated"),
        ({"overdue": True}, "case_unanswered_updated"),
        ({"status": ["closed"]}, "case_status_updated"),
    ],
)
def test_a_page_walks_an_index_in_its_order(agent, filters, index):
    """A page of 50 reads about 50 rows of an index, not every open case plus a sort: what
    keeps the inbox fast at a million cases (migration cases 0010)."""
    from kalm.desk.selectors import inbox_queryset

    qs = inbox_queryset(user=agent, filters=filters).order_by("-updated_at", "-id")[:51]
    plan = _plan(qs)
    assert index in plan
    assert "TEMP B-TREE" not in plan


def _answered_copies(case, count: int, status: str) -> None:
    """``count`` answered copies of ``case`` of normal priority in ``status`` (new references),
    written by the database: the bulk of a real desk, among which its few urgent or unanswered
    open cases are what the partial indexes hold."""
    fields = [f.column for f in Case._meta.concrete_fields if f.column != "id"]
    chosen = {
        "reference": f"'{status.upper()}-' || n",
        "status": f"'{status}'",
        "priority": "'normal'",
        "first_responded_at": "now()",
    }
    select = ", ".join(chosen.get(column, f'"{column}"') for column in fields)
    columns = ", ".join(f'"{column}"' for column in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO cases_case ({columns}) "
            f"SELECT {select} FROM cases_case, generate_series(1, %s) AS n WHERE id = %s",
            [count, case.pk],
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's partial indexes")
@pytest.mark.parametrize(
    ("filters", "index"),
    [
        ({"priority": "urgent"}, "case_open_priority"),
        ({"overdue": True}, "case_open_unanswered"),
    ],
)
def test_the_open_filters_read_their_partial_index(agent, filters, index):
    """The urgent and overdue filters, page and capped count, match the predicate of their
    partial index (the open statuses, as the query writes them): on a desk where few of the
    open cases are urgent or unanswered, PostgreSQL reads those from that index (migration
    cases 0012)."""
    from kalm.cases.models import OPEN_STATUSES
    from kalm.desk.selectors import COUNT_LIMIT, inbox_queryset

    for _ in range(3):
        make_case(priority=Priority.URGENT)
    # Many closed cases, and many open ones that are neither urgent nor awaiting a first reply:
    # the index of all open cases (case_open_updated) then costs far more than the filter's own.
    _answered_copies(Case.objects.first(), 3000, Status.CLOSED)
    _answered_copies(Case.objects.first(), 2000, Status.OPEN)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_case")
        # Only this index is left beside those that back constraints (dropped inside the test's
        # transaction, so rolled back with it): the planner's choice no longer depends on close
        # costs between indexes, only on whether this one's predicate matches the query.
        cursor.execute(
            "SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid "
            "WHERE x.indrelid = 'cases_case'::regclass AND c.relname <> %s AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)",
            [index],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
    qs = inbox_queryset(user=agent, filters={"status": list(OPEN_STATUSES), **filters})
    for query in (
        qs.order_by("-updated_at", "-id")[:51],
        qs.order_by().values("id")[: COUNT_LIMIT + 1],
    ):
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " | ".join(row[0] for row in cursor.fetchall())
        assert index in plan
