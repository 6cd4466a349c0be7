"""Management information for a cycle (appraisals/reports/services.py): the five counts
for a unit and each unit below it, rolled up the tree; overdue; by appraiser; pay
progression; earlier cycles over the same people."""

from datetime import date

import pytest

from appraisals import access
from appraisals.models import Appraisal
from appraisals.reports import services
from people.models import OrganisationUnit
from tests.factories import HRScopeFactory, PersonFactory
from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory

S = Appraisal.Status
BEFORE_CLOSE = date(2027, 3, 1)
AFTER_CLOSE = date(2027, 4, 1)


SUBMITTED_BY_APPRAISER = (S.AWAITING_PERSON, S.AWAITING_MANAGER, S.COMPLETE)


def add(cycle, unit, status, appraiser=None, pay=""):
    from django.utils import timezone

    submitted = timezone.now() if status in SUBMITTED_BY_APPRAISER else None
    return AppraisalFactory(cycle=cycle, person=PersonFactory(unit=unit), status=status,
                            appraiser=appraiser or PersonFactory(unit=unit),
                            pay_progression=pay, manager_submitted_at=submitted)  # fmt: skip


@pytest.fixture
def tree(organisation, cast):
    """A cycle for the directorate: Clinic Admin 4 (+1 left), Booking 2, and one
    person in Outpatients itself."""
    # Fresh from the database: adding "Booking" before "Clinic Admin" moved its path.
    o = {name: OrganisationUnit.objects.get(pk=unit.pk) for name, unit in organisation.items()}
    cycle = AppraisalCycleFactory(units=[o["directorate"]])
    boss = PersonFactory(unit=o["team"], family_name="Aardvark")
    for status in (S.NOT_STARTED, S.PREPARING, S.AWAITING_PERSON, S.COMPLETE, S.LEFT):
        add(cycle, o["team"], status, appraiser=boss)
    add(cycle, o["other_team"], S.MANAGER_WRITING, pay="not_met")  # the appraiser's draft
    add(cycle, o["other_team"], S.COMPLETE, pay="meets")
    add(cycle, o["department"], S.AWAITING_MANAGER)
    return {**o, **cast, "cycle": cycle, "boss": boss}


def counts(figures):
    return (figures.total, figures.not_started, figures.in_progress, figures.awaiting,
            figures.complete, figures.overdue, figures.left)  # fmt: skip


@pytest.mark.django_db
def test_a_department_has_a_row_per_team_and_its_own_people(tree):
    board = services.dashboard(user=tree["hr"], cycle=tree["cycle"], unit=tree["department"],
                               today=BEFORE_CLOSE)  # fmt: skip

    rows = {row.unit.name: counts(row.figures) for row in board.rows}
    assert list(rows) == ["Booking", "Clinic Admin"]
    assert rows["Clinic Admin"] == (4, 1, 1, 1, 1, 0, 1)
    assert rows["Booking"] == (2, 0, 1, 0, 1, 0, 0)
    assert counts(board.own) == (1, 0, 0, 1, 0, 0, 0)
    assert counts(board.total) == (7, 1, 2, 2, 2, 0, 1)
    assert [u.name for u in board.trail] == ["Operations"]  # the cycle's unit, above


@pytest.mark.django_db
def test_a_subtree_total_is_its_children_plus_its_own_people(tree):
    board = services.dashboard(user=tree["hr"], cycle=tree["cycle"], unit=tree["department"],
                               today=AFTER_CLOSE)  # fmt: skip

    summed = services.Figures()
    for row in board.rows:
        summed.add(row.figures)
    summed.add(board.own)
    assert counts(summed) == counts(board.total)


@pytest.mark.django_db
def test_drilling_down_to_a_team_counts_only_its_people(tree):
    board = services.dashboard(user=tree["hr"], cycle=tree["cycle"], unit=tree["team"],
                               today=BEFORE_CLOSE)  # fmt: skip

    assert board.rows == []
    assert counts(board.total) == (4, 1, 1, 1, 1, 0, 1)
    assert [u.name for u in board.trail] == ["Operations", "Outpatients"]


