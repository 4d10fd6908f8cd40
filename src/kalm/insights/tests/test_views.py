"""The dashboard pages: who may see which, the filters, the CSV exports and the charts' data.

The desk: the week of Mon 2 .. Sun 8 March 2026, "now" is Tue 10 March 12:00 (Amsterdam).

    case  opened       channel  team             product                 agent
    c1    Mon 2 Mar    phone    Drinks           =HYPERLINK(…) (sic)     Eva (the agent)
    c2    Tue 3 Mar    email    +Snacks (sic)    Cola                    Noor
    answers: c1 surprised (CSAT 5, NPS 10), c2 below (CSAT 2, NPS 3)
    a crisis "Scherven in cola" from Wed 4 to Thu 5 March.

The team and product names start with a formula character on purpose: they are what a CSV
export must defuse."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kalm.accounts.models import Team
from kalm.cases.actions import case_assign
from kalm.core.testing import ProductFactory, TeamFactory, UserFactory, make_case
from kalm.crisis.models import Crisis, CrisisStatus, Scenario
from kalm.insights import selectors, views
from kalm.insights.types import Filters
from kalm.surveys.actions import invitation_create, response_submit
from kalm.surveys.tests.helpers import make_survey

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=AMS)
WEEK = {"period": "custom", "start": "2026-03-02", "end": "2026-03-08"}
LEAD_URL = reverse("insights:dashboard")
MY_URL = reverse("insights:mine")


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=AMS)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def desk(db, clock, agent, team_lead):
    noor = UserFactory(username="noor", alias="Noor")
    drinks = TeamFactory(name="Drinks", slug="drinks")
    snacks = TeamFactory(name="+Snacks", slug="snacks")
    formula = ProductFactory(name='=HYPERLINK("http://evil.example")', brand="")
    cola = ProductFactory(name="Cola", brand="Kalm")
    survey = make_survey(items=["csat", "nps", "expectation"])

    def case(when, n, channel, team, product, assignee, **answers):
        clock.move_to(when)
        opened = make_case(
            email=f"c{n}@example.nl", channel=channel, team=team, product=product, created_at=when
        )
        case_assign(case=opened, actor=team_lead, assignee=assignee, team=team)
        invitation = invitation_create(survey=survey, case=opened, occasion=f"t{n}", at=when)
        response_submit(invitation=invitation, answers=answers)
        return opened

    case(at(2, 10), 1, "phone", drinks, formula, agent, csat="5", nps="10", expectation="surprised")
    case(at(3, 10), 2, "email", snacks, cola, noor, csat="2", nps="3", expectation="below")
    Crisis.objects.create(
        title="Scherven in cola",
        scenario=Scenario.RECALL,
        status=CrisisStatus.CLOSED,
        opened_by=team_lead,
        opened_at=at(4, 9),
        closed_at=at(5, 17),
    )
    clock.move_to(NOW)
    return noor


def page_data(response) -> dict:
    match = re.search(
        r'<script id="insights-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "no json_script block"
    return json.loads(match.group(1))


def csv_rows(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


# --- Access ---------------------------------------------------------------------------------


def test_it_shows_the_lead_the_dashboard(client, team_lead, desk):
    client.force_login(team_lead)
    response = client.get(LEAD_URL, WEEK)
    assert response.status_code == 200
    assert response.context["tables"]["satisfaction_agent"]["rows"]
    assert b'aria-current="page">' in response.content


def test_it_refuses_an_agent_the_lead_dashboard(client, agent):
    client.force_login(agent)
    assert client.get(LEAD_URL).status_code == 403


def test_it_refuses_the_outsider_both_pages(client, outsider):
    client.force_login(outsider)
    assert client.get(LEAD_URL).status_code == 403
    assert client.get(MY_URL).status_code == 403


def test_it_sends_anonymous_visitors_to_the_login_page(client, db):
    for url in (LEAD_URL, MY_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert "next=" in response["Location"]


def test_the_agent_sees_their_own_figures_and_no_ranking(client, agent, desk, english):
    client.force_login(agent)
    response = client.get(MY_URL, WEEK)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your figures" in html
    tables = response.context["tables"]
    assert not {"volume_team", "satisfaction_team", "satisfaction_agent"} & set(tables)
    # Only Eva's case and answer: Noor's are not in her figures, and Noor is not named.
    tiles = {tile["key"]: tile["value"] for tile in response.context["tiles"]}
    assert tiles["cases"] == "1"
    assert tiles["answers"] == "1"
    assert "Noor" not in html
    assert 'name="team"' not in html


def test_the_nav_links_leads_to_insights_and_agents_to_their_figures(
    client, agent, team_lead, desk, english
):
    client.force_login(agent)
    html = client.get(reverse("surveys:list")).content.decode()
    assert f'href="{MY_URL}"' in html and f'href="{LEAD_URL}"' not in html
    client.force_login(team_lead)
    html = client.get(reverse("surveys:list")).content.decode()
    assert f'href="{LEAD_URL}"' in html and ">Insights</a>" in html


# --- The filter form ------------------------------------------------------------------------


def test_the_default_is_the_last_30_days(client, team_lead, desk):
    client.force_login(team_lead)
    response = client.get(LEAD_URL)
    f = response.context["filters"]
    assert (f.start.isoformat(), f.end.isoformat()) == ("2026-02-09", "2026-03-10")
    assert page_data(response)["charts"]["volume"]["bucket"] == "day"


def test_the_filters_narrow_the_figures(client, team_lead, desk):
    client.force_login(team_lead)
    snacks = Team.objects.get(slug="snacks")
    response = client.get(LEAD_URL, {**WEEK, "team": snacks.pk, "channel": "email"})
    f = response.context["filters"]
    assert (f.team_id, f.channel) == (snacks.pk, "email")
    assert response.context["tiles"][0]["value"] == "1"


def test_a_bad_period_shows_the_error_and_still_the_default_page(client, team_lead, desk, english):
    client.force_login(team_lead)
    response = client.get(
        LEAD_URL, {"period": "custom", "start": "2026-03-08", "end": "2026-03-02"}
    )
    assert response.status_code == 200
    assert "The first day comes after the last day." in response.content.decode()
    assert response.context["filters"].start.isoformat() == "2026-02-09"

    response = client.get(LEAD_URL, {"period": "custom", "start": "gisteren", "end": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["start"]
    assert 'role="alert"' in response.content.decode()


def test_twelve_months_start_on_the_first_of_a_month(client, team_lead, desk):
    client.force_login(team_lead)
    f = client.get(LEAD_URL, {"period": "12m"}).context["filters"]
    assert (f.start.isoformat(), f.end.isoformat()) == ("2025-04-01", "2026-03-10")


# --- CSV ------------------------------------------------------------------------------------


def test_the_export_is_excel_ready_and_defuses_formulas(client, team_lead, desk, english):
    client.force_login(team_lead)
    response = client.get(LEAD_URL, {**WEEK, "export": "volume_product"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="kalm-volume_product-2026-03-02-2026-03-08.csv"'
    )
    rows = csv_rows(response)
    assert rows[0] == ["Product", "Cases", "Share (%)"]
    assert sorted(rows[1:]) == [
        ['\'=HYPERLINK("http://evil.example")', "1", "50"],
        ["Kalm Cola", "1", "50"],
    ]


def test_the_export_keeps_negative_numbers_numbers_and_quotes_team_names(
    client, team_lead, desk, english
):
    client.force_login(team_lead)
    rows = csv_rows(client.get(LEAD_URL, {**WEEK, "export": "satisfaction_team"}))
    assert rows[0] == [
        "Team",
        "Answers",
        "CSAT (1-5)",
        "NPS",
        "Effort (1-7)",
        "Positively surprised (%)",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    # NPS -100 (one detractor) is a number, not text; the "+Snacks" team name is defused.
    assert by_name["'+Snacks"][1:4] == ["1", "2", "-100"]
    assert by_name["Drinks"][1:4] == ["1", "5", "100"]


def test_an_unknown_export_is_404(client, team_lead, desk):
    client.force_login(team_lead)
    assert client.get(LEAD_URL, {"export": "users"}).status_code == 404


def test_the_agent_cannot_export_a_table_that_ranks_colleagues(client, agent, desk):
    client.force_login(agent)
    for key in ("satisfaction_agent", "satisfaction_team", "volume_team"):
        assert client.get(MY_URL, {**WEEK, "export": key}).status_code == 404
    response = client.get(MY_URL, {**WEEK, "export": "volume_channel"})
    assert response.status_code == 200
    assert csv_rows(response)[1:] == [["Telefoon", "1", "100"]]


def test_a_time_series_exports_with_decimal_commas(client, team_lead, desk):
    client.force_login(team_lead)
    rows = csv_rows(client.get(LEAD_URL, {**WEEK, "export": "satisfaction_over_time"}))
    assert rows[0][0] == "Periode" or rows[0][0] == "Period"
    assert [row[0] for row in rows[1:]] == [f"2026-03-0{d}" for d in range(2, 9)]
    assert rows[1][1:3] == ["5", "100"]  # Mon: one answer, CSAT 5, NPS 100


# --- The charts' data -----------------------------------------------------------------------


def test_the_chart_labels_are_dutch_by_default(client, team_lead, desk):
    client.force_login(team_lead)
    data = page_data(client.get(LEAD_URL, WEEK))
    assert data["lang"] == "nl"
    volume = data["charts"]["volume"]
    assert [d["label"] for d in volume["datasets"]] == ["E-mail", "Telefoon"] or [
        d["label"] for d in volume["datasets"]
    ] == ["Telefoon", "E-mail"]
    assert volume["stacked"] is True
    assert volume["labels"] == [f"2026-03-0{d}" for d in range(2, 9)]


def test_the_chart_labels_are_english_in_english(client, team_lead, desk, english):
    client.force_login(team_lead)
    data = page_data(client.get(LEAD_URL, WEEK))
    assert data["lang"] == "en"
    charts = data["charts"]
    assert {d["label"] for d in charts["volume"]["datasets"]} == {"Email", "Phone"}
    assert charts["volume"]["axes"]["y"]["title"] == "Cases"
    assert [d["label"] for d in charts["times"]["datasets"]] == [
        "First response (hours)",
        "Resolution (hours)",
    ]
    satisfaction = {d["key"]: d for d in charts["satisfaction"]["datasets"]}
    assert satisfaction["nps"]["axis"] == "y2" and satisfaction["csat"]["axis"] == "y"
    expectation = charts["expectation"]
    assert expectation["labels"] == ["Below expectations", "As expected", "Positively surprised"]
    national = {d["key"]: d["data"] for d in expectation["datasets"]}["national"]
    assert national == [37.0, 59.0, 4.0]
    assert expectation["surprised"] == 50.0


def test_every_time_chart_marks_the_crisis(client, team_lead, desk):
    client.force_login(team_lead)
    data = page_data(client.get(LEAD_URL, WEEK))
    for name in ("volume", "times", "satisfaction", "sentiment"):
        # Wed 4 and Thu 5 March are the third and fourth day of the week.
        assert data["charts"][name]["crises"] == [
            {"from": 2, "to": 3, "title": "Scherven in cola"}
        ], name
    assert data["charts"]["expectation"]["crises"] == []


def test_a_crisis_outside_the_period_is_not_marked(client, team_lead, desk):
    client.force_login(team_lead)
    data = page_data(
        client.get(LEAD_URL, {"period": "custom", "start": "2026-03-06", "end": "2026-03-08"})
    )
    assert data["charts"]["volume"]["crises"] == []


def test_the_page_loads_the_vendored_charts(client, team_lead, desk):
    client.force_login(team_lead)
    html = client.get(LEAD_URL, WEEK).content.decode()
    assert "kalm/vendor/chart-4.6.1.umd.min.js" in html
    assert "kalm/vendor/chartjs-plugin-annotation-3.1.0.min.js" in html
    assert "insights/insights.js" in html
    assert html.count('role="img"') == 6


# --- Reads ----------------------------------------------------------------------------------


def _read_from(sql: str) -> str:
    """The table a query reads from (its own FROM, not a subquery's). A read that takes whole
    days from the daily figures is a union whose first part reads the live rows; PostgreSQL
    has each part in parentheses."""
    if sql.startswith("("):
        depth = 0
        for i, char in enumerate(sql):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0:
                sql = sql[1:i]
                break
    while True:  # take out the parentheses, innermost first, and subqueries with them
        shorter = re.sub(r"\([^()]*\)", "", sql)
        if shorter == sql:
            break
        sql = shorter
    match = re.search(r'\bFROM "(\w+)"', sql)
    return match.group(1) if match else ""


@pytest.mark.parametrize("period", [WEEK, {"period": "12m"}])
def test_the_lead_page_reads_the_periods_cases_and_answers_once_for_every_figure(
    client, team_lead, desk, period
):
    client.force_login(team_lead)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LEAD_URL, period)
    assert response.status_code == 200
    reads = Counter(_read_from(query["sql"]) for query in captured)
    tables = response.context["tables"]
    by_volume = [key for key in tables if key.startswith("volume_") and "over_time" not in key]
    by_answer = [
        key for key in tables if key.startswith("satisfaction_") and "over_time" not in key
    ]
    # The period's answers once for the chart, the expectation split and the headline; then
    # once per "satisfaction by" table.
    assert reads["surveys_response"] == 1 + len(by_answer)
    # The period's cases once for the volume chart, the times chart and the headline; once per
    # "cases by" table; the SLA table (whose totals the headline shares); the backlog.
    assert reads["cases_case"] == 1 + len(by_volume) + 2


def test_the_headline_tiles_are_the_headline_selectors_figures(client, team_lead, desk, english):
    client.force_login(team_lead)
    tiles = client.get(LEAD_URL, WEEK).context["tiles"]
    figures = selectors.headline(Filters(date(2026, 3, 2), date(2026, 3, 8)))
    assert tiles == views._tiles(figures)
    shown = {tile["key"]: tile["value"] for tile in tiles}
    assert shown["cases"] == "2"
    assert shown["answers"] == "2"
    assert shown["csat"] == "3.5"  # (5 + 2) / 2
    assert shown["nps"] == "0"  # one promoter (10), one detractor (3)
    assert shown["surprised"] == "50%"
