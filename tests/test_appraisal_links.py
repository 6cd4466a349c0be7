"""The appraisal's three topics joined up for their users: the appraisal page leads to
its booklet for the person, the appraiser and HR; HR's cycle page lists its people
with their status, each linked to their appraisal and booklet, in one query however
many there are; HR reaches the booklet check from the cycle pages; the check page's
summary shows objectives, placement, plan and well-being as the booklet does."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appraisals.cycles import services as cycles
from appraisals.models import Appraisal, AppraisalObjective
from tests import appraisal_setup as setup
from tests.factories import PersonFactory
from tests.factories_careers import PlacementFactory

pytestmark = pytest.mark.django_db


def page_as(client, person, url):
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def appraisal(cast):
    return setup.appraisal(cast["owner"])


@pytest.mark.parametrize("role", ["owner", "line_manager", "hr"])
def test_the_appraisal_page_links_to_its_booklet(client, cast, appraisal, role):
    text = page_as(client, cast[role], reverse("appraisals:appraisal", args=[appraisal.pk]))
    booklet = reverse("appraisals:appraisal-booklet", args=[appraisal.pk])
    assert f'href="{booklet}"' in text
    assert "Read and download the draft booklet" in text


def test_hr_goes_back_from_an_appraisal_to_its_cycle_and_the_booklet_to_the_appraisal(
    client, cast, appraisal
):
    text = page_as(client, cast["hr"], reverse("appraisals:appraisal", args=[appraisal.pk]))
    cycle_page = reverse("appraisals:cycle-detail", args=[appraisal.cycle_id])
    assert f'href="{cycle_page}"' in text and f"Back to {appraisal.cycle.name}" in text
    person = page_as(client, cast["owner"], reverse("appraisals:appraisal", args=[appraisal.pk]))
    assert f'href="{cycle_page}"' not in person  # the person does not run cycles
    booklet = page_as(
        client, cast["owner"], reverse("appraisals:appraisal-booklet", args=[appraisal.pk])
    )
    assert "Back to the appraisal" in booklet
    assert f'href="{reverse("appraisals:appraisal", args=[appraisal.pk])}"' in booklet


def _open_cycle(hr, unit):
    cycle = cycles.save_cycle(by=hr, name="Clinic Admin 2026", year=2026,
                              opens_on=date(2026, 4, 1), closes_on=date(2026, 6, 30),
                              units=[unit])  # fmt: skip
    cycles.open_cycle(cycle=cycle, by=hr)
    return cycle


def test_the_cycle_page_lists_its_people_with_status_appraisal_and_booklet(
    client, cast, organisation
):
    cycle = _open_cycle(cast["hr"], organisation["team"])
    owner = Appraisal.objects.get(cycle=cycle, person=cast["owner"])
    text = page_as(client, cast["hr"], reverse("appraisals:cycle-detail", args=[cycle.pk]))
    assert "People and their appraisals" in text
    assert cast["owner"].full_name in text and cast["line_manager"].full_name in text
    assert f'href="{reverse("appraisals:appraisal", args=[owner.pk])}"' in text
    assert f'href="{reverse("appraisals:appraisal-booklet", args=[owner.pk])}"' in text
    assert 'nhsuk-tag--grey">Not started' in text
    assert f'href="{reverse("appraisals:booklet-check")}"' in text


def test_the_cycle_list_links_to_the_booklet_check(client, cast):
    text = page_as(client, cast["hr"], reverse("appraisals:cycle-list"))
    assert f'href="{reverse("appraisals:booklet-check")}"' in text


def test_the_cycle_page_pages_its_people_fifty_at_a_time(client, cast, organisation):
    for i in range(52):
        PersonFactory(unit=organisation["team"], family_name=f"Zz{i:02}")
    cycle = _open_cycle(cast["hr"], organisation["team"])
    url = reverse("appraisals:cycle-detail", args=[cycle.pk])
    first = page_as(client, cast["hr"], url)
    assert "Zz49" not in first and "Page 2 of 2" in first
    second = page_as(client, cast["hr"], url + "?page=2")
    assert "Zz49" in second and "Zz51" in second
    assert page_as(client, cast["hr"], url + "?page=nonsense")  # the first page, not a 500


def test_the_cycle_page_costs_the_same_with_3_or_30_people(client, cast, organisation):
    client.force_login(cast["hr"])
    cycle = _open_cycle(cast["hr"], organisation["team"])
    url = reverse("appraisals:cycle-detail", args=[cycle.pk])
    counts = []
    for wanted in (3, 30):
        while Appraisal.objects.filter(cycle=cycle).count() < wanted:
            PersonFactory(unit=organisation["team"], line_manager=cast["line_manager"])
            cycles.add_joiners(cycle=cycle, by=cast["hr"])
        with CaptureQueriesContext(connection) as queries:
            text = client.get(url).content.decode()
        assert text.count("Booklet<span") == wanted
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_check_page_shows_objectives_placement_and_plan_as_the_booklet_does(
    client, cast, appraisal
):
    a = setup.prepared(appraisal)
    AppraisalObjective.objects.create(
        appraisal=a, what="Cut waiting times", due_by=date(a.cycle.year, 12, 1), order=0
    )
    PlacementFactory(person=cast["owner"], year=a.cycle.year, agreed=True)
    check = page_as(client, cast["owner"], reverse("appraisals:check", args=[a.pk]))
    booklet = page_as(client, cast["owner"], reverse("appraisals:appraisal-booklet", args=[a.pk]))
    due = f"1 Dec {a.cycle.year}"
    assert due in check and due in booklet  # a date in words, not 2026-12-01
    assert f"{a.cycle.year}-12-01" not in check
    for words in ("In two years", "Evidence", "Not recorded yet"):
        assert words in check and words in booklet
