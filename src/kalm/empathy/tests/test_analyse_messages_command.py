"""`kalm analyse_messages`: catch up missing analyses, or analyse everything again."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from kalm.core.testing import make_case
from kalm.dossier.models import EntryKind
from kalm.empathy.models import MessageAnalysis, RoutingDecision
from kalm.empathy.tests.support import CALM, EXAMPLES

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("analyse_messages", *args, stdout=out)
    return out.getvalue()


def test_it_analyses_what_is_missing_and_routes_open_cases():
    hurt = make_case(body=EXAMPLES["injury"]["nl"])  # no after-commit job ran
    calm = make_case(body=CALM["en"], email="calm@example.nl")
    assert "Analysed 2 message(s)." in _run()
    assert MessageAnalysis.objects.filter(case__in=[hurt, calm]).count() == 2
    hurt.refresh_from_db()
    assert hurt.team.slug == "product-safety"
    assert "Analysed 0 message(s)." in _run("--missing")


def test_all_analyses_again_without_routing_twice():
    case = make_case(body=EXAMPLES["legal"]["en"])
    _run()
    first = MessageAnalysis.objects.get(case=case)
    MessageAnalysis.objects.filter(pk=first.pk).update(engine="old", fired=[], emotion="neutral")
    assert "Analysed 1 message(s)." in _run("--all")
    again = MessageAnalysis.objects.get(case=case)
    assert again.pk == first.pk and again.engine != "old" and again.fired == ["legal"]
    assert RoutingDecision.objects.filter(case=case).count() == 1
    assert case.dossier.filter(kind=EntryKind.ANALYSIS).count() == 2  # what changed is recorded


def test_it_limits_to_one_case():
    one = make_case(body=EXAMPLES["media"]["nl"])
    make_case(body=EXAMPLES["media"]["en"], email="other@example.nl")
    assert "Analysed 1 message(s)." in _run("--case", one.reference.lower())
    assert list(MessageAnalysis.objects.values_list("case_id", flat=True)) == [one.pk]
    with pytest.raises(CommandError):
        _run("--case", "K00-NOPE00")
