"""A partial ESR extract (one directorate's, or an export cut short) would make leavers
of everyone it leaves out: when it leaves out many, the report warns and the leavers
are confirmed apart, on the page and on the command line (docs/esr-import.md)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from people.esr_import import services
from people.esr_import.models import EsrImportRun
from people.models import Person
from tests.esr_import_files import csv_bytes, row
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twenty(organisation):
    """Twenty people ESR knows, in the cast's team."""
    return [
        PersonFactory(unit=organisation["team"], assignment_number=str(200 + n),
                      employee_number=str(200 + n), given_name="Staff", family_name=f"N{n}")
        for n in range(20)
    ]  # fmt: skip


def extract(people):
    return csv_bytes([row(p.assignment_number, p.employee_number, p.given_name, p.family_name)
                      for p in people])  # fmt: skip


def upload(client, raw):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(reverse("esr-import"), {"file": SimpleUploadedFile("staff.csv", raw)})
    return EsrImportRun.objects.latest("created_at")


def test_a_file_leaving_out_many_warns_and_needs_its_leavers_confirmed(client, cast, twenty):
    client.force_login(cast["hr"])
    run = upload(client, extract(twenty[:5]))
    page = client.get(reverse("esr-import-run", args=[run.token])).text
    assert "This file may not be the full extract" in page
    assert "15 of the 20 people" in page
    assert "The 15 people missing from the file have left" in page

    response = client.post(reverse("esr-import-apply", args=[run.token]))
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Confirm that the 15 people missing from the file have left" in response.text
    run.refresh_from_db()
    assert run.status == EsrImportRun.Status.PLANNED

    client.post(reverse("esr-import-apply", args=[run.token]), {"leavers_checked": "on"})
    run.refresh_from_db()
    assert run.status == EsrImportRun.Status.QUEUED


def test_a_few_leavers_need_no_separate_confirmation(client, cast, twenty):
    client.force_login(cast["hr"])
    run = upload(client, extract(twenty[:19]))
    page = client.get(reverse("esr-import-run", args=[run.token])).text
    assert "may not be the full extract" not in page and "leavers_checked" not in page
    client.post(reverse("esr-import-apply", args=[run.token]))
    run.refresh_from_db()
    assert run.status == EsrImportRun.Status.QUEUED


def test_the_command_refuses_many_leavers_until_told_they_have_left(tmp_path, twenty):
    path = tmp_path / "staff.csv"
    path.write_bytes(extract(twenty[:5]))
    with pytest.raises(CommandError, match="15 people missing from the file"):
        call_command("import_esr", str(path), "--apply", stdout=io.StringIO())
    assert Person.objects.filter(pk__in=[p.pk for p in twenty], is_active=True).count() == 20
    call_command("import_esr", str(path), "--apply", "--leavers-checked", stdout=io.StringIO())
    assert Person.objects.filter(pk__in=[p.pk for p in twenty], is_active=True).count() == 5


def test_a_file_that_changes_nothing_is_not_waiting_for_anyone(client, cast, twenty):
    services.apply_now(services.dry_run(raw=extract(twenty)))  # Trellis now agrees with ESR
    client.force_login(cast["hr"])
    run = upload(client, extract(twenty))
    page = client.get(reverse("esr-import-run", args=[run.token])).text
    assert "Checked: nothing to change" in page and "waiting for you to confirm" not in page
    assert services.leavers_to_check(run.plan) == 0
