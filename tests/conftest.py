import pytest

from tests.factories import OrganisationUnitFactory

# A test is transactional through its marker or through one of these fixtures.
TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}


def is_transactional(item):
    """True when pytest-django runs `item` as a TransactionTestCase, which empties
    every table when it ends."""
    marker = item.get_closest_marker("django_db")
    by_marker = bool(marker and marker.kwargs.get("transaction"))
    return by_marker or bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


def restores_shipped_data(item):
    """True when `item` restores the shipped data (serialized rollback) before it runs."""
    marker = item.get_closest_marker("django_db")
    by_marker = bool(marker and marker.kwargs.get("serialized_rollback"))
    return by_marker or "django_db_serialized_rollback" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items):
    """Every transactional test restores the shipped data, however it asked for the
    database (a marker, `transactional_db` or `live_server`).

    Its flush at the end empties the tables; without serialized rollback Django then
    re-creates the content types and permissions under new ids, and the next test
    that restores the shipped data fails on their duplicates."""
    for item in items:
        if is_transactional(item) and not restores_shipped_data(item):
            marker = item.get_closest_marker("django_db")
            options = {**(marker.kwargs if marker else {})}
            options.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(*(marker.args if marker else ()), **options))


@pytest.fixture(scope="session", autouse=True)
def _shipped_data_on_every_connection(django_db_setup):
    """The data migrations ship, serialized when the test database was made, on every
    connection object: a transactional test (serialized_rollback=True) restores it from
    the connection it finds, and the browser tests' Playwright can leave the suite on a
    new connection object that would otherwise have none, so the shipped question
    bank, values and role groups were gone for the tests that came after."""
    from django.db import DEFAULT_DB_ALIAS, connections

    connection = connections[DEFAULT_DB_ALIAS]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is not None:
        type(connection)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache. The stamps' rows come back with the same
    tokens after every test's rollback, so a figure cached by one test would be found
    by the next under the same key."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fake_data_seeded_by_test(request):
    """Each test's fake names come from a seed of its own id, not from the tests a
    process happened to run before it: with the suite shared between processes, a
    name sorting first (an admin page's first person, say) was otherwise a matter of
    which process ran the test."""
    import zlib

    import factory.random

    factory.random.reseed_random(zlib.crc32(request.node.nodeid.encode()))


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hashing dominates test time; the algorithm is not what these tests check."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organisation(db):
    """organisation → directorate → department → team, and a second team."""
    org = OrganisationUnitFactory(name="Demo Trust", kind="organisation")
    directorate = OrganisationUnitFactory(name="Operations", kind="directorate", parent=org)
    department = OrganisationUnitFactory(name="Outpatients", kind="department", parent=directorate)
    team = OrganisationUnitFactory(name="Clinic Admin", kind="team", parent=department)
    other_team = OrganisationUnitFactory(name="Booking", kind="team", parent=department)
    return {
        "org": org,
        "directorate": directorate,
        "department": department,
        "team": team,
        "other_team": other_team,
    }


@pytest.fixture
def cast(organisation):
    """One person for every role the access matrix checks (tests/url_registry.py)."""
    from tests.url_registry import make_cast

    return make_cast(organisation)
