"""An appraisal's steps as its users take them in the browser, shared by the appraisal
browser tests (test_appraisal_browser.py, test_appraisal_journey_browser.py): the
person prepares and submits their part, the manager writes and submits theirs, both
sign. Every page is checked with `accessible()` (axe and the 320 px reflow).

`look`, where a step takes it, is called on the page just before the part is submitted
(e.g. to keep a screenshot of it)."""

from datetime import date
from importlib import import_module

from django.apps import apps
from playwright.sync_api import expect

from appraisals.models import OrganisationValue
from tests.appraisal_setup import held_on
from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD


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


def add_objective(page, what):
    follow(page, "Add an objective")
    page.get_by_label("What is the objective?").fill(what)
    page.get_by_label("Which team or service objective does it support?").fill("Service plan 2")
    save(page, "Save objective")


def person_prepares(page, person, self_assessment, *, objective=None, wellbeing=False,
                    look=None):  # fmt: skip
    """The person signs in, prepares their self-assessment, a value's examples, their
    pay progression confirmation (and an objective, the well-being question if asked),
    submits it and signs out: the appraisal then waits for the manager."""
    sign_in(page, person.email, PASSWORD)
    follow(page, "Your appraisal")
    save(page, "Start preparing")
    follow(page, "Self-assessment")
    page.get_by_label("Your self-assessment").fill(self_assessment)
    save(page, "Save your self-assessment")
    follow(page, "Respect and dignity")
    page.get_by_label("Behaviours and examples discussed").fill("Listened to every patient")
    save(page)
    if wellbeing:
        follow(page, "Well-being conversation")
        page.get_by_label("Yes").check()
        save(page)
    if objective:
        add_objective(page, objective)
    follow(page, "Pay progression (Agenda for Change)")
    page.get_by_label("I confirm my statutory and mandatory training is up to date").check()
    save(page)
    if look:
        look(page)
    follow(page, "Read the whole appraisal and submit your part")
    save(page, "Submit your self-assessment")
    expect(page.locator("#status")).to_have_text("Manager writing")
    sign_out(page)


def manager_writes(page, manager, person_name, *, self_assessment, assessment, year,
                   objective=None, look=None):  # fmt: skip
    """The manager signs in, opens `person_name`'s appraisal, reads the self-assessment,
    writes theirs, rates every value, sets the dates in `year`, decides pay progression
    (and adds an objective), submits and signs out: it waits for the person's sign-off."""
    sign_in(page, manager.email, PASSWORD)
    follow(page, "Appraisals to write")
    follow(page, person_name)
    follow(page, "Appraiser's assessment")
    expect(page.get_by_text(self_assessment)).to_be_visible()
    page.get_by_label("Your assessment").fill(assessment)
    save(page, "Save your assessment")
    for value in OrganisationValue.objects.filter(active=True):
        follow(page, value.name)
        page.get_by_label("Consistently shown").check()
        save(page)
    follow(page, "Meeting and next review dates")
    fill_date(page, "meeting_date", held_on(year))  # signing waits for the meeting
    fill_date(page, "next_review_date", date(year, 12, 1))
    save(page, "Save dates")
    follow(page, "Pay progression (Agenda for Change)")
    page.get_by_label("Meets the requirements for the next pay step").check()
    page.get_by_label("I confirm their statutory and mandatory training is up to date").check()
    save(page)
    if objective:
        add_objective(page, objective)
    if look:
        look(page)
    follow(page, "Read the whole appraisal and submit your part")
    save(page, "Submit your assessment")
    expect(page.locator("#status")).to_have_text("Awaiting the person's sign-off")
    sign_out(page)


def both_sign(page, person, manager, person_name, *, assessment, look=None):
    """The person reads the manager's `assessment` and signs, then the manager signs:
    the appraisal is complete. Both sign out."""
    sign_in(page, person.email, PASSWORD)
    follow(page, "Read and sign your appraisal")
    if look:
        look(page)
    expect(page.get_by_text(assessment)).to_be_visible()
    page.get_by_label("I confirm this is a true record").check()
    save(page, "Sign the appraisal")
    expect(page.get_by_text("It is complete when your appraiser signs")).to_be_visible()
    sign_out(page)

    sign_in(page, manager.email, PASSWORD)
    follow(page, f"Sign {person_name}'s appraisal")
    page.get_by_label("I confirm this is a true record").check()
    save(page, "Sign the appraisal")
    expect(page.locator("#status")).to_have_text("Complete")
    sign_out(page)
