"""The admin's controls that Django, select2 and treebeard draw without a name are named
by static/js/admin-names.js (WCAG 2.2 4.1.2; docs/adr/0079): the whole name a screen
reader is given for each, read from the browser's own accessibility tree."""

from playwright.sync_api import expect

from appraisals.appraisal.models import OrganisationValue
from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, OrganisationUnitFactory, PersonFactory


def test_an_administrator_hears_a_name_for_every_control(page):
    trust = OrganisationUnitFactory(name="Riverside Trust")
    OrganisationUnitFactory(name="Maternity", parent=trust)
    manager = PersonFactory(given_name="Grace", family_name="Okafor", unit=trust)
    person = PersonFactory(line_manager=manager, unit=trust, hr=True)
    person.hr_scopes.create(unit=trust)
    OrganisationValue.objects.all().delete()
    OrganisationValue.objects.create(name="Compassion", order=1)
    administrator = PersonFactory(is_staff=True, is_superuser=True, unit=trust)
    sign_in(page, administrator.email, PASSWORD)

    # A chooser (Django's autocomplete): its label, as a <select>'s; the choice shown.
    page.goto(f"/admin/people/person/{person.pk}/change/")
    accessible(page, "admin-person", reflow=False)
    chooser = page.get_by_role("combobox", name="Line manager:", exact=True)
    expect(chooser).to_contain_text("Grace Okafor")
    # Open, its list of choices and the search box above it are named by the label too.
    chooser.click()
    expect(page.locator(".select2-results__options")).to_have_accessible_name("Line manager:")
    expect(page.locator(".select2-dropdown .select2-search__field")).to_have_accessible_name(
        "Line manager:"
    )
    accessible(page, reflow=False)
    # The search box points at the choice highlighted (by typing, or by the arrow keys),
    # for a screen reader to say it.
    page.keyboard.type("Okafor")
    search = page.locator(".select2-dropdown .select2-search__field")
    reached = page.locator(".select2-results__option--highlighted")
    expect(reached).to_have_text("Grace Okafor")
    expect(search).to_have_attribute("aria-activedescendant", reached.get_attribute("id"))
    page.keyboard.press("Escape")
    # The roles granted by a group: a checkbox each, in a group named by its legend.
    roles = page.get_by_role("group", name="Groups:")
    expect(roles.get_by_role("checkbox", name="HR", exact=True)).to_be_checked()
    expect(roles.get_by_role("checkbox", name="LED", exact=True)).not_to_be_checked()
    for name in ("HR", "LED"):  # each big enough to use (WCAG 2.2 target size, 2.5.8)
        label = roles.locator("label").filter(has_text=name)
        assert label.bounding_box()["height"] >= 24, name
    # A tabular inline (the HR scope) has no labels: its column, and its row's record
    # without the links beside it; a row added later is named as it appears.
    scopes = page.locator("#hr_scopes-group")
    expect(scopes.get_by_role("checkbox")).to_have_accessible_name(
        f"Delete, {person.hr_scopes.get()}"
    )
    expect(scopes.get_by_role("combobox").first).to_have_accessible_name("Unit")
    expect(scopes.get_by_role("combobox").first).to_contain_text("Riverside Trust")
    scopes.get_by_role("button", name="Add another HR scope").click()
    expect(scopes.get_by_role("combobox").nth(1)).to_have_accessible_name("Unit")
    accessible(page, reflow=False)

    # A list's editable cells: the column and the row, sorted by that column or not.
    for path in (
        "/admin/appraisals/organisationvalue/",
        "/admin/appraisals/organisationvalue/?o=2.1",
    ):
        page.goto(path)
        accessible(page, reflow=False)
        expect(page.get_by_role("spinbutton")).to_have_accessible_name("Order, Compassion")
        expect(page.get_by_role("checkbox", name="Active")).to_have_accessible_name(
            "Active, Compassion"
        )

    # A role's two-pane chooser of permissions: its help icon is an image of its text.
    page.goto("/admin/auth/group/add/")
    accessible(page, reflow=False)
    icon = page.get_by_role("img", name="filter down the list of available permissions")
    expect(icon).to_be_visible()

    # A chooser of several: its search box is named by the field's label.
    page.goto("/admin/appraisals/appraisalcycle/add/")
    accessible(page, reflow=False)
    expect(page.locator("#appraisalcycle_form .select2-search__field")).to_have_accessible_name(
        "Units in scope:"
    )

    # The tree's button that shows the units within a unit says whether it does; it
    # begins its row's heading. The space bar presses it, as Enter does; open or shut,
    # it is big enough to use (WCAG 2.2 target size).
    page.goto("/admin/people/organisationunit/")
    accessible(page, reflow=False)
    expect(page.get_by_role("rowheader")).to_have_accessible_name(
        "Show what is within Riverside Trust"
    )
    button = page.get_by_role("button", name="Show what is within", exact=True)
    expect(button).to_have_attribute("aria-expanded", "false")
    button.focus()
    page.keyboard.press(" ")
    expect(page.get_by_role("link", name="Maternity")).to_be_visible()
    expect(button.first).to_have_attribute("aria-expanded", "true")
    accessible(page, reflow=False)
