"""The admin's controls that Django, select2 and treebeard draw without a name are named
by static/js/admin-names.js (WCAG 2.2 4.1.2; docs/adr/0079): what a screen reader says
for each, asserted through the browser's own accessibility tree."""

from playwright.sync_api import expect

from appraisals.appraisal.models import OrganisationValue
from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, OrganisationUnitFactory, PersonFactory


def test_an_administrator_hears_a_name_for_every_control(page):
    trust = OrganisationUnitFactory(name="Riverside Trust")
    OrganisationUnitFactory(name="Maternity", parent=trust)
    manager = PersonFactory(given_name="Grace", family_name="Okafor", unit=trust)
    person = PersonFactory(line_manager=manager, unit=trust)
    OrganisationValue.objects.all().delete()
    OrganisationValue.objects.create(name="Compassion", order=1)
    administrator = PersonFactory(is_staff=True, is_superuser=True, unit=trust)
    sign_in(page, administrator.email, PASSWORD)

    # A chooser (Django's autocomplete): its label, then the choice it shows.
    page.goto(f"/admin/people/person/{person.pk}/change/")
    accessible(page, reflow=False)
    chooser = page.get_by_role("combobox", name="Line manager")
    expect(chooser).to_contain_text("Okafor")
    # The two-pane chooser's help icon is an image of its text.
    expect(
        page.get_by_role("img", name="filter down the list of available groups")
    ).to_be_visible()

    # A list's editable cells: the column and the row.
    page.goto("/admin/appraisals/organisationvalue/")
    accessible(page, reflow=False)
    expect(page.get_by_role("spinbutton", name="Order, Compassion")).to_have_value("1")
    expect(page.get_by_role("checkbox", name="Active, Compassion")).to_be_checked()

    # The tree's button that shows the units within a unit, and says whether it does.
    page.goto("/admin/people/organisationunit/")
    accessible(page, reflow=False)
    button = page.get_by_role("button", name="Show what is within Riverside Trust")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(page.get_by_role("link", name="Maternity")).to_be_visible()
    button = page.get_by_role("button", name="Hide what is within Riverside Trust")
    expect(button).to_have_attribute("aria-expanded", "true")
