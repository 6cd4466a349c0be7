"""The appraisal in a real browser: the person prepares and submits, their line
manager writes and submits, both sign; axe and the 320 px reflow on every page."""

import re
from datetime import date
from importlib import import_module

from django.apps import apps
from playwright.sync_api import expect

from appraisals.models import Appraisal, OrganisationValue
from tests import appraisal_setup as setup
from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory


def ship_values():
    """The values and scale migration 0002 ships, after an earlier browser test's flush."""
    if not OrganisationValue.objects.exists():
        import_module("appraisals.migrations.0002_ship_values").ship(apps, None)


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    accessible(page)


def fill_date(page, field, when):
    page.locator(f"#id_{field}_0").fill(str(when.day))
    page.locator(f"#id_{field}_1").fill(str(when.month))
    page.locator(f"#id_{field}_2").fill(str(when.year))


def follow(page, name):
    page.get_by_role("link", name=name, exact=True).first.click()
    return accessible(page)


def save(page, button="Save"):
    page.get_by_role("button", name=button).click()
    return accessible(page)


def test_the_person_prepares_the_manager_writes_and_both_sign(page, organisation):
    ship_values()
    manager = PersonFactory(unit=organisation["team"], given_name="Priya", family_name="Shah")
    person = PersonFactory(
        unit=organisation["team"], line_manager=manager, given_name="Sam", family_name="Okafor"
    )
    appraisal = setup.appraisal(person)
    year = appraisal.cycle.year

    # The person prepares and submits.
    sign_in(page, person.email, PASSWORD)
    follow(page, "Your appraisal")
    save(page, "Start preparing")
    follow(page, "Self-assessment")
    page.get_by_label("Your self-assessment").fill("I ran the clinic rota all year.")
    save(page, "Save your self-assessment")
    follow(page, "Respect and dignity")
    page.get_by_label("Behaviours and examples discussed").fill("Listened to every patient")
    save(page)
    follow(page, "Well-being conversation")
    page.get_by_label("Yes").check()
    save(page)
    follow(page, "Pay progression (Agenda for Change)")
    page.get_by_label("I confirm my statutory and mandatory training is up to date").check()
    save(page)
    follow(page, "Read the whole appraisal and submit your part")
    save(page, "Submit your self-assessment")
    expect(page.locator("#status")).to_have_text("Manager writing")
    sign_out(page)

    # The manager reads it, writes their part and submits.
    sign_in(page, manager.email, PASSWORD)
    follow(page, "Appraisals to write")
    follow(page, "Sam Okafor")
    follow(page, "Appraiser's assessment")
    expect(page.get_by_text("I ran the clinic rota all year.")).to_be_visible()
    page.get_by_label("Your assessment").fill("A steady, kind year.")
    save(page, "Save your assessment")
    for value in OrganisationValue.objects.filter(active=True):
        follow(page, value.name)
        page.get_by_label("Consistently shown").check()
        save(page)
    follow(page, "Meeting and next review dates")
    fill_date(page, "meeting_date", date(year, 6, 1))
    fill_date(page, "next_review_date", date(year, 12, 1))
    save(page, "Save dates")
    follow(page, "Pay progression (Agenda for Change)")
    page.get_by_label("Meets the requirements for the next pay step").check()
    page.get_by_label("I confirm their statutory and mandatory training is up to date").check()
    save(page)
    follow(page, "Add an objective")
    page.get_by_label("What is the objective?").fill("Cut clinic waiting times by a week")
    page.get_by_label("Which team or service objective does it support?").fill("Service plan 2")
    save(page, "Save objective")
    follow(page, "Read the whole appraisal and submit your part")
    save(page, "Submit your assessment")
    sign_out(page)

    # The person reads the manager's words and signs.
    sign_in(page, person.email, PASSWORD)
    follow(page, "Read and sign your appraisal")
    expect(page.get_by_text("A steady, kind year.")).to_be_visible()
    page.get_by_label("I confirm this is a true record").check()
    save(page, "Sign the appraisal")
    expect(
        page.get_by_text(re.compile("It is complete when your appraiser signs"))
    ).to_be_visible()
    sign_out(page)

    # The manager signs: complete.
    sign_in(page, manager.email, PASSWORD)
    follow(page, "Sign Sam Okafor's appraisal")
    page.get_by_label("I confirm this is a true record").check()
    save(page, "Sign the appraisal")
    expect(page.locator("#status")).to_have_text("Complete")
    assert Appraisal.objects.get(pk=appraisal.pk).signatures.count() == 2
