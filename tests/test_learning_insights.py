"""Management information for LED: uptake by unit and by 70/20/10 category, the most
used and the unused initiatives, as charts with tables; queries pinned at two sizes."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning import cpd
from tests.factories import OrganisationUnitFactory, PersonFactory
from tests.factories_learning import (
    BookmarkFactory,
    CPDEntryFactory,
    EvaluationFactory,
    InitiativeFactory,
    vocabulary,
)

pytestmark = pytest.mark.django_db
MI = reverse("learning:curate-insights")
MI_CSV = reverse("learning:curate-insights-csv")


@pytest.fixture(autouse=True)
def _every_count_shown(settings):
    """These tests check the arithmetic on small worlds; test_learning_disclosure.py checks
    that small numbers are hidden."""
    settings.MI_SMALL_NUMBER_THRESHOLD = 1


@pytest.fixture
def led(cast, client):
    client.force_login(cast["led"])
    return cast["led"]


def this_year_day():
    first, _ = cpd.year_bounds(cpd.appraisal_year())
    return max(first, date.today() - timedelta(days=1))


def test_uptake_by_unit_category_and_initiative(client, led, organisation):
    categories, _, _ = vocabulary()
    wards = organisation["team"]
    pharmacy = organisation["other_team"]
    nurse, other_nurse = PersonFactory.create_batch(2, unit=wards)
    pharmacist = PersonFactory(unit=pharmacy)
    popular = InitiativeFactory(title="Popular course", category=categories["formal-education"])
    quieter = InitiativeFactory(title="Quieter shadowing")
    InitiativeFactory(title="Nobody took this")
    InitiativeFactory(title="A draft", draft=True)  # drafts are not "unused"
    day = this_year_day()
    for person in (nurse, other_nurse, pharmacist):
        CPDEntryFactory(
            person=person,
            initiative=popular,
            category=categories["formal-education"],
            hours=2,
            started_on=day,
        )
    CPDEntryFactory(person=nurse, initiative=quieter, hours=6, started_on=day)
    CPDEntryFactory(person=nurse, hours=2, started_on=day)  # free text: no initiative
    EvaluationFactory(entry=popular.cpd_entries.first(), rating=5)
    EvaluationFactory(entry=popular.cpd_entries.last(), rating=4)
    BookmarkFactory(initiative=popular)

    response = client.get(MI)
    assert response.status_code == 200
    mi = response.context["mi"]
    assert mi["totals"]["entries"] == 5 and mi["totals"]["from_catalogue"] == 4
    assert mi["totals"]["people"] == 3 and str(mi["totals"]["hours"]) == "14.0"
    # The units table starts at the top of the tree: each unit with everyone below it.
    units = {u["name"]: (u["entries"], u["people"]) for u in mi["units"]}
    assert units == {organisation["org"].name: (5, 3)}
    department = client.get(MI, {"unit": organisation["department"].pk}).context["mi"]
    units = {u["name"]: (u["entries"], u["people"]) for u in department["units"]}
    assert units == {wards.name: (4, 2), pharmacy.name: (1, 1)}
    shares = {c["category"].slug: (c["entries"], c["percent"]) for c in mi["categories"]}
    assert shares["formal-education"] == (3, 43) and shares["experience"] == (2, 57)
    assert shares["learning-from-others"] == (0, 0)
    used = [(u["title"], u["entries"], u["people"], u["bookmarks"]) for u in mi["used"]]
    assert used == [("Popular course", 3, 3, 1), ("Quieter shadowing", 1, 1, 0)]
    assert str(mi["used"][0]["rating"]) == "4.5"
    # The shipped catalogue is published too: all of it but the two used is unused.
    assert mi["unused_count"] == mi["published"] - 2
    unused_titles = {i.title for i in mi["unused"]}
    assert not unused_titles & {"Popular course", "Quieter shadowing", "A draft"}

    page = response.text
    # Three charts as text that wraps (not scaled SVG), each named by its caption.
    assert page.count('<figure class="trellis-chart"') == 3
    assert '<figcaption class="trellis-chart__title">CPD entries by organisation unit' in page
    assert '<rect width="100%" height="100%" fill="#005eb8"/>' in page  # the longest bar
    assert " style=" not in page
    # Each chart has a table beside it, its text alternative.
    assert "Learning by 70/20/10 category" in page and "Learning by the unit" in page
    assert nurse.full_name not in page


def test_a_year_narrows_the_figures_and_a_bad_year_is_an_error_not_a_crash(
    client, led, organisation
):
    person = PersonFactory(unit=organisation["team"])
    CPDEntryFactory(person=person, started_on=this_year_day())
    CPDEntryFactory(person=person, started_on=date(2001, 6, 1))
    assert client.get(MI).context["mi"]["totals"]["entries"] == 2
    year = cpd.appraisal_year()
    narrowed = client.get(MI, {"year": year})
    assert narrowed.context["mi"]["totals"]["entries"] == 1
    assert f"April {year} to March {year + 1}" in narrowed.text
    for bad in ("1999", "soon", "2026-27"):
        response = client.get(MI, {"year": bad})
        assert response.status_code == 200
        assert "nhsuk-error-summary" in response.text
        assert "Select an appraisal year from the list" in response.text
        assert response.context["mi"]["totals"]["entries"] == 2  # all years instead


def test_people_without_a_unit_are_counted_as_no_unit(client, led):
    CPDEntryFactory(person=PersonFactory(unit=None))
    assert [u["name"] for u in client.get(MI).context["mi"]["units"]] == ["No unit"]


def test_an_empty_organisation_gets_a_page_not_an_error(client, led):
    page = client.get(MI).text
    assert "No learning is recorded" in page
    assert "Nobody has recorded learning from the catalogue" in page


def test_management_information_is_for_led_only(client, cast):
    for role in ("owner", "line_manager", "hr", "administrator"):
        client.force_login(cast[role])
        assert client.get(MI).status_code == 403


def test_bars_are_drawn_to_scale_with_presentation_attributes(client, led, organisation):
    title = "An initiative with a title far too long to fit a label"
    initiative = InitiativeFactory(title=title)
    CPDEntryFactory.create_batch(4, initiative=initiative, person__unit=organisation["team"])
    CPDEntryFactory.create_batch(2, person__unit=organisation["other_team"])
    page = client.get(MI, {"unit": organisation["department"].pk}).text
    chart = page[page.index('<figure class="trellis-chart" id="units-chart">') :]
    widths = [int(w) for w in re.findall(r'<rect width="(\d+)%"', chart)[:2]]
    assert widths == [100, 50]  # percent of the chart's width, whatever that is
    # A long label is shown whole, as text that wraps (it was cut short in the SVG).
    used = page[page.index('id="used-chart"') :]
    assert f'<span class="trellis-chart__label">{title}</span>' in used


def _queries(client, url, cached=False):
    """Queries of one request for `url`; counted afresh unless `cached`."""
    client.get(url)
    if not cached:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_management_information_queries_do_not_grow(client, led):
    categories, _, _ = vocabulary()
    top = OrganisationUnitFactory(name="Trust")
    units = [OrganisationUnitFactory(parent=OrganisationUnitFactory(parent=top)) for _ in range(2)]
    initiatives = InitiativeFactory.create_batch(3)
    year = cpd.appraisal_year()
    branch = units[0].get_parent().pk
    urls = (MI, f"{MI}?year={year}", f"{MI}?year={year}&unit={branch}", MI_CSV)
    counts = []
    for size in (5, 60):
        for n in range(size):
            unit = units[n % 2] if n % 3 else OrganisationUnitFactory(parent=top)
            entry = CPDEntryFactory(
                person=PersonFactory(unit=unit),
                initiative=initiatives[n % 3] if n % 4 else InitiativeFactory(),
                category=list(categories.values())[n % 3],
                started_on=this_year_day(),
            )
            if n % 2:
                EvaluationFactory(entry=entry, rating=n % 5 + 1)
            BookmarkFactory(initiative=entry.initiative)
        InitiativeFactory.create_batch(size)  # unused
        counts.append(tuple(_queries(client, url) for url in urls))
    # 2 session and person, 1 roles (header links), 1 the uptake stamp; then 1
    # totals, 1 their people;
    # 1 the top of the tree (no units above a root), 3 by unit (entries, people,
    # names); 1 categories, 1 hours by category; 1 most used, 1 their people, 1 their
    # ratings, 1 their bookmarks; 1 published count, 1 unused count, 1 unused listed.
    # A chosen unit: 1 the unit, 1 the units above it, instead of the top of the tree.
    # The CSV: every unit on its own (3 queries), nothing of the tree.
    assert counts[0] == counts[1] == (19, 19, 20, 18), counts


def test_the_units_table_shows_one_level_at_a_time_with_links_down(client, led, organisation):
    day = this_year_day()
    CPDEntryFactory.create_batch(2, person__unit=organisation["team"], hours=1, started_on=day)
    CPDEntryFactory(person__unit=organisation["department"], hours=2, started_on=day)
    CPDEntryFactory(person__unit=None, hours=1)
    CPDEntryFactory(person__unit=OrganisationUnitFactory(name="Another trust"), hours=1)
    top = client.get(MI)
    names = [(u["name"], u["entries"], u["below"]) for u in top.context["mi"]["units"]]
    assert names == [
        ("Demo Trust", 3, True),
        ("Another trust", 1, False),
        ("No unit", 1, False),
    ]
    department = organisation["department"]
    assert f'unit={organisation["directorate"].pk}#units">' not in top.text
    assert f'unit={organisation["org"].pk}#units">Demo Trust</a>' in top.text
    down = client.get(MI, {"unit": department.pk, "year": cpd.appraisal_year()})
    mi = down.context["mi"]
    rows = [(u["name"], u["entries"], u["people"], str(u["hours"])) for u in mi["units"]]
    assert rows == [("Clinic Admin", 2, 2, "2.0"), ("Outpatients itself", 1, 1, "2.0")]
    assert [unit.name for unit in mi["trail"]] == ["Demo Trust", "Operations"]
    assert "back to the top level" in down.text
    assert f'name="unit" value="{department.pk}"' in down.text  # the year form keeps it
    for bad in ("999999", "soon"):
        assert client.get(MI, {"unit": bad}).status_code == 404


# The CSV of the page ------------------------------------------------------------------


def _sections(response):
    import csv
    import io

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sections, current = {}, None
    for row in rows[1:]:
        if not row:
            current = None
        elif current is None:
            current = row[0]
            sections[current] = []
        else:
            sections[current].append(row)
    return rows[0], sections


def test_the_csv_has_every_table_of_the_page_without_names(client, led, organisation):
    nurse = PersonFactory(unit=organisation["team"], given_name="Zebedee")
    used = InitiativeFactory(title="=Shadow a ward manager")
    unused = InitiativeFactory.create_batch(3)
    entry = CPDEntryFactory(person=nurse, initiative=used, hours=3, started_on=this_year_day())
    EvaluationFactory(entry=entry, rating=5)
    response = client.get(MI_CSV)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "all-years" in response["Content-Disposition"]
    title, sections = _sections(response)
    assert title == ["Management information: uptake of learning, All years"]
    assert sections["Totals"] == [
        ["CPD entries", "From the catalogue", "People recording learning", "Hours"],
        ["1", "1", "1", "3.0"],
    ]
    assert sections["By 70/20/10 category"][0][0] == "Category"
    assert sections["By organisation unit"][1][0] == organisation["team"].name
    most_used = sections["Most used initiatives"]
    assert most_used[1][0] == "'=Shadow a ward manager"  # never run as a formula
    assert most_used[1][-1] == "5.0"
    unused_key = next(key for key in sections if key.startswith("Unused initiatives"))
    unused_titles = {row[0] for row in sections[unused_key][1:]}
    assert {i.title for i in unused} <= unused_titles
    assert "Zebedee" not in response.content.decode()
    # The page links to it.
    assert f'href="{MI_CSV}"' in client.get(MI).text


def test_the_csv_lists_every_unused_initiative_not_only_the_first_on_the_page(client, led):
    from learning import insights

    InitiativeFactory.create_batch(insights.UNUSED_LISTED + 3)
    _, sections = _sections(client.get(MI_CSV))
    unused_key = next(key for key in sections if key.startswith("Unused initiatives"))
    assert len(sections[unused_key]) - 1 >= insights.UNUSED_LISTED + 3


def test_the_csv_follows_the_year_and_a_bad_year_goes_back_to_the_page(client, led, organisation):
    person = PersonFactory(unit=organisation["team"])
    CPDEntryFactory(person=person, started_on=this_year_day())
    CPDEntryFactory(person=person, started_on=date(2001, 6, 1))
    year = cpd.appraisal_year()
    response = client.get(MI_CSV, {"year": year})
    assert f"{year}-{year + 1}" in response["Content-Disposition"]
    _, sections = _sections(response)
    assert sections["Totals"][1][0] == "1"
    assert f'{MI_CSV}?year={year}"' in client.get(MI, {"year": year}).text
    for bad in ("1999", "soon", "<script>"):
        response = client.get(MI_CSV, {"year": bad})
        assert response.status_code == 302
        page = client.get(response["Location"])
        assert "Select an appraisal year from the list" in page.text


def test_the_csv_is_for_led_only(client, cast):
    for role in ("owner", "line_manager", "hr", "administrator"):
        client.force_login(cast[role])
        assert client.get(MI_CSV).status_code == 403
    client.logout()
    assert client.get(MI_CSV).status_code == 302


def test_the_figures_are_read_from_the_cache_until_something_counted_changes(client, led):
    """Warm: the session, the person, the reader and the stamp, and the chosen unit;
    nothing counted again (learning/uptake_stamp.py, docs/adr/0055)."""
    top = OrganisationUnitFactory(name="Trust")
    CPDEntryFactory(person=PersonFactory(unit=top), started_on=this_year_day())
    year = cpd.appraisal_year()
    for url, expected in ((MI, 4), (f"{MI}?year={year}&unit={top.pk}", 5), (MI_CSV, 4)):
        assert _queries(client, url, cached=True) == expected, url


def _figures(client, url):
    """What the page's tables show: totals, units, categories, the most used."""
    mi = client.get(url).context["mi"]
    return repr([mi["totals"], mi["units"], mi["categories"], mi["used"]])


