"""Drill pages: list and start, join and leave (the banner), fast-forward, finish, report."""

from __future__ import annotations

import pytest

from kalm.cases.models import Case
from kalm.core.testing import make_case
from kalm.drills.models import Drill
from kalm.drills.selectors import SESSION_KEY

BANNER = "this is an exercise"


@pytest.fixture
def lead_client(client, team_lead):
    client.force_login(team_lead)
    return client


def test_outsiders_are_refused(client, outsider, bottles):
    client.force_login(outsider)
    for url in (
        "/desk/drills/",
        f"/desk/drills/{bottles.pk}/",
        f"/desk/drills/{bottles.pk}/report/",
    ):
        assert client.get(url).status_code == 403
    assert client.post(f"/desk/drills/{bottles.pk}/join/").status_code == 403


def test_agents_see_drills_but_cannot_start_or_steer_them(client, agent, bottles, english):
    client.force_login(agent)
    page = client.get("/desk/drills/")
    assert page.status_code == 200 and bottles.title in page.content.decode()
    assert "Start the drill" not in page.content.decode()
    assert client.post("/desk/drills/start/", {"scenario": "bottles"}).status_code == 403
    assert client.post(f"/desk/drills/{bottles.pk}/advance/", {"minutes": 5}).status_code == 403
    assert client.post(f"/desk/drills/{bottles.pk}/finish/").status_code == 403


def test_a_lead_starts_a_drill_and_is_switched_to_it(lead_client, clock, english):
    page = lead_client.get("/desk/drills/")
    assert "Start the drill" in page.content.decode()
    response = lead_client.post(
        "/desk/drills/start/",
        {
            "scenario": "tampering",
            "speed": 20,
            "volume": 1.5,
            "angry_share": 40,
            "threat_share": 10,
            "channels": ["web", "phone"],
            "languages": ["nl"],
            "seed": 12,
        },
    )
    drill = Drill.objects.get()
    assert response.status_code == 302 and response.url == f"/desk/drills/{drill.pk}/"
    assert (drill.speed, drill.volume, drill.seed) == (20, 1.5, 12)
    assert (drill.angry_share, drill.threat_share) == (0.4, 0.1)
    assert drill.channels == ["web", "phone"] and drill.languages == ["nl"]
    assert lead_client.session[SESSION_KEY] == drill.pk


def test_a_bad_start_form_is_shown_again_with_the_error(lead_client, english):
    response = lead_client.post(
        "/desk/drills/start/",
        {"scenario": "bottles", "speed": 12, "volume": 1, "angry_share": 80,
         "threat_share": 30, "channels": ["web"], "languages": ["nl"]},
    )  # fmt: skip
    assert response.status_code == 400
    assert "at most 100%" in response.content.decode()
    assert not Drill.objects.exists()


def test_join_shows_the_banner_and_only_drill_cases_leave_brings_real_work_back(
    client, agent, bottles, english
):
    client.force_login(agent)
    real = make_case(subject="Echte klacht over de bezorging", email="echt@example.nl")
    drill_case = make_case(subject="Oefenklacht fles", email=f"x@drill-{bottles.pk}.invalid")
    Case.objects.filter(pk=drill_case.pk).update(drill=bottles)
    inbox = client.get("/desk/").content.decode()
    assert BANNER not in inbox and real.subject in inbox and drill_case.subject not in inbox
    client.post(f"/desk/drills/{bottles.pk}/join/")
    inbox = client.get("/desk/").content.decode()
    assert BANNER in inbox and f"DRILL: {bottles.title}" in inbox
    assert drill_case.subject in inbox and real.subject not in inbox
    assert client.post("/desk/drills/leave/").status_code == 302
    inbox = client.get("/desk/").content.decode()
    assert BANNER not in inbox and real.subject in inbox


def test_a_drill_case_opened_outside_drill_mode_says_it_is_an_exercise(
    client, agent, bottles, english
):
    client.force_login(agent)
    drill_case = make_case(email=f"x@drill-{bottles.pk}.invalid")
    Case.objects.filter(pk=drill_case.pk).update(drill=bottles)
    page = client.get(f"/desk/cases/{drill_case.pk}/").content.decode()
    assert f"belongs to drill #{bottles.pk}" in page


def test_fast_forward_and_finish(lead_client, bottles):
    response = lead_client.post(f"/desk/drills/{bottles.pk}/advance/", {"minutes": 600})
    assert response.status_code == 302
    bottles.refresh_from_db()
    assert bottles.played > 10
    response = lead_client.post(f"/desk/drills/{bottles.pk}/finish/")
    assert response.url == f"/desk/drills/{bottles.pk}/report/"
    bottles.refresh_from_db()
    assert not bottles.is_running


def test_the_report_page(lead_client, bottles, english):
    lead_client.post(f"/desk/drills/{bottles.pk}/advance/", {"minutes": 600})
    page = lead_client.get(f"/desk/drills/{bottles.pk}/report/")
    assert page.status_code == 200
    text = page.content.decode()
    for heading in (
        "Time to detect",
        "Channel consistency",
        "What was missed",
        "Cases without any reply",
    ):
        assert heading in text
