"""The receipt PDF of a physical item at ``/c/<token>/items/<id>/receipt.pdf``."""

from __future__ import annotations

from django.urls import reverse

from kalm.dossier.actions import item_register
from kalm.dossier.models import PhysicalItem


def _item(case, agent) -> PhysicalItem:
    return item_register(
        case=case, agent=agent, description="Kapotte fles, 1 liter", collected_where="Balie Utrecht"
    )


def _url(token: str, item: PhysicalItem) -> str:
    return reverse("portal:receipt", kwargs={"token": token, "item_id": item.pk})


def test_it_serves_the_receipt_pdf(client, case, token, agent):
    item = _item(case, agent)
    response = client.get(_url(token, item))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert item.receipt_number in response["Content-Disposition"]


def test_it_refuses_another_cases_item(client, token, other_case, agent):
    foreign = _item(other_case, agent)
    assert client.get(_url(token, foreign)).status_code == 404


def test_it_refuses_a_forged_token(client, case, token, agent, outsider):
    item = _item(case, agent)
    client.force_login(outsider)
    assert client.get(_url(token[:-2], item)).status_code == 404