@pytest.mark.parametrize(
    "change",
    ["entry added", "entry removed", "person moved", "person left", "unit renamed",
     "bookmark", "evaluation", "category renamed", "people changed in bulk"],
)  # fmt: skip
def test_every_change_the_figures_count_is_shown_at_once(client, led, change):
    """A change of each kind the page counts or names shows on the next visit."""
    from learning.models import LearningCategory
    from people.signals import people_changed_in_bulk

    trust = OrganisationUnitFactory(name="Trust")
    ward = OrganisationUnitFactory(name="Ward 7", parent=trust)
    people = PersonFactory.create_batch(6, unit=ward)
    course = InitiativeFactory(title="Shared course")
    entries = [
        CPDEntryFactory(person=p, initiative=course, started_on=this_year_day()) for p in people
    ]
    for entry in entries[1:]:  # five of each: not hidden as small numbers
        BookmarkFactory(initiative=course)
        EvaluationFactory(entry=entry, rating=3)
    before = _figures(client, f"{MI}?unit={trust.pk}&year=")
    if change == "entry added":
        CPDEntryFactory(person=people[0], initiative=course, started_on=this_year_day())
    elif change == "entry removed":
        entries[0].delete()
    elif change == "person moved":
        people[0].unit = OrganisationUnitFactory(name="Ward 8", parent=trust)
        people[0].save()
    elif change == "person left":
        type(people[0]).objects.filter(pk=people[0].pk).update(unit=None)
        people[0].is_active = False
        people[0].save(update_fields=["is_active"])
    elif change == "unit renamed":
        ward.name = "Ward Seven"
        ward.save()
    elif change == "bookmark":
        BookmarkFactory(initiative=entries[0].initiative)
    elif change == "evaluation":
        EvaluationFactory(entry=entries[0], rating=5)
    elif change == "category renamed":
        category = LearningCategory.objects.get(pk=entries[0].category_id)
        category.name = "Learning on the job"
        category.save()
    elif change == "people changed in bulk":
        type(people[0]).objects.filter(pk=people[0].pk).update(
            unit=OrganisationUnitFactory(name="Ward 9", parent=trust)
        )
        people_changed_in_bulk.send(sender=None)
    assert _figures(client, f"{MI}?unit={trust.pk}&year=") != before, change
