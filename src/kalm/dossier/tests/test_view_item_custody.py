import pytest
from django.conf import settings
from django.core.management import call_command
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from kalm.dossier.actions import item_custody_move, item_register
from kalm.dossier.models import DossierEntry, EntryKind, PhysicalItem


@pytest.fixture
def item(case, agent):
    return item_register(case=case, agent=agent, description="Doos", collected_where="Balie")


def _url(item):
    return reverse("dossier:item_custody", kwargs={"item_pk": item.pk})


def test_the_url_is_under_the_desk(item):
    assert _url(item) == f"/desk/dossier/items/{item.pk}/custody/"


def test_it_records_a_custody_move(client, agent, item, case):
    client.force_login(agent)
    response = client.post(_url(item), {"custody": "sent_to_lab", "note": "Lab Delft"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.custody == "sent_to_lab"
    entry = DossierEntry.objects.filter(case=case, kind=EntryKind.ITEM_CUSTODY).get()
    assert entry.payload["note"] == "Lab Delft"
    assert entry.actor == agent
    call_command("verify_dossier")


def test_it_refuses_a_move_after_destruction_and_says_why(client, agent, item, case):
    item_custody_move(item=item, agent=agent, custody="destroyed")
    client.force_login(agent)
    response = client.post(_url(item), {"custody": "returned", "note": "toch terug"})
    assert response.status_code == 400
    page = response.content.decode()
    with translation.override(settings.LANGUAGE_CODE):
        expected = _("Item %(number)s is %(current)s: its custody can no longer change.") % {
            "number": item.receipt_number,
            "current": PhysicalItem.Custody.DESTROYED.label.lower(),
        }
    assert escape(expected) in page
    assert 'name="custody"' not in page
    item.refresh_from_db()
    assert item.custody == "destroyed"
    assert DossierEntry.objects.filter(case=case, kind=EntryKind.ITEM_CUSTODY).count() == 1


def test_it_refuses_an_unknown_custody_and_keeps_the_note(client, agent, item):
    client.force_login(agent)
    response = client.post(_url(item), {"custody": "lost", "note": "Kast 4B"})
    assert response.status_code == 400
    assert 'value="Kast 4B"' in response.content.decode()
    item.refresh_from_db()
    assert item.custody == "collected"


def test_it_refuses_going_back_to_collected(client, agent, item):
    client.force_login(agent)
    response = client.post(_url(item), {"custody": "collected"})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.custody == "collected"


def test_it_only_accepts_post(client, agent, item):
    client.force_login(agent)
    assert client.get(_url(item)).status_code == 405


def test_it_sends_anonymous_people_to_login(client, item):
    response = client.post(_url(item), {"custody": "stored"})
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert PhysicalItem.objects.get(pk=item.pk).custody == "collected"


def test_it_refuses_an_outsider(client, outsider, item):
    client.force_login(outsider)
    assert client.post(_url(item), {"custody": "stored"}).status_code == 403
    assert PhysicalItem.objects.get(pk=item.pk).custody == "collected"


def test_it_answers_404_for_an_unknown_item(client, agent):
    client.force_login(agent)
    assert (
        client.post("/desk/dossier/items/999999/custody/", {"custody": "stored"}).status_code == 404
    )
