"""HR asks for the booklets of a unit from the cycle's page, watches the progress page
move on its own (a chunk made here, the rest by the real worker), and downloads the ZIP."""

import zipfile

from playwright.sync_api import expect

from appraisals.exports import services
from appraisals.models import BookletExport
from tests.browser.conftest import ARTIFACTS, accessible, sign_in
from tests.factories import PASSWORD, PersonFactory
from tests.factories_booklet import appraisal_for, cycle_for
from tests.test_pdf_downloads import run_db_worker


def test_hr_exports_a_units_booklets_and_downloads_the_zip(
    page, cast, organisation, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.BOOKLET_EXPORT_CHUNK = 2
    settings.BOOKLET_EXPORT_RECYCLE_EVERY = 0  # the chunk made in this process
    team = organisation["team"]
    cycle = cycle_for(team, name="Clinic Admin 2026")
    appraisal_for(cast["owner"], cycle=cycle)
    for given, family in (("Siân", "O’Néill"), ("Ada", "Lovelace")):
        person = PersonFactory(unit=team, line_manager=cast["line_manager"], given_name=given,
                               family_name=family)  # fmt: skip
        appraisal_for(person, cycle=cycle)

    sign_in(page, cast["hr"].email, PASSWORD)
    page.goto(f"/appraisals/cycles/{cycle.pk}/")
    page.get_by_role("link", name="Download the booklets of a unit").click()
    accessible(page, screenshot="booklet-export-start")
    page.get_by_role("button", name="Make the ZIP file").click()
    accessible(page, screenshot="booklet-export-error")  # nothing chosen: the error summary
    expect(page.get_by_role("alert")).to_contain_text("Select a unit")
    page.get_by_label("Clinic Admin (team)").check()
    page.get_by_role("button", name="Make the ZIP file").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Booklets of Clinic Admin")
    status = page.get_by_role("status")
    expect(status).to_contain_text("0 of 3 booklets, waiting to start")
    bar = page.get_by_role("progressbar", name="Booklets made")
    expect(bar).to_have_attribute("value", "0")
    accessible(page, screenshot="booklet-export-progress")

    export = BookletExport.objects.get()
    services.build_chunk(export_id=export.pk, chunk=0)
    expect(status).to_contain_text("2 of 3 booklets", timeout=10_000)  # no reload
    expect(bar).to_have_attribute("value", "2")

    run_db_worker(tmp_path)

    expect(status).to_contain_text("The ZIP file holds 3 booklets", timeout=15_000)
    accessible(page, screenshot="booklet-export-ready")
    with page.expect_download() as download:
        status.get_by_role("link", name="Download the ZIP file").click()
    path = ARTIFACTS / "booklet-export.zip"
    download.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        names = sorted(archive.namelist())
        assert len(names) == 3 and "Clinic Admin/O’Néill Siân.pdf" in names
        assert all(archive.read(name).startswith(b"%PDF-") for name in names)

    page.goto("/")
    accessible(page, screenshot="booklet-export-home")
    expect(
        page.get_by_role("link", name="Booklets of Clinic Admin, Clinic Admin 2026")
    ).to_be_visible()
