"""GET /chat/example/ and the widget script."""

from __future__ import annotations

import urllib.request
from pathlib import Path

from django.contrib.staticfiles import finders


def test_the_example_page_shows_the_one_line_snippet(client, db):
    response = client.get("/chat/example/")
    body = response.content.decode()
    snippet = (
        '&lt;script src="http://testserver/static/chat/widget.js" '
        'data-kalm="http://testserver" async&gt;&lt;/script&gt;'
    )
    assert snippet in body
    assert '<script src="http://testserver/static/chat/widget.js"' in body
    assert response["X-Frame-Options"] == "DENY"  # only the chat pages themselves may be framed


def test_the_widget_script_is_served(client, db, live_server):
    path = finders.find("chat/widget.js")
    assert path
    text = Path(path).read_text(encoding="utf-8")
    assert "/chat/?embed=1" in text and "data-kalm" in text
    with urllib.request.urlopen(live_server.url + "/static/chat/widget.js") as response:
        assert response.status == 200
        assert "javascript" in response.headers["Content-Type"]
        assert b"kalm-chat-button" in response.read()
