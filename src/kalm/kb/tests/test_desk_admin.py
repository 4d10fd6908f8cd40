"""The admin: categories through the actions, articles and feedback read-only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.kb.models import Category
from kalm.kb.tests.conftest import make_published

pytestmark = pytest.mark.django_db


def test_articles_are_read_only_with_their_revisions(client, admin_user, category):
    article = make_published(category=category, title="Retourneren", body="Tekst van revisie een.")
    client.force_login(admin_user)
    assert client.get(reverse("admin:kb_article_changelist")).status_code == 200
    page = client.get(reverse("admin:kb_article_change", args=[article.pk]))
    assert page.status_code == 200 and "Tekst van revisie een." in page.content.decode()
    assert client.get(reverse("admin:kb_article_add")).status_code == 403
    assert client.get(reverse("admin:kb_articlefeedback_changelist")).status_code == 200


def test_a_category_added_in_the_admin_goes_through_the_action(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:kb_category_add"),
        {"name_nl": "Bezorging", "name_en": "Delivery", "slug": "bezorging", "position": 3},
    )
    assert response.status_code == 302
    category = Category.objects.get()
    assert (category.slug, category.position) == ("bezorging", 3)
