from __future__ import annotations

from kalm.bursts.actions import alerts_detect
from kalm.bursts.tests.conftest import NOW


def test_the_admin_lists_alerts_read_only(burst_cases, client, admin_user):
    alerts_detect(now=NOW)
    client.force_login(admin_user)
    response = client.get("/admin/bursts/burstalert/")
    assert response.status_code == 200
    assert "Kalm Cola 1L" in response.content.decode()
    assert client.get("/admin/bursts/burstalert/add/").status_code == 403
