import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kalm.cases.actions import message_reply, portal_link_create

URL = "/desk/profile/"


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 50, 50)).save(buffer, "PNG")
    return SimpleUploadedFile("evelien.png", buffer.getvalue(), "image/png")


def test_it_is_routed():
    assert reverse("desk:profile") == URL


def test_anonymous_goes_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/desk/login/" in response["Location"]


def test_an_outsider_is_refused(client, outsider):
    client.force_login(outsider)
    assert client.get(URL).status_code == 403


def test_an_agent_changes_alias_and_avatar(client, agent):
    client.force_login(agent)
    response = client.post(URL, {"alias": "Sterre", "avatar": _png()})
    assert response.status_code == 302
    agent.refresh_from_db()
    assert agent.alias == "Sterre" and agent.avatar_key.endswith(".png")


def test_an_alias_with_the_real_name_is_refused_and_kept_in_the_form(client, agent):
    client.force_login(agent)
    response = client.post(URL, {"alias": "Evelien J"})
    assert response.status_code == 400
    assert 'value="Evelien J"' in response.content.decode()
    agent.refresh_from_db()
    assert agent.alias == "Eva"


def test_the_consumer_sees_the_avatar_and_it_is_served(client, agent, case):
    client.force_login(agent)
    client.post(URL, {"alias": "Sterre", "avatar": _png()})
    agent.refresh_from_db()
    message_reply(case=case, agent=agent, body="Hallo")
    client.logout()
    _link, token = portal_link_create(case=case)
    page = client.get(f"/c/{token}/").content.decode()
    avatar_url = reverse("portal:avatar", kwargs={"key": agent.avatar_key})
    assert avatar_url in page and "Evelien" not in page
    response = client.get(avatar_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_only_current_avatars_are_served(client, db):
    assert client.get("/avatar/" + "0" * 64 + ".png").status_code == 404
    assert client.get("/avatar/../secret_key").status_code == 404
