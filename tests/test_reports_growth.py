"""The dashboard's career figures (appraisals/reports/growth.py): the Scope for Growth
placement heat map and the 70/20/10 mix of planned development, small counts hidden,
drill-down sums, downloads, and cached figures never shown stale after a change."""

from datetime import date

import pytest

from appraisals.cycles.services import close_leavers
from appraisals.models import Appraisal
from appraisals.reports import growth
from careers.models import Placement
from learning.models import GrowthDirection, ImpactLevel, LearningCategory
from people.models import OrganisationUnit
from tests.factories import OrganisationUnitFactory, PersonFactory
from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory
from tests.factories_careers import (
    DevelopmentPlanFactory,
    ObjectiveFactory,
    PlacementFactory,
    PlanActionFactory,
)
from tests.factories_learning import InitiativeFactory
from tests.test_reports_views import read_csv, read_xlsx, text, url

S = Appraisal.Status


def fresh(unit):
    return OrganisationUnit.objects.get(pk=unit.pk)


def level(slug):
    return ImpactLevel.objects.get(slug=slug)


def direction(slug):
    return GrowthDirection.objects.get(slug=slug)


def place(cycle, person, at=("developing", "depth"), status=Placement.Status.AGREED):
    return PlacementFactory(
        person=person, year=cycle.year, level=level(at[0]), direction=direction(at[1]),
        status=status, proposed_by=person,
    )  # fmt: skip


def counted(cycle, unit, n=1, status=S.PREPARING):
    """n people in `unit` with a counted appraisal in `cycle`."""
    return [AppraisalFactory(cycle=cycle, person=PersonFactory(unit=unit), status=status).person
            for _ in range(n)]  # fmt: skip


@pytest.fixture
def world(organisation, cast):
    o = {name: fresh(unit) for name, unit in organisation.items()}
    cycle = AppraisalCycleFactory(units=[o["department"]], name="Appraisals 2026",
                                  closes_on=date(2026, 6, 30))  # fmt: skip
    return {**o, **cast, "cycle": cycle}


def heat_text(body):
    """The heat map's table as text, from its caption to the end of the table; a <wbr>
    (a place a heading may break) is no space, as a screen reader reads it."""
    body = body.replace("/ ", "/")
    start = body.index("Agreed placements by impact level and direction of growth")
    return body[start : body.index("Shading, lightest to darkest", start)]


@pytest.mark.django_db
def test_the_heat_map_counts_agreed_placements_by_level_and_direction(client, world):
    cycle = world["cycle"]
    for person in counted(cycle, world["team"], 6):
        place(cycle, person, ("developing", "depth"))
    for person in counted(cycle, world["team"], 5):
        place(cycle, person, ("proven", "stretch"))
    for person in counted(cycle, world["team"], 2):  # proposed only: not counted as placed
        place(cycle, person, ("proven", "stretch"), status=Placement.Status.PROPOSED)
    leaver = counted(cycle, world["team"], 1, status=S.LEFT)[0]
    place(cycle, leaver, ("consolidating", "breadth"))  # closed as left: not counted
    client.force_login(world["hr"])

    body = text(client.get(url(cycle, unit=world["department"])))

    heat = heat_text(body)
    # Proven first, as the framework draws it; "Stretch" is the third column.
    assert "Impact level Depth Breadth Stretch/complexity" in heat
    assert "Proven 0 0 *" in heat
    assert "Developing 6 0 0" in heat
    assert "Consolidating experience in current role 0 0 0" in heat
    # Two people without an agreed placement: a small count, hidden; a lone hidden part
    # of the 13 counted would be worked out, so the smallest other (5) is hidden too.
    assert "People counted: 13. With no agreed placement for this year: *" in body
    year = cycle.year
    assert f"agreed for the appraisal year {year} to {year + 1}. Each row is an impact" in body


