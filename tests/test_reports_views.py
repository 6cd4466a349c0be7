"""Management-information pages (appraisals/reports/views.py): the dashboard with its
drill-down, its downloads read back, access, and query counts that do not grow."""

import csv
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from appraisals.models import Appraisal
from people.models import OrganisationUnit
from tests.factories import OrganisationUnitFactory, PersonFactory
from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory
from tests.factories_careers import (
    DevelopmentPlanFactory,
    ObjectiveFactory,
    PlacementFactory,
    PlanActionFactory,
)
from tests.matrix_appraisals_reports import swapped

S = Appraisal.Status


def fresh(unit):
    return OrganisationUnit.objects.get(pk=unit.pk)


def add(cycle, unit, status, appraiser=None):
    return AppraisalFactory(cycle=cycle, person=PersonFactory(unit=unit), status=status,
                            appraiser=appraiser or PersonFactory(unit=unit))  # fmt: skip


@pytest.fixture
def tree(organisation, cast):
    o = {name: fresh(unit) for name, unit in organisation.items()}
    cycle = AppraisalCycleFactory(
        units=[o["department"]], name="Appraisals 2026", closes_on=date(2026, 6, 30)
    )  # closed: overdue counts
    for status in (S.NOT_STARTED, S.PREPARING, S.COMPLETE):
        add(cycle, o["team"], status)
    add(cycle, o["other_team"], S.AWAITING_PERSON)
    return {**o, **cast, "cycle": cycle}


def url(cycle, page="", unit=None):
    return f"/appraisals/cycles/{cycle.pk}/reports/{page}" + (f"?unit={unit.pk}" if unit else "")


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.django_db
def test_hr_sees_the_counts_and_drills_into_a_team(client, tree):
    client.force_login(tree["hr"])

    page = client.get(url(tree["cycle"], unit=tree["department"]))

    assert page.status_code == 200
    body = text(page)
    assert "Outpatients" in body
    assert "Not started 1 25%" in body and "Complete 1 25%" in body and "Overdue 3 75%" in body
    assert "Booking (team) 1 0 0 1 0 1 0% 0" in body
    assert "Clinic Admin (team) 3 1 1 0 1 2 33% 0" in body
    assert "Total 4 1 1 1 1 3 25% 0" in body
    assert "What the figures count" in body and "after the cycle's closing date" in body
    team_link = f'href="{url(tree["cycle"], unit=tree["team"])}"'
    assert team_link in page.content.decode()

    team = client.get(url(tree["cycle"], unit=tree["team"]))
    assert "Total 3 1 1 0 1 2 33% 0" in text(team)
    assert "Part of: every unit in the cycle , Outpatients" in text(team)


@pytest.mark.django_db
def test_the_cycle_page_links_to_its_management_information(client, tree):
    client.force_login(tree["hr"])

    page = client.get(f"/appraisals/cycles/{tree['cycle'].pk}/")

    assert f'href="{url(tree["cycle"])}"' in page.content.decode()


@pytest.mark.django_db
def test_the_overdue_list_names_each_appraiser(client, tree):
    manager = tree["line_manager"]
    late = add(tree["cycle"], tree["team"], S.MANAGER_WRITING, appraiser=manager)
    client.force_login(tree["hr"])

    body = text(client.get(url(tree["cycle"], "overdue/", tree["team"])))

    assert "3 overdue" in body
    assert f"{late.person.full_name}" in body and manager.full_name in body


@pytest.mark.django_db
def test_completion_by_appraiser_lists_each_appraiser(client, tree):
    manager = tree["line_manager"]
    add(tree["cycle"], tree["team"], S.COMPLETE, appraiser=manager)
    add(tree["cycle"], tree["team"], S.PREPARING, appraiser=manager)
    client.force_login(tree["hr"])

    body = text(client.get(url(tree["cycle"], "appraisers/", tree["team"])))

    assert f"{manager.full_name} 2 1 1 50%" in body


def read_csv(response):
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def read_xlsx(response):
    """The sheet's cells as the page shows them: a number formatted as a percent as "25%"."""
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[_shown(cell) for cell in row] for row in sheet.iter_rows()]


def _shown(cell):
    if cell.value is None:
        return ""
    if cell.number_format == "0%":
        return f"{round(cell.value * 100)}%"
    return str(cell.value)


