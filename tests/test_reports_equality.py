"""The equality view (appraisals/reports/equality_views.py): its figures, and that no
count under the threshold shows on the page or in any download, nor can be worked out
from a shown total less the shown counts of a row or a column (docs/adr/0033)."""

import csv
import io
import random
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from openpyxl import load_workbook

from appraisals.models import Appraisal
from appraisals.reports.equality import age_band_on
from learning import disclosure
from people.models import OrganisationUnit
from tests.factories import EqualityInformationFactory, OrganisationUnitFactory, PersonFactory
from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory
from tests.factories_careers import PlacementFactory

S = Appraisal.Status
PERCENT = "Percent complete"


def grant(person):
    person.user_permissions.add(Permission.objects.get(
        content_type__app_label="people", codename="view_equality_information"))  # fmt: skip
    return person


def fresh(unit):
    return OrganisationUnit.objects.get(pk=unit.pk)


def person_in(cycle, unit, status=S.NOT_STARTED, *, answers=None, pay=None, placed=False):
    """A person now in `unit` with an appraisal in `cycle`, and their answers if any."""
    person = PersonFactory(unit=unit)
    appraisal = AppraisalFactory(cycle=cycle, person=person, status=status)
    if pay is not None:
        appraisal.pay_progression, appraisal.manager_submitted_at = pay, timezone.now()
        appraisal.save()
    if answers is not None:
        EqualityInformationFactory(person=person, **answers)
    if placed:
        PlacementFactory(person=person, year=cycle.year, agreed=True, proposed_by=person)
    return person


@pytest.fixture
def world(organisation, cast):
    """Outpatients' cycle: 12 White women (7 complete, met pay progression, placed), 6
    Black men (3 complete), 2 Asian women, 1 person who prefers not to say, 3 who gave
    nothing; one left (not counted)."""
    o = {name: fresh(unit) for name, unit in organisation.items()}
    cycle = AppraisalCycleFactory(units=[o["department"]], name="Appraisals 2026")
    white = {"ethnicity": "A", "sex": "F", "disability": "no", "date_of_birth": date(1990, 6, 1)}
    black = {"ethnicity": "N", "sex": "M", "disability": "yes", "date_of_birth": date(1980, 1, 1)}
    asian = {"ethnicity": "H", "sex": "F", "disability": "no", "date_of_birth": date(2003, 1, 1)}
    meets = Appraisal.PayProgression.MEETS
    for n in range(12):
        done = n < 7
        person_in(cycle, o["team"], S.COMPLETE if done else S.PREPARING, answers=white,
                  pay=meets if done else None, placed=done)  # fmt: skip
    for _ in range(6):
        person_in(cycle, o["other_team"], S.NOT_STARTED, answers=black)
    for _ in range(5):
        person_in(cycle, o["team"], S.AWAITING_PERSON, answers=asian)
    person_in(cycle, o["team"], answers={"ethnicity": "Z", "sex": "prefer_not",
                                         "disability": "prefer_not", "date_of_birth": None,
                                         "date_of_birth_withheld": True})  # fmt: skip
    for _ in range(3):
        person_in(cycle, o["other_team"])
    person_in(cycle, o["team"], S.LEFT, answers=white)
    return {**o, **cast, "cycle": cycle, "hr": grant(cast["hr"])}


def url(cycle, page="", unit=None):
    return (f"/appraisals/cycles/{cycle.pk}/reports/equality/{page}"
            + (f"?unit={unit.pk}" if unit else ""))  # fmt: skip


class Tables(HTMLParser):
    """Every table of a page: (caption, header, rows of cell text)."""

    def __init__(self):
        super().__init__()
        self.tables, self.cell, self.row = [], None, []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "header": [], "rows": []})
        elif tag == "tr" and self.tables:
            self.row = []
        elif tag in ("th", "td", "caption") and self.tables:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "caption":
            self.tables[-1]["caption"], self.cell = self.cell.strip(), None
        elif tag == "tr" and self.tables:
            table = self.tables[-1]
            if table["header"]:
                table["rows"].append(self.row)
            else:
                table["header"] = self.row

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def page_tables(response):
    parser = Tables()
    parser.feed(response.content.decode())
    return parser.tables


