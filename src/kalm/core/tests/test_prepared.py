"""Prepared reads: compiled once per key and connection, and still reading today's rows."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from kalm.cases.models import Case, Priority
from kalm.core import prepared
from kalm.core.prepared import forget_prepared, prepared_count, prepared_list
from kalm.core.testing import make_case


@pytest.fixture(autouse=True)
def _fresh():
    forget_prepared()
    yield
    forget_prepared()


def _urgent():
    return (
        Case.objects.filter(priority=Priority.URGENT)
        .select_related("consumer")
        .only("id", "reference", "consumer__name")
        .annotate(n=Count("messages"))
        .order_by("-id")
    )


def test_it_reads_what_the_queryset_reads_and_sees_new_rows(db):
    first = make_case(priority=Priority.URGENT)
    make_case(priority=Priority.LOW)
    rows = prepared_list("urgent", _urgent)
    assert [case.pk for case in rows] == [first.pk]
    assert rows[0].consumer.name == first.consumer.name  # select_related filled in
    assert rows[0].n == first.messages.count()  # annotations too
    second = make_case(priority=Priority.URGENT)
    again = prepared_list("urgent", _urgent)
    assert [case.pk for case in again] == [second.pk, first.pk] == [c.pk for c in _urgent()]


def test_it_compiles_once_per_key(db, monkeypatch):
    make_case(priority=Priority.URGENT)
    built = []

    def build():
        built.append(1)
        return _urgent()

    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            prepared_list("urgent", build)
        assert len(queries) == 1
    assert len(built) == 1
    prepared_list("other", build)
    assert len(built) == 2


def test_a_key_holds_its_own_parameters(db):
    urgent = make_case(priority=Priority.URGENT)
    low = make_case(priority=Priority.LOW)

    def by(priority):
        return prepared_list(
            ("priority", priority),
            lambda: Case.objects.filter(priority=priority).values_list("id", flat=True),
        )

    assert by(Priority.URGENT) == [urgent.pk]
    assert by(Priority.LOW) == [low.pk]
    assert by(Priority.URGENT) == [urgent.pk]


def test_a_query_that_can_match_nothing_runs_no_sql(db):
    with CaptureQueriesContext(connection) as queries:
        assert prepared_list("none", lambda: Case.objects.filter(pk__in=[])) == []
        assert prepared_list("none", lambda: Case.objects.filter(pk__in=[])) == []
        assert prepared_count("none", lambda: Case.objects.filter(pk__in=[])) == 0
    assert len(queries) == 0


def test_it_counts_within_the_slice(db):
    for _ in range(4):
        make_case()
    assert prepared_count("all", lambda: Case.objects.values("id")[:3]) == 3
    assert prepared_count("all", lambda: Case.objects.values("id")[:3]) == 3
    assert prepared_count("all+", lambda: Case.objects.values("id")[:10]) == 4
    make_case()
    assert prepared_count("all+", lambda: Case.objects.values("id")[:10]) == 5


def test_it_refuses_prefetching():
    with pytest.raises(ValueError, match="prefetch"):
        prepared_list("x", lambda: Case.objects.prefetch_related("messages"))


def test_the_cache_is_bounded(db, monkeypatch):
    monkeypatch.setattr(prepared, "CACHE_SIZE", 2)
    built = []

    def build():
        built.append(1)
        return Case.objects.values_list("id", flat=True)

    for key in ("a", "b", "a", "c", "a", "b"):
        prepared_list(key, build)
    # a, b, (a cached), c evicts b, (a cached), b again evicts c
    assert len(built) == 4


@pytest.mark.django_db(transaction=True)
def test_each_thread_compiles_on_its_own_connection():
    case = make_case()
    seen = {}

    def read(name):
        try:
            seen[name] = prepared_list("ids", lambda: Case.objects.values_list("id", flat=True))
            seen[name + " cache"] = connections["default"].__dict__[prepared._ATTRIBUTE]
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read, args=(name,)) for name in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen["one"] == seen["two"] == [case.pk]
    assert seen["one cache"] is not seen["two cache"]


def test_values_take_their_places_call_by_call(db):
    cases = [make_case() for _ in range(4)]
    built = []

    def build(*ids):
        built.append(ids)
        return Case.objects.filter(pk__in=ids).order_by("pk").values_list("pk", flat=True)

    one, two, three, four = (case.pk for case in cases)
    assert prepared_list("by ids", build, values=[one, two]) == [one, two]
    assert prepared_list("by ids", build, values=[three, four]) == [three, four]
    assert prepared_list("by ids", build, values=[four, one]) == [one, four]
    assert len(built) == 1  # compiled with stand-ins once, for two values
    assert prepared_list("by ids", build, values=[one, two, three]) == [one, two, three]
    assert len(built) == 2  # another length, another statement
    assert prepared_list("by ids", build, values=[]) == []


def test_a_read_using_a_value_twice_is_compiled_every_time(db):
    first, second = make_case(), make_case()
    built = []

    def build(*ids):
        built.append(ids)
        return Case.objects.filter(pk__in=ids).exclude(pk__in=ids[:1]).values_list("pk", flat=True)

    assert prepared_list("twice", build, values=[first.pk, second.pk]) == [second.pk]
    assert prepared_list("twice", build, values=[second.pk, first.pk]) == [first.pk]
    assert len(built) == 4  # stand-ins, then the real values, on each call


def test_texts_take_their_places_too(db):
    first, second = make_case(), make_case()
    built = []

    def build(reference):
        built.append(reference)
        return Case.objects.filter(reference=reference).values_list("pk", flat=True)

    assert prepared_list("by reference", build, values=[first.reference]) == [first.pk]
    assert prepared_list("by reference", build, values=[second.reference]) == [second.pk]
    assert prepared_list("by reference", build, values=["nothing"]) == []
    assert len(built) == 1


def test_a_lookup_that_changes_its_text_is_compiled_every_time(db):
    case = make_case(subject="Glas in de pindakaas")
    built = []

    def build(word):
        built.append(word)
        return Case.objects.filter(subject__icontains=word).values_list("pk", flat=True)

    assert prepared_list("contains", build, values=["pinda"]) == [case.pk]
    assert prepared_list("contains", build, values=["yoghurt"]) == []
    assert len(built) == 4  # "%pinda%" is not the stand-in: compiled for each call


def test_other_values_are_refused():
    with pytest.raises(TypeError, match="integers and texts"):
        prepared_list("x", lambda value: Case.objects.all(), values=[1.5])
