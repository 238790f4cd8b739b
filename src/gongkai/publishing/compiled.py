"""Querysets compiled once per process and run with each request's values.

On the portal's first views, building and compiling a queryset (its joins, subqueries and converters) costs more
than running it. A query whose shape does not change between requests is therefore compiled once with stand-in
values where the request's values go; each request runs that SQL with its own values in those places and
converts the raw rows with the compiler's converters, as Django's own iteration would.

The stand-ins are found among the compiled parameters by value, so each must be a value no real parameter of
the query has; ``compile_query`` refuses a query in which the expected stand-ins are not all found (a change to
the queryset or to Django that moved them), so that a request's value can never be left out of its query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.db.models.sql.compiler import SQLCompiler


@dataclass(frozen=True)
class Slot:
    """The place of a request's value among the compiled parameters."""

    name: str


@dataclass(frozen=True)
class CompiledQuery:
    """A queryset's SQL, its parameters with ``Slot``s for the request's values, and each column's converters;
    ``compiler`` for the caller that reads the column layout (select, model fields, annotations)."""

    sql: str
    params: tuple
    converters: dict[int, tuple[list, object]]  # column → (converter functions, expression)
    compiler: SQLCompiler

    def rows(self, values: dict, suffix: str = "", suffix_params: tuple = ()) -> list[list]:
        """The rows of the query run with ``values`` in its slots (and ``suffix`` appended to its SQL, e.g. a
        LIMIT with its ``suffix_params``), each a list of converted column values."""
        with connection.cursor() as cursor:
            cursor.execute(self.sql + suffix, self._params(values) + list(suffix_params))
            found = cursor.fetchall()
        return [self._converted(row) for row in found]

    def count(self, values: dict, limit: int) -> int:
        """How many rows the query has with ``values``, at most ``limit``."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM ({self.sql} LIMIT %s) AS found", [*self._params(values), limit]
            )
            return cursor.fetchone()[0]

    def _params(self, values: dict) -> list:
        return [values[p.name] if isinstance(p, Slot) else p for p in self.params]

    def _converted(self, row: tuple) -> list:
        row = list(row)
        for pos, (functions, expression) in self.converters.items():
            value = row[pos]
            for convert in functions:
                value = convert(value, expression, connection)
            row[pos] = value
        return row


def compile_query(queryset: QuerySet, stand_ins: dict[str, object], expected: set[str] | None = None):
    """``queryset`` compiled for the default database, with each parameter equal to a stand-in (by its text:
    a backend may adapt dates to strings, psycopg wraps integers) replaced by that stand-in's ``Slot``.
    ``expected`` names the stand-ins the query must contain (all of them by default)."""
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    names = {str(value): name for name, value in stand_ins.items()}
    params = tuple(Slot(names[_text(p)]) if _text(p) in names else p for p in params)
    found = {p.name for p in params if isinstance(p, Slot)}
    expected = set(stand_ins) if expected is None else expected
    if found != expected:
        raise RuntimeError(
            f"compiled query: stand-ins missing {sorted(expected - found)}, unexpected {sorted(found - expected)}"
        )
    converters = compiler.get_converters([column for column, _, _ in compiler.select])
    return CompiledQuery(sql=sql, params=params, converters=converters, compiler=compiler)


def _text(param) -> str:
    return str(int(param)) if isinstance(param, int) else str(param)
