"""Confirmations are announced (WCAG 2.2 4.1.3): after each kind of save (a journal section
completed and shared, a bookmark, a CPD entry, an objective, an action, a conversation note,
preparation notes, a curated initiative) the page that follows shows the confirmation as an
NHS.UK success notification banner that the accessibility tree exposes as an alert, with the
confirmation's text, and that has focus."""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from careers.conversation import services as conversations
from careers.journal import services
from careers.plan import services as plans
from learning.models import GrowthDirection, ImpactLevel, LearningCategory
from tests.browser.conftest import accessible, sign_in
from tests.browser.test_conversation_browser import journal_nearly_done, sign_out
from tests.factories import PASSWORD, PersonFactory
from tests.factories_learning import CPDEntryFactory, InitiativeFactory


def announced(page, text):
    """The page shows `text` in a focused alert: a success banner, in the accessibility tree."""
    alert = page.get_by_role("alert").filter(has_text=text)
    expect(alert).to_have_count(1)
    expect(alert).to_be_focused()
    expect(alert).to_have_class(re.compile("nhsuk-notification-banner--success"))
    tree = alert.aria_snapshot()
    assert tree.startswith("- alert"), tree
    assert text in tree and "Success" in tree, tree
    accessible(page)


def submit(page, button):
    page.get_by_role("button", name=button, exact=True).click()


def _world(organisation):
    manager = PersonFactory(unit=organisation["team"], given_name="Priya", family_name="Shah")
    author = PersonFactory(
        unit=organisation["team"], line_manager=manager, given_name="Sam", family_name="Okafor"
    )
    journal_nearly_done(author)
    talk = conversations.start_conversation(person=author, by=manager, held_on=date.today())
    plan = plans.plan_for(person=author, year=services.appraisal_year())
    goal = plans.save_objective(
        plan=plan, by=author, term="short", what="Lead a ward audit", why="To grow",
        direction=GrowthDirection.objects.first(), category=LearningCategory.objects.first(),
        target_date=date.today() + timedelta(days=365), success_measure="Audit presented",
    )  # fmt: skip
    assert ImpactLevel.objects.exists()
    entry = CPDEntryFactory(person=author, title="Sepsis update")
    initiative = InitiativeFactory(title="Shadow a ward manager")
    return manager, author, talk, goal, entry, initiative


def test_every_kind_of_save_is_announced_and_focused(page, organisation):
    manager, author, talk, goal, entry, initiative = _world(organisation)
    year = services.appraisal_year()

    sign_in(page, author.email, PASSWORD)
    # Mark a journal section completed.
    page.goto(f"/journal/{year}/sections/aspirations/")
    accessible(page)
    submit(page, "Mark as completed")
    announced(page, "is marked as completed.")
    # Share a section with the line manager.
    page.goto(f"/journal/{year}/sections/career-history/share/")
    accessible(page)
    submit(page, "Share with my line manager")
    announced(page, "is now shared with your line manager.")
    # Save an initiative for later (a bookmark).
    page.goto(f"/learning/catalogue/{initiative.pk}/")
    accessible(page)
    submit(page, "Save for later")
    announced(page, "Find it in your saved list.")
    # Change a CPD entry.
    page.goto(f"/learning/cpd/{entry.pk}/edit/")
    accessible(page)
    submit(page, "Save")
    announced(page, "Changes saved.")
    # Save an objective, then add an action to it on the plan.
    page.goto(f"/career/{author.pk}/plan/objectives/{goal.pk}/")
    accessible(page)
    submit(page, "Save objective")
    announced(page, "The objective is saved.")
    page.get_by_label("Add an action").fill("Shadow a ward manager for a day")
    submit(page, "Add action")
    announced(page, "The action is added.")
    sign_out(page)

    sign_in(page, manager.email, PASSWORD)
    # A conversation note, then the manager's preparation notes.
    page.goto(f"/conversations/{talk.pk}/")
    accessible(page)
    page.get_by_role("group", name="Stage").get_by_role("radio").first.check()
    page.get_by_label("Note", exact=True).fill("We talked about the audit")
    submit(page, "Add note")
    announced(page, "Your note is added.")
    page.goto(f"/conversations/{talk.pk}/preparation/")
    accessible(page)
    page.get_by_label("Your preparation notes").fill("Ask about the audit")
    page.locator("main form button[type=submit]").click()
    announced(page, "Your preparation notes are saved.")
    sign_out(page)

    # LED save a change to an initiative they are curating.
    led = PersonFactory(unit=organisation["team"], led=True, given_name="Lena")
    draft = InitiativeFactory(title="Handover skills", draft=True, owner=led)
    sign_in(page, led.email, PASSWORD)
    page.goto(f"/learning/curate/{draft.pk}/edit/")
    accessible(page)
    submit(page, "Save changes")
    announced(page, "Changes saved.")


def test_the_plans_add_an_action_error_has_an_error_title_and_focused_summary(page, organisation):
    """An empty "Add action" brings the plan back titled "Error: …", its summary focused."""
    manager, author, talk, goal, entry, initiative = _world(organisation)
    sign_in(page, author.email, PASSWORD)
    page.goto(f"/career/{author.pk}/plan/")
    accessible(page)
    submit(page, "Add action")  # empty: the plan comes back with the error
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    accessible(page)
