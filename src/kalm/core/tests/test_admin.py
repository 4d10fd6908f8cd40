import pytest

from kalm.core.testing import make_case


@pytest.mark.parametrize(
    "url",
    [
        "/admin/accounts/team/",
        "/admin/accounts/user/",
        "/admin/consumers/consumer/",
        "/admin/cases/product/",
        "/admin/cases/expectationoption/",
        "/admin/cases/case/",
        "/admin/dossier/dossierentry/",
        "/admin/dossier/evidence/",
        "/admin/dossier/physicalitem/",
        "/admin/core/organisationsettings/",
    ],
)
def test_every_admin_list_opens(admin_client, url):
    make_case()
    assert admin_client.get(url).status_code == 200


def test_the_dossier_cannot_be_changed_in_the_admin(admin_client):
    case = make_case()
    entry = case.dossier.first()
    response = admin_client.post(
        f"/admin/dossier/dossierentry/{entry.pk}/change/", {"summary": "vervalst"}
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.summary != "vervalst"


def test_an_agent_cannot_open_the_admin(client, agent):
    client.force_login(agent)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
