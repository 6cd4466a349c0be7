"""The demo (`manage.py seed_demo`, then `seed_demo_cycle`): the demo HR login may read
the equality view, and demo people have answers, so it shows figures."""

import pytest
from django.core.management import call_command

from appraisals.models import AppraisalCycle
from people.equality.models import EqualityInformation
from people.models import Person
from tests.test_reports_equality import check_table, page_tables

pytestmark = pytest.mark.django_db


def test_the_demo_hr_login_sees_the_equality_view_with_figures(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", password="demo-password-for-tests")
    call_command("seed_demo", password="demo-password-for-tests")  # twice: nothing new
    call_command("seed_demo_cycle")
    answered = EqualityInformation.objects.count()
    assert 40 < answered < Person.objects.count()  # some people gave nothing

    client.force_login(Person.objects.get(email="hr@trellis.example"))
    cycle = AppraisalCycle.objects.get()
    dashboard = client.get(f"/appraisals/cycles/{cycle.pk}/reports/")
    page = client.get(f"/appraisals/cycles/{cycle.pk}/reports/equality/")

    assert f"/appraisals/cycles/{cycle.pk}/reports/equality/" in dashboard.text
    assert page.status_code == 200
    tables = page_tables(page)
    white = {row[0]: row for row in tables[0]["rows"]}["White"]
    assert int(white[1]) >= 20  # a group large enough to show
    for table in tables:
        check_table(table["header"], table["rows"])
