"""The chat queue is real work: drill rows stay out of them, and drill
mode shows only the drill's."""

from __future__ import annotations

from kalm.chat.actions import chat_presence_mark, chat_start
from kalm.chat.selectors import waiting_count, waiting_sessions
from kalm.drills.models import Drill


def test_the_chat_queue_keeps_drill_chats_apart(db, team_lead, agent):
    chat_presence_mark(agent=agent)  # someone is online, so chats wait in the queue
    drill = Drill.objects.create(scenario="bottles", title="Oefening", started_by=team_lead)
    real, _secret = chat_start(name="Sanne", email="sanne@example.nl", body="Hallo", language="nl")
    fake, _secret = chat_start(
        name="Oefen", email=f"o@drill-{drill.pk}.invalid", body="Fles!", language="nl"
    )
    assert [s.pk for s in waiting_sessions()] == [real.pk] and waiting_count() == 1
    assert [s.pk for s in waiting_sessions(drill.pk)] == [fake.pk]
    assert waiting_count(drill.pk) == 1


def test_due_follow_ups_keep_drill_cases_apart(db, team_lead, agent):
    from django.utils import timezone

    from kalm.core.testing import make_case
    from kalm.followups.actions import followup_create
    from kalm.followups.selectors import due_count, due_followups

    drill = Drill.objects.create(scenario="bottles", title="Oefening", started_by=team_lead)
    real = make_case(email="sanne@example.nl")
    fake = make_case(email=f"o@drill-{drill.pk}.invalid")
    now = timezone.now()
    mine = {"due_at": now, "owner": agent, "created_by": agent}
    real_one = followup_create(case=real, title="Terugbellen", **mine)
    drill_one = followup_create(case=fake, title="Terugbellen (oefening)", **mine)
    assert [f.pk for f in due_followups(agent)] == [real_one.pk] and due_count(agent) == 1
    assert [f.pk for f in due_followups(agent, drill_id=drill.pk)] == [drill_one.pk]
