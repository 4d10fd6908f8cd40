from kalm.api.tests.conftest import assert_problem
from kalm.dossier.models import DossierEntry


def test_it_reads_the_dossier_and_verifies_it(api, case):
    api.post(f"/api/v1/cases/{case.reference}/messages", {"kind": "note", "body": "Intern"})
    response = api.get(f"/api/v1/cases/{case.reference}/dossier")
    assert response.status_code == 200
    body = response.json()
    assert body["verified"] is True and body["problem"] is None
    entries = body["entries"]
    assert [e["seq"] for e in entries] == sorted(e["seq"] for e in entries)
    assert entries[-1]["kind"] == "note" and entries[-1]["actor"]["alias"] == "Eva"
    assert entries[1]["prev_hash"] == entries[0]["hash"]


def test_it_reports_a_tampered_dossier(api, case):
    DossierEntry.objects.filter(case=case, seq=1).update(summary="Iets anders")
    body = api.get(f"/api/v1/cases/{case.reference}/dossier").json()
    assert body["verified"] is False and body["problem"]


def test_it_offers_no_way_to_change_the_dossier(api, case):
    path = f"/api/v1/cases/{case.reference}/dossier"
    assert api.post(path, {}).status_code == 405
    assert (
        api.client.delete(path, headers={"Authorization": f"Bearer {api.secret}"}).status_code
        == 405
    )


def test_it_needs_the_dossier_scope(make_api, case):
    api = make_api(scopes=["cases:read"])
    assert_problem(api.get(f"/api/v1/cases/{case.reference}/dossier"), 403)
