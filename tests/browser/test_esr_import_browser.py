"""HR uploads an ESR staff extract as an Excel workbook, reads the dry run's report
(nothing changed yet), confirms, and watches the apply's progress page finish on its
own (the real worker makes the changes)."""

from playwright.sync_api import expect

from people.models import Person
from tests.browser.conftest import accessible, sign_in
from tests.esr_import_files import row, workbook_bytes
from tests.factories import PASSWORD, PersonFactory
from tests.test_pdf_downloads import run_db_worker

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_hr_checks_an_extract_then_applies_it(page, cast, organisation, tmp_path):
    team = organisation["team"]
    PersonFactory(unit=team, given_name="Mo", family_name="Lead", email="mo@trust.example",
                  assignment_number="100", employee_number="1")  # fmt: skip
    rows = [
        row("100", "1", "Mo", "Lead", email="mo@trust.example", band="Band 7"),
        row("104", "4", "Siân", "O’Néill", supervisor="100", email="sian@trust.example",
            levels=["Demo Trust", "Operations", "Outpatients", "Evening Clinic"]),
        row("105", "5", "Dan", "Dale", supervisor="999"),
    ]  # fmt: skip

    sign_in(page, cast["hr"].email, PASSWORD)
    page.goto("/people/esr-import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import staff from ESR")
    accessible(page, screenshot="esr-import-upload")
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("alert")).to_contain_text("Select the ESR staff extract")
    accessible(page, screenshot="esr-import-error")

    page.locator("input[type=file]").set_input_files(
        files=[{"name": "staff.xlsx", "mimeType": XLSX, "buffer": workbook_bytes(rows)}]
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Changes from ESR")
    new_people = page.get_by_role("table", name="New people")
    expect(new_people).to_contain_text("Siân O’Néill")
    expect(new_people).to_contain_text("Demo Trust > Operations > Outpatients > Evening Clinic")
    changes = page.get_by_role("table", name="Changes to people")
    expect(changes).to_contain_text("Mo Lead (100)Pay band: Band 5")
    expect(changes).to_contain_text("becomes Band 7")
    expect(page.get_by_role("table", name="Rows not used")).to_contain_text(
        "Unknown supervisor: no active person has the assignment number 999"
    )
    accessible(page, screenshot="esr-import-report")
    assert not Person.objects.filter(assignment_number="104").exists()

    page.get_by_role("button", name="Confirm and make 3 changes").click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("Waiting to start")
    expect(page.get_by_role("progressbar", name="Changes made")).to_have_attribute("value", "0")
    accessible(page, screenshot="esr-import-progress")

    run_db_worker(tmp_path)

    expect(status).to_contain_text("The changes below have been made", timeout=15_000)
    accessible(page, screenshot="esr-import-applied")
    assert Person.objects.get(assignment_number="104").line_manager.given_name == "Mo"
