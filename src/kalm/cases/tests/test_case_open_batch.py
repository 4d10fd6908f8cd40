"""cases_open_unread opens many cases at once with exactly the rows case_open_unread writes for
each: the worker's batches of API case requests (kalm.api.actions) rely on that."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from kalm.accounts.models import Team
from kalm.cases.actions import CaseActionError, case_open_unread, cases_open_unread
from kalm.cases.models import Case, ExpectationOption, Message
from kalm.consumers.models import Consumer
from kalm.core.testing import ProductFactory, make_case
from kalm.dossier.models import DossierEntry
from kalm.dossier.selectors import dossier_verify_case
from kalm.sla.models import CaseSla

CASE_FIELDS = [
    "subject",
    "channel",
    "status",
    "priority",
    "team_id",
    "product_id",
    "batch_number",
    "expectation_other",
    "language",
    "created_at",
    "updated_at",
    "first_response_due_at",
    "drill_id",
    "dossier_length",
    "search_document",
]
SLA_FIELDS = [
    "policy_id",
    "started_at",
    "paused_at",
    "first_response_due",
    "first_response_warn_at",
    "next_response_due",
    "resolution_due",
    "resolution_warn_at",
]
ENTRY_FIELDS = [
    "seq",
    "kind",
    "actor_type",
    "actor_id",
    "actor_label",
    "actor_alias",
    "summary",
    "public",
]


@pytest.fixture
def openings(agent):
    """A mix: every field given, a phone call an agent took in, a known consumer, and two
    openings by one new consumer in the same batch."""
    team = Team.objects.create(name="Kwaliteit", slug="kwaliteit")
    product = ProductFactory()
    refund, _ = ExpectationOption.objects.get_or_create(
        code="refund", defaults={"label_nl": "Geld terug", "label_en": "Refund"}
    )
    informed, _ = ExpectationOption.objects.get_or_create(
        code="informed", defaults={"label_nl": "Op de hoogte", "label_en": "Informed"}
    )
    make_case(email="known@example.nl")
    at = timezone.now() - timedelta(minutes=3)

    def made(tag: str) -> list[dict]:
        return [
            {
                "name": "Sanne de Vries",
                "email": f"sanne-{tag}@example.nl",
                "phone": f"06 1234 567{ord(tag) % 10}",
                "subject": "  Fles ontploft  ",
                "body": "De fles is in mijn hand ontploft.\nMijn hand bloedt.",
                "channel": "api",
                "language": "en",
                "product": product,
                "batch_number": " L2611 ",
                "expectations": [refund, informed],
                "expectation_other": " Excuses ",
                "priority": "high",
                "team": team,
                "opened_by": agent,
                "created_at": at,
            },
            {
                "name": "Daan",
                "phone": f"020 123 45{ord(tag) % 10}6",
                "subject": "",
                "body": "Belde over een lekkende fles.",
                "channel": "phone",
                "opened_by": agent,
                "created_at": at,
            },
            {
                "name": "Known",
                "email": "known@example.nl",
                "subject": "Weer",
                "body": "Alweer.",
                "created_at": at,
            },
            {"name": "Emma", "email": f"emma-{tag}@example.nl", "subject": "A", "body": "Een."},
            {"name": "Emma", "email": f"emma-{tag}@example.nl", "subject": "B", "body": "Twee."},
        ]

    return made


def _row(case: Case) -> dict:
    case = Case.objects.get(pk=case.pk)
    sla = CaseSla.objects.filter(case=case).values(*SLA_FIELDS).first()
    messages = list(
        Message.objects.filter(case=case).values(
            "kind", "channel", "body", "author_id", "author_alias", "created_at"
        )
    )
    entries = list(DossierEntry.objects.filter(case=case).order_by("seq"))
    payloads = []
    for entry in entries:
        payload = dict(entry.payload)
        payload.pop("reference", None)  # each case draws its own
        payload.pop("message_id", None)
        payloads.append(payload)
    return {
        **{field: getattr(case, field) for field in CASE_FIELDS},
        "search": case.search_document.replace(case.reference, "<ref>"),
        "consumer": (case.consumer.name, case.consumer.phone),
        "expectations": sorted(case.expectations.values_list("code", flat=True)),
        "sla": sla,
        "messages": messages,
        "entries": [{f: getattr(e, f) for f in ENTRY_FIELDS} for e in entries],
        "payloads": payloads,
        "chain": dossier_verify_case(case),
    }


def _comparable(row: dict, tag: str) -> dict:
    """The row with what differs by design made equal: the tag in addresses and numbers."""
    return _untagged({**row, "search_document": None}, tag)


def _untagged(value, tag: str):
    if isinstance(value, dict):
        return {k: _untagged(v, tag) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_untagged(v, tag) for v in value)
    if isinstance(value, str):
        digit = str(ord(tag) % 10)
        return (
            value.replace(f"-{tag}@", "-<tag>@")
            .replace(f"567{digit}", "567#")
            .replace(f"45{digit}6", "45#6")
        )
    return value


def test_it_writes_what_one_at_a_time_writes(openings, agent):
    # created_at is given to the first three; the last two take the time of opening.
    together = cases_open_unread(openings("b"))
    alone = [case_open_unread(**opening) for opening in openings("a")]
    assert len(together) == len(alone) == 5
    for batch, single in zip(together, alone, strict=True):
        got, expected = _row(batch.case), _row(single.case)
        assert got["chain"] is None and expected["chain"] is None  # both chains verify
        if batch.case.created_at != single.case.created_at:  # opened "now": their own times
            for row in (got, expected):
                for key in ("created_at", "updated_at", "first_response_due_at", "sla"):
                    row[key] = None
                row["messages"] = [{**m, "created_at": None} for m in row["messages"]]
        assert _comparable(got, "b") == _comparable(expected, "a")
        assert batch.message.kind == single.message.kind
        # What the API answers with, held as prefetched (no query): the same.
        assert [e.code for e in batch.case.expectations.all()] == [
            e.code for e in single.case.expectations.all()
        ]
    # One new consumer for the two openings by Emma; the known consumer kept.
    assert together[3].case.consumer_id == together[4].case.consumer_id
    assert together[2].case.consumer.email == "known@example.nl"
    assert Consumer.objects.filter(email="known@example.nl").count() == 1
    assert together[1].message.kind == Message.Kind.PHONE


def test_it_opens_nothing_when_one_opening_is_wrong(openings):
    batch = openings("b")
    batch[3] = {**batch[3], "email": ""}
    with pytest.raises(CaseActionError):
        cases_open_unread(batch)
    assert Case.objects.count() == 1  # the known consumer's earlier case only


def test_a_reference_drawn_twice_opens_nothing(openings, monkeypatch):
    monkeypatch.setattr("kalm.cases.actions.new_reference", lambda: "K26-SAME00")
    with pytest.raises(IntegrityError):
        cases_open_unread(openings("b")[:2])
    assert not Case.objects.filter(reference="K26-SAME00").exists()
