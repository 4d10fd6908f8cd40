from __future__ import annotations

from datetime import timedelta

from kalm.cases.actions import case_merge
from kalm.core.testing import make_case
from kalm.crisis.actions import crisis_cases_propose
from kalm.crisis.models import CrisisCase, CrisisEvent
from kalm.crisis.tests.conftest import NOW, open_crisis


def _linked(crisis) -> set[int]:
    return set(crisis.links.values_list("case_id", flat=True))


def test_it_proposes_cases_on_the_products_and_batches_in_the_window(
    clock, team_lead, cola, lemonade
):
    same_batch = make_case(product=cola, batch_number="L 2611")
    no_batch = make_case(product=cola)
    batch_only = make_case(batch_number="l2611", email="piet@example.nl")
    other_batch = make_case(product=cola, batch_number="L9999", email="a@example.nl")
    other_product = make_case(product=lemonade, email="b@example.nl")
    nothing = make_case(email="c@example.nl")
    crisis = open_crisis(
        team_lead,
        products=[cola],
        batches=["L2611"],
        window_start=NOW - timedelta(days=1),
    )
    assert _linked(crisis) == {same_batch.pk, no_batch.pk, batch_only.pk}
    assert {other_batch.pk, other_product.pk, nothing.pk}.isdisjoint(_linked(crisis))
    reasons = dict(crisis.links.values_list("case_id", "proposed_reason"))
    assert "batch" in reasons[same_batch.pk] and "product" in reasons[no_batch.pk].lower()
    assert all(link.state == CrisisCase.State.PROPOSED for link in crisis.links.all())
    event = crisis.events.get(kind=CrisisEvent.Kind.CASES_PROPOSED)
    assert sorted(event.payload["case_ids"]) == sorted(_linked(crisis))


def test_it_leaves_out_cases_before_the_window_unless_still_open(clock, team_lead, cola):
    from kalm.cases.models import Case, Status

    old_open = make_case(product=cola, created_at=NOW - timedelta(days=30))
    old_closed = make_case(product=cola, created_at=NOW - timedelta(days=30), email="x@example.nl")
    Case.objects.filter(pk=old_closed.pk).update(
        status=Status.CLOSED, updated_at=NOW - timedelta(days=20)
    )
    Case.objects.filter(pk=old_open.pk).update(updated_at=NOW - timedelta(hours=3))
    crisis = open_crisis(team_lead, products=[cola], window_start=NOW - timedelta(days=2))
    assert _linked(crisis) == {old_open.pk}


def test_it_skips_merged_cases_and_does_not_propose_twice(clock, team_lead, agent, cola):
    kept = make_case(product=cola)
    merged = make_case(product=cola)
    case_merge(source=merged, target=kept, actor=agent)
    crisis = open_crisis(team_lead, products=[cola])
    assert _linked(crisis) == {kept.pk}
    assert crisis_cases_propose(crisis=crisis) == []
    later = make_case(product=cola, email="later@example.nl")
    assert [link.case_id for link in crisis_cases_propose(crisis=crisis)] == [later.pk]


def test_a_crisis_without_scope_proposes_nothing(clock, team_lead, cola):
    make_case(product=cola)
    crisis = open_crisis(team_lead)
    assert not crisis.links.exists()
