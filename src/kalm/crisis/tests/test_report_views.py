"""The post-crisis report pages: the HTML report, the PDF download, and the link in the room."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kalm.crisis.models import Crisis
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.test_report import build
from kalm.desk.tests.conftest import assert_refused
from kalm.drills.models import Drill


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def built(clock, team_lead, agent, cola):
    return build(clock, team_lead, agent, cola)


def test_the_urls_are_under_the_crisis_room():
    assert reverse("crisis:report", args=[7]) == "/desk/crisis/7/report/"
    assert reverse("crisis:report_pdf", args=[7]) == "/desk/crisis/7/report.pdf"


@pytest.mark.parametrize("name", ["crisis:report", "crisis:report_pdf"])
def test_it_refuses_anonymous_and_outsiders(clock, client, outsider, team_lead, name):
    crisis = open_crisis(team_lead)
    assert_refused(client, "get", reverse(name, args=[crisis.pk]), outsider)


@pytest.mark.parametrize("name", ["crisis:report", "crisis:report_pdf"])
def test_a_missing_crisis_is_404(agent_client, name):
    assert agent_client.get(reverse(name, args=[424242])).status_code == 404


def test_an_agent_reads_the_html_report(built, agent_client):
    response = agent_client.get(reverse("crisis:report", args=[built.crisis.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    crisis = built.crisis
    assert crisis.title in body and "Post-crisis report" in body
    assert crisis.get_scenario_display() in body and "3 h 0 min so far" in body
    # Volumes: the chart, with its values and a table alternative.
    assert "<svg" in body and 'role="img"' in body and "Show as a table" in body
    assert "Affected cases per day" in body and "Per hour, first 48 hours" in body
    assert re.search(r'<rect class="bar" x="[0-9.]+" y="[0-9.]+"', body)  # never "12,5"
    # Response times, statements, sentiment, satisfaction, open actions.
    assert "2 h 30 min" in body and "67%" in body
    assert "Public crisis page" in body and "2 sent, 1 failed" in body
    assert "2 of 3 messages from affected consumers were negative or angry." in body
    assert "no survey answers yet" in body
    assert "1 satisfied, 1 not satisfied, 1 without an answer" in body
    assert built.b.reference in body and built.c.reference in body
    assert "Bel terug over de terugbetaling" in body and "Niet van de crisis" not in body
    assert "badge-overdue" in body
    assert f"Case {built.a.reference} confirmed as affected" in body
    # The rejected case is only named on the timeline, the undecided one nowhere.
    assert body.count(built.d.reference) == 1
    assert f"Case {built.d.reference} is not part of this crisis" in body
    assert built.e.reference not in body
    assert reverse("crisis:report_pdf", args=[crisis.pk]) in body
    assert "@media print" in body


def test_the_html_report_reads_in_a_bounded_number_of_queries(
    built, agent_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        response = agent_client.get(reverse("crisis:report", args=[built.crisis.pk]))
    assert response.status_code == 200


def test_the_pdf_is_an_attachment_with_the_report(built, agent_client):
    crisis = built.crisis
    response = agent_client.get(reverse("crisis:report_pdf", args=[crisis.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="crisis-{crisis.slug}-report.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert crisis.title in text
    for phrase in (
        "Post-crisis report",
        "Timeline",
        "Volumes",
        "Response times",
        "Statements",
        "Sentiment over the crisis",
        "Satisfaction afterwards",
        "Open actions",
        "no survey answers yet",
        "2 sent, 1 failed",
        "Not answered yet 0",  # a zero is a figure, not a missing value
        "1 satisfied, 1 not satisfied, 1 without an answer",
        built.c.reference,
        "Bel terug over de terugbetaling",
    ):
        assert phrase in text, phrase
    assert built.e.reference not in text


def test_the_pdf_of_a_crisis_without_slug_is_named_by_its_number(clock, agent_client, team_lead):
    crisis = open_crisis(team_lead)
    Crisis.objects.filter(pk=crisis.pk).update(slug=None)
    response = agent_client.get(reverse("crisis:report_pdf", args=[crisis.pk]))
    assert f'filename="crisis-{crisis.pk}-report.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "No cases were confirmed as affected." in text and "No statement was drafted." in text


def test_the_pdf_reads_in_a_bounded_number_of_queries(
    built, agent_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        response = agent_client.get(reverse("crisis:report_pdf", args=[built.crisis.pk]))
    assert response.status_code == 200


def test_a_drill_crisis_reports_the_same_way_and_says_it_is_a_drill(clock, agent_client, team_lead):
    drill = Drill.objects.create(scenario="product_safety", title="Oefening", started_by=team_lead)
    crisis = open_crisis(team_lead, drill=drill, title="Oefencrisis")
    assert crisis.drill_id == drill.pk
    body = agent_client.get(reverse("crisis:report", args=[crisis.pk])).content.decode()
    assert "Oefencrisis" in body and "Drill: not a real crisis" in body
    text = pdf_text(agent_client.get(reverse("crisis:report_pdf", args=[crisis.pk])).content)
    assert "Oefencrisis" in text and "Drill: not a real crisis" in text


def test_the_crisis_room_links_to_the_report(clock, agent_client, team_lead):
    crisis = open_crisis(team_lead)
    body = agent_client.get(reverse("crisis:detail", args=[crisis.pk])).content.decode()
    assert 'id="report"' in body
    assert reverse("crisis:report", args=[crisis.pk]) in body
    assert reverse("crisis:report_pdf", args=[crisis.pk]) in body


def test_the_report_follows_the_desk_language(built, agent_client, settings):
    from django.utils import translation

    settings.LANGUAGE_CODE = "nl"
    with translation.override("nl"):
        response = agent_client.get(
            reverse("crisis:report", args=[built.crisis.pk]), HTTP_ACCEPT_LANGUAGE="nl"
        )
    assert response.status_code == 200
    assert 'lang="nl"' in response.content.decode()