@pytest.mark.django_db
def test_a_small_unit_shows_no_count_under_five(client, world):
    cycle = world["cycle"]
    for person in counted(cycle, world["other_team"], 3):
        place(cycle, person, ("developing", "breadth"))
    client.force_login(world["hr"])

    body = text(client.get(url(cycle, unit=world["other_team"])))

    heat = heat_text(body)
    assert "Developing 0 * not shown 0" in heat
    assert "People counted: *" in body
    rows = read_csv(client.get(url(cycle, "placements.csv", world["other_team"])))
    assert rows[2] == ["Developing", "0", "*", "0"]
    assert ["People counted", "*"] in rows
    assert not any(cell in {"1", "2", "3", "4"} for row in rows for cell in row)


@pytest.mark.django_db
def test_drilling_down_the_units_heat_maps_add_up_to_their_parent(world):
    cycle, hr = world["cycle"], world["hr"]
    sub = OrganisationUnitFactory(name="Sub team", parent=world["team"])
    spots = [("developing", "depth"), ("proven", "stretch"), ("consolidating", "breadth")]
    for n, unit in enumerate([world["team"], world["other_team"], fresh(sub),
                              fresh(world["department"])]):  # fmt: skip
        for i, person in enumerate(counted(cycle, unit, n + 2)):
            place(cycle, person, spots[(i + n) % 3])

    def grid(unit):
        return growth.placements(user=hr, cycle=cycle, unit=fresh(unit)).counts

    parent = grid(world["department"])
    parts = [grid(world["team"]), grid(world["other_team"])]
    own = {}  # the department's own people, counted in no team
    for person in Placement.objects.filter(person__unit=world["department"]):
        key = (person.level_id, person.direction_id)
        own[key] = own.get(key, 0) + 1
    summed = {}
    for part in [*parts, own]:
        for key, n in part.items():
            summed[key] = summed.get(key, 0) + n
    assert summed == parent
    assert sum(parent.values()) == 2 + 3 + 4 + 5
    assert grid(world["team"]) != {} and sum(grid(world["team"]).values()) == 2 + 4


@pytest.mark.django_db
def test_the_mix_counts_planned_actions_by_category_an_initiatives_own_first(client, world):
    cycle = world["cycle"]
    formal = LearningCategory.objects.get(slug="formal-education")
    course = InitiativeFactory(category=formal)
    for person in counted(cycle, world["team"], 6):
        plan = DevelopmentPlanFactory(person=person, year=cycle.year)
        objective = ObjectiveFactory(plan=plan)  # experience
        PlanActionFactory(objective=objective)
        PlanActionFactory(objective=objective, initiative=course)  # formal, by its course
    other_year = DevelopmentPlanFactory(person=counted(cycle, world["team"])[0], year=2025)
    PlanActionFactory(objective=ObjectiveFactory(plan=other_year))  # not this cycle's year
    client.force_login(world["hr"])

    body = text(client.get(url(cycle, unit=world["department"])))

    assert " 6 50% 6 70%" in body  # experience, the objective's category
    assert " 6 50% 6 10%" in body
    assert "All planned actions 12 100% 6" in body
    rows = read_csv(client.get(url(cycle, "mix.csv", world["department"])))
    assert rows[0][:3] == ["70/20/10 category", "Planned actions", "Percent of planned actions"]
    assert [r[1:4] for r in rows[1:4]] == [["6", "50%", "6"], ["0", "0%", "0"],
                                           ["6", "50%", "6"]]  # fmt: skip
    assert rows[1:4] == read_xlsx(client.get(url(cycle, "mix.xlsx", world["department"])))[1:4]


@pytest.mark.django_db
def test_a_small_mix_is_hidden_on_the_page_in_the_chart_and_in_the_files(client, world):
    cycle = world["cycle"]
    for person in counted(cycle, world["other_team"], 2):
        PlanActionFactory(objective=ObjectiveFactory(
            plan=DevelopmentPlanFactory(person=person, year=cycle.year)))  # fmt: skip
    client.force_login(world["hr"])

    page = client.get(url(cycle, unit=world["other_team"]))

    assert "Not shown: fewer than 5 in each" in text(page)
    for fmt in ("csv", "xlsx"):
        response = client.get(url(cycle, f"mix.{fmt}", world["other_team"]))
        rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
        assert rows[1][1:4] == ["*", "*", "*"]
        assert rows[4][:2] == ["All planned actions", "*"]


