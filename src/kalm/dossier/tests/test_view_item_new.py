import contextlib

from django.conf import settings
from django.core.management import call_command
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch, reverse

from kalm.dossier.models import DossierEntry, EntryKind, PhysicalItem


def _url(case):
    return reverse("dossier:item_new", kwargs={"case_pk": case.pk})


DATA = {
    "description": "Fles Kalm Cola, lot L2406",
    "condition": "Gebarsten",
    "collected_where": "Winkel Utrecht",
    "collected_at": "",
}


def test_the_url_is_under_the_desk(case):
    assert _url(case) == f"/desk/dossier/cases/{case.pk}/items/new/"


def test_it_registers_an_item_and_goes_back_to_the_case(client, agent, case):
    client.force_login(agent)
    response = client.post(_url(case), DATA)
    assert response.status_code == 302
    with contextlib.suppress(NoReverseMatch):  # the desk's case page may not be mounted
        assert response["Location"].startswith(reverse("desk:case", args=[case.pk]))
    item = PhysicalItem.objects.get(case=case)
    assert item.description == "Fles Kalm Cola, lot L2406"
    assert item.collected_by == agent
    assert DossierEntry.objects.filter(case=case, kind=EntryKind.ITEM_COLLECTED).count() == 1
    call_command("verify_dossier")


def test_it_accepts_a_collection_time(client, agent, case):
    client.force_login(agent)
    client.post(_url(case), {**DATA, "collected_at": "2026-01-15T14:30"})
    item = PhysicalItem.objects.get(case=case)
    assert (item.collected_at.year, item.collected_at.month, item.collected_at.day) == (2026, 1, 15)
    assert item.receipt_number.startswith("R2026-")


def test_it_keeps_what_was_typed_when_something_is_missing(client, agent, case):
    client.force_login(agent)
    response = client.post(_url(case), {**DATA, "collected_where": ""})
    assert response.status_code == 400
    assert "Fles Kalm Cola, lot L2406" in response.content.decode()
    assert "Gebarsten" in response.content.decode()
    assert not PhysicalItem.objects.exists()


def test_it_refuses_a_time_in_the_future(client, agent, case):
    client.force_login(agent)
    response = client.post(_url(case), {**DATA, "collected_at": "2999-01-01T10:00"})
    assert response.status_code == 400
    assert not PhysicalItem.objects.exists()


def test_it_shows_the_form_on_get(client, agent, case):
    client.force_login(agent)
    response = client.get(_url(case))
    assert response.status_code == 200
    assert 'name="description"' in response.content.decode()


def test_it_sends_anonymous_people_to_login(client, case):
    response = client.post(_url(case), DATA)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert not PhysicalItem.objects.exists()


def test_it_refuses_an_outsider(client, outsider, case):
    client.force_login(outsider)
    assert client.post(_url(case), DATA).status_code == 403
    assert client.get(_url(case)).status_code == 403
    assert not PhysicalItem.objects.exists()


def test_it_answers_404_for_an_unknown_case(client, agent):
    client.force_login(agent)
    assert client.post("/desk/dossier/cases/999999/items/new/", DATA).status_code == 404
