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

`read_ahead` sends a page's known reads together, in one psycopg pipeline, before the
page asks for them one by one through `fetch` (docs/adr/0074).
"""

from collections import Counter
from contextlib import contextmanager
from typing import NamedTuple

from django.db import connections, router
from django.db.models.query import ModelIterable
from django.http import Http404

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
    with connection.make_cursor(_PreparedCursor(_ready(connection))) as cursor:
        yield cursor


def _ready(connection):
    """The psycopg connection under Django's `connection`, after what Django's own
    connection.cursor() does before it makes a cursor."""
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    return connection.connection


# Reads sent ahead ---------------------------------------------------------------------------


class Read(NamedTuple):
    """One statement a page reads: its SQL, its parameters (a tuple, or a dict for named
    ones) and the database alias. Compiled.read and the apps' plain SQL make them."""

    sql: str
    params: tuple | dict
    alias: str = "default"

    def key(self):
        """What tells this read from another (a hashable tuple): its database, its SQL,
        and each parameter with its type, so that 1 and True, or 1 and 1.0, are two
        reads. Raises TypeError for a parameter that cannot be hashed (a list)."""
        params = self.params
        items = sorted(params.items()) if isinstance(params, dict) else enumerate(params)
        return self.alias, self.sql, tuple((name, type(v), v) for name, v in items)


_AHEAD = "_trellis_read_ahead"  # on the connection while read_ahead runs: an Ahead


class Ahead:
    """What a read_ahead block read, and how it was used: `unused`, the reads no `fetch`
    took (each cost a statement for nothing), and `missed`, the reads `fetch` made
    itself inside the block (each a round trip that could have been sent ahead); both
    lists of Read, filled in as the block runs and ends."""

    def __init__(self, reads):
        self.reads = reads
        self.rows = {}
        self.unused = []
        self.missed = []


def fetch(read):
    """The rows of `read` (a list of tuples, as the database gives them): the ones
    `read_ahead` read for it, taken once, or else read now through `prepared_cursor`."""
    ahead = getattr(connections[read.alias], _AHEAD, None)
    if ahead is not None:
        try:
            key = read.key()
        except TypeError:  # a parameter that cannot be a key was never sent ahead
            key = None
        kept = None if key is None else ahead.rows.get(key)
        if kept:
            rows = kept.pop()
            if not kept:
                del ahead.rows[key]
            return list(rows)
        ahead.missed.append(read)
    with prepared_cursor(read.alias) as cursor:
        cursor.execute(read.sql, read.params)
        return cursor.fetchall()


@contextmanager
def read_ahead(reads):
    """Run `reads` (Read) now, in one round trip where the database allows, and let
    `fetch` take their rows inside the block (docs/adr/0074). Yields an Ahead.

    On PostgreSQL, while queries are not logged, the statements go in one psycopg
    pipeline: each is prepared and sent without waiting for the one before, and the
    connection waits once. Elsewhere (SQLite) and while queries are logged, each is run
    in turn, so a test counting queries counts every statement sent ahead. Rows are
    taken once: a second read of the same statement in the block reads again, and what
    is left is dropped as the block ends, also when it raises. A read listed more than
    once (two parts of a page reading the same vocabulary) is sent once and its rows
    taken as many times as it is listed. The block is for reading: a write inside it
    is not seen by a read sent ahead before it. Raises RuntimeError when a block with
    reads of the same database is open, and TypeError for a parameter that cannot be
    hashed."""
    keyed = {}  # each read's key worked out once: a page sends about ten
    times = Counter()
    for read in reads:
        key = read.key()
        keyed.setdefault(key, read)
        times[key] += 1
    reads = list(keyed.values())
    found = Ahead(reads)
    aliases = dict.fromkeys(read.alias for read in reads)
    for alias in aliases:
        if getattr(connections[alias], _AHEAD, None) is not None:
            raise RuntimeError("read_ahead does not nest.")
    try:
        for alias in aliases:
            sent = _read(alias, [(k, r) for k, r in keyed.items() if r.alias == alias])
            found.rows.update({key: [rows] * times[key] for key, rows in sent.items()})
            setattr(connections[alias], _AHEAD, found)
        yield found
    finally:
        for alias in aliases:
            connections[alias].__dict__.pop(_AHEAD, None)
        # A read taken at least once was worth its statement, however often it was listed.
        found.unused = [
            read for key, read in keyed.items() if len(found.rows.get(key, ())) == times[key]
        ]
        found.rows = {}


