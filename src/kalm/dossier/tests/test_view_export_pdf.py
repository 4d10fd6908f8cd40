import hashlib

from django.conf import settings
from django.core.management import call_command
from django.shortcuts import resolve_url
from django.urls import reverse

from kalm.cases.actions import message_reply, note_add
from kalm.dossier.models import DossierEntry, EntryKind
from kalm.dossier.tests.helpers import flat, pdf_text


def _url(case):
    return reverse("dossier:export_pdf", kwargs={"case_pk": case.pk})


def test_the_url_is_under_the_desk(case):
    assert _url(case) == f"/desk/dossier/cases/{case.pk}/export.pdf"


def test_it_exports_the_internal_dossier_and_records_it(client, agent, team_lead, case):
    message_reply(case=case, agent=agent, body="Wij zoeken dit uit.")
    note_add(case=case, agent=agent, body="Interne notitie over lijn 3")
    client.force_login(team_lead)
    response = client.get(_url(case))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"dossier-{case.reference}.pdf" in response["Content-Disposition"]
    text = flat(pdf_text(response.content))
    assert "Wij zoeken dit uit." in text
    assert "Interne notitie over lijn 3" in text
    assert "Evelien Jansen" in text
    entry = DossierEntry.objects.filter(case=case).order_by("-seq").first()
    assert entry.kind == EntryKind.EXPORTED
    assert entry.actor == team_lead
    assert entry.payload["format"] == "pdf"
    assert entry.payload["audience"] == "internal"
    assert entry.payload["sha256"] == hashlib.sha256(response.content).hexdigest()
    call_command("verify_dossier")


def test_it_exports_the_consumer_copy(client, agent, case):
    message_reply(case=case, agent=agent, body="Wij zoeken dit uit.")
    note_add(case=case, agent=agent, body="Interne notitie over lijn 3")
    client.force_login(agent)
    response = client.get(_url(case), {"audience": "consumer"})
    assert response.status_code == 200
    assert "consumer" in response["Content-Disposition"]
    text = flat(pdf_text(response.content))
    assert "Wij zoeken dit uit." in text
    assert "Interne notitie" not in text
    assert "Evelien" not in text and "Jansen" not in text
    entry = DossierEntry.objects.filter(case=case).order_by("-seq").first()
    assert entry.payload["audience"] == "consumer"


def test_it_refuses_an_unknown_audience(client, agent, case):
    client.force_login(agent)
    assert client.get(_url(case), {"audience": "press"}).status_code == 400
    assert not DossierEntry.objects.filter(case=case, kind=EntryKind.EXPORTED).exists()


def test_it_sends_anonymous_people_to_login(client, case):
    response = client.get(_url(case))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_it_refuses_an_outsider(client, outsider, case):
    client.force_login(outsider)
    assert client.get(_url(case)).status_code == 403
    assert not DossierEntry.objects.filter(case=case, kind=EntryKind.EXPORTED).exists()
