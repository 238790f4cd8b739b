"""A quicker flush after each transactional test, leaving the rows Django's own leaves (the content types and
permissions keep their ids instead of getting new ones).

Django empties every table after a `transactional_db` or `live_server` test and then sends `post_migrate`, which
creates the content types and permissions again (≈ 200 queries) and seeds the calendar. Two changes, installed for
the test session only (`install`):

- the content types and permissions are kept instead of deleted: `post_migrate` would make the same rows again;
- on PostgreSQL the tables are emptied with DELETE in one transaction instead of one TRUNCATE of ~200 tables,
  which takes a lock and new files per table (1.5–2 s a test; DELETE of small tables: 0.1 s). Foreign keys are
  deferred in Django's schema, so the order of the statements does not matter.

Flushes that reset sequences keep Django's statements (for the tables that are emptied).
"""

from __future__ import annotations

KEPT = frozenset({"django_content_type", "auth_permission"})


def install() -> None:
    from django.db.backends.postgresql.base import DatabaseWrapper as Postgres
    from django.db.backends.sqlite3.base import DatabaseWrapper as SQLite

    for backend in (Postgres, SQLite):
        operations = backend.ops_class
        if not getattr(operations.sql_flush, "keeps_reference_data", False):
            operations.sql_flush = _quicker(operations.sql_flush, delete=backend is Postgres)


def _quicker(sql_flush, *, delete: bool):
    def quicker_sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        tables = [table for table in tables if table not in KEPT]
        if delete and not reset_sequences:
            return [f"DELETE FROM {self.quote_name(table)};" for table in tables]
        return sql_flush(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)

    quicker_sql_flush.keeps_reference_data = True
    return quicker_sql_flush
