import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kalm.cases.actions import message_receive, note_add
from kalm.dossier.chain import GENESIS
from kalm.dossier.models import AppendOnlyError, DossierEntry
from kalm.dossier.selectors import dossier_verify_case


def test_entries_are_chained_from_genesis(case, agent):
    note_add(case=case, agent=agent, body="Consument gebeld")
    entries = list(DossierEntry.objects.filter(case=case).order_by("seq"))
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].prev_hash == GENESIS
    for prev, entry in itertools.pairwise(entries):
        assert entry.prev_hash == prev.hash
    case.refresh_from_db()
    assert case.dossier_head == entries[-1].hash
    assert dossier_verify_case(case) is None


def test_the_app_cannot_update_or_delete_an_entry(case):
    entry = DossierEntry.objects.filter(case=case).first()
    entry.summary = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_verify_names_an_entry_altered_behind_the_apps_back(case, capsys):
    message_receive(case=case, body="Nog een bericht")
    target = DossierEntry.objects.get(case=case, seq=2)
    _raw("UPDATE dossier_dossierentry SET summary = %s WHERE id = %s", ["vervalst", target.pk])
    with pytest.raises(CommandError, match=r"entry #2 .*content altered"):
        call_command("verify_dossier", "--case", case.reference)


def test_verify_notices_a_removed_middle_entry(case):
    message_receive(case=case, body="Nog een bericht")
    message_receive(case=case, body="En nog een")
    target = DossierEntry.objects.get(case=case, seq=2)
    _raw("DELETE FROM dossier_dossierentry WHERE id = %s", [target.pk])
    with pytest.raises(CommandError, match=r"expected entry #2"):
        call_command("verify_dossier")


def test_verify_notices_the_newest_entry_removed(case):
    message_receive(case=case, body="Nog een bericht")
    last = DossierEntry.objects.filter(case=case).order_by("-seq").first()
    _raw("DELETE FROM dossier_dossierentry WHERE id = %s", [last.pk])
    with pytest.raises(CommandError, match="newest entries removed"):
        call_command("verify_dossier", "--case", case.reference)


def test_verify_reports_ok_on_intact_chains(case, capsys):
    call_command("verify_dossier")
    assert "OK: 1 case dossier(s) verified" in capsys.readouterr().out


def test_verify_refuses_an_unknown_reference(db):
    with pytest.raises(CommandError, match="No case with reference"):
        call_command("verify_dossier", "--case", "K00-NOPE")
