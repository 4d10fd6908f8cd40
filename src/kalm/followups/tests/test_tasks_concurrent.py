"""Several workers sweeping at the same moment remind each due follow-up exactly once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from kalm.core.testing import UserFactory, make_case, run_together
from kalm.followups.actions import followup_create, followups_due_remind
from kalm.followups.models import FollowUp


@pytest.mark.postgres_only
def test_concurrent_sweeps_remind_each_followup_once(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database is one connection shared by all threads")
    agent = UserFactory(username="owner", alias="Owner")
    for n in range(5):
        followup_create(
            case=make_case(email=f"c{n}@example.nl"),
            title=f"Terugbellen {n}",
            due_at=timezone.now() - timedelta(minutes=5),
            owner=agent,
        )
    reminded: list[int] = []

    def sweep() -> None:
        reminded.extend(f.pk for f in followups_due_remind())

    run_together(*[sweep] * 4)
    assert sorted(reminded) == sorted(FollowUp.objects.values_list("pk", flat=True))
    assert len(mail.outbox) == 5
    assert FollowUp.objects.filter(reminded_at=None).count() == 0
