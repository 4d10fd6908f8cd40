"""Full-text search over Case.search_document: FTS5 on SQLite, a GIN tsvector index on PostgreSQL.

The SQL is written out here (not imported from kalm.cases.search) so this migration keeps doing
what it did when it was written, whatever the search module becomes.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS case_fts USING fts5("
    "search_document, content='cases_case', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS case_fts_ai AFTER INSERT ON cases_case BEGIN "
    "INSERT INTO case_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
    "CREATE TRIGGER IF NOT EXISTS case_fts_ad AFTER DELETE ON cases_case BEGIN "
    "INSERT INTO case_fts(case_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); END",
    "CREATE TRIGGER IF NOT EXISTS case_fts_au AFTER UPDATE OF search_document ON cases_case "
    "BEGIN "
    "INSERT INTO case_fts(case_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); "
    "INSERT INTO case_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
    "INSERT INTO case_fts(case_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS case_fts_ai",
    "DROP TRIGGER IF EXISTS case_fts_ad",
    "DROP TRIGGER IF EXISTS case_fts_au",
    "DROP TABLE IF EXISTS case_fts",
]

# kalm_search: the 'simple' configuration (no stemming, no stop words), plus accent folding
# when the unaccent extension is available or can be installed.
PG_INDEX = (
    "CREATE INDEX IF NOT EXISTS case_search_document_fts ON cases_case USING gin "
    "(to_tsvector('kalm_search'::regconfig, translate(search_document, '@./:_+', '      ')))"
)
PG_BACKWARD = [
    "DROP INDEX IF EXISTS case_search_document_fts",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS kalm_search",
]


def _pg_unaccent(cursor) -> bool:
    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
    if cursor.fetchone():
        return True
    cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'")
    if not cursor.fetchone():
        return False
    cursor.execute("SAVEPOINT kalm_unaccent")
    try:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    except Exception:  # no privilege to install it: search works, only without accent folding
        cursor.execute("ROLLBACK TO SAVEPOINT kalm_unaccent")
        return False
    cursor.execute("RELEASE SAVEPOINT kalm_unaccent")
    return True


def forward(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in SQLITE_FORWARD:
                cursor.execute(statement)
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'kalm_search'")
            if not cursor.fetchone():
                cursor.execute("CREATE TEXT SEARCH CONFIGURATION kalm_search (COPY = simple)")
                if _pg_unaccent(cursor):
                    cursor.execute(
                        "ALTER TEXT SEARCH CONFIGURATION kalm_search "
                        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
                    )
            cursor.execute(PG_INDEX)


def backward(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            statements = SQLITE_BACKWARD
        elif connection.vendor == "postgresql":
            statements = PG_BACKWARD
        else:
            statements = []
        for statement in statements:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_expectation_options")]
    operations = [migrations.RunPython(forward, backward, elidable=False)]