def value(cell):
    """A cell's count, or None when hidden ("*", read as "* not shown" on a page)."""
    return None if cell.startswith("*") else int(cell)


def check_table(header, rows):
    """No shown count under the threshold; no line of a table (a row's counts with its
    "Counted", a column with its total) with exactly one count hidden."""
    counts = [i for i, name in enumerate(header) if i and name != PERCENT]
    counted = header.index("Counted")
    parts = [i for i in counts if i != counted]
    grid = [[value(row[i]) for i in range(len(header)) if i in counts] for row in rows]
    small = [(row[0], header[i], row[i]) for row in rows for i in counts
             if row[i][0] != "*" and 0 < int(row[i]) < disclosure.threshold()]  # fmt: skip
    assert small == [], "a small count is shown"
    for row in rows:  # parts + counted
        line = [row[i] for i in (*parts, counted)]
        assert sum(c.startswith("*") for c in line) != 1, (header[0], row)
    for column in range(len(grid[0])):  # the groups + the total row
        line = [row[column] for row in grid]
        assert sum(c is None for c in line) != 1, (header, column)
    # And the shown totals add up where nothing is hidden.
    for row in rows:
        line = [value(row[i]) for i in parts]
        if None not in line and value(row[counted]) is not None:
            assert sum(line) == value(row[counted]), row


@pytest.mark.django_db
def test_hr_sees_the_figures_by_each_split(client, world):
    client.force_login(world["hr"])

    page = client.get(url(world["cycle"], unit=world["department"]))

    assert page.status_code == 200
    assert "27 appraisals counted" in page.text
    tables = {t["caption"]: t for t in page_tables(page)}
    sex = tables["How far appraisals have got, by sex"]
    assert sex["header"][:7] == ["Sex", "Counted", "Not started", "In progress",
                                 "Awaiting sign-off", "Complete", PERCENT]  # fmt: skip
    rows = {row[0]: row for row in sex["rows"]}
    assert rows["Female"][1:] == ["17", "0", "5", "5", "7", "41%"]  # White and Asian women
    assert rows["Male"][1:3] == ["6", "6"]
    assert rows["Prefer not to say"][1].startswith("*")  # one person
    assert rows["Total"][1:] == ["27", "10", "5", "5", "7", "26%"]  # the leaver not counted
    ethnic = {
        row[0]: row for row in tables["How far appraisals have got, by ethnic group"]["rows"]
    }
    assert ethnic["White"][1:] == ["12", "0", "5", "0", "7", "58%"]
    assert ethnic["Black or Black British"][1] == "6"
    pay = tables["Pay-progression outcome, as the appraiser submitted it, by ethnic group"]
    assert pay["header"][2:4] == [
        "Not decided yet",
        "Meets the requirements for the next pay step",
    ]
    assert pay["rows"][0][:4] == ["White", "12", "5", "7"]  # submitted outcomes only
    level = tables["Scope for Growth level of the agreed placement, by ethnic group"]
    white = dict(zip(level["header"], level["rows"][0], strict=True))
    assert white["Developing"] == "7" and white["No agreed placement"] == "5"


@pytest.mark.django_db
def test_no_small_count_shows_nor_can_be_worked_out_on_the_page(client, world):
    client.force_login(world["hr"])

    page = client.get(url(world["cycle"], unit=world["department"]))

    tables = page_tables(page)
    assert len(tables) == 16
    for table in tables:
        check_table(table["header"], table["rows"])
    text = page.content.decode()
    assert disclosure.note() in text
    hidden = '<span aria-hidden="true">*</span><span class="nhsuk-u-visually-hidden">not shown'
    assert text.count(hidden) == sum(c.startswith("*") for t in tables for r in t["rows"]
                                     for c in r)  # every "*" has its words  # fmt: skip
    assert any(c.startswith("*") for t in tables for r in t["rows"] for c in r)
    # A split's "Counted" column is the same in its four tables, and the total row the
    # same in all sixteen, so no table shows a count another hides.
    by_split = {}
    for table in tables:
        by_split.setdefault(table["header"][0], []).append([r[1] for r in table["rows"]])
    for columns in by_split.values():
        assert all(column == columns[0] for column in columns)
    totals = {tuple(t["rows"][-1][1:2]) for t in tables}
    assert len(totals) == 1


