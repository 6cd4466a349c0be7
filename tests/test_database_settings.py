"""How Trellis's connections to PostgreSQL are set up (config/settings.py)."""

import pytest
from django.db import connection

postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL connection setting"
)


@postgresql
@pytest.mark.django_db
def test_no_query_pays_for_jit_compilation():
    """A plan costed above jit_above_cost is run without compiling it: the catalogue's
    suggestions took 29 ms with JIT and 8 ms without at 2,000 initiatives
    (docs/adr/0051)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit_above_cost = 0")  # every plan would be compiled
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM people_person")
        plan = cursor.fetchone()[0][0]
    assert "JIT" not in plan


def test_options_given_in_the_database_url_are_kept(monkeypatch):
    """A deployer's own server options (DATABASE_URL's ?options=) still apply."""
    import importlib

    import config.settings as settings

    monkeypatch.setenv(
        "DATABASE_URL", "postgres://u@db/trellis?options=-c%20statement_timeout%3D5000"
    )
    try:
        reloaded = importlib.reload(settings)
        assert reloaded.DATABASES["default"]["OPTIONS"]["options"] == (
            "-c statement_timeout=5000 -c jit=off"
        )
    finally:
        monkeypatch.undo()
        importlib.reload(settings)


@pytest.mark.parametrize(("given", "threshold"), [(None, 5), ("0", None)])
def test_prepared_statements_can_be_turned_off_for_a_pooler(monkeypatch, given, threshold):
    """psycopg prepares only on a connection with a threshold: psycopg's 5 by default,
    none with DATABASE_PREPARED_STATEMENTS=0 (docs/deployment.md, docs/adr/0068)."""
    import importlib

    import config.settings as settings

    monkeypatch.setenv("DATABASE_URL", "postgres://u@db/trellis")
    if given is None:
        monkeypatch.delenv("DATABASE_PREPARED_STATEMENTS", raising=False)
    else:
        monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", given)
    try:
        reloaded = importlib.reload(settings)
        assert reloaded.DATABASES["default"]["OPTIONS"].get("prepare_threshold") == threshold
    finally:
        monkeypatch.undo()
        importlib.reload(settings)
