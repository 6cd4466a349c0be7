import pytest

from tests.factories import OrganisationUnitFactory


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
