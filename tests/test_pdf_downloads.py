"""A PDF that grows with a person's data is built in the background above a bound:
a progress page that updates itself, and a download only its owner can fetch."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from frontend import documents, downloads
from frontend.models import PdfDownload
from learning import cpd
from tests.factories import PersonFactory
from tests.factories_learning import CPDEntryFactory
from tests.test_pdf_output import CASES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def run_db_worker(media):
    """The real worker, as deployed: `manage.py db_worker`, on the test database."""
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(media)}
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_long_cpd_log_is_built_by_the_worker_and_only_its_owner_downloads_it(
    client, settings, media
):
    settings.PDF_INLINE_MAX_ITEMS = 3
    person = PersonFactory()
    for n in range(4):
        CPDEntryFactory(person=person, title=f"Sepsis study day {n}")
    client.force_login(person)

    response = client.get(reverse("learning:cpd-export-pdf"))
    download = PdfDownload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("download-progress", args=[download.token])
    page = client.get(response["Location"])
    assert "Your CPD log as a PDF" in page.text
    assert "It holds 4 entries" in page.text
    assert "Waiting to start" in page.text
    assert 'hx-trigger="every 2s"' in page.text and 'role="status"' in page.text
    # A second click while it waits finds the same download.
    assert client.get(reverse("learning:cpd-export-pdf"))["Location"] == response["Location"]
    poll = {"HTTP_HX_REQUEST": "true"}
    assert client.get(response["Location"], {"seen": "queued"}, **poll).status_code == 204

    run_db_worker(media)

    download.refresh_from_db()
    assert download.status == PdfDownload.Status.READY
    update = client.get(response["Location"], {"seen": "queued"}, **poll)
    assert update.status_code == 286  # htmx stops polling
    assert "Your PDF is ready" in update.text and "hx-trigger" not in update.text
    file_url = reverse("download-file", args=[download.token])
    assert f'href="{file_url}"' in client.get(response["Location"]).text
    pdf = client.get(file_url)
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="cpd-log-' in pdf["Content-Disposition"]
    body = b"".join(pdf.streaming_content)
    path = media / "check.pdf"
    path.write_bytes(body)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert all(f"Sepsis study day {n}" in text for n in range(4))

    client.force_login(PersonFactory())
    assert client.get(response["Location"]).status_code == 404
    assert client.get(file_url).status_code == 404

    # Asking again makes a fresh copy; the earlier one and its file are gone.
    client.force_login(person)
    client.get(reverse("learning:cpd-export-pdf"))
    assert PdfDownload.objects.get().pk != download.pk
    assert not (media / download.file.name).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", CASES)
def test_every_growing_pdf_is_queued_above_the_bound(client, settings, media, kind):
    settings.PDF_INLINE_MAX_ITEMS = 0
    person = PersonFactory()
    url = CASES[kind](person)
    client.force_login(person)
    response = client.get(url)
    download = PdfDownload.objects.get(owner=person, kind=kind)
    assert response.status_code == 302
    assert response["Location"] == reverse("download-progress", args=[download.token])
    assert download.items >= 1

    downloads.build(download_id=download.pk)  # what the task runs
    download.refresh_from_db()
    assert download.status == PdfDownload.Status.READY
    assert download.file.read().startswith(b"%PDF")


@pytest.mark.django_db
def test_a_pdf_that_cannot_be_made_says_so_and_is_not_tried_again(
    client, settings, media, monkeypatch
):
    settings.PDF_INLINE_MAX_ITEMS = 0
    person = PersonFactory()
    CPDEntryFactory(person=person)
    client.force_login(person)
    progress = client.get(reverse("learning:cpd-export-pdf"))["Location"]
    download = PdfDownload.objects.get()

    def broken(**params):
        raise RuntimeError("layout failed")

    document = documents.get("cpd-log")
    monkeypatch.setitem(
        documents._DOCUMENTS,
        "cpd-log",
        document.__class__(**{**document.__dict__, "context": broken}),
    )
    with pytest.raises(RuntimeError):
        downloads.build(download_id=download.pk)
    assert downloads.build(download_id=download.pk) is None  # claimed once only
    download.refresh_from_db()
    assert download.status == PdfDownload.Status.FAILED and "layout failed" in download.error
    assert "Trellis could not make your PDF" in client.get(progress).text


@pytest.mark.django_db
def test_a_short_pdf_is_still_built_while_the_person_waits(client, settings):
    settings.PDF_INLINE_MAX_ITEMS = 1
    person = PersonFactory()
    CPDEntryFactory(person=person)
    client.force_login(person)
    response = client.get(reverse("learning:cpd-export-pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert not PdfDownload.objects.exists()


@pytest.mark.django_db
def test_asking_for_another_years_pdf_keeps_the_first_on_offer(client, settings, media):
    settings.PDF_INLINE_MAX_ITEMS = 0
    person = PersonFactory()
    CPDEntryFactory(person=person)
    client.force_login(person)
    whole_log = client.get(reverse("learning:cpd-export-pdf"))["Location"]
    first = PdfDownload.objects.get()
    downloads.build(download_id=first.pk)
    one_year = reverse("learning:cpd-export-pdf") + f"?year={cpd.appraisal_year()}"
    assert client.get(one_year)["Location"] != whole_log
    assert client.get(whole_log).status_code == 200
    assert client.get(reverse("download-file", args=[first.token])).status_code == 200
