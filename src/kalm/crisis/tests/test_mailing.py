"""Email updates: who is subscribed, one mailing per version and subscriber, sending at the
configured rate with the real (locmem and SMTP) mail backends, retries, and the dossier."""

from __future__ import annotations

import socket

import pytest

from kalm.cases.models import ExpectationOption
from kalm.core.testing import UserFactory, make_case
from kalm.crisis.actions import crisis_case_decide, statement_publish
from kalm.crisis.mailing import (
    MAX_ATTEMPTS,
    informed_cases_subscribe,
    mailing_send,
    mailings_create,
    subscription_ensure,
)
from kalm.crisis.models import (
    CrisisCase,
    CrisisMailing,
    CrisisSubscription,
    Publication,
    PublishChannel,
)
from kalm.crisis.selectors import statement_panel
from kalm.crisis.tasks import send_crisis_mailings
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import SECTIONS, approved, published, team
from kalm.dossier.models import EntryKind
from kalm.webhooks.tests.conftest import run_scheduled

C = PublishChannel
M = CrisisMailing.Status


@pytest.fixture
def crisis(clock, team_lead):
    return open_crisis(team_lead)


def informed_case(name: str = "Sanne", language: str = "nl", **kwargs):
    option = ExpectationOption.objects.get(code="informed")
    email = kwargs.pop("email", f"{name.lower()}@example.nl")
    return make_case(name=name, email=email, language=language, expectations=[option], **kwargs)


def confirm(crisis, case, actor):
    link = CrisisCase.objects.create(crisis=crisis, case=case)
    return crisis_case_decide(link=link, actor=actor, confirm=True)


def subscribers(crisis, team_lead, count: int, language: str = "nl") -> list:
    cases = [informed_case(f"Klant{i}{language}", language=language) for i in range(count)]
    for case in cases:
        confirm(crisis, case, team_lead)
    return cases


def publish_email(crisis, team_lead, capture, **kwargs):
    spokes, legal = team(team_lead) if not kwargs.get("people") else kwargs.pop("people")
    with capture(execute=True):
        version = published(crisis, spokes, legal, channels=[C.EMAIL_UPDATE], **kwargs)
    return version, (spokes, legal)


def test_confirming_a_case_that_asked_to_be_kept_informed_subscribes_it(crisis, team_lead):
    wants = informed_case(language="en")
    does_not = make_case(name="Piet", email="piet@example.nl")
    confirm(crisis, wants, team_lead)
    confirm(crisis, does_not, team_lead)
    subscription = CrisisSubscription.objects.get()
    assert subscription.case == wants and subscription.consumer == wants.consumer
    assert (subscription.source, subscription.language) == ("case", "en")
    assert subscription.email == "sanne@example.nl" and len(subscription.token) >= 30


def test_bulk_confirming_subscribes_too(crisis, team_lead):
    from kalm.crisis.actions import crisis_cases_confirm

    case = informed_case()
    link = CrisisCase.objects.create(crisis=crisis, case=case)
    crisis_cases_confirm(crisis=crisis, actor=team_lead, link_ids=[link.pk])
    assert CrisisSubscription.objects.filter(crisis=crisis, case=case).exists()


def test_publishing_subscribes_confirmed_cases_that_have_no_subscription_yet(crisis, team_lead):
    # Confirmed before subscribing existed (no decide action ran for it).
    case = informed_case()
    CrisisCase.objects.create(crisis=crisis, case=case, state=CrisisCase.State.CONFIRMED)
    proposed = informed_case("Piet")
    CrisisCase.objects.create(crisis=crisis, case=proposed)
    spokes, legal = team(team_lead)
    version = published(crisis, spokes, legal, channels=[C.EMAIL_UPDATE])
    mailing = CrisisMailing.objects.get()
    assert (mailing.version, mailing.subscription.case, mailing.status) == (
        version,
        case,
        M.PENDING,
    )
    assert informed_cases_subscribe(crisis=crisis) == []  # nothing left to do


