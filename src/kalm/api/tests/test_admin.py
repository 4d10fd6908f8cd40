import re

from django.contrib.messages import get_messages

from kalm.api.auth import token_from_string
from kalm.api.models import ApiToken
from kalm.core.testing import PASSWORD


def test_it_creates_a_token_and_shows_it_once(client, admin_user, agent):
    client.login(username="admin", password=PASSWORD)
    response = client.post(
        "/admin/api/apitoken/add/",
        {"name": "Webshop", "acting_user": agent.pk, "scopes": ["cases:read", "cases:write"]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    secret = re.search(r"kalm_[0-9a-f]+_\S+", shown).group(0)
    token = ApiToken.objects.get()
    assert token_from_string(secret) == token
    assert secret in client.get(response.url).content.decode()  # shown once...
    page = client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()  # ...only
    assert secret not in page and secret.split("_", 2)[2] not in page


def test_it_refuses_an_outsider_as_acting_user(client, admin_user, outsider):
    client.login(username="admin", password=PASSWORD)
    response = client.post(
        "/admin/api/apitoken/add/",
        {"name": "Webshop", "acting_user": outsider.pk, "scopes": ["cases:read"]},
    )
    assert response.status_code == 200
    assert not ApiToken.objects.exists()


def test_it_revokes_tokens(client, admin_user, agent):
    from kalm.api.actions import api_token_create

    token, secret = api_token_create(name="Old", user=agent, scopes=["cases:read"])
    client.login(username="admin", password=PASSWORD)
    client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert token_from_string(secret) is None
    assert ApiToken.objects.get().revoked_at is not None


def test_it_is_refused_to_non_staff(client, agent):
    client.login(username="agent", password=PASSWORD)
    assert client.get("/admin/api/apitoken/").status_code == 302


def test_failed_case_requests_are_shown_and_can_be_opened_again(
    client, admin_user, agent, django_capture_on_commit_callbacks
):
    from kalm.api.actions import api_token_create, case_request_accept
    from kalm.api.models import CaseRequest
    from kalm.cases.models import Case

    token, _secret = api_token_create(name="Shop", user=agent, scopes=["cases:write"])
    payload = {
        "consumer": {"name": "Sanne", "email": "sanne@example.nl", "phone": ""},
        "subject": "Fles",
        "body": "Ontploft.",
        "channel": "api",
        "language": "nl",
        "priority": "normal",
        "product": None,
        "team": "gone",
    }
    failed = case_request_accept(token=token, payload=payload)
    CaseRequest.objects.filter(pk=failed.pk).update(
        status="failed", error="No team with this slug."
    )
    client.login(username="admin", password=PASSWORD)
    listing = client.get("/admin/api/caserequest/?status__exact=failed").content.decode()
    assert failed.key in listing and "No team with this slug." in listing
    page = client.get(f"/admin/api/caserequest/{failed.pk}/change/").content.decode()
    assert "sanne@example.nl" in page  # what was sent is kept whole
    CaseRequest.objects.filter(pk=failed.pk).update(payload={**payload, "team": None})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/api/caserequest/",
            {"action": "retry", "_selected_action": [failed.pk]},
            follow=True,
        )
    assert "1 request is waiting to be opened again." in response.content.decode()
    failed.refresh_from_db()
    # The queue runs jobs at once in the tests: it was opened when the retry committed.
    assert failed.status == "opened" and Case.objects.get() == failed.case