def _pipelines():
    """Whether psycopg's libpq has pipeline mode (libpq 14 or later; the binary
    package's own has)."""
    import psycopg

    return psycopg.Pipeline.is_supported()


def _read(alias, reads):
    """{key: rows} of `reads`, (Read.key(), Read) pairs, on the database `alias`."""
    connection = connections[alias]
    if (
        connection.vendor != "postgresql"
        or ServerBindingCursor is None
        or connection.queries_logged
        or len(reads) < 2
        or not _pipelines()
    ):
        found = {}
        for key, read in reads:
            with prepared_cursor(alias) as cursor:
                cursor.execute(read.sql, read.params)
                found[key] = cursor.fetchall()
        return found
    raw = _ready(connection)
    cursors = []
    try:
        # A statement's error may come at a later execute or at the pipeline's end:
        # both reach the caller as Django's database errors, as any query's would.
        with connection.wrap_database_errors, raw.pipeline():
            for _key, read in reads:
                cursor = connection.make_cursor(_PreparedCursor(raw))
                cursors.append(cursor)
                cursor.execute(read.sql, read.params)  # sent; its rows come at the sync
        return {key: cursor.fetchall() for (key, _), cursor in zip(reads, cursors, strict=True)}
    finally:
        for cursor in cursors:
            cursor.close()


# Querysets compiled once ------------------------------------------------------------------

# Stand-ins put where each request's keys go, to find them in the compiled query. Each
# queryset is compiled with two sets and a parameter is a key's only where it is that
# key's stand-in in both: a constant equal to one by chance is not taken for a key. The
# numbers fit every integer column (a value out of a column's range compiles to no SQL).
_STAND_INS = ((30011, 1, "\x1fkey {} a\x1f"), (30203, 7, "\x1fkey {} b\x1f"))


class Compiled:
    """A queryset whose shape is the same on every request, compiled by the ORM once per
    process and database, then run with each request's keys through `prepared_cursor`
    (docs/adr/0071).

    Building and compiling a queryset costs the ORM about half a millisecond, several
    times what PostgreSQL takes to run a small prepared one, and a page asks five to
    twenty. `build(**keys)` returns the QuerySet for those keys (int or str values) and
    may depend on nothing else: no dates, settings or other state read per request. Each
    key must reach the query as a parameter compared whole (not inside a LIKE pattern,
    nor a value worked out from it, such as `year - 1`: pass that as a key of its own);
    the first use raises ValueError when one does not (or, unless `keys_optional`, when
    a key does not reach it at all). `objects()` gives what iterating the queryset
    gives, by Django's own code (its converters, select_related objects attached,
    prefetch_related lookups done); `rows()` gives the database's tuples."""

    def __init__(self, build, *, keys_optional=False):
        self.build = build
        self.keys_optional = keys_optional
        self._model = None
        self._compiled = {}  # (alias, keys and their types) -> _Plan

    def _plan(self, keys):
        shape = tuple(sorted((name, type(value)) for name, value in keys.items()))
        if self._model is None:
            self._model = self.build(**_stand_ins(keys, 0)).model
        alias = router.db_for_read(self._model)
        try:
            return self._compiled[alias, shape]
        except KeyError:
            plan = self._compiled[alias, shape] = _Plan(self, alias, keys)
            return plan

    def rows(self, **keys):
        """The query's rows for `keys`, as the database gives them (tuples; no
        converters applied)."""
        return self._plan(keys).run(keys)

    def objects(self, **keys):
        """The queryset's objects for `keys`: a list of model instances, as iterating
        the queryset gives them."""
        plan = self._plan(keys)
        if plan.queryset._iterable_class is not ModelIterable:
            raise TypeError("objects() reads model instances; use rows() for values.")
        return plan.objects(plan.run(keys))

    def first(self, **keys):
        """The first of `objects(**keys)`, or None."""
        found = self.objects(**keys)
        return found[0] if found else None

    def first_or_404(self, **keys):
        """The first of `objects(**keys)`; raises Http404 when there is none, as
        get_object_or_404 does for a page's object that is not there or not the
        reader's to see."""
        found = self.first(**keys)
        if found is None:
            raise Http404(f"No {self._model._meta.verbose_name} matches the given query.")
        return found

    def read(self, **keys):
        """The Read that `rows` and `objects` make for `keys`, to send ahead
        (`read_ahead`)."""
        return self._plan(keys).read(keys)


