"""The crisis's public contact form at /crisis/<key>/contact/."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from kalm.accounts.models import User
from kalm.cases.models import Case, Channel
from kalm.core.selectors import organisation_forget
from kalm.crisis.actions import crisis_status_set
from kalm.crisis.models import CrisisCase, CrisisEvent, CrisisStatus, CrisisSubscription
from kalm.crisis.outreach import (
    CrisisActionError,
    contact_address,
    crisis_contact_receive,
)
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import published, team
from kalm.dossier.models import EntryKind
from kalm.drills.models import Drill


@pytest.fixture
def crisis(clock, team_lead, cola):
    crisis = open_crisis(team_lead, products=[cola], batches=["L2611"])
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal)
    return crisis


def _url(crisis) -> str:
    return reverse("portal:crisis_contact", args=[crisis.slug])


def _data(**overrides) -> dict:
    data = {
        "name": "Sanne de Vries",
        "email": "sanne@example.nl",
        "phone": "",
        "batch_number": "L2611",
        "message": "Mijn fles is ook gebarsten.\nIk heb glas op de vloer.",
        "keep_informed": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_it_is_at_the_crisis_address():
    assert reverse("portal:crisis_contact", args=["fles-1a2b3c"]) == "/crisis/fles-1a2b3c/contact/"


def test_the_public_page_links_to_it(crisis, client):
    body = client.get(reverse("portal:crisis", args=[crisis.slug])).content.decode()
    assert _url(crisis) in body


def test_it_shows_the_form_with_the_crisis_mailbox(crisis, client, cola):
    response = client.get(_url(crisis))
    body = response.content.decode()
    assert response.status_code == 200
    assert crisis.title in body
    assert f"+{crisis.contact_tag}@" in body
    # The only product in the scope is chosen already.
    assert f'<option value="{cola.pk}" selected>' in body
    assert 'name="website"' in body


@override_settings(DEFAULT_FROM_EMAIL="Kalm Klantenservice <klantenservice@kalm.example>")
def test_the_mailbox_is_the_care_address_with_the_tag(crisis):
    organisation_forget()
    assert contact_address(crisis) == f"klantenservice+{crisis.contact_tag}@kalm.example"


def test_it_is_not_found_before_a_statement_is_published(clock, team_lead, client):
    crisis = open_crisis(team_lead)
    assert client.get(_url(crisis)).status_code == 404
    assert client.post(_url(crisis), _data()).status_code == 404
    assert not Case.objects.exists()


def test_it_is_not_found_for_a_closed_crisis(crisis, team_lead, client):
    crisis_status_set(crisis=crisis, actor=team_lead, status=CrisisStatus.CLOSED)
    assert client.get(_url(crisis)).status_code == 404
    assert client.post(_url(crisis), _data()).status_code == 404
    assert not Case.objects.exists()
    page = client.get(reverse("portal:crisis", args=[crisis.slug])).content.decode()
    assert _url(crisis) not in page


def test_it_is_not_found_for_an_unknown_key(db, client):
    assert client.get("/crisis/bestaat-niet/contact/").status_code == 404


def test_a_drill_crisis_has_no_public_form(crisis, team_lead, client):
    drill = Drill.objects.create(scenario="recall", title="Oefening", started_by=team_lead)
    type(crisis).objects.filter(pk=crisis.pk).update(drill=drill)
    assert client.get(_url(crisis)).status_code == 404


def test_it_opens_a_confirmed_case_and_subscribes(
    crisis, client, cola, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(crisis), _data(product=str(cola.pk)))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("/c/")
    assert case.channel == Channel.WEB
    assert case.product == cola and case.batch_number == "L2611"
    assert case.subject == "Mijn fles is ook gebarsten."
    assert case.language == "nl"  # the language of the statement on the page
    assert case.consumer.email == "sanne@example.nl"
    assert list(case.expectations.values_list("code", flat=True)) == ["informed"]
    link = CrisisCase.objects.get(crisis=crisis, case=case)
    assert link.state == CrisisCase.State.CONFIRMED and link.decided_by is None
    assert link.proposed_reason == "Via the crisis contact form"
    event = crisis.events.filter(kind=CrisisEvent.Kind.CASE_CONFIRMED).get()
    assert event.actor is None and event.payload["case_id"] == case.pk
    linked = case.dossier.get(kind=EntryKind.LINKED)
    assert linked.payload["crisis_id"] == crisis.pk and linked.actor_type == "system"
    subscription = CrisisSubscription.objects.get()
    assert subscription.source == CrisisSubscription.Source.CONTACT_FORM
    assert (subscription.consumer, subscription.case) == (case.consumer, case)
    # The normal confirmation email with the reference and the status link.
    assert len(mail.outbox) == 1 and case.reference in mail.outbox[0].subject
    # The status page greets them as a new complaint does.
    status = client.get(response["Location"]).content.decode()
    assert 'id="received"' in status and case.reference in status


def test_it_does_not_subscribe_without_the_box_ticked(crisis, client):
    response = client.post(_url(crisis), _data(keep_informed=""))
    assert response.status_code == 302
    case = Case.objects.get()
    assert not case.expectations.exists()
    assert not CrisisSubscription.objects.exists()
    assert CrisisCase.objects.get(case=case).state == CrisisCase.State.CONFIRMED


def test_it_takes_the_language_of_the_statement_on_the_page(crisis, client):
    spokes, legal = (User.objects.get(username=name) for name in ("spokes", "legal"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    # Only a Dutch statement is published: the page the consumer read, so the case, is Dutch.
    client.post(_url(crisis), _data())
    assert Case.objects.get().language == "nl"
    published(crisis, spokes, legal, language="en")
    client.post(_url(crisis), _data(email="piet@example.nl", name="Piet"))
    assert Case.objects.get(consumer__email="piet@example.nl").language == "en"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"website": "http://spam.example"}, None),
        ({"email": ""}, "email"),
        ({"email": "geen-adres"}, "email"),
        ({"message": ""}, "message"),
        ({"name": ""}, "name"),
        ({"phone": "bel me"}, "phone"),
    ],
)
def test_it_refuses_bad_input_and_keeps_what_was_typed(crisis, client, overrides, field):
    response = client.post(_url(crisis), _data(**overrides))
    assert response.status_code == 400
    assert not Case.objects.exists() and not CrisisCase.objects.filter(crisis=crisis).exists()
    form = response.context["form"]
    if field is None:
        assert form.non_field_errors()
    else:
        assert field in form.errors
    assert 'value="L2611"' in response.content.decode()  # what was typed is kept


def test_the_action_refuses_a_closed_crisis(crisis, team_lead):
    crisis_status_set(crisis=crisis, actor=team_lead, status=CrisisStatus.CLOSED)
    with pytest.raises(CrisisActionError):
        crisis_contact_receive(
            crisis=crisis, name="Sanne", email="sanne@example.nl", message="Ook kapot"
        )
    assert not Case.objects.exists()
