def _templates(response):
    return [t.name for t in response.templates]


def test_it_shows_a_friendly_403_to_a_non_member(client, outsider):
    client.force_login(outsider)
    response = client.get("/desk/")
    assert response.status_code == 403
    assert "403.html" in _templates(response)


def test_it_shows_a_friendly_404_for_an_unknown_status_link(client, db):
    response = client.get("/c/not-a-real-token/")
    assert response.status_code == 404
    assert "404.html" in _templates(response)
