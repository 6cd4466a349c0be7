"""Two reports of one name are told apart wherever their line manager's pages list
people: each name is followed by that person's job title, next to the link to them."""

import re

import pytest
from django.urls import reverse

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

TITLES = ("Medical Secretary", "Occupational Therapist")


@pytest.fixture
def twins(organisation):
    """A manager and two reports both called Aled Begum, each sharing a journal section
    and with an appraisal for the manager to write."""
    from appraisals.models import Appraisal
    from careers.journal import services
    from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory

    manager = PersonFactory(unit=organisation["team"])
    cycle = AppraisalCycleFactory()
    people = []
    for title in TITLES:
        person = PersonFactory(
            unit=organisation["team"], line_manager=manager, given_name="Aled",
            family_name="Begum", job_title=title,
        )  # fmt: skip
        journal = services.start_journal(person=person, year=services.appraisal_year())
        services.share_section(state=journal.section_states.first(), by=person, confirmed=True)
        AppraisalFactory(cycle=cycle, person=person, appraiser=manager,
                         status=Appraisal.Status.MANAGER_WRITING)  # fmt: skip
        people.append(person)
    return manager, people


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _named(html, url, title):
    """Whether the link to `url` is followed, before the next link, by `title`."""
    start = html.find(f'href="{url}"')
    if start < 0:
        return False
    end = html.find("<a ", start + 1)
    return title in _text(html[start : end if end > 0 else len(html)])


@pytest.mark.parametrize(
    "page, link",
    [
        ("home", "career-record"),  # Your direct reports
        ("home", "shared-journal"),  # Journals shared with you
        ("home", "appraisals:appraisal"),  # Appraisals to write
        ("my-team", "career-record"),
        ("appraisals:to-write", "appraisals:appraisal"),
    ],
)
def test_each_list_names_the_job_title_beside_the_name(client, twins, page, link):
    manager, people = twins
    client.force_login(manager)
    html = client.get(reverse(page)).content.decode()
    main = html[html.index("<main") :]
    for person in people:
        if link == "appraisals:appraisal":
            url = reverse(link, args=[person.appraisals.get().pk])
        else:
            url = reverse(link, args=[person.pk])
        assert _named(main, url, person.job_title), (page, link, person.job_title)
