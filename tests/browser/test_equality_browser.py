"""A person answers the equality monitoring questions on their own page (a date of birth
revealed under its choice), and HR with the permission opens the equality view from
the dashboard; every page passes axe at 1280 px and reflows at 320 px."""

from datetime import date

from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from people.equality.models import EqualityInformation
from people.models import OrganisationUnit
from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD
from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory


def test_a_person_answers_and_hr_reads_the_counts(page, live_server, organisation, cast):
    department = OrganisationUnit.objects.get(pk=organisation["department"].pk)
    cycle = AppraisalCycleFactory(name="Outpatients appraisals 2026", units=[department])
    AppraisalFactory(cycle=cycle, person=cast["owner"], appraiser=cast["line_manager"])

    sign_in(page, cast["owner"].email, PASSWORD)
    page.get_by_role("link", name="Your details").first.click()
    page.get_by_role("link", name="Equality monitoring questions (optional)").click()
    accessible(page, screenshot="equality-form")
    page.get_by_label("Black or Black British: African").check()
    page.get_by_role("group", name="What is your sex?").get_by_label("Prefer not to say").check()
    page.get_by_label("Yes, give my date of birth").check()
    page.get_by_label("Day").fill("15")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1984")
    accessible(page)
    page.get_by_role("button", name="Save your answers").click()
    expect(page.get_by_text("Your equality monitoring answers have been saved.")).to_be_visible()
    answers = EqualityInformation.objects.get(person=cast["owner"])
    assert (answers.ethnicity, answers.sex, answers.date_of_birth) == (
        "N", "prefer_not", date(1984, 3, 15))  # fmt: skip

    page.get_by_role("button", name="Sign out").first.click()
    cast["hr"].user_permissions.add(Permission.objects.get(codename="view_equality_information"))
    sign_in(page, cast["hr"].email, PASSWORD)
    page.goto(f"{live_server.url}/appraisals/cycles/{cycle.pk}/reports/")
    page.get_by_role("link", name="Equality view: by ethnic group, disability, sex and age",
                     exact=False).click()  # fmt: skip
    accessible(page, screenshot="equality-view")
    expect(page.get_by_role("heading", level=1)).to_have_text("Every unit in the cycle")
    table = page.get_by_role("table", name="How far appraisals have got, by ethnic group")
    black = table.get_by_role("row").filter(has_text="Black or Black British")
    expect(black).to_contain_text("not shown")  # one person: hidden, with words for readers


def test_removing_every_answer_asks_first(page, cast):
    """ "Remove all your answers" leads to NHS.UK's "Are you sure" page: a warning
    button and a way back, without JavaScript."""
    EqualityInformation.objects.create(person=cast["owner"], ethnicity="N")
    sign_in(page, cast["owner"].email, PASSWORD)
    page.goto("/people/me/equality/")
    accessible(page)
    page.get_by_role("link", name="Remove all your answers").click()
    accessible(page, screenshot="equality-remove")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Are you sure you want to remove all your equality monitoring answers?"
    )
    page.get_by_role("link", name="No, keep my answers").click()
    accessible(page)
    assert EqualityInformation.objects.filter(person=cast["owner"]).exists()
    page.get_by_role("link", name="Remove all your answers").click()
    accessible(page)
    page.get_by_role("button", name="Yes, remove all my answers").click()
    accessible(page)
    expect(page.get_by_text("Your equality monitoring answers have been removed.")).to_be_visible()
    assert not EqualityInformation.objects.filter(person=cast["owner"]).exists()
