"""Factories and personas shared by every app's tests."""

from __future__ import annotations

import threading
from collections.abc import Callable

import factory
import pytest
from django.contrib.auth.hashers import make_password

from kalm.accounts.models import Role, Team, User
from kalm.cases.models import Case, Product

PASSWORD = "correct-horse-battery"
# Hashing once keeps factories fast; the hash is a real PBKDF2 hash of PASSWORD.
_HASH: list[str] = []


def _password_hash() -> str:
    if not _HASH:
        _HASH.append(make_password(PASSWORD))
    return _HASH[0]


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"agent{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@staff.example")
    role = Role.AGENT
    alias = factory.Sequence(lambda n: f"Alias{n}")
    password = factory.LazyFunction(_password_hash)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    name = factory.Sequence(lambda n: f"Product {n}")
    brand = "Kalm Foods"


def make_case(**overrides) -> Case:
    """A case opened through the real action, so its dossier is a real chain."""
    from kalm.cases.actions import case_open

    params = {
        "name": "Sanne de Vries",
        "email": "sanne@example.nl",
        "subject": "Fles ontploft",
        "body": "De fles is in mijn hand ontploft.",
    }
    params.update(overrides)
    return case_open(**params)


@pytest.fixture
def agent(db) -> User:
    return UserFactory(username="agent", alias="Eva", first_name="Evelien", last_name="Jansen")


@pytest.fixture
def team_lead(db) -> User:
    return UserFactory(username="lead", alias="Mark", role=Role.LEAD)


@pytest.fixture
def admin_user(db) -> User:
    return UserFactory(
        username="admin", alias="Beheer", role=Role.ADMIN, is_staff=True, is_superuser=True
    )


@pytest.fixture
def outsider(db) -> User:
    """Logged in, but not a desk member."""
    return UserFactory(username="outsider", alias=None, role=Role.NONE)


@pytest.fixture
def case(db) -> Case:
    return make_case()


@pytest.fixture
def english(settings):
    """Run a test in English: for tests written against the English source strings. The Dutch
    catalogue is kept complete by core/tests/test_translations.py, and the portal and browser
    tests check the Dutch default."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def run_together(*calls: Callable[[], object]) -> None:
    """Run each call in a thread of its own, all released at once (a barrier), each thread with
    its own database connection, closed afterwards; re-raises the first error a thread met. For
    the concurrency tests that need a real server (PostgreSQL): SQLite's in-memory test
    database is one connection shared by every thread."""
    from django.db import connections

    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            call()
        except BaseException as exc:  # handed to the test's thread below
            errors.append(exc)
        finally:
            connections.close_all()

    started = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()
    if errors:
        raise errors[0]
