import json

from django.test import Client

PATHS = {
    "/api/v1/cases": {"get", "post"},
    "/api/v1/cases/{reference}": {"get", "patch"},
    "/api/v1/cases/{reference}/messages": {"get", "post"},
    "/api/v1/cases/{reference}/evidence": {"post"},
    "/api/v1/consumers": {"get"},
    "/api/v1/consumers/{consumer_id}": {"get"},
    "/api/v1/cases/{reference}/dossier": {"get"},
    "/api/v1/case-requests/{request_id}": {"get"},
}


def test_it_serves_the_openapi_document(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert {path: set(ops) for path, ops in schema["paths"].items()} == PATHS
    create = schema["paths"]["/api/v1/cases"]["post"]
    assert {"201", "202", "401", "403", "422"} <= set(create["responses"])
    assert "Prefer" in [p["name"] for p in create["parameters"]]
    assert "bearer" in json.dumps(schema["components"]["securitySchemes"]).lower()
    assert list(create["responses"]["422"]["content"]) == ["application/problem+json"]
    for path, ops in PATHS.items():
        if "post" in ops:
            names = [p["name"] for p in schema["paths"][path]["post"]["parameters"]]
            assert "Idempotency-Key" in names, path


def test_the_topic_is_in_the_case_and_read_only(db):
    schema = json.loads(Client().get("/api/v1/openapi.json").content)
    components = schema["components"]["schemas"]
    assert set(components["TopicRef"]["properties"]) == {"id", "slug", "name_nl", "name_en"}
    assert "topic" in components["CaseOut"]["properties"]
    assert "topic" not in components["CaseIn"]["properties"]
    assert "topic" not in components["CasePatch"]["properties"]
