"""On SQLite, a full-text index with the trigram tokenizer makes substring search of search_text fast.

PostgreSQL has its pg_trgm GIN index (0001). SQLite's FTS5 trigram tokenizer (SQLite 3.34+) indexes every three
characters, so a word of three or more characters is found without reading every item; triggers keep the index
in step with the items table (tests/publishing/test_search_index.py checks that they survive later migrations).
An older SQLite gets no index (with a warning) and search reads the items instead (publishing/portal.py).
"""

import logging
import sqlite3

from django.db import migrations

logger = logging.getLogger(__name__)

TABLE = "publishing_informationitempage"
INDEX = "publishing_item_search"

CREATE = [
    f"CREATE VIRTUAL TABLE {INDEX} USING fts5("
    f"search_text, content='{TABLE}', content_rowid='page_ptr_id', tokenize='trigram')",
    f"CREATE TRIGGER {INDEX}_insert AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {INDEX}(rowid, search_text) VALUES (new.page_ptr_id, new.search_text); END",
    f"CREATE TRIGGER {INDEX}_delete AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {INDEX}({INDEX}, rowid, search_text) VALUES ('delete', old.page_ptr_id, old.search_text); END",
    f"CREATE TRIGGER {INDEX}_update AFTER UPDATE OF search_text ON {TABLE} BEGIN "
    f"INSERT INTO {INDEX}({INDEX}, rowid, search_text) VALUES ('delete', old.page_ptr_id, old.search_text); "
    f"INSERT INTO {INDEX}(rowid, search_text) VALUES (new.page_ptr_id, new.search_text); END",
    f"INSERT INTO {INDEX}({INDEX}) VALUES ('rebuild')",
]
DROP = [
    f"DROP TRIGGER IF EXISTS {INDEX}_insert",
    f"DROP TRIGGER IF EXISTS {INDEX}_delete",
    f"DROP TRIGGER IF EXISTS {INDEX}_update",
    f"DROP TABLE IF EXISTS {INDEX}",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    if sqlite3.sqlite_version_info < (3, 34):
        logger.warning(
            "SQLite %s has no trigram tokenizer (3.34+): search will read every item instead of an index",
            sqlite3.sqlite_version,
        )
        return
    for statement in CREATE:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
