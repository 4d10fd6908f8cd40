from kalm.accounts.models import User
from kalm.api.tests.conftest import assert_problem
from kalm.cases.models import Case, Message
from kalm.dossier.models import DossierEntry, EntryKind


def _path(case) -> str:
    return f"/api/v1/cases/{case.reference}/messages"


def test_it_adds_a_message_from_the_consumer(api, case):
    Case.objects.filter(pk=case.pk).update(status="closed")
    response = api.post(_path(case), {"kind": "inbound", "body": "Nog een vraag"})
    assert response.status_code == 201, response.content
    assert response.json()["channel"] == "api"
    case.refresh_from_db()
    assert case.status == "reopened"


def test_it_replies_under_the_acting_users_alias(api, agent, case, mailoutbox):
    response = api.post(_path(case), {"kind": "outbound", "body": "We kijken ernaar."})
    assert response.status_code == 201
    assert response.json()["author_alias"] == "Eva"
    entry = DossierEntry.objects.get(case=case, kind=EntryKind.MESSAGE_OUT)
    assert entry.actor == agent


def test_it_adds_an_internal_note(api, case):
    response = api.post(_path(case), {"kind": "note", "body": "Batch nagaan"})
    assert response.status_code == 201
    assert Message.objects.get(pk=response.json()["id"]).kind == "note"


def test_it_refuses_a_reply_without_an_alias(make_api, agent, case):
    api = make_api()
    User.objects.filter(pk=agent.pk).update(alias=None)
    body = assert_problem(api.post(_path(case), {"kind": "outbound", "body": "Hoi"}), 422)
    assert body["type"].endswith("refused")
    assert not Message.objects.filter(case=case, kind="outbound").exists()


def test_it_refuses_an_unknown_kind_or_empty_body(api, case):
    assert_problem(api.post(_path(case), {"kind": "shout", "body": "x"}), 422)
    assert_problem(api.post(_path(case), {"kind": "note", "body": "   "}), 422)


def test_it_needs_the_messages_scope(make_api, case):
    api = make_api(scopes=["cases:read", "cases:write"])
    assert_problem(api.post(_path(case), {"kind": "note", "body": "x"}), 403)
