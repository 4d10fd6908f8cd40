"""kalm load_demo: a believable desk written through the real actions, loaded once."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.utils import timezone

from kalm.accounts.models import Role, User
from kalm.assistant.models import Conversation, Gap, Turn
from kalm.cases.models import Case, CaseLink, Channel, Message, Status
from kalm.cases.search import search_cases
from kalm.consumers.models import Consumer
from kalm.core.demo import bot as demo_bot
from kalm.core.demo.loader import BUSINESS_CASES
from kalm.core.testing import make_case
from kalm.dossier.models import DossierEntry, Evidence
from kalm.dossier.selectors import dossier_verify_all

pytestmark = pytest.mark.django_db


def load(cases: int = 60) -> str:
    out = StringIO()
    call_command("load_demo", cases=cases, stdout=out)
    return out.getvalue()


def test_it_loads_cases_through_the_actions_with_intact_dossiers():
    output = load()
    # The cases asked for, the chats of the bot's visitors who went on to a person, and the
    # business customers' cases.
    handoffs = [c for c in demo_bot.CONVERSATIONS if c[4]]
    assert Case.objects.count() == 60 + len(handoffs) + len(BUSINESS_CASES)
    assert Consumer.objects.filter(kind=Consumer.Kind.ORGANISATION).count() == len(BUSINESS_CASES)
    assert "Demo loaded" in output
    assert all(problem is None for _case, problem in dossier_verify_all())
    # every case has a real history: opened, with a first message, and a searchable text
    assert not Case.objects.filter(dossier_length=0).exists()
    assert not Case.objects.filter(search_document="").exists()
    assert Message.objects.filter(kind=Message.Kind.OUTBOUND).exclude(author_alias="").exists()
    # Topics recognised from the consumers' words by the knowledge base's matcher, each with
    # its dossier entry; the recall's complaints are about safety and recalls.
    recognised = Case.objects.filter(topic_source="auto")
    assert recognised.count() >= 12 and not Case.objects.filter(topic_source="agent").exists()
    assert DossierEntry.objects.filter(kind="topic").count() == recognised.count()
    assert recognised.filter(
        batch_number="L2611", topic__slug="veiligheid-terugroepacties"
    ).exists()


def test_it_asks_the_answer_bot_through_the_real_actions():
    load(20)
    turns = Turn.objects.all()
    assert turns.count() == sum(len(c[3]) for c in demo_bot.CONVERSATIONS)
    assert {"article", "unsure", "handoff"} <= set(turns.values_list("kind", flat=True))
    assert Gap.objects.filter(status=Gap.Status.OPEN, unanswered_count__gt=0).exists()
    assert Gap.objects.filter(unhelpful_count__gt=0).exists()
    handed = Conversation.objects.filter(status=Conversation.Status.HANDED_OFF)
    assert handed.count() == 2
    for conversation in handed:
        assert conversation.case.dossier.filter(kind="bot_conversation").exists()
    # Back-dated over two weeks, never in the future.
    stamps = list(turns.values_list("created_at", flat=True))
    assert max(stamps) <= timezone.now() and (timezone.now() - min(stamps)).days >= 12


def test_it_surveys_resolved_cases_through_the_real_actions():
    load(60)
    from kalm.followups.models import FollowUp
    from kalm.surveys.models import Invitation, Response

    assert Invitation.objects.filter(status=Invitation.Status.ANSWERED).exists()
    assert Invitation.objects.filter(status=Invitation.Status.SKIPPED, note="quiet").exists()
    low = Response.objects.exclude(low_reasons=[])
    assert low.exists() and all(r.followup_id for r in low)
    # Old low answers were called back; the surveys' answers are in the dossiers.
    assert FollowUp.objects.filter(source="survey", status="done").exists()
    assert all(
        r.case.dossier.filter(kind="survey_answered").exists() for r in Response.objects.all()
    )


def test_it_spreads_history_over_the_past_months_in_order():
    load()
    now = timezone.now()
    oldest = Case.objects.order_by("created_at").first().created_at
    assert (now - oldest).days >= 30
    assert not DossierEntry.objects.filter(created_at__gt=now).exists()
    for case in Case.objects.all():
        stamps = list(case.dossier.values_list("created_at", flat=True))
        assert stamps == sorted(stamps), case.reference
        assert stamps[0] == case.created_at


def test_it_covers_statuses_channels_and_languages():
    load(120)
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {Status.NEW, Status.OPEN, Status.WAITING_US, Status.CLOSED} <= statuses
    assert len(statuses) >= 6
    assert len(set(Case.objects.values_list("channel", flat=True))) >= 4
    assert set(Case.objects.values_list("language", flat=True)) == {"nl", "en"}
    assert Message.objects.filter(kind=Message.Kind.PHONE, channel=Channel.PHONE).exists()


def test_it_creates_the_three_logins_with_their_roles():
    output = load(10)
    for username, password, role in [
        ("agent", "kalm-agent-demo", Role.AGENT),
        ("lead", "kalm-lead-demo", Role.LEAD),
        ("admin", "kalm-admin-demo", Role.ADMIN),
    ]:
        user = authenticate(username=username, password=password)
        assert user is not None and user.role == role and user.alias
        assert f"{username}" in output and password in output
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.get(username="agent").is_staff
    assert "/desk/" in output


def test_it_runs_a_crisis_of_linked_exploding_bottles_in_the_last_two_days():
    load(120)
    since = timezone.now() - timezone.timedelta(hours=48)
    recent = Case.objects.filter(created_at__gte=since, product__name="Bruisend Bronwater 1L")
    # The lead case is the one the others are linked to; ordinary complaints about the same
    # product may also fall in the last two days, so the crisis is told apart by its links.
    links = CaseLink.objects.values_list("from_case_id", "to_case_id")
    degree: dict[int, set[int]] = {}
    for a, b in links:
        degree.setdefault(a, set()).add(b)
        degree.setdefault(b, set()).add(a)
    lead = max(recent, key=lambda c: len(degree.get(c.pk, ())))
    crisis = Case.objects.filter(pk__in=degree[lead.pk] | {lead.pk})
    assert crisis.count() >= 12
    assert set(crisis.values_list("product__name", flat=True)) == {"Bruisend Bronwater 1L"}
    assert not crisis.filter(created_at__lt=since).exists()
    assert search_cases(Case.objects.all(), "L2611").count() >= crisis.count() // 2
    assert lead.priority == "urgent"


def test_it_attaches_real_photos_with_a_capture_time():
    load(60)
    photos = Evidence.objects.filter(content_type="image/jpeg")
    assert photos.exists()
    photo = photos.first()
    assert photo.captured_at is not None
    assert photo.captured_at <= photo.uploaded_at
    assert len(set(photos.values_list("sha256", flat=True))) == photos.count()


def test_it_is_idempotent():
    load(20)
    counts = (Case.objects.count(), User.objects.count(), DossierEntry.objects.count())
    output = load(20)
    assert "already loaded" in output
    assert (Case.objects.count(), User.objects.count(), DossierEntry.objects.count()) == counts


def test_it_refuses_a_database_that_already_holds_real_cases():
    make_case()
    with pytest.raises(CommandError, match="not demo data"):
        load(10)
    assert Case.objects.count() == 1
    assert not User.objects.filter(username="admin").exists()


def test_it_leaves_the_real_clock_and_queue_alone_afterwards():
    from huey.contrib.djhuey import HUEY

    before = HUEY.immediate
    load(5)
    assert HUEY.immediate == before
    first = timezone.now()
    time.sleep(0.002)
    assert timezone.now() > first  # moving again: the demo clock is gone
    assert timezone.now() > Case.objects.order_by("-updated_at").first().updated_at
