"""Shared pytest set-up: evidence in a temporary folder, queued jobs run inline."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop vs. live_server

# Property-based tests draw the same examples on every run, so CI is repeatable: a new failure
# comes from a change, not from luck. KALM_HYPOTHESIS_PROFILE=explore searches afresh each run
# (do that when working on input handling, and turn what it finds into regression tests).
hypothesis_settings.register_profile("kalm", derandomize=True, deadline=None)
hypothesis_settings.register_profile("explore", deadline=None)
hypothesis_settings.load_profile(os.environ.get("KALM_HYPOTHESIS_PROFILE", "kalm"))


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()  # organisation settings are cached; a test must not see another's row


@pytest.fixture(autouse=True)
def _huey_immediate():
    from huey.contrib.djhuey import HUEY

    previous = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = previous


pytest_plugins = ["kalm.core.testing"]
