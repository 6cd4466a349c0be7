"""appraisals.access.visible_cycle tests HR's scope on the cycle's unit paths in Python;
cycles_visible_to gives the same rule in SQL for lists. For every person and cycle
below, the one page's answer and the list's are the same."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from appraisals import access
from people.models import Person
from tests.factories import HRScopeFactory, PersonFactory
from tests.factories_appraisals import AppraisalCycleFactory

pytestmark = pytest.mark.django_db


def _hr(*units):
    person = PersonFactory(hr=True)
    for unit in units:
        HRScopeFactory(person=person, unit=unit)
    return person


@pytest.fixture
def readers(organisation):
    o = organisation
    return {
        "HR for the team": _hr(o["team"]),
        "HR for the department": _hr(o["department"]),
        "HR for both teams": _hr(o["team"], o["other_team"]),
        "HR for the other team": _hr(o["other_team"]),
        "HR with no units": _hr(),
        "administrator": PersonFactory(administrator=True),
        "staff": PersonFactory(unit=o["team"]),
        "LED": PersonFactory(led=True),
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def cycles(organisation):
    o = organisation
    found = {
        "the team": AppraisalCycleFactory(units=[o["team"]]),
        "both teams": AppraisalCycleFactory(units=[o["team"], o["other_team"]]),
        "the department": AppraisalCycleFactory(units=[o["department"]]),
        "the trust": AppraisalCycleFactory(units=[o["org"]]),
        "the team and the trust": AppraisalCycleFactory(units=[o["team"], o["org"]]),
        "no units": AppraisalCycleFactory(),
    }
    found["no units"].units.clear()
    return found


def _opens(reader, cycle, with_token):
    fresh = Person.objects.get(pk=reader.pk) if reader.is_authenticated else reader
    try:
        found = access.visible_cycle(fresh, cycle.pk, with_token=with_token)
    except Http404:
        return False
    assert found == cycle
    return True


@pytest.mark.parametrize("with_token", [False, True])
def test_the_cycle_a_page_opens_is_one_the_list_shows(readers, cycles, with_token):
    answers = {}
    for who, reader in readers.items():
        listed = set(access.cycles_visible_to(reader).values_list("pk", flat=True))
        for what, cycle in cycles.items():
            opens = _opens(reader, cycle, with_token)
            assert opens == (cycle.pk in listed), f"{who}, cycle for {what}"
            answers[who, what] = opens
    # The rule itself, as people would tell it.
    assert answers["HR for the team", "the team"]
    assert not answers["HR for the team", "both teams"]
    assert answers["HR for both teams", "both teams"]
    assert answers["HR for the department", "both teams"]
    assert not answers["HR for the department", "the team and the trust"]
    assert answers["administrator", "the trust"]
    assert answers["HR with no units", "no units"]
    assert not answers["HR with no units", "the team"]
    assert not any(answers["staff", what] or answers["LED", what] for what in cycles)
    assert not any(answers["anonymous", what] for what in cycles)


def test_a_cycle_not_there_is_not_found(readers):
    with pytest.raises(Http404):
        access.visible_cycle(readers["administrator"], 999_999)


def test_a_unit_path_with_a_space_written_in_the_database_is_refused(readers, cycles):
    """Paths are joined by spaces to be read with the cycle; a path holding one (the
    tree never writes it) refuses the cycle rather than opening it."""
    from people.models import OrganisationUnit

    cycle = cycles["the team"]
    unit = cycle.units.get()
    OrganisationUnit.objects.filter(pk=unit.pk).update(path=" " + unit.path)
    assert not _opens(readers["HR for the department"], cycle, with_token=False)
    assert cycle.pk not in set(
        access.cycles_visible_to(readers["HR for the department"]).values_list("pk", flat=True)
    )
