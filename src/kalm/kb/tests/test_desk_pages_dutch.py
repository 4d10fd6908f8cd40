"""Every desk page renders in the default language (Dutch) too."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.kb.tests.conftest import make_published

pytestmark = pytest.mark.django_db


def test_every_page_renders_in_dutch(agent_client, category):
    article = make_published(category=category)
    urls = [reverse("kb:list"), reverse("kb:new"), reverse("kb:review")] + [
        reverse(name, args=[article.pk]) for name in ("kb:detail", "kb:edit", "kb:history")
    ]
    for url in urls:
        response = agent_client.get(url)
        assert response.status_code == 200, url
        assert (
            'lang="nl"' in response.content.decode() or response.wsgi_request.LANGUAGE_CODE == "nl"
        )
