"""The whole career conversation in a real browser: journal shared, My team, stage
notes, a placement disagreed then agreed, a plan with a suggested action, agreed,
and progress recorded."""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from careers.journal import services
from careers.models import Answer, Question, SectionState
from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    accessible(page)


def fill_date(page, field, when):
    page.locator(f"#id_{field}_0").fill(str(when.day))
    page.locator(f"#id_{field}_1").fill(str(when.month))
    page.locator(f"#id_{field}_2").fill(str(when.year))


def journal_nearly_done(author):
    """Every section answered and completed but the last, as after several sittings."""
    journal = services.start_journal(person=author, year=services.appraisal_year())
    for question in Question.objects.filter(section__bank=journal.bank, kind="text"):
        Answer.objects.create(journal=journal, question=question, text="A reflection")
    journal.section_states.exclude(section__key="aspirations").update(
        status=SectionState.Status.COMPLETED
    )
    return journal


def add_objective(page, what, direction, category, when, about=None):
    """Add an objective on the plan page; `about` names the person when their
    line manager fills the form in."""
    page.get_by_role("link", name="Add an objective").click()
    accessible(page)
    page.get_by_label("Short term").check()
    wants, learns = (
        ("do you want", "will you") if about is None else (f"does {about} want", f"will {about}")
    )
    page.get_by_label(f"What {wants} to achieve?").fill(what)
    page.get_by_label("Why? Which aspiration does it serve?").fill("To lead a service")
    page.get_by_role("group", name="Growth direction").get_by_label(direction).check()
    page.get_by_role("group", name=f"How {learns} mostly learn?").get_by_label(category).check()
    page.get_by_label("Mentoring").check()
    fill_date(page, "target_date", when)
    page.get_by_label("How will success be measured?").fill("Presented to the board")
    page.get_by_role("button", name="Save objective").click()
    accessible(page)


