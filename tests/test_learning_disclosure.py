"""Small numbers are hidden in every page and CSV of management information
(learning/disclosure.py), and a hidden one cannot be worked out from a total."""

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from learning import disclosure
from tests.factories import OrganisationUnitFactory, PersonFactory
from tests.factories_learning import (
    BookmarkFactory,
    CPDEntryFactory,
    EvaluationFactory,
    InitiativeFactory,
)

pytestmark = pytest.mark.django_db
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def management_information_urls(resolver=None, prefix=""):
    """(name, view) of every URL pattern whose view is marked as management information."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            space = f"{pattern.namespace}:" if pattern.namespace else prefix
            yield from management_information_urls(pattern, space)
        elif isinstance(pattern, URLPattern) and getattr(
            pattern.callback, "management_information", False
        ):
            yield f"{prefix}{pattern.name}", pattern


class Figures(HTMLParser):
    """The text of every numeric table cell and summary-list value of a page."""

    KINDS = ("nhsuk-table__cell--numeric", "nhsuk-summary-list__value")

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.cells = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if self.depth:
            self.depth += 1
        elif tag in ("td", "dd") and any(kind in classes for kind in self.KINDS):
            self.depth = 1
            self.cells.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.cells[-1] += data


def small_figures(cells):
    """Every number from 1 to under the threshold among `cells` (text)."""
    return [
        cell
        for cell in cells
        for number in NUMBER.findall(cell)
        if 0 < float(number) < disclosure.threshold()
    ]


@pytest.fixture
def world(cast, organisation):
    """A unit of one person (Pharmacy), one of six (Wards) and one of five (Theatres), all
    doing one initiative: Pharmacy's row is hidden, and so is the next smallest (Theatres),
    or Pharmacy's figures would be the total less Wards'. One person saved it."""
    course = InitiativeFactory(title="Handover course")
    units = {"Pharmacy": 1, "Wards": 6, "Theatres": 5}
    for name, size in units.items():
        unit = OrganisationUnitFactory(name=name, kind="team", parent=organisation["department"])
        for _ in range(size):
            entry = CPDEntryFactory(person=PersonFactory(unit=unit), initiative=course, hours=2)
            EvaluationFactory(entry=entry, rating=5)
    BookmarkFactory(initiative=course)
    return course


def test_no_small_number_shows_on_any_management_information_page_or_csv(client, cast, world):
    client.force_login(cast["led"])
    found = dict(management_information_urls())
    # Every page and CSV of management information is marked, so a new one is walked too.
    assert {
        "learning:curate-insights",
        "learning:curate-insights-csv",
        "learning:curate-results",
    } <= set(found)
    for name, pattern in found.items():
        kwargs = {"pk": world.pk} if "<num:pk>" in str(pattern.pattern) else {}
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, name
        text = response.content.decode("utf-8-sig")
        if response["Content-Type"].startswith("text/csv"):
            rows = list(csv.reader(io.StringIO(text)))
            cells = [cell for row in rows[2:] for cell in row if NUMBER.fullmatch(cell)]
            cells += [cell for row in rows for cell in row if cell == "*"]
        else:
            parser = Figures()
            parser.feed(text)
            cells = parser.cells
        assert small_figures(cells) == [], name
        assert any("*" in cell for cell in cells), name  # something was hidden
        assert disclosure.note() in text, name  # and what "*" means


def test_a_unit_of_one_is_hidden_with_the_next_smallest_and_the_rest_shown(
    client, cast, world, organisation
):
    client.force_login(cast["led"])
    department = {"unit": organisation["department"].pk}  # the level the units are on
    page = client.get(reverse("learning:curate-insights"), department)
    mi = page.context["mi"]
    units = {u["name"]: u for u in mi["units"]}
    # A screen reader hears what the "*" means, not "star".
    assert (
        '<span aria-hidden="true">*</span><span class="nhsuk-u-visually-hidden">not shown</span>'
        in page.content.decode()
    )
    assert units["Wards"]["people"] == 6 and units["Wards"]["entries"] == 6
    for name in ("Pharmacy", "Theatres"):
        assert all(units[name][key] is disclosure.HIDDEN for key in ("people", "entries", "hours"))
    rows = list(csv.reader(io.StringIO(client.get(reverse("learning:curate-insights-csv")).text)))
    pharmacy = next(row for row in rows if row[:1] == ["Pharmacy"])
    assert pharmacy[2:] == ["*", "*", "*", "*"]


def test_the_threshold_is_a_setting(client, cast, world, settings, organisation):
    settings.MI_SMALL_NUMBER_THRESHOLD = 1  # nothing is small
    client.force_login(cast["led"])
    department = {"unit": organisation["department"].pk}
    page = client.get(reverse("learning:curate-insights"), department)
    units = {u["name"]: u["people"] for u in page.context["mi"]["units"]}
    assert units == {"Wards": 6, "Theatres": 5, "Pharmacy": 1}


@pytest.mark.parametrize(
    ("values", "hidden"),
    [
        ([6, 1, 5], [False, True, True]),  # the next smallest is hidden too
        ([6, 1, 0], [True, True, False]),  # zero is never the second
        ([2, 3, 9], [True, True, False]),  # two hidden already
        ([1], [True]),
        ([0, 7], [False, False]),
    ],
)
def test_hidden_parts(values, hidden):
    assert disclosure.hidden_parts(values) == hidden


def test_a_chart_whose_every_row_is_hidden_says_so_not_no_data(client, cast, organisation):
    """One unit of two people: its row is in the table as "*", so the chart above it
    says the figures are too small to show, not that there is no data."""
    unit = OrganisationUnitFactory(name="Pharmacy", kind="team", parent=organisation["department"])
    for _ in range(2):
        CPDEntryFactory(person=PersonFactory(unit=unit), hours=2)
    client.force_login(cast["led"])
    mi = client.get(reverse("learning:curate-insights")).context["mi"]
    assert mi["units_chart"].bars == []
    html = client.get(reverse("learning:curate-insights")).content.decode()
    assert "Not shown: fewer than 5 in each" in html
    assert "No data yet" not in html