def test_one_mailing_per_subscriber_and_version(crisis, team_lead):
    first, second, gone = subscribers(crisis, team_lead, 3)
    CrisisSubscription.objects.filter(case=gone).update(unsubscribed_at=crisis.opened_at)
    other = open_crisis(team_lead, title="Andere crisis")
    confirm(other, informed_case("Elders"), team_lead)
    spokes, legal = team(team_lead)
    version = published(crisis, spokes, legal, channels=[C.EMAIL_UPDATE])
    rows = CrisisMailing.objects.filter(crisis=crisis)
    assert sorted(r.subscription.case_id for r in rows) == sorted([first.pk, second.pk])
    assert {r.version_id for r in rows} == {version.pk}
    publication = Publication.objects.get(channel=C.EMAIL_UPDATE)
    mailings_create(publication=publication)  # a second call adds nothing
    assert CrisisMailing.objects.count() == 2
    with pytest.raises(ValueError):
        mailings_create(publication=Publication(channel=C.PUBLIC_PAGE, crisis=crisis))


def test_a_consumer_without_a_statement_in_their_language_gets_the_other_one(crisis, team_lead):
    (dutch,) = subscribers(crisis, team_lead, 1, "nl")
    (english,) = subscribers(crisis, team_lead, 1, "en")
    spokes, legal = team(team_lead)
    nl1 = published(crisis, spokes, legal, channels=[C.EMAIL_UPDATE])
    assert {m.subscription.case_id for m in nl1.mailings.all()} == {dutch.pk, english.pk}
    en1 = published(crisis, spokes, legal, language="en", channels=[C.EMAIL_UPDATE])
    assert [m.subscription.case_id for m in en1.mailings.all()] == [english.pk]
    nl2 = published(crisis, spokes, legal, channels=[C.EMAIL_UPDATE], what_we_do="Alles terug.")
    assert [m.subscription.case_id for m in nl2.mailings.all()] == [dutch.pk]


