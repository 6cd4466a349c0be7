"""After a change of line manager, a person sees what they had shared and shares it
again from their home page: every page on the way is checked with axe."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from careers.journal import services as careers
from learning import services as learning
from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory
from tests.factories_learning import vocabulary

HEALTH = "Health and well-being"


def test_a_person_shares_again_with_their_new_line_manager(page, organisation):
    former = PersonFactory(unit=organisation["team"], given_name="Yusuf", family_name="Okafor")
    author = PersonFactory(
        unit=organisation["team"], line_manager=former, given_name="Sam", family_name="Ali"
    )
    journal = careers.start_journal(person=author, year=careers.appraisal_year())
    health = journal.section_states.get(section__key="health-and-wellbeing")
    careers.share_section(state=health, by=author, confirmed=True)
    entry = learning.record_cpd(
        person=author,
        fields={
            "title": "Shadowed the discharge team",
            "category": vocabulary()[0]["experience"],
            "started_on": timezone.localdate() - timedelta(days=7),
            "hours": 7.5,
            "learned": "How discharge letters are checked.",
            "shared_with_manager": True,
        },
    )
    author.line_manager = PersonFactory(given_name="Xiu", family_name="Chen")
    author.save()

    sign_in(page, author.email, PASSWORD)
    accessible(page, screenshot="home-line-manager-changed")
    expect(page.get_by_text("Your line manager changed to Xiu Chen.")).to_be_visible()

    page.get_by_role("link", name=f"{HEALTH} (reflection journal").click()
    accessible(page, screenshot="section-share-lapsed")
    page.get_by_role("link", name="Share this section with Xiu Chen").click()
    accessible(page)
    page.get_by_label("I understand my line manager will be able to read my answers").check()
    page.get_by_role("button", name="Share with my line manager").click()
    accessible(page)
    expect(page.get_by_text("Shared with your line manager, Xiu Chen")).to_be_visible()

    page.goto("/")
    accessible(page)
    page.get_by_role("link", name=f"{entry.title} (CPD log)").click()
    accessible(page, screenshot="cpd-share-lapsed")
    page.get_by_label("Share this entry and its files with my line manager").check()
    page.get_by_role("button", name="Save", exact=True).click()
    accessible(page)
    expect(page.get_by_text("Yes, with Xiu Chen")).to_be_visible()

    page.goto("/")
    accessible(page)
    expect(page.get_by_text("Your line manager has changed")).to_have_count(0)
