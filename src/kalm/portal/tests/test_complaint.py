"""The public complaint form at ``/``."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kalm.cases.models import Case, Channel, ExpectationOption, Message
from kalm.consumers.models import Consumer
from kalm.core.testing import ProductFactory
from kalm.dossier.models import DossierEntry, EntryKind, Evidence
from kalm.portal.forms import FILES_NOT_KEPT
from kalm.portal.tests.conftest import exe_upload, jpeg_upload

URL = reverse("portal:complaint")


def _data(**overrides) -> dict:
    data = {
        "name": "Sanne de Vries",
        "email": "sanne@example.nl",
        "phone": "",
        "product": "",
        "batch_number": "L2405-17",
        "subject": "",
        "body": "De fles is in mijn hand ontploft.\nIk heb een snee in mijn hand.",
        "expectation_other": "",
        "website": "",
    }
    data.update(overrides)
    return data


def test_it_shows_the_form_in_dutch_by_default(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="nl">' in body
    assert "Op de hoogte gehouden worden" in body
    assert 'type="file"' in body and "multiple" in body
    assert 'action="/i18n/setlang/"' in body


def test_it_shows_english_labels_after_switching(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": URL})
    assert response.status_code == 302
    response = client.get(URL)
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "To be kept informed" in body
    assert "Op de hoogte gehouden worden" not in body


def test_it_opens_a_case_with_consumer_message_and_evidence(client, db):
    product = ProductFactory(name="Bruisend water 1L")
    informed = ExpectationOption.objects.get(code="informed")
    response = client.post(
        URL,
        _data(product=product.pk, expectations=[informed.pk], files=[jpeg_upload("fles.jpg")]),
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("/c/")
    assert case.channel == Channel.WEB and case.language == "nl"
    assert case.product == product and case.batch_number == "L2405-17"
    assert list(case.expectations.all()) == [informed]
    assert case.subject == "De fles is in mijn hand ontploft."  # derived from the first line
    consumer = Consumer.objects.get()
    assert consumer.email == "sanne@example.nl" and consumer.name == "Sanne de Vries"
    message = Message.objects.get(case=case)
    assert message.kind == Message.Kind.INBOUND and "snee" in message.body
    evidence = Evidence.objects.get(case=case)
    assert evidence.original_name == "fles.jpg" and evidence.content_type == "image/jpeg"
    assert evidence.from_consumer and evidence.message == message
    assert timezone.localtime(evidence.captured_at).replace(tzinfo=None) == datetime(
        2024, 5, 17, 14, 30
    )


def test_it_shows_the_reference_once_on_the_status_page(client, db):
    response = client.post(URL, _data(), follow=True)
    case = Case.objects.get()
    body = response.content.decode()
    assert case.reference in body
    assert gettext("Bookmark this page.") in body
    assert f'value="http://testserver{response.redirect_chain[-1][0]}"' in body
    again = client.get(response.redirect_chain[-1][0]).content.decode()
    assert gettext("Bookmark this page.") not in again


def test_it_shows_errors_for_an_empty_submission(client, db):
    response = client.post(URL, {})
    assert response.status_code == 200
    form = response.context["form"]
    assert {"name", "body", "email"} <= set(form.errors)
    assert not Case.objects.exists()


def test_it_keeps_the_case_and_good_files_when_one_file_is_refused(client, db):
    response = client.post(
        URL,
        _data(files=[jpeg_upload("goed.jpg"), exe_upload("stiekem.jpg")]),
        follow=True,
    )
    case = Case.objects.get()
    assert [e.original_name for e in case.evidence.all()] == ["goed.jpg"]
    body = response.content.decode()
    assert "stiekem.jpg" in body
    assert "application/x-msdownload" in body  # the reason, as evidence_attach words it
    refusal = DossierEntry.objects.get(case=case, kind=EntryKind.EVIDENCE_REFUSED)
    assert refusal.payload["original_name"] == "stiekem.jpg"


def test_it_keeps_what_was_typed_when_contact_is_missing(client, db):
    response = client.post(
        URL, _data(email="", phone="", body="Mijn tekst blijft staan", files=[jpeg_upload()])
    )
    assert response.status_code == 200
    assert not Case.objects.exists()
    body = response.content.decode()
    assert gettext("Give an email address or a phone number, so we can reach you.") in body
    assert "Mijn tekst blijft staan" in body and 'value="Sanne de Vries"' in body
    assert escape(str(FILES_NOT_KEPT)) in body


def test_it_translates_the_contact_error(client, db):
    with translation.override("en"):
        expected = gettext("Give an email address or a phone number, so we can reach you.")
    client.cookies["django_language"] = "en"
    response = client.post(URL, _data(email="", phone=""))
    assert expected in response.content.decode()
    assert response.context["form"].errors["email"][0] == expected


def test_it_accepts_a_phone_number_without_email(client, db):
    response = client.post(URL, _data(email="", phone="06 12345678"))
    assert response.status_code == 302
    assert Consumer.objects.get().phone == "06 12345678"


def test_it_refuses_a_phone_number_that_is_not_one(client, db):
    response = client.post(URL, _data(email="", phone="call me maybe"))
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert not Case.objects.exists()


def test_it_needs_the_text_for_other(client, db):
    other = ExpectationOption.objects.get(code="other")
    response = client.post(URL, _data(expectations=[other.pk]))
    assert "expectation_other" in response.context["form"].errors
    response = client.post(URL, _data(expectations=[other.pk], expectation_other="Een bezoek"))
    assert response.status_code == 302
    assert Case.objects.get().expectation_other == "Een bezoek"


def test_it_refuses_too_many_files(client, db, settings):
    settings.KALM_EVIDENCE_MAX_FILES = 2
    files = [jpeg_upload(f"f{i}.jpg", colour=c) for i, c in enumerate(["red", "blue", "green"])]
    response = client.post(URL, _data(files=files))
    assert response.status_code == 200
    assert "files" in response.context["form"].errors
    assert not Case.objects.exists()


def test_it_refuses_a_filled_honeypot(client, db):
    response = client.post(URL, _data(website="http://spam.example"))
    assert response.status_code == 200
    assert not Case.objects.exists()
    assert response.context["form"].non_field_errors()


def test_it_only_offers_active_products(client, db):
    ProductFactory(name="Verkrijgbaar")
    gone = ProductFactory(name="Uit het assortiment", active=False)
    body = client.get(URL).content.decode()
    assert "Verkrijgbaar" in body and "Uit het assortiment" not in body
    response = client.post(URL, _data(product=gone.pk))
    assert "product" in response.context["form"].errors


def test_it_records_english_as_the_case_language(client, db):
    client.cookies["django_language"] = "en"
    client.post(URL, _data())
    assert Case.objects.get().language == "en"


def test_it_sends_the_confirmation_email(
    client, db, agent, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, _data())
    case = Case.objects.get()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["sanne@example.nl"]
    assert case.reference in mail.subject
    assert response["Location"] in mail.body  # the private status link
    for secret in (agent.first_name, agent.last_name, agent.email):
        assert secret not in mail.body and secret not in mail.from_email


def test_it_sends_no_email_without_an_address(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, _data(email="", phone="+31 6 1234 5678"))
    assert Case.objects.count() == 1
    assert mailoutbox == []


def test_it_enforces_csrf(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, _data())
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_it_refuses_other_methods(client, db):
    assert client.put(URL).status_code == 405


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=_text,
    email=_text,
    phone=_text,
    batch=_text,
    subject=_text,
    body=_text,
    other=_text,
    product=_text,
    expectations=st.lists(_text, max_size=3),
)
def test_it_never_fails_on_arbitrary_text(
    client, name, email, phone, batch, subject, body, other, product, expectations
):
    response = client.post(
        URL,
        {
            "name": name,
            "email": email,
            "phone": phone,
            "batch_number": batch,
            "subject": subject,
            "body": body,
            "expectation_other": other,
            "product": product,
            "expectations": expectations,
        },
    )
    assert response.status_code in {200, 302}
