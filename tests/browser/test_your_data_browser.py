"""A person finds "Your data" from their own record, prepares their data, watches the
progress page move on its own while the real worker builds it, and downloads the ZIP;
then follows the link to who has looked at their records. axe on every page."""

import json
import zipfile

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, accessible, sign_in
from tests.factories import PASSWORD
from tests.test_pdf_downloads import run_db_worker
from tests.your_data_setup import everything

PHRASE = "Amber-Falcon-6612"


def test_a_person_prepares_and_downloads_their_data(page, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    owner = cast["owner"]
    everything(owner, PHRASE)

    sign_in(page, owner.email, PASSWORD)
    page.goto("/people/me/")
    accessible(page, screenshot="your-data-record")
    page.get_by_role("link", name="Your data: download everything Trellis holds about you").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    accessible(page, screenshot="your-data-page")
    page.get_by_role("button", name="Prepare my data").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    status = page.get_by_role("status")
    expect(status).to_contain_text("Waiting to start")
    expect(page.get_by_role("progressbar", name="Data gathered")).to_be_visible()
    accessible(page, screenshot="your-data-progress")

    run_db_worker(tmp_path)

    expect(status).to_contain_text("Ready to download", timeout=15_000)  # no reload
    accessible(page, screenshot="your-data-ready")
    with page.expect_download() as download:
        status.get_by_role("link", name="Download the ZIP file").click()
    path = ARTIFACTS / "your-data.zip"
    download.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert "Your data – summary.pdf" in names and "csv/cpd_entries.csv" in names
        journals = json.loads(archive.read("json/journals.json"))
        assert journals["journal_answers"][0]["text"].startswith(PHRASE)

    page.get_by_role("link", name="Back to your data").click()
    accessible(page, screenshot="your-data-page-after")
    expect(page.get_by_role("listitem").filter(has_text="ready to download")).to_be_visible()
    page.get_by_role("link", name="See who has looked at your records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has looked at your records")
    accessible(page, screenshot="your-data-reads")
    expect(page.get_by_role("cell", name=cast["line_manager"].full_name)).to_be_visible()
