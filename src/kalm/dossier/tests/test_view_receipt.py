import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from kalm.dossier.actions import item_register
from kalm.dossier.tests.helpers import flat, pdf_text


@pytest.fixture
def item(case, agent):
    return item_register(
        case=case, agent=agent, description="Gebroken fles", collected_where="Thuis, Zwolle"
    )


def _url(item):
    return reverse("dossier:receipt", kwargs={"item_pk": item.pk})


def test_the_url_is_under_the_desk(item):
    assert _url(item) == f"/desk/dossier/items/{item.pk}/receipt.pdf"


def test_it_returns_the_receipt_with_alias_but_not_real_name(client, team_lead, item, case):
    client.force_login(team_lead)
    response = client.get(_url(item))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert item.receipt_number in response["Content-Disposition"]
    text = flat(pdf_text(response.content))
    assert item.receipt_number in text
    assert case.reference in text
    assert "Eva" in text
    assert "Evelien" not in text and "Jansen" not in text


def test_it_sends_anonymous_people_to_login(client, item):
    response = client.get(_url(item))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_it_refuses_an_outsider(client, outsider, item):
    client.force_login(outsider)
    assert client.get(_url(item)).status_code == 403


def test_it_refuses_an_outsider_even_for_unknown_items(client, outsider):
    client.force_login(outsider)
    assert client.get("/desk/dossier/items/999999/receipt.pdf").status_code == 403


def test_it_answers_404_for_an_unknown_item(client, agent):
    client.force_login(agent)
    assert client.get("/desk/dossier/items/999999/receipt.pdf").status_code == 404
