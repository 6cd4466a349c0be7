import pytest

from tests.factories import OrganisationUnitFactory


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
