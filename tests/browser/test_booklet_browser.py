"""The booklet's pages in a real browser: the person reads their draft, HR downloads
the sealed booklet and checks the file it was given. axe on every page."""

from playwright.sync_api import expect

from appraisals.booklet import services
from appraisals.management.commands.booklet_demo_certificate import make_pair
from tests.browser.conftest import ARTIFACTS, accessible, sign_in
from tests.factories import PASSWORD, PersonFactory
from tests.factories_booklet import appraisal_for, complete, fill
from tests.factories_careers import PlacementFactory


def test_the_person_reads_their_draft_and_hr_checks_the_sealed_file(
    page, organisation, settings, tmp_path
):
    key, cert, passphrase = make_pair(tmp_path / "seal", organisation="Demo Trust")
    settings.BOOKLET_SEAL_KEY, settings.BOOKLET_SEAL_CERT = str(key), str(cert)
    settings.BOOKLET_SEAL_PASSPHRASE = passphrase
    settings.MEDIA_ROOT = tmp_path / "media"
    team = organisation["team"]
    manager = PersonFactory(unit=team, job_title="Clinic Manager")
    person = PersonFactory(unit=team, line_manager=manager, given_name="Siân", family_name="Ng")
    hr = PersonFactory(unit=organisation["other_team"], hr=True)
    hr.hr_scopes.create(unit=organisation["org"])
    appraisal = fill(appraisal_for(person), objectives=3)
    PlacementFactory(person=person, year=appraisal.cycle.year, agreed=True)

    sign_in(page, person.email, PASSWORD)
    page.goto(f"/appraisals/{appraisal.pk}/booklet/")
    accessible(page, screenshot="booklet-draft")
    expect(page.get_by_role("heading", level=1)).to_have_text("Appraisal booklet")
    expect(page.get_by_role("link", name="Download the draft booklet (PDF)")).to_be_visible()

    complete(appraisal)
    services.seal_now(appraisal_id=appraisal.pk)
    page.context.clear_cookies()
    sign_in(page, hr.email, PASSWORD)
    page.goto(f"/appraisals/{appraisal.pk}/booklet/")
    accessible(page, screenshot="booklet-sealed")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the sealed booklet (PDF)").click()
    path = ARTIFACTS / "booklet-sealed.pdf"
    download.value.save_as(path)

    page.get_by_role("link", name="Check a booklet file").click()
    accessible(page)
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Check the file").click()
    accessible(page, screenshot="booklet-checked")
    expect(page.get_by_role("status")).to_contain_text("The booklet is intact")
    expect(page.get_by_role("status")).to_contain_text("Siân Ng")
