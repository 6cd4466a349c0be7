"""Appraisal cycles: saving one (dates, scope, overlaps), opening it once, joiners and
leavers, and an appraisal following the person's new line manager (with the consent
rule: a submission to the former manager lapses)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appraisals.cycles import services
from appraisals.models import Appraisal, AppraisalCycle, AppraisalEvent, CycleRun, Signature
from tests.factories import OrganisationUnitFactory, PersonFactory

pytestmark = pytest.mark.django_db
YEAR = 2026


def make_cycle(by, units, opens=date(2026, 4, 1), closes=date(2026, 6, 30), name="Spring"):
    return services.save_cycle(
        by=by, name=name, year=YEAR, opens_on=opens, closes_on=closes, units=units
    )


def messages_of(error):
    return " ".join(error.value.messages)


# Saving a cycle ------------------------------------------------------------------


def test_a_cycle_is_saved_with_its_units(cast, organisation):
    cycle = make_cycle(cast["hr"], [organisation["team"]])
    assert cycle.status == AppraisalCycle.Status.DRAFT
    assert list(cycle.units.all()) == [organisation["team"]]
    assert cycle.created_by == cast["hr"]


def test_a_cycle_closing_before_it_opens_is_refused(cast, organisation):
    with pytest.raises(ValidationError) as error:
        make_cycle(cast["hr"], [organisation["team"]], opens=date(2026, 5, 1),
                   closes=date(2026, 4, 30))  # fmt: skip
    assert error.value.message_dict["closes_on"] == [
        "The closing date must be on or after the opening date"
    ]
    assert not AppraisalCycle.objects.exists()


def test_an_opening_date_outside_the_appraisal_year_is_refused(cast, organisation):
    with pytest.raises(ValidationError) as error:
        make_cycle(cast["hr"], [organisation["team"]], opens=date(2026, 3, 31))
    assert "April 2026 to March 2027" in error.value.message_dict["opens_on"][0]


@pytest.mark.parametrize(
    "first, second",
    [
        ("team", "team"),  # the same unit
        ("department", "team"),  # the second is below the first
        ("team", "directorate"),  # the second is above the first
    ],
)
def test_overlapping_dates_for_the_same_people_are_refused_naming_the_other_cycle(
    cast, organisation, first, second
):
    make_cycle(cast["hr"], [organisation[first]], name="Outpatients spring")
    with pytest.raises(ValidationError) as error:
        make_cycle(cast["hr"], [organisation[second]], opens=date(2026, 6, 1),
                   closes=date(2026, 9, 30), name="Summer")  # fmt: skip
    assert "overlap the cycle “Outpatients spring”" in messages_of(error)
    assert AppraisalCycle.objects.count() == 1


def test_overlapping_dates_for_other_people_and_later_dates_are_allowed(cast, organisation):
    make_cycle(cast["hr"], [organisation["team"]])
    make_cycle(cast["hr"], [organisation["other_team"]], name="Booking")  # a sibling
    make_cycle(cast["hr"], [organisation["org"]], opens=date(2026, 7, 1),
               closes=date(2026, 9, 30), name="Everyone, summer")  # fmt: skip
    assert AppraisalCycle.objects.count() == 3


def test_changing_a_cycle_does_not_count_itself_as_an_overlap(cast, organisation):
    cycle = make_cycle(cast["hr"], [organisation["team"]])
    services.save_cycle(by=cast["hr"], cycle=cycle, version=cycle.version, name="Renamed",
                        year=YEAR, opens_on=cycle.opens_on, closes_on=date(2026, 7, 31),
                        units=[organisation["team"]])  # fmt: skip
    cycle.refresh_from_db()
    assert (cycle.name, cycle.closes_on, cycle.version) == ("Renamed", date(2026, 7, 31), 2)


def test_a_change_over_an_older_version_is_refused(cast, organisation):
    cycle = make_cycle(cast["hr"], [organisation["team"]])
    with pytest.raises(ValidationError) as error:
        services.save_cycle(by=cast["hr"], cycle=cycle, version=cycle.version + 5,
                            name="Renamed", year=YEAR, opens_on=cycle.opens_on,
                            closes_on=cycle.closes_on, units=[organisation["team"]])  # fmt: skip
    assert error.value.code == "stale"
    assert AppraisalCycle.objects.get().name == "Spring"


def test_a_unit_outside_hr_scope_is_refused(cast, organisation):
    narrow = PersonFactory(unit=organisation["other_team"], hr=True)
    narrow.hr_scopes.create(unit=organisation["other_team"])
    with pytest.raises(ValidationError) as error:
        make_cycle(narrow, [organisation["team"]])
    assert error.value.message_dict["units"] == ["Select only units you look after"]


def test_only_hr_and_administrators_run_cycles(cast, organisation):
    for role in ("owner", "line_manager", "led"):
        with pytest.raises(ValidationError):
            make_cycle(cast[role], [organisation["team"]])
    assert make_cycle(cast["administrator"], [organisation["team"]]).pk


# Opening ----------------------------------------------------------------------


def test_opening_gives_every_active_person_in_scope_one_appraisal_by_their_manager(
    cast, organisation
):
    PersonFactory(unit=organisation["team"], is_active=False)  # left before it opened
    cycle = make_cycle(cast["hr"], [organisation["team"]])
    run = services.open_cycle(cycle=cycle, by=cast["hr"])
    appraisals = Appraisal.objects.filter(cycle=cycle)
    assert {(a.person, a.appraiser, a.status) for a in appraisals} == {
        (cast["owner"], cast["line_manager"], "not_started"),
        (cast["line_manager"], None, "not_started"),
    }
    assert (run.status, run.total, run.done, run.created) == ("done", 2, 2, 2)
    cycle.refresh_from_db()
    assert cycle.status == AppraisalCycle.Status.OPEN


def test_a_unit_includes_every_unit_below_it(cast, organisation):
    cycle = make_cycle(cast["hr"], [organisation["department"]])
    services.open_cycle(cycle=cycle, by=cast["hr"])
    everyone_below = {cast[r] for r in ("owner", "line_manager", "other_manager",
                                        "other_staff", "led", "hr")}  # fmt: skip
    assert {a.person for a in Appraisal.objects.filter(cycle=cycle)} == everyone_below


def test_opening_twice_is_refused_and_creates_nothing_more(cast, organisation):
    cycle = make_cycle(cast["hr"], [organisation["team"]])
    services.open_cycle(cycle=cycle, by=cast["hr"])
    with pytest.raises(ValidationError) as error:
        services.open_cycle(cycle=cycle, by=cast["hr"])
    assert messages_of(error) == "This cycle is already open."
    assert Appraisal.objects.filter(cycle=cycle).count() == 2
    assert CycleRun.objects.count() == 1


def test_a_run_done_again_creates_nobody_twice(cast, organisation):
    cycle = make_cycle(cast["hr"], [organisation["team"]])
    run = services.open_cycle(cycle=cycle, by=cast["hr"])
    CycleRun.objects.filter(pk=run.pk).update(status="running")  # its worker stopped
    services.execute_run(run_id=run.pk, resume=True)
    run.refresh_from_db()
    assert (run.status, run.created) == ("done", 2)
    assert Appraisal.objects.filter(cycle=cycle).count() == 2


def people_in_team(n, organisation, manager):
    team = OrganisationUnitFactory(name=f"Ward {n}", kind="team", parent=organisation["org"])
    for _ in range(n):
        PersonFactory(unit=team, line_manager=manager)
    return team


def test_opening_for_3_or_30_people_takes_the_same_number_of_queries(cast, organisation):
    counts = []
    for n in (3, 30):
        team = people_in_team(n, organisation, cast["line_manager"])
        cycle = make_cycle(cast["administrator"], [team], name=f"Ward {n}")
        with CaptureQueriesContext(connection) as queries:
            services.open_cycle(cycle=cycle, by=cast["administrator"])
        assert Appraisal.objects.filter(cycle=cycle).count() == n
        counts.append(len(queries))
    assert counts[0] == counts[1]


# Joiners and leavers --------------------------------------------------------------


def test_add_people_who_joined_gives_joiners_one_and_closes_leavers_as_left(cast, organisation):
    cycle = make_cycle(cast["hr"], [organisation["team"]])
    services.open_cycle(cycle=cycle, by=cast["hr"])
    joiner = PersonFactory(unit=organisation["team"], line_manager=cast["line_manager"])
    cast["owner"].is_active = False
    cast["owner"].save()

    run = services.add_joiners(cycle=cycle, by=cast["hr"])

    joined = Appraisal.objects.get(cycle=cycle, person=joiner)
    assert (joined.appraiser, joined.status) == (cast["line_manager"], "not_started")
    left = Appraisal.objects.get(cycle=cycle, person=cast["owner"])  # kept, never deleted
    assert left.status == Appraisal.Status.LEFT
    event = AppraisalEvent.objects.get(appraisal=left)
    assert (event.action, event.from_status, event.to_status) == ("left", "not_started", "left")
    assert (run.kind, run.created, run.closed_as_left) == ("joiners", 1, 1)
    assert Appraisal.objects.filter(cycle=cycle).count() == 3


def test_a_leavers_complete_appraisal_stays_complete(cast, organisation):
    cycle = make_cycle(cast["hr"], [organisation["team"]])
    services.open_cycle(cycle=cycle, by=cast["hr"])
    Appraisal.objects.filter(person=cast["owner"]).update(status="complete")
    cast["owner"].is_active = False
    cast["owner"].save()
    run = services.add_joiners(cycle=cycle, by=cast["hr"])
    assert Appraisal.objects.get(person=cast["owner"]).status == "complete"
    assert run.closed_as_left == 0


def test_joiners_need_an_open_cycle(cast, organisation):
    cycle = make_cycle(cast["hr"], [organisation["team"]])
    with pytest.raises(ValidationError):
        services.add_joiners(cycle=cycle, by=cast["hr"])
    assert not Appraisal.objects.exists()


# A new line manager ----------------------------------------------------------------


@pytest.fixture
def opened(cast, organisation):
    cycle = make_cycle(cast["hr"], [organisation["team"]])
    services.open_cycle(cycle=cycle, by=cast["hr"])
    return Appraisal.objects.get(cycle=cycle, person=cast["owner"])


def change_manager(person, manager):
    person.line_manager = manager
    person.save()


def test_a_new_line_manager_becomes_the_appraiser_and_the_change_is_recorded(cast, opened):
    change_manager(cast["owner"], cast["other_manager"])
    opened.refresh_from_db()
    assert opened.appraiser == cast["other_manager"]
    event = AppraisalEvent.objects.get(appraisal=opened, action="appraiser_changed")
    assert cast["line_manager"].full_name in event.detail
    assert cast["other_manager"].full_name in event.detail
    assert opened.status == "not_started"


def test_a_self_assessment_submitted_to_the_former_manager_lapses(cast, opened):
    Appraisal.objects.filter(pk=opened.pk).update(
        status="awaiting_person", self_assessment="I led the rota change.",
        manager_assessment="A strong year.",
    )  # fmt: skip
    Signature.objects.create(appraisal=opened, signer=cast["line_manager"], role="appraiser",
                             name="x", appraisal_version=1, content_hash="0" * 64)  # fmt: skip

    change_manager(cast["owner"], cast["other_manager"])

    opened.refresh_from_db()
    assert opened.appraiser == cast["other_manager"]
    assert opened.status == Appraisal.Status.PREPARING
    assert opened.self_submitted_at is None
    assert opened.self_assessment == "I led the rota change."  # every word kept
    assert opened.manager_assessment == ""  # the former appraiser's words are theirs
    assert not Signature.objects.filter(appraisal=opened, cleared_at__isnull=True).exists()
    event = AppraisalEvent.objects.get(appraisal=opened)
    assert "the submission lapsed" in event.detail
    assert (event.from_status, event.to_status) == ("awaiting_person", "preparing")


def test_complete_appraisals_and_unchanged_managers_are_left_alone(cast, opened):
    cast["owner"].job_title = "Senior Nurse"
    cast["owner"].save()  # the same manager: nothing moves
    assert not AppraisalEvent.objects.exists()
    Appraisal.objects.filter(pk=opened.pk).update(status="complete")
    change_manager(cast["owner"], cast["other_manager"])
    opened.refresh_from_db()
    assert (opened.appraiser, opened.status) == (cast["line_manager"], "complete")


def test_an_open_cycle_keeps_its_appraisal_year(cast, organisation):
    cycle = make_cycle(cast["hr"], [organisation["team"]])
    services.open_cycle(cycle=cycle, by=cast["hr"])
    cycle.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.save_cycle(by=cast["hr"], cycle=cycle, version=cycle.version, name="Moved",
                            year=YEAR - 1, opens_on=date(YEAR - 1, 4, 1),
                            closes_on=date(YEAR - 1, 6, 30),
                            units=[organisation["team"]])  # fmt: skip
    assert "year cannot change once the cycle is open" in messages_of(error)
    assert AppraisalCycle.objects.get().year == YEAR


def test_an_overlap_with_another_hr_teams_cycle_is_refused_without_naming_it(cast, organisation):
    from tests.factories import PersonFactory

    make_cycle(cast["administrator"], [organisation["org"]], name="Trust-wide spring")
    team_hr = PersonFactory(unit=organisation["team"], hr=True)
    team_hr.hr_scopes.create(unit=organisation["team"])
    with pytest.raises(ValidationError) as error:
        make_cycle(team_hr, [organisation["team"]], name="Team spring")
    assert "another appraisal cycle" in messages_of(error)
    assert "Trust-wide spring" not in messages_of(error)
