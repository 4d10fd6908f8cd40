"""Email to a crisis's mailbox tag (care+<contact_tag>@…) lands on the crisis as well."""

from __future__ import annotations

import pytest

from kalm.accounts.models import Role
from kalm.cases.models import Case
from kalm.channels.email.ingest import ingest_raw, recipient_addresses
from kalm.channels.models import InboundEmail
from kalm.channels.tests.mail import build, corpus
from kalm.core.testing import UserFactory
from kalm.crisis.actions import crisis_case_decide, crisis_open, crisis_status_set
from kalm.crisis.models import CrisisCase, CrisisEvent, CrisisStatus, Scenario
from kalm.dossier.models import EntryKind
from kalm.drills.models import Drill

pytestmark = pytest.mark.django_db(transaction=True)

CARE = "klantenservice@kalm.localhost"


@pytest.fixture
def lead():
    return UserFactory(username="lead", role=Role.LEAD)


@pytest.fixture
def crisis(lead):
    return crisis_open(
        actor=lead, title="Fles gebarsten L2611", scenario=Scenario.RECALL, severity=3
    )


def _tagged(crisis, tag: str | None = None) -> str:
    return CARE.replace("@", f"+{tag or crisis.contact_tag}@")


def test_a_new_email_to_the_tag_opens_a_case_linked_to_the_crisis(crisis, english):
    result = ingest_raw(build(headers={"Delivered-To": _tagged(crisis)}).as_bytes())
    assert result.outcome == "new"
    link = CrisisCase.objects.get(crisis=crisis, case=result.case)
    assert link.state == CrisisCase.State.CONFIRMED and link.decided_by is None
    assert link.proposed_reason == "Emailed the crisis mailbox"
    assert result.case.dossier.filter(kind=EntryKind.LINKED).count() == 1
    assert crisis.events.filter(kind=CrisisEvent.Kind.CASE_CONFIRMED, actor=None).count() == 1


@pytest.mark.parametrize("name", ["To", "Cc", "X-Original-To"])
def test_every_recipient_header_counts(crisis, name):
    msg = build()
    if name == "To":
        del msg["To"]
        msg["To"] = f"Klantenservice <{_tagged(crisis).upper()}>"  # servers fold case
    else:
        msg[name] = _tagged(crisis)
    result = ingest_raw(msg.as_bytes())
    assert CrisisCase.objects.filter(crisis=crisis, case=result.case).exists()


def test_a_reply_to_the_tag_links_the_existing_case(crisis):
    first = ingest_raw(build(message_id="<een@example.nl>").as_bytes())
    assert not CrisisCase.objects.exists()
    reply = build(
        message_id="<twee@example.nl>",
        in_reply_to="<een@example.nl>",
        headers={"Cc": _tagged(crisis)},
    )
    result = ingest_raw(reply.as_bytes())
    assert result.outcome == "reply" and result.case == first.case
    assert CrisisCase.objects.get(crisis=crisis).case == first.case
    # The same email again is a duplicate: nothing new happens on the crisis.
    again = ingest_raw(reply.as_bytes())
    assert again.outcome == "duplicate"
    assert crisis.events.filter(kind=CrisisEvent.Kind.CASE_CONFIRMED).count() == 1


def test_a_proposed_case_is_confirmed_and_a_rejected_one_stays_rejected(crisis, lead):
    first = ingest_raw(build(message_id="<een@example.nl>").as_bytes()).case
    second = ingest_raw(
        build(message_id="<twee@example.nl>", sender="piet@example.nl").as_bytes()
    ).case
    proposed = CrisisCase.objects.create(crisis=crisis, case=first, proposed_reason="scope")
    rejected = CrisisCase.objects.create(crisis=crisis, case=second, proposed_reason="scope")
    crisis_case_decide(link=rejected, actor=lead, confirm=False)
    for parent, sender in (("een", "sanne@example.nl"), ("twee", "piet@example.nl")):
        ingest_raw(
            build(
                sender=sender,
                message_id=f"<re-{parent}@example.nl>",
                in_reply_to=f"<{parent}@example.nl>",
                headers={"Delivered-To": _tagged(crisis)},
            ).as_bytes()
        )
    proposed.refresh_from_db()
    rejected.refresh_from_db()
    assert proposed.state == CrisisCase.State.CONFIRMED and proposed.decided_by is None
    assert rejected.state == CrisisCase.State.REJECTED and rejected.decided_by == lead


def test_an_unknown_tag_is_ignored_and_the_email_ingested(crisis):
    result = ingest_raw(build(headers={"Delivered-To": _tagged(crisis, "bestaat-niet")}).as_bytes())
    assert result.outcome == "new" and Case.objects.count() == 1
    assert InboundEmail.objects.get().status == InboundEmail.Status.PROCESSED
    assert not CrisisCase.objects.exists()


def test_a_closed_crisis_tag_is_ignored(crisis, lead):
    crisis_status_set(crisis=crisis, actor=lead, status=CrisisStatus.CLOSED)
    result = ingest_raw(build(headers={"Delivered-To": _tagged(crisis)}).as_bytes())
    assert result.outcome == "new"
    assert not CrisisCase.objects.exists()


def test_a_drill_crisis_tag_does_not_catch_real_email(lead):
    drill = Drill.objects.create(scenario="recall", title="Oefening", started_by=lead)
    crisis = crisis_open(
        actor=lead, title="Oefencrisis", scenario=Scenario.RECALL, severity=2, drill=drill
    )
    result = ingest_raw(build(headers={"Delivered-To": _tagged(crisis)}).as_bytes())
    assert result.outcome == "new" and result.case.drill_id is None
    assert not CrisisCase.objects.exists()


def test_ignored_mail_is_not_linked(crisis):
    bounce = build(
        sender="MAILER-DAEMON@example.nl",
        subject="Undelivered Mail Returned to Sender",
        headers={"Delivered-To": _tagged(crisis), "Auto-Submitted": "auto-replied"},
    )
    result = ingest_raw(bounce.as_bytes())
    assert result.outcome in ("auto_reply", "bounce")
    assert not CrisisCase.objects.exists()


def test_a_corpus_message_to_the_tag_is_linked(crisis):
    raw = corpus("plain_dutch.eml")
    assert recipient_addresses(raw) == [CARE]
    tagged = raw.replace(CARE.encode(), _tagged(crisis).encode())
    assert recipient_addresses(tagged) == [_tagged(crisis)]
    result = ingest_raw(tagged)
    assert result.outcome == "new" and result.case.subject == "Glassplinter in de pindakaas"
    assert CrisisCase.objects.get(crisis=crisis).case == result.case


def test_a_broken_link_step_never_costs_the_message(crisis, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("kalm.crisis.outreach.crisis_link_by_mailbox_tag", broken)
    result = ingest_raw(build(headers={"Delivered-To": _tagged(crisis)}).as_bytes())
    assert result.outcome == "new" and Case.objects.count() == 1
