"""Goodwill gestures: ``goodwill_record``, the totals for insights, and the admin list."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from kalm.cases.actions import CaseActionError, goodwill_record
from kalm.cases.models import GoodwillGesture
from kalm.cases.selectors import goodwill_for_case, goodwill_totals
from kalm.core.testing import make_case
from kalm.dossier.models import EntryKind


def test_it_records_a_gesture_with_its_cost(case, agent):
    gesture = goodwill_record(
        case=case, actor=agent, kind="voucher", cost="12,50", description="Waardebon"
    )
    assert gesture.cost == Decimal("12.50") and gesture.currency == "EUR"
    assert gesture.given_by == agent
    entry = case.dossier.get(kind=EntryKind.GOODWILL)
    assert not entry.public  # internal: the consumer sees the gesture, not its cost
    assert entry.payload["cost"] == "12.50" and entry.payload["kind"] == "voucher"
    assert entry.payload["gesture_id"] == gesture.pk


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": "voucher", "cost": "-1"},
        {"kind": "voucher", "cost": "abc"},
        {"kind": "voucher", "cost": "NaN"},
        {"kind": "voucher", "cost": "5", "currency": "euro"},
        {"kind": "yacht", "cost": "5"},
        {"kind": "other", "cost": "5", "description": " "},
    ],
)
def test_it_refuses_bad_gestures(case, agent, kwargs):
    with pytest.raises(CaseActionError):
        goodwill_record(case=case, actor=agent, **kwargs)
    assert not GoodwillGesture.objects.exists()
    assert not case.dossier.filter(kind=EntryKind.GOODWILL).exists()


def test_the_database_refuses_a_negative_cost_too(case, agent):
    with pytest.raises(IntegrityError):
        GoodwillGesture.objects.create(case=case, kind="gift", cost=Decimal("-1"), given_by=agent)


def test_a_case_lists_its_gestures_with_the_total_per_currency(case, agent):
    goodwill_record(case=case, actor=agent, kind="voucher", cost="10")
    goodwill_record(case=case, actor=agent, kind="flowers_card", cost="24.95")
    goodwill_record(case=case, actor=agent, kind="gift", cost="8", currency="gbp")
    gestures, totals = goodwill_for_case(case)
    assert len(gestures) == 3
    assert totals == {"EUR": Decimal("34.95"), "GBP": Decimal("8.00")}


def test_totals_cover_a_period(case, agent, django_assert_max_num_queries):
    now = timezone.now()
    other = make_case(email="piet@example.nl")
    goodwill_record(case=case, actor=agent, kind="voucher", cost="10")
    goodwill_record(case=case, actor=agent, kind="voucher", cost="5")
    goodwill_record(case=other, actor=agent, kind="personal_call", cost="0")
    goodwill_record(
        case=other, actor=agent, kind="gift", cost="99", given_at=now - timedelta(days=40)
    )
    with django_assert_max_num_queries(3):
        totals = goodwill_totals((now - timedelta(days=30), now + timedelta(minutes=1)))
    assert totals.count == 3 and totals.cases == 2
    assert totals.cost == {"EUR": Decimal("15.00")}
    by_kind = {row["kind"]: (row["count"], row["cost"]) for row in totals.by_kind}
    assert by_kind == {"voucher": (2, Decimal("15.00")), "personal_call": (1, Decimal("0.00"))}


def test_the_admin_lists_gestures_with_filters_and_totals(client, admin_user, case, agent):
    goodwill_record(case=case, actor=agent, kind="voucher", cost="10")
    goodwill_record(case=case, actor=agent, kind="gift", cost="2.50")
    client.force_login(admin_user)
    url = reverse("admin:cases_goodwillgesture_changelist")
    response = client.get(url)
    assert response.status_code == 200
    assert [(r["currency"], r["total"]) for r in response.context["goodwill_totals"]] == [
        ("EUR", Decimal("12.50"))
    ]
    filtered = client.get(url, {"kind__exact": "gift"})
    assert [r["total"] for r in filtered.context["goodwill_totals"]] == [Decimal("2.50")]
    assert 'id="goodwill-totals"' in filtered.content.decode()
    assert client.get(reverse("admin:cases_goodwillgesture_add")).status_code == 403