def keep_prefetched(instance, name, objects):
    """Keep `objects` (a list of model instances, read by a Compiled query) as
    `instance`'s related `name` (a many-to-many or reverse foreign key), where Django's
    prefetch_related keeps what it reads: `instance.<name>.all()` then gives them without
    a query. Returns None. The related manager's own queryset is filled, as
    prefetch_related fills it, so a further filter on it still reads the database."""
    found = getattr(instance, name).get_queryset()
    found._result_cache, found._prefetch_done = list(objects), True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = found


def _stand_ins(keys, which):
    found = {}
    for number, (name, value) in enumerate(sorted(keys.items())):
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise TypeError(f"Key {name!r} must be an int or a str, not {type(value)}.")
        whole, step, text = _STAND_INS[which]
        found[name] = whole + step * number if isinstance(value, int) else text.format(number)
    return found


class _Plan:
    """One Compiled queryset as compiled for one database: its SQL, and where each key
    goes among its parameters."""

    def __init__(self, compiled, alias, keys):
        self.alias = alias
        self.build = compiled.build
        compiled_with = [self._compile(_stand_ins(keys, which)) for which in (0, 1)]
        (first, self.queryset, self.compiler, self.sql, self.params), second = compiled_with
        if second[3] != self.sql or len(second[4]) != len(self.params):
            raise ValueError("The query's SQL changes with its keys' values.")
        self.slots = {}
        for i, (one, other) in enumerate(zip(self.params, second[4], strict=True)):
            for name in first:
                if one == first[name] and other == second[0][name]:
                    self.slots[i] = name
                elif isinstance(one, str) and isinstance(first[name], str) and first[name] in one:
                    raise ValueError(f"Key {name!r} is inside a parameter, not the whole of it.")
        derived = [i for i, (one, other) in enumerate(zip(self.params, second[4], strict=True))
                   if one != other and i not in self.slots]  # fmt: skip
        if derived:
            raise ValueError("A parameter is worked out from a key; pass it as a key of its own.")
        missing = set(first) - set(self.slots.values())
        if missing and not compiled.keys_optional:
            raise ValueError(f"The query does not depend on {sorted(missing)}.")

    def _compile(self, keys):
        queryset = self.build(**keys).using(self.alias)
        compiler = queryset.query.get_compiler(using=self.alias)
        sql, params = compiler.as_sql()
        return keys, queryset, compiler, sql, list(params)

    def read(self, keys):
        params = list(self.params)
        for i, name in self.slots.items():
            params[i] = keys[name]
        return Read(self.sql, tuple(params), self.alias)

    def run(self, keys):
        return fetch(self.read(keys))

    def objects(self, rows):
        queryset = self.queryset
        # A QuerySet of the same class whose query gives the compiler compiled once, its
        # execute_sql answering with the rows read: Django's iterable does the rest.
        run = queryset.__class__(model=queryset.model, query=_Read(self.compiler, rows),
                                 using=self.alias)  # fmt: skip
        run._fetch_mode = queryset._fetch_mode
        run._prefetch_related_lookups = queryset._prefetch_related_lookups
        return list(run)


class _Read:
    """The query of a Compiled queryset's run: all a model iterable asks of it."""

    def __init__(self, compiler, rows):
        self.compiler = _ReadCompiler(compiler, rows)

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self.compiler


class _ReadCompiler:
    """The compiler compiled once, answering execute_sql with rows already read."""

    def __init__(self, compiler, rows):
        self._compiler = compiler
        self._rows = rows

    def execute_sql(self, *args, **kwargs):
        return [self._rows]  # one chunk, as Django's compiler gives for MULTI

    def __getattr__(self, name):
        return getattr(self._compiler, name)
