from kalm.accounts.models import Role
from kalm.api.tests.conftest import assert_problem


def test_it_reads_a_case(api, case):
    response = api.get(f"/api/v1/cases/{case.reference}")
    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == case.reference
    assert body["consumer"]["name"] == "Sanne de Vries"
    assert body["status"] == "new" and body["assignee"] is None


def test_it_finds_the_reference_in_any_case(api, case):
    assert api.get(f"/api/v1/cases/{case.reference.lower()}").status_code == 200


def test_it_answers_404_for_an_unknown_case(api):
    body = assert_problem(api.get("/api/v1/cases/K26-NOPE00"), 404)
    assert body["instance"] == "/api/v1/cases/K26-NOPE00"


def test_it_refuses_a_token_acting_as_an_outsider(make_api, agent, case):
    api = make_api()
    agent.role = Role.NONE
    agent.save()
    assert_problem(api.get(f"/api/v1/cases/{case.reference}"), 403)


def test_it_shows_the_topic_read_only(api, agent, case):
    from kalm.cases.actions import case_set_topic
    from kalm.kb.tests.conftest import CategoryFactory

    assert api.get(f"/api/v1/cases/{case.reference}").json()["topic"] is None
    topic = CategoryFactory(slug="bezorgen", name_nl="Bezorging", name_en="Delivery")
    case_set_topic(case=case, actor=agent, topic=topic)
    body = api.get(f"/api/v1/cases/{case.reference}").json()
    assert body["topic"] == {
        "id": topic.pk,
        "slug": "bezorgen",
        "name_nl": "Bezorging",
        "name_en": "Delivery",
    }
    # Read-only: a PATCH cannot change it.
    other = CategoryFactory(slug="retour")
    response = api.patch(f"/api/v1/cases/{case.reference}", {"topic": other.pk})
    assert response.json()["topic"]["id"] == topic.pk
    case.refresh_from_db()
    assert case.topic == topic