@pytest.mark.django_db
def test_the_unit_table_downloads_as_csv_and_xlsx_matching_the_page(client, tree):
    client.force_login(tree["hr"])
    page = text(client.get(url(tree["cycle"], unit=tree["department"])))

    as_csv = read_csv(client.get(url(tree["cycle"], "units.csv", tree["department"])))
    as_xlsx = read_xlsx(client.get(url(tree["cycle"], "units.xlsx", tree["department"])))

    assert as_csv[0][:3] == ["Unit", "Kind", "Counted"]
    assert as_csv == as_xlsx
    for row in as_csv[1:]:
        name, kind, *numbers = row
        shown = f"{name} ({kind.lower()}) " if kind else f"{name} "
        assert shown + " ".join(numbers) in page
    assert [row[0] for row in as_csv[1:]] == ["Booking", "Clinic Admin", "Total"]


@pytest.mark.django_db
def test_every_table_downloads(client, tree):
    client.force_login(tree["hr"])
    for table in ("status", "units", "overdue", "appraisers", "pay", "earlier"):
        for fmt in ("csv", "xlsx"):
            response = client.get(url(tree["cycle"], f"{table}.{fmt}"))
            assert response.status_code == 200, (table, fmt)
            assert "attachment" in response["Content-Disposition"]
    status = read_csv(client.get(url(tree["cycle"], "status.csv")))
    assert status[1:] == [["Not started", "1", "25%"], ["In progress", "1", "25%"],
                          ["Awaiting sign-off", "1", "25%"], ["Complete", "1", "25%"],
                          ["Overdue", "3", "75%"]]  # fmt: skip
    assert client.get(url(tree["cycle"], "secrets.csv")).status_code == 404
    assert client.get(url(tree["cycle"], "units.pdf")).status_code == 404


@pytest.mark.django_db
def test_percentages_are_numbers_in_the_xlsx_and_text_in_the_csv(client, tree):
    """A spreadsheet can sort and sum a share: 25% is the number 0.25 shown as "25%"."""
    client.force_login(tree["hr"])
    tables = {"status": 2, "units": 8, "appraisers": 4, "pay": 2}
    for table, column in tables.items():
        sheet = load_workbook(io.BytesIO(client.get(url(tree["cycle"], f"{table}.xlsx")).content))
        shares = [row[column] for row in sheet.active.iter_rows(min_row=2) if len(row) > column]
        shares = [cell for cell in shares if cell.value not in (None, "–")]
        assert shares, table
        for cell in shares:
            assert (cell.data_type, cell.number_format) == ("n", "0%"), (table, cell.value)
            assert 0 <= cell.value <= 1, table
    status = load_workbook(io.BytesIO(client.get(url(tree["cycle"], "status.xlsx")).content))
    assert [row[2] for row in status.active.iter_rows(min_row=2, values_only=True)] == [
        0.25, 0.25, 0.25, 0.25, 0.75]  # fmt: skip
    assert read_csv(client.get(url(tree["cycle"], "status.csv")))[1][2] == "25%"


@pytest.mark.django_db
def test_a_formula_looking_unit_name_is_neutralised_in_the_csv(client, tree):
    OrganisationUnitFactory(
        name='=HYPERLINK("http://x.example","Click")', parent=tree["department"]
    )
    formula = OrganisationUnit.objects.get(name__startswith="=")
    add(tree["cycle"], formula, S.NOT_STARTED)
    client.force_login(tree["hr"])

    rows = read_csv(client.get(url(tree["cycle"], "units.csv", fresh(tree["department"]))))

    names = [row[0] for row in rows]
    assert '\'=HYPERLINK("http://x.example","Click")' in names
    assert not any(name.startswith("=") for name in names)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["owner", "other_staff", "line_manager", "other_manager", "led"])
def test_everyone_but_hr_and_administrators_gets_a_404(client, tree, role):
    client.force_login(tree[role])
    for page in ("", "overdue/", "appraisers/", "units.csv"):
        assert client.get(url(tree["cycle"], page)).status_code == 404


@pytest.mark.django_db
def test_hr_of_another_unit_and_units_outside_the_cycle_get_a_404(client, organisation, cast):
    team_cycle = AppraisalCycleFactory(units=[fresh(organisation["team"])])
    world = {**{n: fresh(u) for n, u in organisation.items()}, **cast, "open_cycle": team_cycle}
    wrong = {}
    for who, address in swapped(world):
        client.force_login(who)
        answer = client.get(address).status_code
        if answer != 404:
            wrong[address] = answer
    assert wrong == {}
    client.force_login(cast["hr"])  # the same URLs, the right HR: the page
    assert client.get(url(team_cycle, unit=fresh(organisation["team"]))).status_code == 200


