"""A cycle read through appraisals.access.visible_cycle is not tested against the
reader's scope again in the same request's queries (the overdue list's count, keys and
rows each repeated it); for any other person, or a cycle read another way, the rules
test it in full."""

from datetime import date

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from appraisals import access
from appraisals.models import Appraisal, AppraisalCycle
from tests.factories import HRScopeFactory, PersonFactory
from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory

pytestmark = pytest.mark.django_db
CYCLE_UNITS = AppraisalCycle.units.through._meta.db_table


@pytest.fixture
def cycle(organisation):
    cycle = AppraisalCycleFactory(units=[organisation["team"]], closes_on=date(2026, 6, 30))
    for _ in range(2):
        AppraisalFactory(cycle=cycle, person=PersonFactory(unit=organisation["team"]),
                         status=Appraisal.Status.PREPARING)  # fmt: skip
    return cycle


def test_the_overdue_list_reads_the_cycles_scope_once(client, cast, cycle):
    client.force_login(cast["hr"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/appraisals/cycles/{cycle.pk}/reports/overdue/")
    assert page.status_code == 200
    assert "2 overdue." in page.content.decode()
    scope_tests = [q["sql"] for q in queries if CYCLE_UNITS in q["sql"]]
    # The cycle (with its scope test) and its units' paths; not the count, keys or rows.
    assert len(scope_tests) == 2, scope_tests


def test_a_cycle_read_for_one_hr_person_is_tested_in_full_for_another(cast, cycle, organisation):
    cycle_as_read = access.visible_cycle(cast["hr"], cycle.pk)
    elsewhere = HRScopeFactory(unit=organisation["other_team"]).person
    with pytest.raises(Http404):
        access.visible_cycle(elsewhere, cycle.pk)
    assert not access.report_appraisals_for(elsewhere, cycle_as_read).exists()
    assert not access.units_in_cycle_for(elsewhere, cycle_as_read).exists()
    assert access.report_appraisals_for(cast["hr"], cycle_as_read).count() == 2
    assert list(access.units_in_cycle_for(cast["hr"], cycle_as_read)) == [organisation["team"]]


def test_a_cycle_read_another_way_is_tested_in_full(cast, cycle, organisation):
    elsewhere = HRScopeFactory(unit=organisation["other_team"]).person
    plain = AppraisalCycle.objects.get(pk=cycle.pk)
    assert not access.report_appraisals_for(elsewhere, plain).exists()
    assert not access.units_in_cycle_for(elsewhere, plain).exists()


def test_the_dashboards_cached_figures_carry_no_reader(client, cast, cycle):
    """The dashboard's figures (with their cycle) go to the shared cache: what is kept
    must not hold the reader's person (and so their password hash)."""
    import pickle

    client.force_login(cast["hr"])
    assert client.get(f"/appraisals/cycles/{cycle.pk}/reports/").status_code == 200
    read = access.visible_cycle(cast["hr"], cycle.pk)
    assert cast["hr"].password.encode() not in pickle.dumps(read)
    assert cast["hr"].email.encode() not in pickle.dumps(read)


def test_a_cycle_read_and_then_given_another_key_is_tested_in_full(cast, cycle, organisation):
    other = AppraisalCycleFactory(units=[organisation["other_team"]], closes_on=date(2026, 6, 30))
    AppraisalFactory(cycle=other, person=PersonFactory(unit=organisation["other_team"]))
    team_hr = HRScopeFactory(unit=organisation["team"]).person
    read = access.visible_cycle(team_hr, cycle.pk)
    read.pk = other.pk  # as a cycle copied to make the next one
    assert not access.report_appraisals_for(team_hr, read).exists()
    assert not access.units_in_cycle_for(team_hr, read).exists()
