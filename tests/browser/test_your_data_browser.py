"""A person finds "Your data" from their own record, prepares their data, watches the
progress page move on its own while the real worker builds it, and downloads the ZIP;
then follows the link to who has looked at their records. HR finds a leaver of their
units and prepares a copy of their data. axe on every page."""

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
        # Every kept version of an answer, the earlier one first (docs/adr/0053).
        versions = [v["text"] for v in journals["journal_answer_versions"]]
        assert versions == [f"{PHRASE} first draft 0", f"{PHRASE} journal answer 0"]
        assert "csv/journal_answer_versions.csv" in names

    page.get_by_role("link", name="Back to your data").click()
    accessible(page, screenshot="your-data-page-after")
    expect(page.get_by_role("listitem").filter(has_text="ready to download")).to_be_visible()
    page.get_by_role("link", name="See who has looked at your records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has looked at your records")
    accessible(page, screenshot="your-data-reads")
    expect(page.get_by_role("cell", name=cast["line_manager"].full_name)).to_be_visible()


def test_hr_finds_a_leaver_of_their_units_and_prepares_a_copy(
    page, cast, organisation, settings, tmp_path
):
    from datetime import date

    from people.models import Person

    settings.MEDIA_ROOT = tmp_path
    leaver, team = cast["owner"], organisation["team"]
    everything(leaver, PHRASE)
    Person.objects.filter(pk=leaver.pk).update(is_active=False, left_on=date(2026, 3, 31))

    sign_in(page, cast["hr"].email, PASSWORD)
    page.goto(f"/organisation/{team.pk}/")
    page.get_by_role("link", name=f"People who have left {team.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"People who have left {team.name}")
    expect(page.get_by_role("cell", name="31 March 2026")).to_be_visible()
    accessible(page, screenshot="your-data-leavers")
    page.get_by_role("link", name=leaver.full_name).click()
    expect(page.get_by_text("Left on 31 March 2026")).to_be_visible()
    accessible(page, screenshot="your-data-leaver-record")
    page.get_by_role("link", name=f"Prepare a copy of {leaver.full_name}’s data").click()
    expect(page.get_by_text("cannot sign in to Trellis")).to_be_visible()
    accessible(page, screenshot="your-data-leaver-request")
    page.get_by_label("Reference or reason").fill("SAR-2026-031")
    page.get_by_role("button", name="Prepare the copy").click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("Waiting to start")

    run_db_worker(tmp_path)

    expect(status).to_contain_text("Ready to download", timeout=15_000)
    accessible(page, screenshot="your-data-leaver-ready")
