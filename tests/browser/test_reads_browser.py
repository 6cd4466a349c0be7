"""A person finds who has looked at their records from their own details page."""

from playwright.sync_api import expect

from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory


def test_a_person_sees_that_their_manager_opened_their_record(page, organisation):
    manager = PersonFactory(unit=organisation["team"], given_name="Priya", family_name="Shah")
    person = PersonFactory(unit=organisation["team"], line_manager=manager)
    sign_in(page, manager.email, PASSWORD)
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, person.email, PASSWORD)
    page.goto("/people/me/")
    page.get_by_role("link", name="Who has looked at your records").click()
    accessible(page, screenshot="who-has-looked")
    row = page.get_by_role("row").nth(1)
    expect(row).to_contain_text("Priya Shah")
    expect(row).to_contain_text("Your staff record")
