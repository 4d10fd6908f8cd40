from kalm.accounts.models import Team
from kalm.api.tests.conftest import assert_problem
from kalm.cases.models import Case, ExpectationOption, Message
from kalm.core.testing import ProductFactory
from kalm.dossier.models import DossierEntry, EntryKind

PAYLOAD = {
    "consumer": {"name": "Sanne de Vries", "email": "sanne@example.nl", "phone": "0612345678"},
    "subject": "Fles ontploft",
    "body": "De fles is in mijn hand ontploft.",
}


def test_it_opens_a_case(api, agent):
    team = Team.objects.create(name="Kwaliteit", slug="kwaliteit")
    product = ProductFactory()
    ExpectationOption.objects.get_or_create(
        code="refund", defaults={"label_nl": "Geld terug", "label_en": "Refund"}
    )
    response = api.post(
        "/api/v1/cases",
        {
            **PAYLOAD,
            "team": "kwaliteit",
            "product": product.pk,
            "batch_number": "L2611",
            "expectations": ["refund"],
            "priority": "high",
            "language": "en",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    case = Case.objects.get(reference=body["reference"])
    assert body["channel"] == "api" == case.channel
    assert body["team"] == "kwaliteit" and case.team == team
    assert body["expectations"] == ["refund"]
    assert body["priority"] == "high" and body["language"] == "en"
    assert body["consumer"]["email"] == "sanne@example.nl"
    assert Message.objects.get(case=case).body == PAYLOAD["body"]
    opened = DossierEntry.objects.get(case=case, kind=EntryKind.CASE_OPENED)
    assert opened.actor == agent


def test_it_refuses_a_consumer_without_email_or_phone(api):
    body = assert_problem(api.post("/api/v1/cases", {**PAYLOAD, "consumer": {"name": "Anon"}}), 422)
    assert body["errors"][0]["pointer"] == "/consumer"
    assert not Case.objects.exists()


def test_it_lists_every_wrong_field(api):
    body = assert_problem(
        api.post(
            "/api/v1/cases",
            {"consumer": {"email": "not-an-address"}, "body": "", "priority": "asap"},
        ),
        422,
    )
    pointers = {error["pointer"] for error in body["errors"]}
    assert {"/consumer/email", "/body", "/priority"} <= pointers


def test_it_refuses_unknown_references(api):
    body = assert_problem(api.post("/api/v1/cases", {**PAYLOAD, "team": "nope"}), 422)
    assert body["errors"][0]["pointer"] == "/team"
    body = assert_problem(api.post("/api/v1/cases", {**PAYLOAD, "expectations": ["x"]}), 422)
    assert body["errors"][0]["pointer"] == "/expectations"
    assert_problem(api.post("/api/v1/cases", {**PAYLOAD, "product": 999}), 422)
    assert not Case.objects.exists()


def test_it_refuses_a_body_that_is_not_json(api):
    response = api.client.post(
        "/api/v1/cases",
        "{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.secret}"},
    )
    assert_problem(response, 400)


def test_it_refuses_a_body_over_the_size_limit(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = {**PAYLOAD, "body": "x" * 2000}
    assert_problem(api.post("/api/v1/cases", big), 413)
    assert_problem(api.post("/api/v1/cases", big, headers={"Idempotency-Key": "big"}), 413)
    assert not Case.objects.exists()
