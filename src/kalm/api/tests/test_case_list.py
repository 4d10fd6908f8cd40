from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kalm.accounts.models import Team
from kalm.api.tests.conftest import assert_problem
from kalm.cases.actions import case_assign, case_transition
from kalm.cases.models import Case
from kalm.core.testing import make_case


def _refs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["reference"] for item in response.json()["items"]]


def test_it_pages_through_every_case_once(api):
    cases = [make_case(email=f"c{i}@example.nl") for i in range(7)]
    # Several cases share one updated_at: the id breaks the tie, nothing repeats or goes missing.
    same = timezone.now() - timedelta(hours=1)
    Case.objects.filter(pk__in=[c.pk for c in cases[:4]]).update(updated_at=same)
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        response = api.get("/api/v1/cases", params)
        seen += _refs(response)
        cursor = response.json()["next"]
        pages += 1
        if cursor is None:
            break
    assert pages == 4
    assert len(seen) == len(set(seen)) == 7
    expected = list(Case.objects.order_by("-updated_at", "-id").values_list("reference", flat=True))
    assert seen == expected


def test_it_filters(api, agent):
    team = Team.objects.create(name="Kwaliteit", slug="kwaliteit")
    first = make_case(subject="Schimmel in pindakaas", priority="high")
    second = make_case(email="b@example.nl", channel="email")
    case_assign(case=second, actor=agent, assignee=agent, team=team)
    case_transition(case=second, to="open", actor=agent)
    assert _refs(api.get("/api/v1/cases", {"status": "open"})) == [second.reference]
    assert _refs(api.get("/api/v1/cases", {"priority": "high"})) == [first.reference]
    assert _refs(api.get("/api/v1/cases", {"team": "kwaliteit"})) == [second.reference]
    assert _refs(api.get("/api/v1/cases", {"assignee": "agent"})) == [second.reference]
    assert _refs(api.get("/api/v1/cases", {"channel": "email"})) == [second.reference]
    assert _refs(api.get("/api/v1/cases", {"q": "pindak"})) == [first.reference]
    later = (timezone.now() + timedelta(minutes=1)).isoformat()
    assert _refs(api.get("/api/v1/cases", {"updated_after": later})) == []


def test_it_refuses_bad_filters_and_cursors(api):
    body = assert_problem(api.get("/api/v1/cases", {"status": "sleeping"}), 422)
    assert body["errors"][0]["in"] == "query"
    assert_problem(api.get("/api/v1/cases", {"cursor": "%%%"}), 400)
    assert_problem(api.get("/api/v1/cases", {"cursor": "WyJ4Il0"}), 400)  # ["x"]
    assert_problem(api.get("/api/v1/cases", {"limit": 0}), 422)


def test_it_reads_a_page_in_a_fixed_number_of_queries(api):
    for i in range(3):
        make_case(email=f"c{i}@example.nl")
    api.get("/api/v1/cases")  # warm: token lookup and last-used update
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/cases")
    for i in range(3, 12):
        make_case(email=f"c{i}@example.nl")
    with CaptureQueriesContext(connection) as many:
        assert len(_refs(api.get("/api/v1/cases"))) == 12
    assert len(many) == len(few) <= 4


def test_topics_cost_no_query_per_case(api, agent):
    from kalm.cases.actions import case_set_topic
    from kalm.kb.tests.conftest import CategoryFactory

    def make(i: int) -> None:
        case_set_topic(
            case=make_case(email=f"c{i}@example.nl"), actor=agent, topic=CategoryFactory()
        )

    make(0)
    api.get("/api/v1/cases")  # warm: token lookup and last-used update
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/cases")
    for i in range(1, 6):
        make(i)
    with CaptureQueriesContext(connection) as many:
        items = api.get("/api/v1/cases").json()["items"]
    assert len({item["topic"]["id"] for item in items}) == 6
    assert len(many) == len(few)


def test_updated_after_takes_any_iso_offset_on_every_database(api):
    """Found by schemathesis on PostgreSQL: +21:44 is a valid ISO 8601 offset but beyond what
    PostgreSQL accepts; the API converts to UTC first, and refuses what cannot be converted."""
    case = make_case()
    early = api.get("/api/v1/cases", {"updated_after": "2000-01-01T23:52:07+21:44"})
    assert _refs(early) == [case.reference]
    late = api.get("/api/v1/cases", {"updated_after": "6665-11-30T17:52:07+21:44"})
    assert _refs(late) == []
    assert_problem(api.get("/api/v1/cases", {"updated_after": "0001-01-01T00:00:00+05:00"}), 422)