@pytest.mark.django_db
def test_no_small_count_shows_nor_can_be_worked_out_in_any_download(client, world):
    client.force_login(world["hr"])
    page = client.get(url(world["cycle"], unit=world["department"])).content.decode()
    links = sorted(set(re.findall(r'href="([^"]+/equality/[a-z-]+\.(?:csv|xlsx)[^"]*)"', page)))
    assert len(links) == 32

    for link in links:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200, link
        if link.split("?")[0].endswith(".csv"):
            rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        else:
            sheet = load_workbook(io.BytesIO(response.content)).active
            rows = [["" if c is None else str(c) for c in row]
                    for row in sheet.iter_rows(values_only=True)]  # fmt: skip
        header, body = rows[0], rows[1:]
        end = next(i for i, row in enumerate(body) if not any(row))
        assert body[end + 1][0] == disclosure.note(), link
        check_table(header, body[:end])


@pytest.mark.django_db
def test_ages_are_counted_on_the_first_day_of_the_appraisal_year():
    first = date(2026, 4, 1)
    assert age_band_on(first, date(2001, 4, 2)) == "under_25"  # 24 on 1 April 2026
    assert age_band_on(first, date(2001, 4, 1)) == "25_34"  # 25 that day
    assert age_band_on(first, date(1961, 4, 1)) == "65_over"
    assert age_band_on(first, date(1961, 4, 2)) == "55_64"


def random_tables(seed):
    """Random people, each in one of a/b/c and one of x/y, split three ways into groups
    of random sizes: three groupings of the same people sharing one total row."""
    rng = random.Random(seed)
    people = [(rng.choice("aabbc"), rng.choice("xxy"),
               *(rng.choice(range(rng.randint(2, 6))) for _ in range(3)))
              for _ in range(rng.randint(0, 60))]  # fmt: skip
    keys = ["n", "a", "b", "c", "x", "y"]

    def count(chosen):
        row = dict.fromkeys(keys, 0)
        for one in chosen:
            row["n"] += 1
            row[one[0]] += 1
            row[one[1]] += 1
        return row

    groupings = [[count([p for p in people if p[2 + g] == group]) for group in range(6)]
                 for g in range(3)]  # fmt: skip
    return groupings, count(people), [["a", "b", "c"], ["x", "y"]]


@pytest.mark.parametrize("seed", range(200))
def test_grids_never_leave_one_hidden_count_in_a_line(seed, settings):
    """learning.disclosure.grids on random tables (parts adding up to each row's total):
    no small count shown, and no row family or column with exactly one hidden."""
    settings.MI_SMALL_NUMBER_THRESHOLD = 5
    groupings, total, families = random_tables(seed)
    shown, shown_total = disclosure.grids(groupings, total, base="n", families=families)
    for rows in shown:
        lines = [*rows, shown_total]
        for row in lines:
            assert not any(disclosure.is_small(v) for v in row.values())
            for family in families:
                cells = [row[k] for k in (*family, "n")]
                assert sum(map(disclosure.is_hidden, cells)) != 1
        for key in total:
            assert sum(disclosure.is_hidden(r[key]) for r in lines) != 1


QUERIES = 14  # pinned: the same at 5 and at 50 people


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 50])
def test_queries_do_not_grow_with_people(client, organisation, cast, django_assert_num_queries,
                                         size):  # fmt: skip
    o = {name: fresh(unit) for name, unit in organisation.items()}
    cycle = AppraisalCycleFactory(units=[o["directorate"]])
    for n in range(size // 5):
        OrganisationUnitFactory(name=f"Team {n}", parent=fresh(o["department"]))
    answers = [{"ethnicity": e, "sex": s} for e in "AHNR" for s in "FM"]
    for n in range(size):
        person_in(cycle, o["team"], [S.COMPLETE, S.PREPARING][n % 2],
                  answers=answers[n % len(answers)], placed=n % 3 == 0)  # fmt: skip
    hr = grant(cast["hr"])
    client.force_login(hr)
    client.get("/")

    with django_assert_num_queries(QUERIES):
        response = client.get(url(cycle, unit=o["department"]))
    assert response.status_code == 200
