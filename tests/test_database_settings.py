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


@postgresql
@pytest.mark.django_db
def test_the_planner_reaches_a_few_rows_by_index_rather_than_reading_the_table():
    """Random reads are costed as data in memory (1.1, not PostgreSQL's 4): at 4, planned
    with its values, My team's query read a year's journals and placements whole, 3.0 ms
    at 20,000 people, against 0.5 ms by each report's index (docs/adr/0077)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


def _settings_with(monkeypatch, **environment):
    """config.settings read again with `environment` (None: unset); put back after."""
    import importlib

    import config.settings as settings

    for name, value in environment.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    return importlib.reload(settings)


@pytest.fixture
def reload_settings_after(monkeypatch):
    """The settings read again with the environment put back, after the test."""
    import importlib

    import config.settings as settings

    yield
    monkeypatch.undo()
    importlib.reload(settings)


@pytest.mark.parametrize(
    ("given", "options"),
    [
        (None, "-c jit=off -c random_page_cost=1.1"),
        ("2", "-c jit=off -c random_page_cost=2.0"),
        ("", "-c jit=off"),  # the server's own value
    ],
)
def test_the_random_page_cost_can_be_changed_or_left_to_the_server(
    monkeypatch, reload_settings_after, given, options
):
    reloaded = _settings_with(
        monkeypatch, DATABASE_URL="postgres://u@db/trellis", DATABASE_RANDOM_PAGE_COST=given
    )
    assert reloaded.DATABASES["default"]["OPTIONS"]["options"] == options


@pytest.mark.parametrize("given", ["fast", "0", "-1", "nan", "inf"])
def test_a_random_page_cost_that_is_not_a_positive_number_is_refused_by_name(
    monkeypatch, reload_settings_after, given
):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="DATABASE_RANDOM_PAGE_COST must be"):
        _settings_with(
            monkeypatch, DATABASE_URL="postgres://u@db/trellis", DATABASE_RANDOM_PAGE_COST=given
        )


def test_options_given_in_the_database_url_are_kept(monkeypatch, reload_settings_after):
    """A deployer's own server options (DATABASE_URL's ?options=) still apply."""
    reloaded = _settings_with(
        monkeypatch,
        DATABASE_URL="postgres://u@db/trellis?options=-c%20statement_timeout%3D5000",
        DATABASE_RANDOM_PAGE_COST=None,
    )
    assert reloaded.DATABASES["default"]["OPTIONS"]["options"] == (
        "-c statement_timeout=5000 -c jit=off -c random_page_cost=1.1"
    )


@pytest.mark.parametrize(("given", "threshold"), [(None, 5), ("0", None)])
def test_prepared_statements_can_be_turned_off_for_a_pooler(
    monkeypatch, reload_settings_after, given, threshold
):
    """psycopg prepares only on a connection with a threshold: psycopg's 5 by default,
    none with DATABASE_PREPARED_STATEMENTS=0 (docs/deployment.md, docs/adr/0068)."""
    reloaded = _settings_with(
        monkeypatch,
        DATABASE_URL="postgres://u@db/trellis",
        DATABASE_PREPARED_STATEMENTS=given,
    )
    assert reloaded.DATABASES["default"]["OPTIONS"].get("prepare_threshold") == threshold
