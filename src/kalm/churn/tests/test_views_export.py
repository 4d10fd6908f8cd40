"""/desk/churn/export.csv: the at-risk list as a spreadsheet."""

from __future__ import annotations

import csv
import io

from django.urls import reverse

from kalm.churn.tests.conftest import high_risk, low_risk, medium_risk
from kalm.consumers.models import Consumer
from kalm.desk.tests.conftest import assert_refused

URL = "/desk/churn/export.csv"


def _rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_it_refuses_anonymous_and_outsiders(client, outsider):
    assert reverse("churn:export") == URL
    assert_refused(client, "get", URL, outsider)


def test_it_exports_every_consumer_at_risk_with_reasons_and_action(agent, agent_client, english):
    high = high_risk("Hanna Hoog", "hoog@example.nl")
    medium_risk("=HYPERLINK(1)", "formule@example.nl")
    low_risk(agent, "Lars Laag", "laag@example.nl")
    response = agent_client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="kalm-churn-risk-' in response["Content-Disposition"]
    header, first, second = _rows(response)
    assert header[:4] == ["Consumer number", "Name", "Kind", "Risk (%)"]
    assert first[:6] == [
        str(high.pk),
        "Hanna Hoog",
        "Person",
        str(round(100 * high.churn_score.score)),
        "High",
        "Rule-based index",
    ]
    assert first[6].startswith("3 complaints still open; ")
    assert first[7:9] == ["Call back", "no"]
    assert second[1] == "'=HYPERLINK(1)"  # a name is never run as a formula


def test_it_exports_the_filtered_list_not_one_page(agent_client):
    for n in range(3):
        medium_risk(f"Bedrijf {n}", f"b{n}@example.nl", kind=Consumer.Kind.ORGANISATION)
    high_risk("Hanna Hoog", "hoog@example.nl")
    rows = _rows(agent_client.get(URL, {"kind": "organisation"}))
    assert sorted(row[1] for row in rows[1:]) == ["Bedrijf 0", "Bedrijf 1", "Bedrijf 2"]
    page = agent_client.get("/desk/churn/", {"kind": "organisation"}).content.decode()
    assert f"{URL}?kind=organisation" in page
