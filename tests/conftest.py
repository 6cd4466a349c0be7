import pytest

from tests.factories import OrganisationUnitFactory, PersonFactory


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
    """One person for every role the access matrix checks."""
    team, other_team = organisation["team"], organisation["other_team"]
    manager = PersonFactory(unit=team, job_title="Team Leader")
    owner = PersonFactory(unit=team, line_manager=manager)
    other_manager = PersonFactory(unit=other_team, job_title="Team Leader")
    other_staff = PersonFactory(unit=other_team, line_manager=other_manager)
    led = PersonFactory(unit=other_team, led=True, line_manager=other_manager)
    hr = PersonFactory(unit=other_team, hr=True, line_manager=other_manager)
    hr.hr_scopes.create(unit=organisation["org"])
    administrator = PersonFactory(administrator=True, unit=organisation["org"])
    return {
        "owner": owner,
        "other_staff": other_staff,
        "line_manager": manager,
        "other_manager": other_manager,
        "led": led,
        "hr": hr,
        "administrator": administrator,
    }


@pytest.fixture
def matrix_world_extras():
    """Each app's additions to the access-matrix world, in dependency order."""
    from tests import (
        matrix_appraisals,
        matrix_careers,
        matrix_frontend,
        matrix_learning,
        matrix_privacy,
    )

    return [
        matrix_learning.world_extras,
        matrix_careers.world_extras,
        matrix_frontend.world_extras,
        *matrix_appraisals.WORLD_EXTRAS,
        *matrix_privacy.WORLD_EXTRAS,
    ]