def _grow(cycle, units, n):
    """n appraisals spread over the units, one appraiser for every five people."""
    appraiser = None
    for i in range(n):
        if i % 5 == 0:
            appraiser = PersonFactory(unit=units[i % len(units)])
        add(cycle, units[i % len(units)], list(S)[i % len(S)], appraiser=appraiser)


# The dashboard counts once (cold: its figures not cached, as after any change) and then
# reads its figures and drawn sections from the cache (warm); the lists are not cached.
# Two of the dashboard's are the permission check for its equality-view link (ADR 0033);
# its figures token is read with the cycle (stamp.with_token) and the cycle's unit paths
# once (services._unit_paths), ADR 0041.
# The menu reads HR's scope paths once, as the page's scoped rules then do (ADR 0048).
# A unit's cycle is checked inside the query of its units (access.units_in_cycle_for).
QUERIES = {"": 18, "every unit": 17, "overdue/": 9, "appraisers/": 7}
WARM = {"": 6, "every unit": 4}


def careers(cycle):
    """An agreed placement and a plan of one action for every counted person in the
    cycle (each write renews the figures stamp, as a real one would)."""
    for appraisal in Appraisal.objects.filter(cycle=cycle).exclude(status=S.LEFT):
        PlacementFactory(person=appraisal.person, year=cycle.year, agreed=True,
                         proposed_by=appraisal.person)  # fmt: skip
        plan = DevelopmentPlanFactory(person=appraisal.person, year=cycle.year)
        PlanActionFactory(objective=ObjectiveFactory(plan=plan))


def _world(organisation, size):
    o = {name: fresh(unit) for name, unit in organisation.items()}
    cycle = AppraisalCycleFactory(units=[o["directorate"]], closes_on=date(2026, 6, 30))
    earlier = AppraisalCycleFactory(
        units=[o["directorate"]], year=2025, opens_on=date(2025, 4, 1), closes_on=date(2026, 3, 31)
    )
    for n in range(size // 5):  # more units as well as more people
        OrganisationUnitFactory(name=f"Team {n}", parent=fresh(o["department"]))
    _grow(cycle, [o["team"], o["other_team"], fresh(o["department"])], size)
    _grow(earlier, [o["team"]], size)
    careers(cycle)
    return o, cycle


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(QUERIES))
@pytest.mark.parametrize("size", [5, 50])
def test_queries_do_not_grow_with_people(client, organisation, cast, django_assert_num_queries,
                                         page, size):  # fmt: skip
    o, cycle = _world(organisation, size)
    client.force_login(cast["hr"])
    client.get("/")  # the session's first-use queries are not the page's
    address = url(cycle) if page == "every unit" else url(cycle, page, o["department"])

    with django_assert_num_queries(QUERIES[page]):
        response = client.get(address)
    assert response.status_code == 200
    if page in WARM:
        with django_assert_num_queries(WARM[page]):
            again = client.get(address)
        assert text(again) == text(response)  # the same figures, drawn from the cache


@pytest.mark.django_db
def test_hr_home_links_to_the_latest_cycles_figures_and_staff_home_does_not(client, tree):
    client.force_login(tree["hr"])
    home = client.get("/").content.decode()
    assert "Appraisal management information" in home
    assert f'href="{url(tree["cycle"])}"' in home

    client.force_login(tree["line_manager"])
    assert "Appraisal management information" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_overdue_lists_caption_counts_its_pages_only_when_there_are_several(client, tree):
    from appraisals.reports.views import PER_PAGE

    client.force_login(tree["hr"])
    overdue = url(tree["cycle"], "overdue/")
    one_page = client.get(overdue).content.decode()
    assert "3 overdue." in one_page
    assert "Overdue appraisals</caption>" in one_page
    for _ in range(PER_PAGE):
        add(tree["cycle"], tree["team"], S.PREPARING)
    first = client.get(overdue).content.decode()
    assert f"{PER_PAGE + 3} overdue." in first
    assert "Overdue appraisals, page 1 of 2</caption>" in first
