"""Recording what the consumer expects: ``case_expectations_set``."""

from __future__ import annotations

import pytest

from kalm.cases.actions import CaseActionError, case_expectations_set
from kalm.cases.models import Channel, ExpectationOption
from kalm.core.testing import make_case
from kalm.dossier.models import EntryKind


def _options(*codes: str) -> list[ExpectationOption]:
    return list(ExpectationOption.objects.filter(code__in=codes).order_by("code"))


def test_it_records_the_expectations_and_a_dossier_entry(db, agent):
    case = make_case(channel=Channel.EMAIL, body="Ik wil mijn geld terug.")
    case_expectations_set(
        case=case,
        actor=agent,
        options=_options("refund", "apology"),
        source="suggested",
        cues=["mijn geld terug"],
    )
    case.refresh_from_db()
    assert sorted(case.expectations.values_list("code", flat=True)) == ["apology", "refund"]
    entry = case.dossier.get(kind=EntryKind.EXPECTATIONS)
    assert entry.actor == agent and entry.public
    assert entry.payload["expectations"] == ["apology", "refund"]
    assert entry.payload["source"] == "suggested"
    assert entry.payload["cues"] == ["mijn geld terug"]
    assert entry.payload["previous"] == []


def test_changing_them_keeps_what_they_were(db, agent):
    case = make_case(expectations=_options("informed"))
    case_expectations_set(case=case, actor=agent, options=_options("other"), other="Een reparatie")
    case.refresh_from_db()
    assert case.expectation_other == "Een reparatie"
    entry = case.dossier.get(kind=EntryKind.EXPECTATIONS)
    assert entry.payload["previous"] == ["informed"]
    assert entry.payload["source"] == "agent" and entry.payload["cues"] == []


@pytest.mark.parametrize(
    "codes,other,source",
    [((), "", "agent"), (("other",), "", "agent"), (("refund",), "", "guessed")],
)
def test_it_refuses_incomplete_expectations(db, agent, codes, other, source):
    case = make_case()
    with pytest.raises(CaseActionError):
        case_expectations_set(
            case=case, actor=agent, options=_options(*codes), other=other, source=source
        )
    assert not case.expectations.exists()
    assert not case.dossier.filter(kind=EntryKind.EXPECTATIONS).exists()


def test_a_new_case_holds_its_expectations_without_reading_them_back(
    db, agent, django_assert_num_queries
):
    case = make_case(expectations=_options("refund", "apology", "informed"))
    in_model_order = list(
        ExpectationOption.objects.filter(code__in=["refund", "apology", "informed"])
    )
    with django_assert_num_queries(0):
        held = list(case.expectations.all())
    assert held == in_model_order
    # Changing them drops what it held: the next read is of the new ones.
    case_expectations_set(case=case, actor=agent, options=_options("other"), other="Reparatie")
    assert [option.code for option in case.expectations.all()] == ["other"]
    assert list(make_case().expectations.all()) == []
