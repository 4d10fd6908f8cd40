import re

from django.contrib.staticfiles import finders
from django.test import Client


def test_it_serves_the_docs_from_vendored_assets(db):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", html), "no CDN or remote URLs"
    assets = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
    assert any("swagger-ui-bundle-5." in a for a in assets)
    assert any(a.endswith(".css") for a in assets)
    for asset in assets:
        assert finders.find(asset), asset
    assert "/api/v1/openapi.json" in html