@pytest.mark.django_db
def test_the_placement_table_downloads_as_it_shows(client, world):
    cycle = world["cycle"]
    for person in counted(cycle, world["team"], 5):
        place(cycle, person, ("proven", "depth"))
    client.force_login(world["hr"])

    as_csv = read_csv(client.get(url(cycle, "placements.csv")))
    as_xlsx = read_xlsx(client.get(url(cycle, "placements.xlsx")))

    assert as_csv[:4] == [["Impact level", "Depth", "Breadth", "Stretch/complexity"],
                          ["Proven", "5", "0", "0"], ["Developing", "0", "0", "0"],
                          ["Consolidating experience in current role", "0", "0", "0"]]  # fmt: skip
    assert ["People counted", "5"] in as_csv
    assert [row[:4] for row in as_csv[:4]] == [row[:4] for row in as_xlsx[:4]]


@pytest.mark.django_db
def test_no_figure_is_stale_after_a_change(client, world):
    """The figures are cached; each kind of change they count shows on the next visit."""
    cycle = world["cycle"]
    people = counted(cycle, world["team"], 5, status=S.NOT_STARTED)
    client.force_login(world["hr"])
    address = url(cycle, unit=world["team"])

    def body():
        return text(client.get(address))

    assert "Not started 5 100%" in body()

    appraisal = Appraisal.objects.get(person=people[0])
    appraisal.status = S.COMPLETE  # an appraisal's status
    appraisal.save()
    assert "Not started 4 80%" in body() and "Complete 1 20%" in body()

    appraisal.pay_progression = Appraisal.PayProgression.choices[1][0]  # its pay outcome
    appraisal.manager_submitted_at = appraisal.updated_at
    appraisal.save(update_fields=["pay_progression", "manager_submitted_at"])
    label = Appraisal.PayProgression.choices[1][1]
    assert f"{label} 1 100%" in body()

    placements = [place(cycle, person, ("proven", "breadth")) for person in people]  # agreed
    assert "Proven 0 5 0" in heat_text(body())
    placements[0].status = Placement.Status.DISAGREED
    placements[0].save()
    assert "Proven 0 * not shown 0" in heat_text(body())

    plans = [DevelopmentPlanFactory(person=p, year=cycle.year) for p in people]
    actions = [PlanActionFactory(objective=ObjectiveFactory(plan=plan)) for plan in plans]
    assert "All planned actions 5 100% 5" in body()
    actions[0].delete()
    assert "All planned actions 5 100%" not in body()

    mover = people[1]  # a person moving unit moves out of the team's figures
    mover.unit = world["other_team"]
    mover.save()
    assert "Complete 1 25%" in body() or "Not started 3 75%" in body()

    also_left = Appraisal.objects.get(person=people[2])  # closing leavers, in bulk
    people[2].is_active = False
    people[2].save(update_fields=["is_active"])
    assert "4 appraisals counted." in body()
    assert close_leavers(cycle=cycle) == 1
    also_left.refresh_from_db()
    assert also_left.status == S.LEFT
    assert "3 appraisals counted, and 1 closed as left" in body()


def test_the_heat_maps_key_shades_only_counts_a_page_can_show(settings):
    """Counts from 1 to 4 are never shown ("*"), so no shade of the key stands for them."""
    from appraisals.reports import presenters

    settings.MI_SMALL_NUMBER_THRESHOLD = 5
    for biggest in (5, 7, 12, 40):
        words = [words for _, words in presenters._legend(biggest)]
        assert words[0] == "0" and words[-1] == "* not shown"
        assert words[1].split(" to ")[0] == "5"
        assert words[-2].split(" to ")[-1] == str(biggest)