def test_the_whole_career_conversation(page, organisation):
    manager = PersonFactory(unit=organisation["team"], given_name="Priya", family_name="Shah")
    author = PersonFactory(
        unit=organisation["team"], line_manager=manager, given_name="Sam", family_name="Okafor"
    )
    year = services.appraisal_year()
    journal_nearly_done(author)

    # Staff completes the journal, marks it ready and shares a section.
    sign_in(page, author.email, PASSWORD)
    page.goto(f"/journal/{year}/sections/aspirations/")
    accessible(page)
    page.get_by_role("button", name="Mark as completed").click()
    accessible(page)
    page.get_by_role("link", name=re.compile("Check your answers")).click()
    accessible(page, screenshot="conversation-check-answers")
    page.get_by_role("button", name="Mark my journal ready").click()
    accessible(page)
    page.goto(f"/journal/{year}/sections/career-history/share/")
    accessible(page)
    page.get_by_role("button", name="Share with my line manager").click()
    accessible(page)
    sign_out(page)

    # The manager opens My team, starts the record, adds notes, proposes a placement.
    sign_in(page, manager.email, PASSWORD)
    page.get_by_role("link", name="My team").first.click()
    accessible(page, screenshot="conversation-my-team")
    expect(page.get_by_role("main")).to_contain_text("1 section shared")
    page.get_by_role("link", name="Sam Okafor").click()
    accessible(page)
    fill_date(page, "held_on", date.today())
    page.get_by_role("button", name="Start a conversation record").click()
    accessible(page, screenshot="conversation-record")
    expect(page.get_by_role("link", name="Career history")).to_be_visible()
    page.get_by_label("Stage 1: personal reflection").check()
    page.get_by_label("Note", exact=True).fill(
        "Sam feels stretched by the rota but energised by teaching."
    )
    page.get_by_role("button", name="Add note").click()
    accessible(page)
    expect(page.get_by_text("energised by teaching")).to_be_visible()
    page.get_by_role("link", name="See and agree the Scope for Growth placement").click()
    accessible(page)
    page.get_by_role("link", name="Propose a placement").click()
    accessible(page, screenshot="conversation-placement-form")
    page.get_by_role("group", name="Where are they now on the impact axis?").get_by_label(
        "Developing"
    ).check()
    page.get_by_role("group", name="In which direction are they growing now?").get_by_label(
        "Depth"
    ).check()
    page.get_by_label("360° feedback").check()
    page.get_by_label("Describe the evidence").fill("Consistently strong one-to-ones")
    page.get_by_role("group", name="Where do they aim to be in two years?").get_by_label(
        "Proven"
    ).check()
    page.get_by_role("group", name="In which direction do they want to grow?").get_by_label(
        re.compile("Stretch")
    ).check()
    page.get_by_label("Why do they want to be there?").fill("To lead the respiratory service")
    page.get_by_role("button", name="Propose placement").click()
    accessible(page, screenshot="conversation-placement")
    sign_out(page)

    # Staff disagrees once, with a comment.
    sign_in(page, author.email, PASSWORD)
    page.get_by_role("link", name=re.compile("Agree or disagree your Scope for Growth")).click()
    accessible(page)
    expect(page.locator("figcaption")).to_contain_text("Now: Developing")
    page.get_by_label("No, I do not agree").check()
    page.get_by_label("Comment").fill("I already lead the teaching programme.")
    page.get_by_role("button", name="Send response").click()
    accessible(page)
    expect(page.get_by_text("Not agreed").first).to_be_visible()
    sign_out(page)

    # The manager revises; staff agrees.
    sign_in(page, manager.email, PASSWORD)
    page.goto(f"/career/{author.pk}/")
    accessible(page)
    expect(page.get_by_text("I already lead the teaching programme.")).to_be_visible()
    page.get_by_role("link", name="Revise the placement").click()
    accessible(page)
    page.get_by_role("group", name="Where are they now on the impact axis?").get_by_label(
        "Proven"
    ).check()
    page.get_by_role("button", name="Propose placement").click()
    accessible(page)
    sign_out(page)
    sign_in(page, author.email, PASSWORD)
    page.goto(f"/career/{author.pk}/")
    accessible(page)
    page.get_by_label("Yes, I agree").check()
    page.get_by_role("button", name="Send response").click()
    accessible(page, screenshot="conversation-placement-agreed")
    expect(page.get_by_text("Agreed").first).to_be_visible()

    # Staff builds the plan: two objectives, one action from the suggestions.
    page.get_by_role("link", name="Your aspirational development plan").click()
    accessible(page)
    later = date.today() + timedelta(days=120)
    add_objective(page, "Run the ward teaching programme", "Depth",
                  "Experience on the job", later)  # fmt: skip
    add_objective(page, "Act up as ward manager", re.compile("Stretch"),
                  "Learning from others", later)  # fmt: skip
    page.get_by_role("button", name=re.compile("Add as an action")).first.click()
    accessible(page, screenshot="conversation-plan")
    expect(page.get_by_text("is added as an action")).to_be_visible()
    sign_out(page)

    # The manager agrees the plan with a review date.
    sign_in(page, manager.email, PASSWORD)
    page.goto(f"/career/{author.pk}/plan/")
    accessible(page)
    fill_date(page, "review_date", later)
    page.get_by_role("button", name="Agree the plan").click()
    accessible(page)
    expect(page.get_by_text("It is agreed when Sam Okafor agrees too.").first).to_be_visible()
    sign_out(page)

    # Staff agrees the plan too (the review date is already there), then records progress.
    sign_in(page, author.email, PASSWORD)
    page.goto(f"/career/{author.pk}/plan/")
    accessible(page)
    page.get_by_role("button", name="Agree the plan").click()
    accessible(page)
    expect(page.get_by_text("The plan is agreed by you both.").first).to_be_visible()
    page.get_by_role("link", name=re.compile("Record progress")).first.click()
    accessible(page)
    page.get_by_label("On track").check()
    page.get_by_label("What progress have you made?").fill("First teaching session held")
    page.get_by_role("button", name="Save progress").click()
    accessible(page, screenshot="conversation-progress")
    expect(page.get_by_text("First teaching session held")).to_be_visible()


