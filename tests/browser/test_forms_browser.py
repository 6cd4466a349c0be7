"""Forms in a real browser: clicking Save again on a slow server makes one CPD entry;
text typed when the session has expired comes back after signing in again."""

import time
from datetime import date

from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from careers.conversation import services as conversations
from learning import services as learning_services
from learning.models import CPDEntry
from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory


def test_save_clicked_again_while_the_server_is_slow_makes_one_cpd_entry(
    page, organisation, monkeypatch
):
    person = PersonFactory(unit=organisation["team"])
    record = learning_services.record_cpd

    def slow_record(**kwargs):
        time.sleep(3)
        return record(**kwargs)

    monkeypatch.setattr(learning_services, "record_cpd", slow_record)
    sign_in(page, person.email, PASSWORD)
    page.goto("/learning/cpd/new/")
    accessible(page)
    page.locator("#id_title").fill("Moving and handling refresher")
    today = date.today()
    for field in ("started_on", "ended_on"):
        for part, value in enumerate((today.day, today.month, today.year)):
            page.locator(f"#id_{field}_{part}").fill(str(value))
    page.locator("#id_hours").fill("1.5")
    page.locator("#id_learned").fill("Safer ways to move people")
    page.locator("input[name=category]").first.check()
    # A click after NHS.UK's one-second guard, while the first save is still in progress.
    page.evaluate(
        "setTimeout(() => document.querySelector('main form [type=submit]').click(), 1500)"
    )
    page.get_by_role("button", name="Save").dblclick()  # the guard ignores the second click
    expect(page.get_by_text("Added to your CPD log.")).to_be_visible()
    accessible(page)
    assert CPDEntry.objects.filter(person=person).count() == 1


def test_preparation_notes_typed_as_the_session_expired_come_back(page, organisation):
    manager = PersonFactory(unit=organisation["team"])
    person = PersonFactory(unit=organisation["team"], line_manager=manager)
    talk = conversations.start_conversation(person=person, by=manager, held_on=date.today())
    sign_in(page, manager.email, PASSWORD)
    page.goto(f"/conversations/{talk.pk}/preparation/")
    accessible(page)
    page.locator("textarea").first.fill("Ask about the teaching rota and the audit")
    Session.objects.all().delete()  # the session expires while the notes are typed
    page.get_by_role("button", name="Save notes").click()
    accessible(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sign in")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    accessible(page)
    expect(page.locator("textarea").first).to_have_value(
        "Ask about the teaching rota and the audit"
    )
    expect(page.get_by_text("You were signed out before this was saved")).to_be_visible()
    page.get_by_role("button", name="Save notes").click()
    accessible(page)
    talk.refresh_from_db()
    assert talk.preparation == "Ask about the teaching rota and the audit"
