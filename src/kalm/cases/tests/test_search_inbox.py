"""The desk inbox with a search: newest cases first, keyset pages both ways, bounded count."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from kalm.cases.models import Case
from kalm.core.testing import make_case
from kalm.desk.selectors import inbox_page, inbox_queryset


def _searched(user, query: str):
    return inbox_queryset(user=user, filters={"q": query, "status": []})


def _bottles() -> list[Case]:
    cases = [make_case(subject=f"Fles {i}", body="De fles is gebarsten.") for i in range(5)]
    make_case(subject="Airfryer", body="Hij doet het niet.")
    # The oldest case had the latest activity: the inbox without a search would list it first.
    Case.objects.filter(pk=cases[0].pk).update(updated_at=timezone.now() + timedelta(hours=1))
    return sorted(cases, key=lambda c: c.pk, reverse=True)


def test_search_results_come_newest_case_first_in_keyset_pages(agent):
    newest_first = [c.pk for c in _bottles()]

    first = inbox_page(_searched(agent, "flessen"), size=2, newest_cases_first=True)
    assert [c.pk for c in first.cases] == newest_first[:2]
    assert (first.count, first.count_is_capped, first.prev_cursor) == (5, False, None)

    second = inbox_page(
        _searched(agent, "flessen"), after=first.next_cursor, size=2, newest_cases_first=True
    )
    assert [c.pk for c in second.cases] == newest_first[2:4]
    last = inbox_page(
        _searched(agent, "flessen"), after=second.next_cursor, size=2, newest_cases_first=True
    )
    assert [c.pk for c in last.cases] == newest_first[4:]
    assert last.next_cursor is None

    back = inbox_page(
        _searched(agent, "flessen"), before=last.prev_cursor, size=2, newest_cases_first=True
    )
    assert [c.pk for c in back.cases] == newest_first[2:4]


def test_the_inbox_says_how_a_search_is_ordered(client, agent, english):
    newest_first = [c.reference for c in _bottles()]
    client.force_login(agent)
    response = client.get("/desk/", {"q": '"de fles"'})
    assert [c.reference for c in response.context["page"].cases] == newest_first
    assert "newest cases first" in response.content.decode()
    # Without a search the inbox keeps its order: latest activity first.
    response = client.get("/desk/")
    assert response.context["page"].cases[0].reference == newest_first[-1]
    assert "newest cases first" not in response.content.decode()