def test_the_plan_is_made_together(page, organisation):
    """The manager adds an objective and an action, the person changes the action,
    both agree; each change names its author."""
    from careers.conversation import services as talk
    from learning.models import GrowthDirection, ImpactLevel

    manager = PersonFactory(unit=organisation["team"], given_name="Priya", family_name="Shah")
    author = PersonFactory(
        unit=organisation["team"], line_manager=manager, given_name="Sam", family_name="Okafor"
    )
    level, direction = ImpactLevel.objects.first(), GrowthDirection.objects.first()
    placement = talk.propose_placement(
        person=author, by=manager, year=services.appraisal_year(), level=level,
        direction=direction, evidence="One-to-ones", target_level=level,
        target_direction=direction, target_reason="To lead the team",
    )  # fmt: skip
    talk.agree_placement(placement=placement, by=author, version=placement.version)
    later = date.today() + timedelta(days=120)

    sign_in(page, manager.email, PASSWORD)
    page.goto(f"/career/{author.pk}/plan/")
    accessible(page)
    add_objective(page, "Run the ward teaching programme", "Depth", "Experience on the job",
                  later, about="Sam")  # fmt: skip
    expect(page.get_by_text("The objective is saved.")).to_be_visible()
    page.get_by_label("Add an action").fill("Shadow the practice educator")
    page.get_by_role("button", name="Add action").click()
    accessible(page)
    expect(page.get_by_text("The action is added.")).to_be_visible()
    sign_out(page)

    sign_in(page, author.email, PASSWORD)
    page.goto(f"/career/{author.pk}/plan/")
    accessible(page)
    expect(page.get_by_text("Added by Priya Shah").first).to_be_visible()
    page.get_by_role("link", name=re.compile("Change action")).click()
    accessible(page)
    page.get_by_label("Action").fill("Shadow the practice educator for a week")
    page.get_by_role("button", name="Save action").click()
    accessible(page)
    expect(page.get_by_text("Shadow the practice educator for a week")).to_be_visible()
    expect(page.get_by_text("Added by Priya Shah. Last changed by Sam Okafor")).to_be_visible()
    fill_date(page, "review_date", later)
    page.get_by_role("button", name="Agree the plan").click()
    accessible(page, screenshot="plan-agreed-by-one")
    expect(page.locator("#agreement")).to_contain_text("Sam Okafor: agreed on")
    expect(page.locator("#agreement")).to_contain_text("Priya Shah (line manager): not agreed")
    sign_out(page)

    sign_in(page, manager.email, PASSWORD)
    page.goto(f"/career/{author.pk}/plan/")
    accessible(page)
    page.get_by_role("button", name="Agree the plan").click()
    accessible(page, screenshot="plan-agreed-by-both")
    expect(page.get_by_text("The plan is agreed by you both.").first).to_be_visible()
    expect(page.locator("#agreement")).to_contain_text("Priya Shah (line manager): agreed on")


def test_a_conversation_too_far_ahead_is_refused_and_a_wrong_one_cancelled(page, organisation):
    manager = PersonFactory(unit=organisation["team"], given_name="Priya", family_name="Shah")
    author = PersonFactory(
        unit=organisation["team"], line_manager=manager, given_name="Sam", family_name="Okafor"
    )
    sign_in(page, manager.email, PASSWORD)
    page.goto(f"/career/{author.pk}/")
    accessible(page)
    fill_date(page, "held_on", date.today() + timedelta(days=800))
    page.get_by_role("button", name="Start a conversation record").click()
    accessible(page)
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Date of the conversation must be the same as or before"
    )
    wrong = date.today() + timedelta(days=200)
    fill_date(page, "held_on", wrong)
    page.get_by_role("button", name="Start").click()
    accessible(page)
    page.get_by_role("link", name="Cancel this record").click()
    accessible(page)
    page.get_by_label("Why are you cancelling this conversation record?").fill("Wrong month")
    page.get_by_role("button", name="Cancel the record").click()
    accessible(page, screenshot="conversation-cancelled")
    expect(page.get_by_text("This record is cancelled")).to_be_visible()
    expect(page.get_by_text("Wrong month")).to_be_visible()
    page.get_by_role("link", name="Back").click()
    accessible(page)
    expect(page.get_by_role("main").get_by_text("Cancelled")).to_be_visible()
