from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from kalm.core.testing import UserFactory, make_case, run_together
from kalm.dossier.actions import (
    CUSTODY_MOVES,
    CustodyMoveRefused,
    ItemActionError,
    item_custody_move,
    item_register,
)
from kalm.dossier.models import DossierEntry, EntryKind, PhysicalItem

Custody = PhysicalItem.Custody


def _register(case, agent, **extra):
    params = {
        "case": case,
        "agent": agent,
        "description": "Fles Kalm Cola 1,5 L, lot L2406",
        "collected_where": "Bij de consument thuis, Utrecht",
        "condition": "Glas gebroken",
    }
    params.update(extra)
    return item_register(**params)


def test_it_registers_an_item_with_a_dossier_entry(case, agent):
    item = _register(case, agent)
    assert item.case_id == case.pk
    assert item.collected_by == agent
    assert item.custody == Custody.COLLECTED
    entry = DossierEntry.objects.filter(case=case).order_by("-seq").first()
    assert entry.kind == EntryKind.ITEM_COLLECTED
    assert entry.actor == agent
    assert entry.public
    assert entry.payload == {
        "item_id": item.pk,
        "receipt_number": item.receipt_number,
        "description": "Fles Kalm Cola 1,5 L, lot L2406",
        "condition": "Glas gebroken",
        "collected_where": "Bij de consument thuis, Utrecht",
        "collected_at": item.collected_at.isoformat(),
        "collected_by_alias": "Eva",
        "custody": "collected",
    }


def test_it_numbers_receipts_sequentially_per_year(case, agent):
    with time_machine.travel(datetime(2026, 3, 1, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        numbers = [_register(case, agent).receipt_number for _ in range(3)]
    assert numbers == ["R2026-00001", "R2026-00002", "R2026-00003"]
    other = make_case(email="ander@example.nl")
    with time_machine.travel(datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        assert _register(other, agent).receipt_number == "R2026-00004"
    with time_machine.travel(datetime(2027, 1, 1, 0, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        assert _register(other, agent).receipt_number == "R2027-00001"


def test_it_takes_the_year_from_the_collection_time(case, agent):
    with time_machine.travel(datetime(2027, 1, 2, 9, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        item = _register(
            case,
            agent,
            collected_at=datetime(2026, 12, 30, 15, tzinfo=ZoneInfo("Europe/Amsterdam")),
        )
    assert item.receipt_number.startswith("R2026-")


def test_it_gives_a_number_back_when_registration_rolls_back(case, agent):
    from django.db import transaction

    first = _register(case, agent).receipt_number
    with pytest.raises(RuntimeError), transaction.atomic():
        _register(case, agent)
        raise RuntimeError("boom")
    following = _register(case, agent).receipt_number
    assert int(following[-5:]) == int(first[-5:]) + 1


@pytest.mark.django_db(transaction=True)
def test_it_never_hands_out_a_number_twice_under_concurrency():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers itself")
    agent = UserFactory(alias="Eva")
    case = make_case()
    numbers: list[str] = []

    def work() -> None:
        numbers.append(_register(case, agent).receipt_number)

    run_together(*[work] * 8)
    year = timezone.localdate().year
    assert sorted(numbers) == [f"R{year}-{n:05d}" for n in range(1, 9)]
    call_command("verify_dossier", "--case", case.reference)


def test_it_refuses_an_item_without_description_or_place(case, agent):
    with pytest.raises(ItemActionError):
        _register(case, agent, description="   ")
    with pytest.raises(ItemActionError):
        _register(case, agent, collected_where="")
    assert not PhysicalItem.objects.exists()


def test_it_refuses_an_agent_without_alias(case):
    nameless = UserFactory(alias=None)
    with pytest.raises(ItemActionError, match="alias"):
        _register(case, nameless)


def test_it_refuses_a_collection_time_in_the_future(case, agent):
    with pytest.raises(ItemActionError):
        _register(case, agent, collected_at=timezone.now() + timedelta(days=1))


def test_it_records_custody_moves(case, agent, team_lead):
    item = _register(case, agent)
    item_custody_move(item=item, agent=agent, custody=Custody.SENT_TO_LAB, note="Eurofins, ref 77")
    item_custody_move(item=item, agent=team_lead, custody=Custody.STORED)
    item_custody_move(item=item, agent=team_lead, custody=Custody.DESTROYED, note="Na onderzoek")
    item.refresh_from_db()
    assert item.custody == Custody.DESTROYED
    assert item.custody_note == "Na onderzoek"
    moves = DossierEntry.objects.filter(case=case, kind=EntryKind.ITEM_CUSTODY).order_by("seq")
    assert [(m.payload["from"], m.payload["to"]) for m in moves] == [
        ("collected", "sent_to_lab"),
        ("sent_to_lab", "stored"),
        ("stored", "destroyed"),
    ]
    assert moves[0].payload["note"] == "Eurofins, ref 77"
    assert moves[0].payload["receipt_number"] == item.receipt_number
    assert [m.actor for m in moves] == [agent, team_lead, team_lead]
    call_command("verify_dossier")


@pytest.mark.parametrize("final", [Custody.DESTROYED, Custody.RETURNED])
@pytest.mark.parametrize("target", [c for c in Custody.values if c != Custody.COLLECTED])
def test_it_refuses_any_move_after_a_final_custody(case, agent, final, target):
    item = _register(case, agent)
    item_custody_move(item=item, agent=agent, custody=final)
    length = DossierEntry.objects.filter(case=case).count()
    with pytest.raises(CustodyMoveRefused) as refused:
        item_custody_move(item=item, agent=agent, custody=target)
    assert refused.value.current == final
    assert item.receipt_number in str(refused.value)
    assert DossierEntry.objects.filter(case=case).count() == length
    item.refresh_from_db()
    assert item.custody == final


def test_it_refuses_moving_back_to_collected_or_to_the_same_place(case, agent):
    item = _register(case, agent)
    with pytest.raises(CustodyMoveRefused):
        item_custody_move(item=item, agent=agent, custody=Custody.COLLECTED)
    item_custody_move(item=item, agent=agent, custody=Custody.STORED)
    with pytest.raises(CustodyMoveRefused):
        item_custody_move(item=item, agent=agent, custody=Custody.STORED)


def test_it_refuses_an_unknown_custody(case, agent):
    item = _register(case, agent)
    with pytest.raises(ItemActionError):
        item_custody_move(item=item, agent=agent, custody="lost")


def test_it_checks_the_stored_custody_not_a_stale_copy(case, agent):
    item = _register(case, agent)
    stale = PhysicalItem.objects.get(pk=item.pk)
    item_custody_move(item=item, agent=agent, custody=Custody.DESTROYED)
    with pytest.raises(CustodyMoveRefused):
        item_custody_move(item=stale, agent=agent, custody=Custody.SENT_TO_LAB)


def test_the_custody_table_has_final_states_only_where_expected():
    assert {c for c, moves in CUSTODY_MOVES.items() if not moves} == {
        Custody.RETURNED,
        Custody.DESTROYED,
    }
    assert all(Custody.COLLECTED not in moves for moves in CUSTODY_MOVES.values())