@pytest.mark.django_db
def test_without_a_unit_each_unit_in_the_cycle_is_a_row(tree):
    board = services.dashboard(user=tree["hr"], cycle=tree["cycle"], today=BEFORE_CLOSE)

    assert [row.unit.name for row in board.rows] == ["Operations"]
    assert counts(board.rows[0].figures) == counts(board.total) == (7, 1, 2, 2, 2, 0, 1)


@pytest.mark.django_db
def test_after_the_closing_date_everything_counted_and_not_complete_is_overdue(tree):
    board = services.dashboard(user=tree["hr"], cycle=tree["cycle"], unit=tree["department"],
                               today=AFTER_CLOSE)  # fmt: skip

    assert board.total.overdue == 5  # 7 counted, 2 complete; "left" is never overdue
    assert board.total.percent("overdue") == 71
    assert {row.unit.name: row.figures.overdue for row in board.rows} == {
        "Booking": 1, "Clinic Admin": 3}  # fmt: skip


@pytest.mark.django_db
def test_the_overdue_list_names_the_appraiser_and_leaves_out_complete_and_left(tree):
    before = services.overdue(user=tree["hr"], cycle=tree["cycle"], unit=tree["team"],
                              today=BEFORE_CLOSE)  # fmt: skip
    after = services.overdue(user=tree["hr"], cycle=tree["cycle"], unit=tree["team"],
                             today=AFTER_CLOSE)  # fmt: skip

    assert list(before) == []
    assert sorted(a.status for a in after) == sorted([S.NOT_STARTED, S.PREPARING,
                                                      S.AWAITING_PERSON])  # fmt: skip
    assert {a.appraiser for a in after} == {tree["boss"]}


@pytest.mark.django_db
def test_completion_by_appraiser_puts_most_still_to_do_first(tree):
    rows = list(services.by_appraiser(user=tree["hr"], cycle=tree["cycle"], unit=tree["team"]))

    assert len(rows) == 1
    assert rows[0]["appraiser__family_name"] == "Aardvark"
    assert (rows[0]["counted"], rows[0]["complete"], rows[0]["to_do"]) == (4, 1, 3)


@pytest.mark.django_db
def test_pay_progression_counts_each_outcome(tree):
    outcomes = services.pay_progression(user=tree["hr"], cycle=tree["cycle"],
                                        unit=tree["department"])  # fmt: skip

    by_value = {o["value"]: (o["complete"], o["counted"]) for o in outcomes}
    # The draft "not_met" of the appraiser still writing is not told to HR.
    assert by_value == {"": (1, 6), "meets": (1, 1), "not_met": (0, 0),
                        "not_applicable": (0, 0)}  # fmt: skip


@pytest.mark.django_db
def test_earlier_cycles_count_the_same_units_people(tree):
    earlier = AppraisalCycleFactory(
        units=[tree["directorate"]],
        year=2025,
        opens_on=date(2025, 4, 1),
        closes_on=date(2026, 3, 31),
    )
    add(earlier, tree["team"], S.COMPLETE)
    add(earlier, tree["team"], S.PREPARING)
    add(earlier, tree["other_team"], S.COMPLETE)  # not in Clinic Admin

    found = services.earlier_cycles(user=tree["hr"], cycle=tree["cycle"], unit=tree["team"],
                                    today=AFTER_CLOSE)  # fmt: skip

    assert [c for c, _ in found] == [tree["cycle"], earlier]
    assert counts(found[1][1]) == (2, 0, 1, 0, 1, 1, 0)


@pytest.mark.django_db
def test_hr_chooses_only_units_in_their_scope(tree):
    team_hr = HRScopeFactory(unit=tree["team"]).person
    team_cycle = AppraisalCycleFactory(units=[tree["team"]])

    assert list(access.units_in_cycle_for(team_hr, team_cycle)) == [tree["team"]]
    assert tree["cycle"] not in access.report_cycles_for(team_hr)  # reaches beyond the team
    assert not access.report_cycles_for(tree["line_manager"]).exists()
    assert not access.report_appraisals_for(tree["led"], tree["cycle"]).exists()
