"""`manage.py seed_demo`: a working demo organisation, safe to run twice."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from people import access
from people.models import OrganisationUnit, Person
from people.roles import Role

pytestmark = pytest.mark.django_db
PASSWORD = "demo-password-for-tests"


@pytest.fixture
def demo(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo", password=PASSWORD)
    return capsys.readouterr().out


def test_it_builds_three_directorates_and_about_sixty_people(demo):
    directorates = OrganisationUnit.objects.filter(kind=OrganisationUnit.Kind.DIRECTORATE)
    assert directorates.count() == 3
    assert 55 <= Person.objects.count() <= 65
    staff = Person.objects.filter(is_staff=False)
    assert staff.filter(line_manager__isnull=True).count() == 1  # the chief executive


def test_running_it_again_changes_nothing(demo, settings):
    before = (Person.objects.count(), OrganisationUnit.objects.count())
    call_command("seed_demo", password=PASSWORD)
    assert (Person.objects.count(), OrganisationUnit.objects.count()) == before


def test_it_prints_a_login_for_every_role_and_each_lands_on_home(demo):
    emails = re.findall(r"\S+@trellis\.example", demo)
    assert len(emails) == 5
    roles = [access.roles_of(Person.objects.get(email=e)) for e in emails]
    assert roles[0] == {Role.STAFF}
    assert Role.LINE_MANAGER in roles[1]
    assert Role.LED in roles[2]
    assert Role.HR in roles[3]
    assert Role.ADMINISTRATOR in roles[4]
    for email in emails:
        client = Client()
        response = client.post(reverse("login"), {"username": email, "password": PASSWORD})
        assert response["Location"] == reverse("home"), email
        assert client.get(reverse("home")).status_code == 200


def test_it_refuses_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", password=PASSWORD)


def test_the_demo_cycle_gives_every_active_person_one_appraisal_and_runs_once(demo, capsys):
    from django.db.models import F

    from appraisals.models import Appraisal, AppraisalCycle

    call_command("seed_demo_cycle")
    cycle = AppraisalCycle.objects.get()
    assert cycle.status == AppraisalCycle.Status.OPEN
    in_units = Person.objects.filter(is_active=True, unit__isnull=False)
    appraisals = Appraisal.objects.filter(cycle=cycle)
    assert appraisals.count() == in_units.count() > 50
    # Each is written by the person's line manager; the chief executive has none in Trellis.
    managed = appraisals.filter(person__line_manager__isnull=False)
    assert managed.filter(appraiser=F("person__line_manager")).count() == managed.count()
    assert appraisals.filter(appraiser__isnull=True).count() == 1
    call_command("seed_demo_cycle")
    assert AppraisalCycle.objects.count() == 1
    assert "nothing to do" in capsys.readouterr().out


def test_the_demo_cycle_gives_hr_placements_and_a_70_20_10_mix_to_show(demo, client):
    """HR's heat map and 70/20/10 mix show real figures: shown counts at or over the
    small-number threshold, none hidden; the demo logins' own records are left to fill in."""
    from appraisals.models import AppraisalCycle
    from appraisals.reports import figures, presenters
    from careers.models import DevelopmentPlan, Placement
    from learning import disclosure

    call_command("seed_demo_cycle")
    cycle = AppraisalCycle.objects.get()
    hr = Person.objects.get(email="hr@trellis.example")
    found = figures.figures(user=hr, cycle=cycle, unit=None)
    board = presenters.heat_map(found.grid)
    values = [cell.value for _, cells in board["rows"] for cell in cells]
    assert not any(disclosure.is_hidden(v) for v in [*values, board["unplaced"]])
    assert len([v for v in values if v]) >= 6
    assert all(v == 0 or v >= disclosure.threshold() for v in values)
    *categories, total = presenters.mix_rows(found.mix)
    assert [row[1] >= disclosure.threshold() for row in categories] == [True] * 3
    assert total[1] == sum(row[1] for row in categories)
    assert categories[0][1] > categories[1][1] > categories[2][1]  # 70, 20, 10
    assert DevelopmentPlan.objects.filter(status=DevelopmentPlan.Status.AGREED).count() > 20
    staff = re.findall(r"\S+@trellis\.example", demo)[0]
    assert not Placement.objects.filter(person__email=staff).exists()

    client.force_login(hr)
    page = client.get(reverse("appraisals:reports", args=[cycle.pk])).text
    assert f"</svg> {max(values)}</span></td>" in page  # the heat map's biggest cell, shaded
    before = Placement.objects.count()
    call_command("seed_demo_cycle")
    assert Placement.objects.count() == before
