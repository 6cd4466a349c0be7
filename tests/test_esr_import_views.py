"""The ESR import's pages and command: upload, the dry run's report, confirm, progress;
refusals in plain words; HR only for their own scope (docs/esr-import.md)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from people.esr_import import services
from people.esr_import.models import EsrImportRun
from people.models import Person
from tests.esr_import_files import csv_bytes, row, workbook_bytes
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

CAT = row("104", "4", "Cat", "Cole")


def upload(client, raw, name="staff.csv"):
    return client.post(reverse("esr-import"), {"file": SimpleUploadedFile(name, raw)})


@pytest.fixture
def hr(cast):
    """HR for the whole organisation (the cast's)."""
    return cast["hr"]


def test_hr_checks_a_file_sees_the_report_and_confirms(client, hr):
    client.force_login(hr)
    rows = [CAT, row("105", "5", "Dan", "Dale", band="Band 12")]
    response = upload(client, workbook_bytes(rows), "staff.xlsx")
    run = EsrImportRun.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/people/esr-import/{run.token}/"
    )
    page = client.get(response["Location"]).text
    assert "New people (1)" in page and "Cat Cole" in page
    assert "Rows not used (1)" in page and "Unknown pay band" in page
    assert "Dan Dale" in page  # a row not used is named, as the file names it
    assert "Confirm and make 1 change" in page
    assert not Person.objects.filter(assignment_number="104").exists()

    response = client.post(reverse("esr-import-apply", args=[run.token]))
    run.refresh_from_db()
    assert run.status == EsrImportRun.Status.QUEUED
    services.apply(run_id=run.pk)  # what the worker's task does
    page = client.get(response["Location"]).text
    assert "Changes made" in page and "The changes below have been made" in page
    assert 'choose "Add joiners and close leavers"' in page  # the next step, named
    assert Person.objects.get(assignment_number="104").unit.name == "Clinic Admin"


def test_a_stale_plan_is_refused_on_confirm(client, hr, cast):
    client.force_login(hr)
    upload(client, csv_bytes([CAT]))
    run = EsrImportRun.objects.get()
    Person.objects.filter(pk=cast["owner"].pk).update(job_title="Receptionist")
    page = client.post(reverse("esr-import-apply", args=[run.token]), follow=True).text
    assert "Out of date: check the file again" in page
    assert "changed after this file was checked" in page
    assert not Person.objects.filter(assignment_number="104").exists()


@pytest.mark.parametrize(
    ("raw", "name", "message"),
    [
        (csv_bytes([row("104", "4", "Zoë", "Cole")], encoding="cp1252"), "staff.csv",
         "This file is saved as Windows-1252"),
        (b"Name\nCat\n", "staff.csv", "The file has no column headed: Employee Number"),
        (b"not a workbook", "staff.xlsx", "does not match its name"),
        (b"x", "staff.txt", "must be a CSV or an Excel workbook"),
    ],
)  # fmt: skip
def test_a_file_that_cannot_be_read_is_refused_in_plain_words(client, hr, raw, name, message):
    client.force_login(hr)
    response = upload(client, raw, name)
    assert response.status_code == 200
    assert message in response.text
    assert not EsrImportRun.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, hr, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    client.force_login(hr)
    response = upload(client, csv_bytes([CAT] * 20))
    assert "The selected file must be smaller than" in response.text
    assert not EsrImportRun.objects.exists()


def test_hr_scoped_elsewhere_gets_nothing_of_another_hr_persons_run(client, hr, organisation):
    client.force_login(hr)
    upload(client, csv_bytes([CAT]))
    run = EsrImportRun.objects.get()
    elsewhere = PersonFactory(unit=organisation["other_team"], hr=True)
    elsewhere.hr_scopes.create(unit=organisation["other_team"])
    client.force_login(elsewhere)
    assert client.get(reverse("esr-import")).status_code == 200
    assert client.get(reverse("esr-import-run", args=[run.token])).status_code == 404
    assert client.post(reverse("esr-import-apply", args=[run.token])).status_code == 404
    unscoped = PersonFactory(unit=organisation["other_team"], hr=True)
    client.force_login(unscoped)
    assert client.get(reverse("esr-import")).status_code == 404


def test_hr_moved_to_other_units_no_longer_reads_their_old_runs(client, hr, organisation):
    """An old run lists the people of the scope it was checked for."""
    client.force_login(hr)
    upload(client, csv_bytes([CAT]))
    run = EsrImportRun.objects.get()
    assert client.get(reverse("esr-import-run", args=[run.token])).status_code == 200
    hr.hr_scopes.all().delete()
    hr.hr_scopes.create(unit=organisation["other_team"])
    assert client.get(reverse("esr-import-run", args=[run.token])).status_code == 404


def test_the_command_prints_the_dry_run_and_applies_only_when_asked(tmp_path, organisation):
    path = tmp_path / "staff.csv"
    path.write_bytes(csv_bytes([CAT, row("105", "5", "Dan", "Dale", supervisor="999")]))
    out = io.StringIO()
    call_command("import_esr", str(path), stdout=out)
    text = out.getvalue()
    assert "1 new person" in text and "Line 3: unknown supervisor" in text
    assert "Nothing was changed" in text
    assert not Person.objects.filter(assignment_number="104").exists()
    out = io.StringIO()
    call_command("import_esr", str(path), "--apply", stdout=out)
    assert "Changes made" in out.getvalue()
    assert Person.objects.filter(assignment_number="104").exists()
    out = io.StringIO()
    call_command("import_esr", str(path), "--apply", stdout=out)
    assert "0 new people" in out.getvalue() and "1 person unchanged" in out.getvalue()
