"""A long CPD log is made in the background: the progress page updates itself when
the worker has finished, and the PDF downloads from it."""

import subprocess

from playwright.sync_api import expect

from frontend.models import PdfDownload
from tests.browser.conftest import ARTIFACTS, accessible, sign_in
from tests.factories import PASSWORD, PersonFactory
from tests.factories_learning import CPDEntryFactory
from tests.test_pdf_downloads import run_db_worker


def test_the_progress_page_updates_itself_and_offers_the_pdf(
    page, organisation, settings, tmp_path
):
    settings.PDF_INLINE_MAX_ITEMS = 1
    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory(unit=organisation["team"], given_name="Siân-Zoë", family_name="O’Néill")
    for title in [
        "Sepsis study day",
        "Καλημέρα: Greek for the ward",
        "https://x.nhs.uk/" + "a" * 120,
    ]:
        CPDEntryFactory(person=person, title=title)
    sign_in(page, person.email, PASSWORD)
    page.goto("/learning/cpd/")
    accessible(page)
    page.get_by_role("link", name="Download your whole log as a PDF").click()
    accessible(page, screenshot="pdf-progress")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your CPD log as a PDF")
    status = page.get_by_role("status")
    expect(status).to_contain_text("Waiting to start")
    assert PdfDownload.objects.get().status == PdfDownload.Status.QUEUED

    run_db_worker(tmp_path)

    expect(status).to_contain_text("Your PDF is ready", timeout=10_000)  # no reload
    accessible(page, screenshot="pdf-ready")
    with page.expect_download() as download:
        status.get_by_role("link", name="Download your CPD log").click()
    path = ARTIFACTS / "cpd-log-background.pdf"
    download.value.save_as(path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Sepsis study day" in text and "Siân-Zoë O’Néill" in text