def test_it_sends_in_batches_and_reschedules_until_none_are_pending(
    crisis, team_lead, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.KALM_CRISIS_MAIL_RATE = 12  # batches of 2 (ten seconds' worth), every 10 s
    subscribers(crisis, team_lead, 5)
    publish_email(crisis, team_lead, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2  # the first batch ran on commit
    assert CrisisMailing.objects.filter(status=M.PENDING).count() == 3
    assert run_scheduled() == 1
    assert len(mailoutbox) == 4
    assert run_scheduled() == 1
    assert len(mailoutbox) == 5
    assert run_scheduled() == 0  # nothing pending: the chain stopped
    assert CrisisMailing.objects.filter(status=M.SENT).count() == 5
    assert len({m.to[0] for m in mailoutbox}) == 5


def test_it_never_sends_more_than_the_rate_in_a_minute(
    crisis, team_lead, mailoutbox, settings, clock, django_capture_on_commit_callbacks
):
    settings.KALM_CRISIS_MAIL_RATE = 2
    subscribers(crisis, team_lead, 3)
    publish_email(crisis, team_lead, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    run_scheduled()
    assert len(mailoutbox) == 2
    run_scheduled()  # the minute is full: it waits and tries again
    run_scheduled()
    assert len(mailoutbox) == 2
    clock.shift(61)
    run_scheduled()
    assert len(mailoutbox) == 3
    assert run_scheduled() == 0


def test_a_newer_version_replaces_an_update_still_waiting_for_the_rate(
    crisis, team_lead, mailoutbox, settings, english, django_capture_on_commit_callbacks
):
    settings.KALM_CRISIS_MAIL_RATE = 6  # one per ten seconds: the rest waits
    subscribers(crisis, team_lead, 2)
    first, people = publish_email(crisis, team_lead, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    waiting = CrisisMailing.objects.get(version=first, status=M.PENDING)
    second, _people = publish_email(
        crisis, team_lead, django_capture_on_commit_callbacks, people=people, what_we_do="Nieuw."
    )
    waiting.refresh_from_db()
    assert waiting.status == M.SKIPPED
    assert waiting.error == f"Replaced by update {second.number} before it was sent."
    assert CrisisMailing.objects.filter(version=second).count() == 2
    assert CrisisMailing.objects.filter(version=first, status=M.SENT).count() == 1


def test_a_sent_mailing_is_never_sent_again(
    crisis, team_lead, mailoutbox, django_capture_on_commit_callbacks
):
    subscribers(crisis, team_lead, 1)
    publish_email(crisis, team_lead, django_capture_on_commit_callbacks)
    mailing = CrisisMailing.objects.get()
    assert mailing.status == M.SENT and mailing.attempts == 1
    again = mailing_send(mailing_id=mailing.pk)
    send_crisis_mailings()
    assert again.attempts == 1 and len(mailoutbox) == 1
    entries = mailing.subscription.case.dossier.filter(kind=EntryKind.EMAIL_SENT)
    assert entries.filter(payload__mailing_id=mailing.pk).count() == 1


def test_the_email_has_the_statement_the_page_and_an_unsubscribe_link(
    crisis, team_lead, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://zorg.example"
    (case,) = subscribers(crisis, team_lead, 1, "en")
    version, _people = publish_email(
        crisis, team_lead, django_capture_on_commit_callbacks, language="en"
    )
    (email,) = mailoutbox
    subscription = CrisisSubscription.objects.get()
    mailing = CrisisMailing.objects.get()
    page = f"https://zorg.example/crisis/{crisis.slug}/"
    unsubscribe = f"https://zorg.example/crisis/unsubscribe/{subscription.token}/"
    assert email.to == [subscription.email] == ["klant0en@example.nl"]
    assert email.subject == f"Update {version.number}: {crisis.title}"
    assert email.from_email == "Kalm <klantenservice@kalm.localhost>"
    html = email.alternatives[0][0]
    for text in SECTIONS.values():
        assert text in email.body and text in html
    assert "What happened" in email.body  # headings in the statement's language
    assert page in email.body and page in html
    assert unsubscribe in email.body and unsubscribe in html
    assert email.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email.extra_headers["Message-ID"] == f"<{mailing.message_id.strip('<>')}>"
    assert "X-Kalm-Drill" not in email.extra_headers
    entry = case.dossier.get(kind=EntryKind.EMAIL_SENT, payload__mailing_id=mailing.pk)
    assert entry.payload["version"] == version.number
    assert entry.payload["message_id"] == email.extra_headers["Message-ID"]
    assert "v1" in entry.summary


def test_the_dutch_consumer_is_told_when_the_update_is_only_in_english(
    crisis, team_lead, mailoutbox, django_capture_on_commit_callbacks
):
    subscribers(crisis, team_lead, 1, "nl")
    publish_email(crisis, team_lead, django_capture_on_commit_callbacks, language="en")
    (email,) = mailoutbox
    assert "English" in email.body  # "only available in English for now", in Dutch later


def test_drill_mail_carries_the_drill_header(
    crisis, team_lead, mailoutbox, django_capture_on_commit_callbacks
):
    from kalm.drills.models import Drill

    drill = Drill.objects.create(scenario="recall", title="Oefening", started_by=team_lead)
    crisis.drill = drill
    crisis.save(update_fields=["drill"])
    subscribers(crisis, team_lead, 1)
    publish_email(crisis, team_lead, django_capture_on_commit_callbacks)
    assert mailoutbox[0].extra_headers["X-Kalm-Drill"] == str(drill.pk)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_errors_are_retried_a_few_times_then_failed_with_the_error(
    crisis, team_lead, settings, clock, django_capture_on_commit_callbacks
):
    # A real SMTP backend against a port nobody listens on: the connection is refused.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    subscribers(crisis, team_lead, 1)
    publish_email(crisis, team_lead, django_capture_on_commit_callbacks)
    mailing = CrisisMailing.objects.get()
    assert (mailing.status, mailing.attempts) == (M.PENDING, 1)
    assert "refused" in mailing.error.lower()
    assert mailing_send(mailing_id=mailing.pk).attempts == 1  # waits before trying again
    for _attempt in range(MAX_ATTEMPTS - 1):
        clock.shift(301)
        mailing = mailing_send(mailing_id=mailing.pk)
    assert (mailing.status, mailing.attempts) == (M.FAILED, MAX_ATTEMPTS)
    assert "refused" in mailing.error.lower()
    clock.shift(301)
    assert mailing_send(mailing_id=mailing.pk).attempts == MAX_ATTEMPTS  # failed is final
    spokes = UserFactory(username="viewer")
    row = statement_panel(crisis, spokes).blocks[0].channels
    email_row = next(r for r in row if r.channel == C.EMAIL_UPDATE)
    assert (email_row.deliveries[0].failed, email_row.has_failures) == (1, True)


def test_a_contact_form_subscriber_without_a_case_is_mailed_without_a_dossier(
    crisis, team_lead, mailoutbox, django_capture_on_commit_callbacks
):
    case = make_case(name="Form", email="form@example.nl")
    subscription_ensure(
        crisis=crisis,
        consumer=case.consumer,
        source=CrisisSubscription.Source.CONTACT_FORM,
        email="ander@example.nl",
    )
    publish_email(crisis, team_lead, django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [["ander@example.nl"]]
    assert not case.dossier.filter(kind=EntryKind.EMAIL_SENT, payload__mailing_id__gt=0).exists()


def test_the_rate_setting_must_be_a_positive_number(settings):
    from django.core.exceptions import ImproperlyConfigured

    from kalm.crisis.mailing import mail_rate

    settings.KALM_CRISIS_MAIL_RATE = 0
    with pytest.raises(ImproperlyConfigured, match="KALM_CRISIS_MAIL_RATE"):
        mail_rate()
    settings.KALM_CRISIS_MAIL_RATE = 30
    assert mail_rate() == 30


def test_publishing_email_in_a_refused_transaction_leaves_no_mailings(crisis, team_lead):
    from kalm.crisis.actions import StatementRefused
    from kalm.crisis.models import TeamRole
    from kalm.crisis.tests.statements import member

    subscribers(crisis, team_lead, 2)
    spokes, legal = team(team_lead)
    care = member(team_lead, "care", TeamRole.CUSTOMER_CARE)
    version = approved(crisis, spokes, legal)
    with pytest.raises(StatementRefused):
        statement_publish(version=version, actor=care, channels=[C.EMAIL_UPDATE, C.SOCIAL])
    assert not CrisisMailing.objects.exists() and not Publication.objects.exists()


@pytest.mark.parametrize("model", ["crisissubscription", "crisismailing", "socialdraft"])
def test_the_admin_lists_them_read_only(admin_client, crisis, team_lead, model):
    subscribers(crisis, team_lead, 1)
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[C.EMAIL_UPDATE])
    response = admin_client.get(f"/admin/crisis/{model}/")
    assert response.status_code == 200
    assert CrisisSubscription.objects.get().token not in response.content.decode()
    assert admin_client.get(f"/admin/crisis/{model}/add/").status_code == 403


def test_merging_consumers_moves_their_subscription_and_keeps_an_unsubscribe(crisis, team_lead):
    from kalm.consumers.actions import consumer_merge

    first = informed_case("Sanne", email="sanne@example.nl")
    second = informed_case("Sanne W", email="sanne@werk.example")
    confirm(crisis, first, team_lead)
    confirm(crisis, second, team_lead)
    gone = CrisisSubscription.objects.get(consumer=second.consumer)
    gone.unsubscribed_at = crisis.opened_at
    gone.save(update_fields=["unsubscribed_at"])
    consumer_merge(keep=first.consumer, merge=second.consumer, actor=team_lead)
    rows = CrisisSubscription.objects.filter(crisis=crisis)
    assert rows.count() == 2  # kept as proof, nothing deleted
    assert not rows.filter(unsubscribed_at=None).exists()  # the unsubscribe wins
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[C.EMAIL_UPDATE])
    assert not CrisisMailing.objects.filter(status=M.PENDING).exists()


def test_a_merged_consumer_without_their_own_subscription_takes_the_other(crisis, team_lead):
    from kalm.consumers.actions import consumer_merge

    first = make_case(name="Sanne", email="sanne@example.nl")
    second = informed_case("Sanne W", email="sanne@werk.example")
    confirm(crisis, second, team_lead)
    consumer_merge(keep=first.consumer, merge=second.consumer, actor=team_lead)
    (subscription,) = CrisisSubscription.objects.filter(crisis=crisis)
    assert subscription.consumer_id == first.consumer_id and subscription.unsubscribed_at is None
    spokes, legal = team(team_lead)
    version = published(crisis, spokes, legal, channels=[C.EMAIL_UPDATE])
    assert version.mailings.count() == 1


def test_a_failing_dossier_write_never_sends_the_update_twice(
    crisis, team_lead, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    from kalm.crisis import mailing as module

    def broken(*args, **kwargs):
        raise RuntimeError("dossier unavailable")

    monkeypatch.setattr(module, "_record_sent", broken)
    subscribers(crisis, team_lead, 1)
    publish_email(crisis, team_lead, django_capture_on_commit_callbacks)
    row = CrisisMailing.objects.get()
    assert row.status == M.SENT and len(mailoutbox) == 1
    mailing_send(mailing_id=row.pk)
    send_crisis_mailings()
    assert len(mailoutbox) == 1
