"""Case search at a million cases on PostgreSQL (issue 8): a RUM index that hands out the
matches of a search in id order (decision 0016).

``case_search_rum`` indexes the stored ``search_vector`` (migration 0009) like the GIN index
does, and keeps each case's id next to every entry (``rum_tsvector_addon_ops``, ``attach='id'``).
``ORDER BY id <=| <bound>`` is then answered from the index alone: the matches come out newest
first without reading a row of the table to sort them (kalm.cases.search.fetch_newest_first).
The GIN index stays: it is smaller, and the unordered reads (counting) use it.

Only on PostgreSQL, and only where the ``rum`` extension is packaged (Debian:
``postgresql-<major>-rum``) and this role may create it (it is not a trusted extension: a
superuser, or a DBA creating it beforehand). Anywhere else this migration does nothing and search
keeps its GIN path; after installing the package later, run ``CREATE EXTENSION rum`` and
``CREATE`` below by hand, and restart the processes (search looks for the index once).

Building: about 80 s at a million cases (measured: 1,000,000 cases, 5 million messages, two
cores, concurrently; the GIN index: 55 s in the generator's plain rebuild), and the index takes
1.0 GB (GIN: 0.3 GB).
``CREATE INDEX CONCURRENTLY`` cannot run inside a transaction, so this migration is not atomic
and builds concurrently: intake and agents go on writing cases while it runs, instead of waiting
minutes on the lock a plain ``CREATE INDEX`` takes. The price: an interrupted concurrent build
leaves an invalid index behind, which ``IF NOT EXISTS`` would keep; so an invalid one is dropped
first, and search only ever uses a valid one. Each statement commits on its own; none leaves the
schema half changed.

The SQL is written out here, not imported from kalm.cases.search, so that this migration keeps
doing what it did when it was written.
"""

from django.db import DatabaseError, migrations, transaction

INDEX = "case_search_rum"
CREATE = (
    f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON cases_case "
    "USING rum (search_vector rum_tsvector_addon_ops, id) "
    "WITH (attach = 'id', to = 'search_vector')"
)


def _rum_installed(cursor) -> bool:
    """Make sure the rum extension is there; False when it is not packaged or this role may
    not create it."""
    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'rum'")
    if cursor.fetchone():
        return True
    cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
    if not cursor.fetchone():
        return False
    try:
        with transaction.atomic():  # a refusal must not abort anything around it
            cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    except DatabaseError:  # not a superuser: rum is not a trusted extension
        return False
    return True


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if not _rum_installed(cursor):
            return
        cursor.execute(
            "SELECT x.indisvalid FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid "
            "WHERE c.relname = %s",
            [INDEX],
        )
        row = cursor.fetchone()
        if row and not row[0]:  # left over from an interrupted concurrent build
            cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")
        cursor.execute(CREATE)


def backward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")
        try:
            with transaction.atomic():
                # Restrict (the default): kept when something else in the database uses it.
                cursor.execute("DROP EXTENSION IF EXISTS rum")
        except DatabaseError:
            pass


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction
    dependencies = [("cases", "0010_inbox_indexes")]
    operations = [migrations.RunPython(forward, backward, elidable=False)]
