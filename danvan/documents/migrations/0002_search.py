"""Full-text search of the registry, one way per database (see danvan/documents/search.py).

PostgreSQL: the unaccent extension, an IMMUTABLE wrapper around it (unaccent itself is only
STABLE, so it cannot appear in an index) and a GIN index on the tsvector of the search text.
SQLite: an FTS5 table that folds diacritics; the service layer keeps it in step with documents.
"""

from django.db import migrations

FTS_TABLE = "documents_document_fts"
FOLD_FUNCTION = "danvan_search_fold"
PG_INDEX = "documents_document_search_idx"


def create_search(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        from django.contrib.postgres.operations import UnaccentExtension

        UnaccentExtension().database_forwards("documents", schema_editor, None, None)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT n.nspname FROM pg_extension e "
                "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'"
            )
            schema = schema_editor.quote_name(cursor.fetchone()[0])
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {FOLD_FUNCTION}(text) RETURNS text AS $$ "
            f"SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, lower($1)) "
            "$$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON documents_document "
            f"USING gin (to_tsvector('simple'::regconfig, {FOLD_FUNCTION}(search_text)))"
        )
    elif connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "body, tokenize = \"unicode61 remove_diacritics 2\")"
        )


def drop_search(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        # The extension stays: other apps may search with it too.
        schema_editor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FOLD_FUNCTION}(text)")
    elif connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_search, drop_search),
    ]
