"""Room on each page of the cases table for the next version of its rows (PostgreSQL).

A case row is updated soon after it is written: the dossier's new head after the opening, the
routing's priority and team, each message's activity time and search text. PostgreSQL writes
every UPDATE as a new row version; when that version fits on the same page and no indexed
column changed, it is a heap-only tuple (HOT) and none of the table's two dozen indexes gets a
new entry, the full-text GIN and RUM indexes included. With pages filled to the brim (the
default fillfactor of 100), rows just inserted sit on a full page, and their first update goes
to another page with an entry in every index. 80 leaves a fifth of each new page free for that.
Pages already written keep their layout until they are rewritten (VACUUM FULL, pg_repack).

SQLite has no such setting: nothing is done there.
"""

from django.db import migrations

FORWARD = "ALTER TABLE cases_case SET (fillfactor = 80)"
BACKWARD = "ALTER TABLE cases_case RESET (fillfactor)"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("cases", "0012_open_filter_indexes")]

    operations = [migrations.RunPython(forward, backward)]
