"""entries_append: several entries in one go, chained exactly as one entry_append each would."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kalm.core.testing import make_case
from kalm.dossier.actions import NewEntry, entries_append, entry_append
from kalm.dossier.models import ActorType, DossierEntry, EntryKind
from kalm.dossier.selectors import dossier_verify_case


def test_it_appends_in_order_on_one_chain(case, agent):
    before = case.dossier_length
    stored = entries_append(
        case=case,
        entries=[
            NewEntry(kind=EntryKind.NOTE, summary="first", actor=agent),
            NewEntry(
                kind=EntryKind.MESSAGE_IN,
                summary="second",
                actor_type=ActorType.CONSUMER,
                payload={"body": "hallo", "score": 0.5},
                public=True,
            ),
        ],
    )
    assert [e.seq for e in stored] == [before + 1, before + 2]
    assert stored[1].prev_hash == stored[0].hash
    assert stored[0].actor_type == ActorType.AGENT and stored[0].actor_alias == agent.alias
    assert stored[1].payload == {"body": "hallo", "score": "0.5"}  # floats kept as their repr
    case.refresh_from_db()
    assert (case.dossier_length, case.dossier_head) == (before + 2, stored[1].hash)
    assert dossier_verify_case(case) is None
    entry_append(case=case, kind=EntryKind.NOTE, summary="third")  # the chain goes on from there
    assert dossier_verify_case(case) is None


def test_it_reads_and_writes_the_head_once(case):
    def writes_to_case(queries):
        return [q["sql"] for q in queries if 'UPDATE "cases_case"' in q["sql"]]

    entries = [NewEntry(kind=EntryKind.NOTE, summary=str(i)) for i in range(3)]
    with CaptureQueriesContext(connection) as captured:
        entries_append(case=case, entries=entries)
    reads = [q for q in captured.captured_queries if 'FROM "cases_case"' in q["sql"]]
    assert len(reads) == 1
    assert len(writes_to_case(captured.captured_queries)) == 1
    assert DossierEntry.objects.filter(case=case, kind=EntryKind.NOTE).count() == 3


def test_nothing_to_append_changes_nothing(case):
    head = (case.dossier_length, case.dossier_head)
    assert entries_append(case=case, entries=[]) == []
    case.refresh_from_db()
    assert (case.dossier_length, case.dossier_head) == head


def test_case_open_chains_its_first_two_entries(db):
    case = make_case()  # entries_append(created=True): the new case is not read again
    entries = list(DossierEntry.objects.filter(case=case).order_by("seq"))
    assert [e.kind for e in entries] == [EntryKind.CASE_OPENED, EntryKind.MESSAGE_IN]
    assert dossier_verify_case(case) is None
