"""A cursor for the hand-written queries that pages ask on every request, prepared once
per connection on PostgreSQL (docs/adr/0068).

The reader's roles (`access._reader`), the home page's panels and next steps
(`navigation.CompiledOnce` and the apps' plain SQL) are the same statement for every person,
with only their key changing. PostgreSQL spent longer parsing and planning them than
running them: 0.32 ms of the roles query's 0.45 ms at 2,000 people (EXPLAIN ANALYZE). A
prepared statement is parsed once per connection, and PostgreSQL may keep its plan
(PostgreSQL's documentation, PREPARE: after five custom plans it uses a generic one
when that is costed no higher).

Django's own queries keep its default, client-side binding; only these statements, written
for it and read through this cursor, are sent with their parameters apart
(psycopg 3's server-side binding) and prepared on first use.
"""

from contextlib import contextmanager

from django.db import connections

try:
    from django.db.backends.postgresql.base import ServerBindingCursor
except ImportError:  # psycopg is not installed: SQLite only
    ServerBindingCursor = None


if ServerBindingCursor is not None:

    class _PreparedCursor(ServerBindingCursor):
        """psycopg's server-binding cursor that prepares every statement it runs (psycopg
        keeps up to `Connection.prepared_max`, 100, per connection, least recently used
        first out)."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)


@contextmanager
def prepared_cursor(alias="default"):
    """A cursor on the connection `alias` (in: a DATABASES key; out: a cursor wrapped as
    Django wraps its own, so its queries are counted as any other).

    On PostgreSQL with psycopg 3 each statement is prepared on the connection when first
    run and reused after. Elsewhere (SQLite), and while queries are logged (DEBUG, or a
    test counting them: the log then shows each statement with its values, as Django's
    own), it is the connection's usual cursor. A statement's parameters must be typed by
    where they are used (a column compared, a function's argument), as PostgreSQL types
    them without seeing their values. With DATABASE_PREPARED_STATEMENTS off
    (config/settings.py) psycopg prepares nothing and the parameters are still sent
    apart."""
    connection = connections[alias]
    if (
        connection.vendor != "postgresql"
        or ServerBindingCursor is None
        or connection.queries_logged
    ):
        with connection.cursor() as cursor:
            yield cursor
        return
    # What Django's own connection.cursor() does before making a cursor.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.make_cursor(_PreparedCursor(connection.connection)) as cursor:
        yield cursor
