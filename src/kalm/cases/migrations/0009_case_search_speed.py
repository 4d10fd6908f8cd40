"""Case search at a million cases (issue 8): indexes that answer a page of matches newest first.

* SQLite: the FTS5 table gets a prefix index for three-letter prefixes. Without it a prefix that
  starts a word in nearly every case ("com"* of the email addresses, "b26"* of the references)
  makes FTS5 merge the entries of every such word before answering: about 90 ms at a million
  cases. FTS5 options cannot be altered, so the table is made again and filled from
  ``cases_case.search_document`` (external content: the triggers of 0003 stay as they are).
* PostgreSQL: the tsvector is stored, in a generated column ``search_vector`` (the database
  computes it from ``search_document``; no code writes it, the model does not declare it), and
  the GIN index moves onto it. Checking a row against a query then reads the stored vector
  instead of parsing the document again (about 1 µs instead of 12 µs), which is what makes
  walking the newest cases in id order affordable (kalm.cases.search.fetch_newest_first).

The SQL is written out here, not imported from kalm.cases.search, so that this migration keeps
doing what it did when it was written.
"""

from django.db import migrations

PG_DOCUMENT = (
    "to_tsvector('kalm_search'::regconfig, translate(search_document, '@./:_+', '      '))"
)
PG_FORWARD = [
    f"ALTER TABLE cases_case ADD COLUMN IF NOT EXISTS search_vector tsvector "
    f"GENERATED ALWAYS AS ({PG_DOCUMENT}) STORED",
    "CREATE INDEX IF NOT EXISTS case_search_vector ON cases_case USING gin (search_vector)",
    "DROP INDEX IF EXISTS case_search_document_fts",
]
PG_BACKWARD = [
    f"CREATE INDEX IF NOT EXISTS case_search_document_fts ON cases_case USING gin ({PG_DOCUMENT})",
    "DROP INDEX IF EXISTS case_search_vector",
    "ALTER TABLE cases_case DROP COLUMN IF EXISTS search_vector",
]


def _sqlite_table(prefix: str) -> list[str]:
    return [
        "DROP TABLE IF EXISTS case_fts",
        "CREATE VIRTUAL TABLE case_fts USING fts5("
        "search_document, content='cases_case', content_rowid='id', "
        f"tokenize='unicode61 remove_diacritics 2'{prefix})",
        "INSERT INTO case_fts(case_fts) VALUES ('rebuild')",
    ]


def _run(sqlite: list[str], postgresql: list[str]):
    def run(apps, schema_editor):
        statements = {"sqlite": sqlite, "postgresql": postgresql}.get(
            schema_editor.connection.vendor, []
        )
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_dashboard_covering_indexes")]
    operations = [
        migrations.RunPython(
            _run(_sqlite_table(", prefix='3'"), PG_FORWARD),
            _run(_sqlite_table(""), PG_BACKWARD),
            elidable=False,
        ),
    ]
