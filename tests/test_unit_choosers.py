"""Units are chosen by search (people/choosers.py, docs/adr/0050): HR's cycle form, the
ESR download and the booklets export draw the units chosen, the top two levels of those
the reader may choose and what a search finds, never every unit; any unit the reader
may choose is still accepted; a Search saves nothing and keeps what was typed. The
admin chooses a unit's place in the tree by an autocomplete."""

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from appraisals.cycles.services import default_year
from appraisals.models import AppraisalCycle
from people import choosers
from people.models import OrganisationUnit
from tests.factories import OrganisationUnitFactory, PersonFactory
from tests.factories_appraisals import AppraisalCycleFactory

pytestmark = pytest.mark.django_db


def deep(organisation, name="Cardiology Ward 7"):
    """A unit below the team: the fifth level, under no top level."""
    return OrganisationUnitFactory(name=name, kind="team", parent=organisation["team"])


class Drawn(HTMLParser):
    """{value: chosen} of the boxes, radios or options sent under `name`."""

    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name, self.found, self.select = name, {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.select = attrs.get("name") == self.name
        elif tag == "option" and self.select:
            self.found[attrs.get("value")] = "selected" in attrs
        elif tag == "input" and attrs.get("name") == self.name and attrs.get("type") != "hidden":
            self.found[attrs.get("value")] = "checked" in attrs


def drawn(page, name="units"):
    parser = Drawn(name)
    parser.feed(page)
    return parser.found


def boxes(page, unit, name="units"):
    return str(unit.pk) in drawn(page, name)


def chosen(page, unit, name="units"):
    return drawn(page, name).get(str(unit.pk)) is True


# The form offers the appraisal years either side of today's.
YEAR = default_year()


def cycle_data(**changes):
    data = {
        "name": "Typed with care",
        "year": str(YEAR),
        "opens_on_0": "1", "opens_on_1": "4", "opens_on_2": str(YEAR),
        "closes_on_0": "30", "closes_on_1": "6", "closes_on_2": str(YEAR),
    }  # fmt: skip
    return {**data, **changes}


@pytest.fixture
def hr_client(client, cast):
    client.force_login(cast["hr"])
    return client


def test_the_cycle_form_draws_the_top_two_levels_not_every_unit(hr_client, organisation):
    ward = deep(organisation)
    page = hr_client.get(reverse("appraisals:cycle-create")).content.decode()
    assert boxes(page, organisation["org"]) and boxes(page, organisation["directorate"])
    for unit in ("department", "team", "other_team"):
        assert not boxes(page, organisation[unit]), unit
    assert not boxes(page, ward)
    assert "Find a unit" in page
    assert re.search(r'<button[^>]* name="search"[^>]* value="units"', page)


def test_a_search_draws_the_matches_keeps_the_answers_and_saves_nothing(hr_client, organisation):
    ward = deep(organisation)
    picked = organisation["other_team"]
    data = cycle_data(units=[str(picked.pk)], units_find="  cardiology  ", search="units")
    response = hr_client.post(reverse("appraisals:cycle-create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert boxes(page, ward)  # found
    assert chosen(page, picked)
    assert not boxes(page, organisation["team"])  # neither chosen nor found
    assert 'value="Typed with care"' in page
    assert "There is a problem" not in page
    assert not AppraisalCycle.objects.exists()


def test_every_word_of_a_search_must_match(hr_client, organisation):
    ward = deep(organisation)
    other = deep(organisation, name="Cardiology Clinic")
    data = cycle_data(units_find="ward cardiology", search="units")
    page = hr_client.post(reverse("appraisals:cycle-create"), data).content.decode()
    assert boxes(page, ward) and not boxes(page, other)


def test_a_unit_not_drawn_can_be_chosen_and_is_drawn_chosen_after(hr_client, organisation):
    ward = deep(organisation)
    response = hr_client.post(reverse("appraisals:cycle-create"), cycle_data(units=[ward.pk]))
    cycle = AppraisalCycle.objects.get()
    assert response.status_code == 302
    assert list(cycle.units.all()) == [ward]
    page = hr_client.get(reverse("appraisals:cycle-edit", args=[cycle.pk])).content.decode()
    assert chosen(page, ward)


def test_a_search_draws_no_more_than_offered(hr_client, organisation, monkeypatch):
    monkeypatch.setattr(choosers, "OFFERED", 2)
    wards = [deep(organisation, name=f"Ward {n}") for n in range(4)]
    data = cycle_data(units_find="ward", search="units")
    page = hr_client.post(reverse("appraisals:cycle-create"), data).content.decode()
    assert [boxes(page, ward) for ward in wards] == [True, True, False, False]


def test_a_search_finds_only_units_hr_looks_after(client, organisation):
    narrow = PersonFactory(unit=organisation["other_team"], hr=True)
    narrow.hr_scopes.create(unit=organisation["other_team"])
    client.force_login(narrow)
    outside = deep(organisation, name="Booking office")  # below the team, not other_team
    data = cycle_data(units_find="booking", units=[str(outside.pk)], search="units")
    page = client.post(reverse("appraisals:cycle-create"), data).content.decode()
    assert boxes(page, organisation["other_team"])
    assert not boxes(page, outside)


def test_htmx_asks_as_the_person_types_and_replaces_the_list(hr_client, organisation):
    page = hr_client.get(reverse("appraisals:cycle-create")).content.decode()
    assert 'hx-post=""' in page
    assert 'hx-select=".trellis-chooser-units"' in page
    assert 'class="nhsuk-checkboxes nhsuk-checkboxes--small trellis-chooser-units"' in page
    ward = deep(organisation)
    response = hr_client.post(
        reverse("appraisals:cycle-create"),
        cycle_data(units_find="cardio", search="units"),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and boxes(response.content.decode(), ward)


@pytest.fixture
def trust_cycle(organisation, cast):
    return AppraisalCycleFactory(
        units=[organisation["org"]], created_by=cast["administrator"],
        opens_on=date(2026, 4, 1), closes_on=date(2026, 6, 30),
    )  # fmt: skip


def test_the_esr_page_draws_the_top_levels_and_finds_the_rest(hr_client, organisation,
                                                              trust_cycle):  # fmt: skip
    ward = deep(organisation)
    url = reverse("appraisals:cycle-esr", args=[trust_cycle.pk])
    page = hr_client.get(url).content.decode()
    assert "Every unit in the cycle" in page
    assert "" in drawn(page, "unit")
    assert boxes(page, organisation["directorate"], "unit") and not boxes(page, ward, "unit")
    found = hr_client.get(url, {"unit_find": "cardiology", "search": "unit"}).content.decode()
    assert boxes(found, ward, "unit")
    assert "Download the CSV file" not in found  # a search shows no file
    shown = hr_client.get(url, {"unit": ward.pk}).content.decode()
    assert chosen(shown, ward, "unit")


def test_the_booklets_page_draws_the_top_levels_and_finds_the_rest(hr_client, organisation,
                                                                   trust_cycle):  # fmt: skip
    ward = deep(organisation)
    url = reverse("appraisals:booklet-export-start", args=[trust_cycle.pk])
    page = hr_client.get(url).content.decode()
    assert boxes(page, organisation["directorate"], "unit") and not boxes(page, ward, "unit")
    response = hr_client.post(url, {"unit_find": "cardiology", "search": "unit"})
    found = response.content.decode()
    assert response.status_code == 200 and boxes(found, ward, "unit")
    assert "There is a problem" not in found


def test_the_admin_chooses_a_units_place_by_autocomplete(client, cast, organisation):
    client.force_login(cast["administrator"])
    page = client.get(reverse("admin:people_organisationunit_add")).content.decode()
    assert 'name="treebeard_ref_node"' in page
    assert "admin-autocomplete" in page
    assert organisation["team"].name not in page  # no option for every unit
    data = {"name": "Pharmacy", "kind": "team", "treebeard_position": "sorted-child",
            "treebeard_ref_node": organisation["department"].pk}  # fmt: skip
    response = client.post(reverse("admin:people_organisationunit_add"), data)
    assert response.status_code == 302
    pharmacy = OrganisationUnit.objects.get(name="Pharmacy")
    assert OrganisationUnit.objects.get_parent(pharmacy) == organisation["department"]
    found = client.get(
        reverse("admin:autocomplete"),
        {"term": "pharm", "app_label": "people", "model_name": "person", "field_name": "unit"},
    ).json()
    assert [r["text"] for r in found["results"]] == ["Pharmacy"]


@pytest.mark.parametrize("typed", ["²", "٣", "9" * 20, "1" * 300, "-1", "1.0"])
def test_a_posted_unit_that_is_no_key_is_an_error_not_a_server_error(hr_client, typed):
    """Each of these answered 500: "²".isdigit() is true and int() then fails; a
    20-digit key reached the database, which cannot hold it (frontend.parse)."""
    create = reverse("appraisals:cycle-create")
    response = hr_client.post(create, cycle_data(units=[typed]))
    assert response.status_code == 200
    assert "Select only units you look after" in response.content.decode()
    searched = hr_client.post(create, cycle_data(units=[typed], search="units"))
    assert searched.status_code == 200
    cycle = AppraisalCycleFactory()
    esr = hr_client.get(reverse("appraisals:cycle-esr", args=[cycle.pk]), {"unit": typed})
    assert esr.status_code in (200, 404)
