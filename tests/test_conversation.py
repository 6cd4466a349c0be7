"""The career conversation: placement workflow, the plan, My team."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.conversation import services as talk
from careers.journal import services
from careers.models import DevelopmentPlan, Placement, PlacementEvent
from careers.plan import services as plans
from learning.models import GrowthDirection, ImpactLevel, Initiative, LearningCategory
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocab():
    return {
        "developing": ImpactLevel.objects.get(slug=ImpactLevel.DEVELOPING),
        "proven": ImpactLevel.objects.get(slug=ImpactLevel.PROVEN),
        "depth": GrowthDirection.objects.get(slug=GrowthDirection.DEPTH),
        "stretch": GrowthDirection.objects.get(slug=GrowthDirection.STRETCH),
        "experience": LearningCategory.objects.get(slug=LearningCategory.EXPERIENCE),
    }


def placement_fields(vocab, **overrides):
    return {
        "level": vocab["developing"], "direction": vocab["depth"],
        "evidence": "Strong one-to-ones and 360° feedback", "evidence_kinds": ["360"],
        "target_level": vocab["proven"], "target_direction": vocab["stretch"],
        "target_reason": "To lead the respiratory service", **overrides,
    }  # fmt: skip


def propose(cast, vocab, by=None, year=None, **overrides):
    return talk.propose_placement(
        person=cast["owner"], by=by or cast["line_manager"],
        year=year or services.appraisal_year(), **placement_fields(vocab, **overrides),
    )  # fmt: skip


def test_disagree_revise_agree_keeps_every_step(cast, vocab):
    placement = propose(cast, vocab)
    with pytest.raises(ValidationError):
        talk.agree_placement(placement=placement, by=cast["line_manager"], version=1)
    talk.disagree_placement(
        placement=placement, by=cast["owner"], version=1, comment="I lead already"
    )
    revised = propose(cast, vocab, version=2, level=vocab["proven"])
    talk.agree_placement(placement=revised, by=cast["owner"], version=revised.version)
    revised.refresh_from_db()
    assert revised.status == Placement.Status.AGREED
    actions = [e.action for e in PlacementEvent.objects.filter(placement=revised)]
    assert actions == ["proposed", "disagreed", "revised", "agreed"]
    assert PlacementEvent.objects.get(action="disagreed").comment == "I lead already"


def test_a_stale_response_is_refused(cast, vocab):
    placement = propose(cast, vocab)
    propose(cast, vocab, version=1, evidence="Revised evidence")
    with pytest.raises(ValidationError, match="changed by someone else"):
        talk.agree_placement(placement=placement, by=cast["owner"], version=1)


def test_disagreeing_needs_a_comment(cast, vocab):
    placement = propose(cast, vocab)
    with pytest.raises(ValidationError, match="Say why"):
        talk.disagree_placement(placement=placement, by=cast["owner"], version=1, comment=" ")


def test_another_manager_cannot_place_someone(cast, vocab):
    with pytest.raises(PermissionError):
        propose(cast, vocab, by=cast["other_manager"])


def test_placement_history_is_kept_year_by_year(client, cast, vocab):
    year = services.appraisal_year()
    old = propose(cast, vocab, year=year - 1)
    talk.agree_placement(placement=old, by=cast["owner"], version=old.version)
    propose(cast, vocab, year=year, level=vocab["proven"])
    client.force_login(cast["owner"])
    html = client.get(reverse("career-record", args=[cast["owner"].pk])).content.decode()
    assert "Earlier years" in html
    assert f"{year - 1} to {year}" in html
    assert "Now: Proven" in html  # this year's picture, in words


def test_the_picture_is_described_in_text(client, cast, vocab):
    propose(cast, vocab)
    client.force_login(cast["line_manager"])
    html = client.get(reverse("career-record", args=[cast["owner"].pk])).content.decode()
    assert 'role="img" aria-label="Scope for Growth placement" aria-describedby="sfg-desc"' in html
    assert '<figcaption id="sfg-desc" class="trellis-chart__caption">Now: Developing' in html
    assert "In two years: Proven" in html


def test_the_placement_form_keeps_text_and_names_missing_choices(client, cast):
    client.force_login(cast["line_manager"])
    url = reverse("placement-propose", args=[cast["owner"].pk])
    response = client.post(url, {"evidence": "Great audits", "target_reason": ""})
    html = response.content.decode()
    assert "Select a growth direction" in html
    assert "Great audits" in html
    assert not Placement.objects.exists()


def plan_for_owner(cast):
    return plans.plan_for(person=cast["owner"], year=services.appraisal_year())


def objective_data(vocab, **overrides):
    target = timezone.localdate() + timedelta(days=90)
    return {
        "term": "short", "what": "Lead a ward audit", "why": "To grow into leading",
        "direction": vocab["depth"].pk, "category": vocab["experience"].pk,
        "support": ["mentoring"], "target_date_0": target.day,
        "target_date_1": target.month, "target_date_2": target.year,
        "success_measure": "Audit presented to the board", **overrides,
    }  # fmt: skip


def test_an_objective_in_the_past_or_without_direction_is_refused_with_text_kept(
    client, cast, vocab
):
    client.force_login(cast["owner"])
    url = reverse("objective-add", args=[cast["owner"].pk])
    past = timezone.localdate() - timedelta(days=1)
    data = objective_data(
        vocab, target_date_0=past.day, target_date_1=past.month, target_date_2=past.year
    )
    html = client.post(url, data).content.decode()
    assert "The target date must be today or in the future" in html
    assert "Lead a ward audit" in html
    data = objective_data(vocab, direction="")
    html = client.post(url, data).content.decode()
    assert "Select a growth direction" in html
    assert not plan_for_owner(cast).objectives.exists()


def test_an_action_needs_text(client, cast, vocab):
    goal = plans.save_objective(plan=plan_for_owner(cast), by=cast["owner"], **_fields(vocab))
    client.force_login(cast["owner"])
    url = reverse("action-add", args=[cast["owner"].pk, goal.pk])
    html = client.post(url, {"text": "  "}).content.decode()
    assert "Enter the action" in html
    assert not goal.actions.exists()


def _fields(vocab, **overrides):
    return {
        "term": "short", "what": "Lead a ward audit", "why": "To grow",
        "direction": vocab["depth"], "category": vocab["experience"],
        "target_date": date.today() + timedelta(days=60), "success_measure": "Presented",
        **overrides,
    }  # fmt: skip


def test_a_stale_objective_edit_is_refused(client, cast, vocab):
    goal = plans.save_objective(plan=plan_for_owner(cast), by=cast["owner"], **_fields(vocab))
    plans.save_objective(
        plan=goal.plan, by=cast["owner"], objective=goal, version=1, **_fields(vocab, why="New")
    )
    client.force_login(cast["line_manager"])
    url = reverse("objective-edit", args=[cast["owner"].pk, goal.pk])
    response = client.post(url, objective_data(vocab, version=1, what="My stale text"))
    html = response.content.decode()
    assert "or by someone else after you opened it" in html
    assert "My stale text" in html
    # What is saved now, and by whom, is shown beside the refused text.
    assert f"Saved now by {cast['owner'].full_name}" in html
    assert "New" in html[html.index('id="saved-now"') :]
    goal.refresh_from_db()
    assert goal.what == "Lead a ward audit"
    version = response.context["form"]["version"].value()
    client.post(url, objective_data(vocab, version=version, what="My stale text"))
    goal.refresh_from_db()
    assert goal.what == "My stale text"


def test_sending_the_saved_text_again_is_not_a_change(cast, vocab):
    agreed_placement(cast, vocab)
    plan = plan_for_owner(cast)
    goal = plans.save_objective(plan=plan, by=cast["owner"], **_fields(vocab))
    agree_by_both(cast, plan)
    # A second tab, or a second click, sends what is already saved.
    plans.save_objective(plan=plan, by=cast["line_manager"], objective=goal, version=0,
                         **_fields(vocab))  # fmt: skip
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.AGREED


def agreed_placement(cast, vocab):
    placement = propose(cast, vocab)
    return talk.agree_placement(placement=placement, by=cast["owner"], version=placement.version)


def agree(plan, by, **fields):
    """Agree the plan as its page shows it now (at its current version)."""
    version = DevelopmentPlan.objects.get(pk=plan.pk).version
    return plans.agree_plan(plan=plan, by=by, version=version, **fields)


def agree_by_both(cast, plan, **fields):
    fields.setdefault("review_date", date.today() + timedelta(days=90))
    agree(plan, cast["owner"], **fields)
    return agree(plan, cast["line_manager"], **fields)


def test_agreeing_then_editing_shows_changes_since_agreement(client, cast, vocab):
    agreed_placement(cast, vocab)
    plan = plan_for_owner(cast)
    goal = plans.save_objective(plan=plan, by=cast["owner"], **_fields(vocab))
    agree_by_both(cast, plan, review_date=date.today())
    plans.save_objective(
        plan=plan, by=cast["owner"], objective=goal, version=1,
        **_fields(vocab, success_measure="Audit published"),
    )  # fmt: skip
    client.force_login(cast["line_manager"])
    html = client.get(reverse("plan", args=[cast["owner"].pk])).content.decode()
    assert "Changed since it was agreed" in html
    assert "how success is measured" in html


def test_only_the_two_agree_and_only_with_an_objective(cast, vocab):
    agreed_placement(cast, vocab)
    plan = plan_for_owner(cast)
    with pytest.raises(ValidationError, match="at least one objective"):
        plans.agree_plan(plan=plan, by=cast["line_manager"])
    plans.save_objective(plan=plan, by=cast["owner"], **_fields(vocab))
    for someone_else in ("other_manager", "other_staff", "hr"):
        with pytest.raises(PermissionError):
            plans.agree_plan(plan=plan, by=cast[someone_else])
    assert agree_by_both(cast, plan).status == DevelopmentPlan.Status.AGREED


def test_suggestions_come_from_the_catalogue_and_add_in_one_click(client, cast, vocab):
    propose(cast, vocab)
    goal = plans.save_objective(plan=plan_for_owner(cast), by=cast["owner"], **_fields(vocab))
    client.force_login(cast["owner"])
    page = client.get(reverse("plan", args=[cast["owner"].pk]))
    suggestions = page.context["suggestions"]
    assert suggestions
    assert {s.category.slug for s in suggestions} >= {"experience"}
    chosen = suggestions[0]
    client.post(
        reverse("suggestion-add", args=[cast["owner"].pk]),
        {"objective": goal.pk, "initiative": chosen.pk},
    )
    assert goal.actions.get().initiative == chosen
    again = client.get(reverse("plan", args=[cast["owner"].pk])).context["suggestions"]
    assert chosen not in again


def test_the_balance_counts_actions_by_category(cast, vocab):
    goal = plans.save_objective(plan=plan_for_owner(cast), by=cast["owner"], **_fields(vocab))
    plans.add_action(objective=goal, by=cast["owner"], text="Shadow the matron")
    course = Initiative.objects.published().filter(category__slug="formal-education").first()
    plans.add_action(objective=goal, by=cast["owner"], initiative=course)
    shares = {s.category.slug: s.percent for s in plans.balance([goal])}
    assert shares == {"experience": 50, "learning-from-others": 0, "formal-education": 50}


def test_progress_is_recorded_with_a_date(client, cast, vocab):
    goal = plans.save_objective(plan=plan_for_owner(cast), by=cast["owner"], **_fields(vocab))
    client.force_login(cast["owner"])
    url = reverse("progress-add", args=[cast["owner"].pk, goal.pk])
    assert "Describe the progress" in client.post(url, {"status": "on_track"}).content.decode()
    client.post(url, {"status": "at_risk", "note": "Rota gaps"})
    goal.refresh_from_db()
    assert goal.status == "at_risk"
    assert goal.updates.get().note == "Rota gaps"


def test_preparation_notes_are_the_managers_alone(client, cast):
    conversation = talk.start_conversation(
        person=cast["owner"], by=cast["line_manager"], held_on=date.today()
    )
    url = reverse("conversation-preparation", args=[conversation.pk])
    client.force_login(cast["line_manager"])
    client.post(url, {"preparation": "Ask about the audit", "version": 1})
    client.force_login(cast["owner"])
    assert client.get(url).status_code == 404
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    assert "Ask about the audit" not in page


def test_my_team_lists_reports_overdue_first(client, cast, vocab):
    client.force_login(cast["line_manager"])
    html = client.get(reverse("my-team")).content.decode()
    assert cast["owner"].full_name in html
    assert "Career conversation due" in html
    client.force_login(cast["administrator"])
    assert client.get(reverse("my-team")).status_code == 403


def test_my_team_says_where_each_report_is(client, cast, vocab):
    year = services.appraisal_year()
    journal = services.start_journal(person=cast["owner"], year=year)
    services.share_section(state=journal.section_states.last(), by=cast["owner"])
    # The latest past conversation and the first one booked are shown.
    for days in (-400, -30, 7, 21):
        talk.start_conversation(
            person=cast["owner"],
            by=cast["line_manager"],
            held_on=date.today() + timedelta(days=days),
        )
    propose(cast, vocab, by=cast["owner"])  # a self-assessment the manager has not answered
    plan = plans.plan_for(person=cast["owner"], year=year)
    plan.review_date = date(2020, 3, 1)
    plan.save()
    client.force_login(cast["line_manager"])
    html = client.get(reverse("my-team")).content.decode()
    row = html[html.index(cast["owner"].full_name) :]
    row = row[: row.index("</tr>")]
    assert "1 section shared" in row
    assert f"Last: {date.today() - timedelta(days=30):%-d %b %Y}" in row
    assert f"Next: {date.today() + timedelta(days=7):%-d %b %Y}" in row
    assert "Career conversation due" not in row  # one is booked
    assert "Placement awaiting your agreement" in row
    assert f"{vocab['developing'].name} / {vocab['depth'].name} (awaiting agreement)" in row
    assert "Plan review was due 1 March 2020" in row


def test_my_team_queries_do_not_grow_with_the_team(client, organisation, vocab):
    counts = []
    for size in (3, 40):
        manager = PersonFactory(unit=organisation["team"])
        for person in PersonFactory.create_batch(
            size, unit=organisation["team"], line_manager=manager
        ):
            services.start_journal(person=person, year=services.appraisal_year())
            talk.start_conversation(person=person, by=manager, held_on=date.today())
        client.force_login(manager)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("my-team")).status_code == 200
        counts.append(len(queries))
    # session; person; roles (the menu); the reports with this year's journal,
    # shared sections, conversations, placement and plan (careers/team.py)
    assert counts == [4, 4], counts


def test_the_managers_home_says_conversations_are_due_and_placements_await(client, cast, vocab):
    propose(cast, vocab, by=cast["owner"])  # a self-assessment awaiting the manager
    client.force_login(cast["line_manager"])
    html = client.get(reverse("home")).content.decode()
    assert "1 career conversation is due in your team" in html
    # One line for the team, to My team, where the report's row says what waits.
    assert '<a href="/team/">1 Scope for Growth placement to agree in your team</a>' in html


def test_the_managers_home_counts_what_my_team_rows_say(cast, vocab, organisation):
    """The home page's next steps read a part of My team's query (careers.team.home_read);
    they count the same reports as My team's rows do, whatever each one's state."""
    from careers import team

    manager, year, today = cast["line_manager"], services.appraisal_year(), date.today()
    held = {
        "none": [],
        "recent": [-30],
        "long ago": [-400],
        "booked": [-400, 14],
        "cancelled booking": [-400, 14],
        "today": [0],
    }
    for state, days in held.items():
        person = PersonFactory(unit=organisation["team"], line_manager=manager)
        for n, day in enumerate(days):
            talked = talk.start_conversation(
                person=person, by=manager, held_on=today + timedelta(days=day)
            )
            if state == "cancelled booking" and n == 1:
                talked.cancelled_at = timezone.now()
                talked.save()
        proposer = {"none": person, "recent": manager}.get(state)
        if proposer is not None:
            talk.propose_placement(
                person=person, by=proposer, year=year, **placement_fields(vocab)
            )
    PersonFactory(unit=organisation["team"], line_manager=manager, is_active=False)
    propose(cast, vocab, by=cast["owner"])

    rows = team.team_overview(manager=manager, year=year, today=today)
    due = sum(team.CONVERSATION_DUE in row.overdue for row in rows)
    awaiting = sorted(row.pk for row in rows if team.AWAITING_AGREEMENT in row.overdue)
    from people.sql import fetch

    counted = team.due_steps(fetch(team.home_read(manager.pk, year, today)), manager.pk, today)
    assert (counted[0], sorted(counted[1])) == (due, awaiting)
    assert (due, len(awaiting)) == (4, 2)  # none, long ago, cancelled booking, the owner


def test_a_self_assessment_starts_from_the_journals_aspirations(client, cast):
    from careers.models import Answer, Question

    journal = services.start_journal(person=cast["owner"], year=services.appraisal_year())
    grow = Question.objects.get(section__bank=journal.bank, key="as-grow")
    two_years = Question.objects.get(section__bank=journal.bank, key="as-two-years")
    Answer.objects.create(journal=journal, question=grow, choice="breadth")
    Answer.objects.create(journal=journal, question=two_years, text="Leading a community team")
    client.force_login(cast["owner"])
    form = client.get(reverse("placement-propose", args=[cast["owner"].pk])).context["form"]
    assert form.initial["target_direction"].slug == "breadth"
    assert form.initial["target_reason"] == "Leading a community team"


# The plan is made together (seed 001) ----------------------------------------


def plan_url(cast, name="plan", *args):
    return reverse(name, args=[cast["owner"].pk, *args])


def test_the_line_manager_adds_objectives_actions_and_suggestions_with_authors_shown(
    client, cast, vocab
):
    propose(cast, vocab)
    client.force_login(cast["line_manager"])
    form = client.get(plan_url(cast, "objective-add")).context["form"]
    given = cast["owner"].given_name
    assert form.fields["what"].label == f"What does {given} want to achieve?"
    response = client.post(plan_url(cast, "objective-add"), objective_data(vocab))
    assert response.status_code == 302
    goal = plan_for_owner(cast).objectives.get()
    client.post(plan_url(cast, "action-add", goal.pk), {"text": "Shadow the matron"})
    suggestion = client.get(plan_url(cast)).context["suggestions"][0]
    client.post(
        plan_url(cast, "suggestion-add"), {"objective": goal.pk, "initiative": suggestion.pk}
    )
    assert [a.text for a in goal.actions.all()] == ["Shadow the matron", suggestion.title]
    # The person changes the manager's objective; both names show on the plan.
    client.force_login(cast["owner"])
    client.post(
        plan_url(cast, "objective-edit", goal.pk),
        objective_data(vocab, version=goal.version, what="Lead two ward audits"),
    )
    html = client.get(plan_url(cast)).content.decode()
    manager, owner = cast["line_manager"].full_name, cast["owner"].full_name
    assert f"Added by {manager}. Last changed by {owner}" in html
    assert f"Added by {manager}</span>" in html  # the actions, unchanged since
    assert goal.history.first().history_user == cast["owner"]


def test_a_stale_action_edit_keeps_the_persons_text_and_shows_the_saved_one(client, cast, vocab):
    goal = plans.save_objective(plan=plan_for_owner(cast), by=cast["owner"], **_fields(vocab))
    action = plans.add_action(objective=goal, by=cast["owner"], text="Shadow the matron")
    url = plan_url(cast, "action-edit", goal.pk, action.pk)
    client.force_login(cast["line_manager"])
    client.post(url, {"text": "Shadow the matron for a week", "version": 1})
    client.force_login(cast["owner"])
    response = client.post(url, {"text": "Shadow the matron twice", "version": 1})
    html = response.content.decode()
    assert "or by someone else after you opened it" in html
    assert "Shadow the matron twice" in html  # the person's text, kept in the form
    assert f"Saved now by {cast['line_manager'].full_name}" in html
    assert "Shadow the matron for a week" in html
    action.refresh_from_db()
    assert action.text == "Shadow the matron for a week"
    # Having seen both, saving again keeps the person's text on purpose.
    version = response.context["form"]["version"].value()
    client.post(url, {"text": "Shadow the matron twice", "version": version})
    action.refresh_from_db()
    assert action.text == "Shadow the matron twice"


def test_the_plan_is_agreed_by_both_and_the_page_says_who_has(client, cast, vocab):
    agreed_placement(cast, vocab)
    plan = plan_for_owner(cast)
    plans.save_objective(plan=plan, by=cast["owner"], **_fields(vocab))
    later = date.today() + timedelta(days=90)
    review = {"review_date_0": later.day, "review_date_1": later.month,
              "review_date_2": later.year}  # fmt: skip
    plan.refresh_from_db()
    client.force_login(cast["owner"])
    client.post(plan_url(cast, "plan-agree"), {**review, "version": plan.version})
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.DRAFT
    html = client.get(plan_url(cast)).content.decode()
    assert f"{cast['owner'].full_name}: agreed on" in html
    assert f"{cast['line_manager'].full_name} (line manager): not agreed yet" in html
    client.force_login(cast["line_manager"])
    response = client.post(plan_url(cast, "plan-agree"), {**review, "version": plan.version})
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.AGREED
    html = client.get(response["Location"]).content.decode()
    assert "The plan is agreed by you both." in html


def test_a_change_after_agreement_needs_both_to_agree_again(client, cast, vocab):
    agreed_placement(cast, vocab)
    plan = plan_for_owner(cast)
    goal = plans.save_objective(plan=plan, by=cast["owner"], **_fields(vocab))
    agree_by_both(cast, plan)
    plans.add_action(objective=goal, by=cast["line_manager"], text="Present at grand round")
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.CHANGED
    client.force_login(cast["owner"])
    html = client.get(plan_url(cast)).content.decode()
    assert "You both need to agree the plan again." in html
    assert "not agreed yet" in html
    assert agree_by_both(cast, plan).status == DevelopmentPlan.Status.AGREED


def test_agreeing_a_plan_that_changed_since_the_page_was_opened_is_refused(client, cast, vocab):
    agreed_placement(cast, vocab)
    plan = plan_for_owner(cast)
    goal = plans.save_objective(plan=plan, by=cast["owner"], **_fields(vocab))
    client.force_login(cast["owner"])
    shown = client.get(plan_url(cast)).context["agree_form"].initial["version"]
    plans.add_action(objective=goal, by=cast["line_manager"], text="Present at grand round")
    later = date.today() + timedelta(days=90)
    response = client.post(plan_url(cast, "plan-agree"), {
        "review_date_0": later.day, "review_date_1": later.month, "review_date_2": later.year,
        "version": shown,
    })  # fmt: skip
    assert "or by someone else after you opened it" in response.content.decode()
    assert not plan.agreements.exists()


def test_agreeing_before_the_placement_says_to_agree_the_placement_first(client, cast, vocab):
    propose(cast, vocab)  # proposed, not agreed
    plan = plan_for_owner(cast)
    plans.save_objective(plan=plan, by=cast["owner"], **_fields(vocab))
    client.force_login(cast["line_manager"])
    page = client.get(plan_url(cast)).content.decode()
    placement_url = reverse("career-record", args=[cast["owner"].pk]) + "#placement"
    assert f'<a href="{placement_url}">Agree the placement first</a>' in page
    response = client.post(plan_url(cast, "plan-agree"), {"version": plan.version})
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f'<a href="{placement_url}">Agree the Scope for Growth placement before you agree '
        "the plan</a>" in html
    )
    assert not plan.agreements.exists()


def test_a_conversation_more_than_a_year_ahead_is_refused_in_plain_words(client, cast):
    client.force_login(cast["line_manager"])
    latest = talk.latest_conversation_date()
    too_late = latest + timedelta(days=1)
    when = {"held_on_0": too_late.day, "held_on_1": too_late.month, "held_on_2": too_late.year}
    response = client.post(reverse("conversation-start", args=[cast["owner"].pk]), when)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Date of the conversation must be the same as or before {latest:%-d %B %Y}" in html
    assert not cast["owner"].career_conversations.exists()
    # Changing the date of a record is held to the same limit.
    conversation = talk.start_conversation(
        person=cast["owner"], by=cast["line_manager"], held_on=latest
    )
    html = client.post(
        reverse("conversation", args=[conversation.pk]), {**when, "version": 1}
    ).content.decode()
    assert "must be the same as or before" in html
    conversation.refresh_from_db()
    assert conversation.held_on == latest


def test_a_wrongly_dated_conversation_is_cancelled_kept_and_shown_as_cancelled(client, cast):
    wrong = date.today() + timedelta(days=300)
    conversation = talk.start_conversation(
        person=cast["owner"], by=cast["line_manager"], held_on=wrong
    )
    url = reverse("conversation-cancel", args=[conversation.pk])
    client.force_login(cast["owner"])
    assert client.get(url).status_code == 403  # the manager keeps the record
    client.force_login(cast["line_manager"])
    client.post(url, {"reason": "Typed the wrong year", "version": conversation.version})
    conversation.refresh_from_db()
    assert conversation.is_cancelled
    assert conversation.cancelled_by == cast["line_manager"]
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    assert "This record is cancelled" in page
    assert "Typed the wrong year" in page
    assert "Add note" not in page
    record = client.get(reverse("career-record", args=[cast["owner"].pk])).content.decode()
    assert "Cancelled" in record
    # A cancelled booking is no booking: the conversation is due again.
    team = client.get(reverse("my-team")).content.decode()
    assert "Career conversation due" in team
    response = client.post(
        reverse("conversation-note", args=[conversation.pk]), {"stage": "1", "text": "Late"}
    )
    assert "cancelled, so it cannot be changed" in response.content.decode()
    assert not conversation.notes.exists()


def test_authors_are_read_from_both_histories_as_the_orm_reads_them(cast, vocab):
    plan = plan_for_owner(cast)
    goal = plans.save_objective(plan=plan, by=cast["owner"], **_fields(vocab))
    action = plans.add_action(objective=goal, by=cast["line_manager"], text="Read up")
    plans.change_action(action=action, by=cast["owner"], version=1, text="Read")
    [objective] = plans.with_authors(list(plans.page_objectives(plan)))
    [read] = objective.actions.all()
    assert objective.authors == plans.Authors(cast["owner"], None, None)
    latest = action.history.order_by("history_date").last()
    assert read.authors == plans.Authors(cast["line_manager"], cast["owner"], latest.history_date)
    assert read.authors.changed_by.full_name == cast["owner"].full_name


def test_the_plan_page_queries_do_not_grow_with_the_plan(client, cast, vocab):
    agreed_placement(cast, vocab)
    plan = plan_for_owner(cast)
    client.force_login(cast["line_manager"])
    client.get(plan_url(cast))  # what any first page reads once (the content types)
    counts = []
    for size in (1, 6):
        while plan.objectives.count() < size:
            goal = plans.save_objective(plan=plan, by=cast["owner"], **_fields(vocab))
            plans.add_action(objective=goal, by=cast["line_manager"], text="Shadow a lead")
            action = plans.add_action(objective=goal, by=cast["owner"], text="Read up")
            plans.change_action(action=action, by=cast["line_manager"], version=1, text="Read")
        cache.clear()  # the suggestions chosen afresh, then found in the cache
        for _ in ("chosen", "cached"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(plan_url(cast)).status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
    # The ranking, the read by key and the categories: found in the cache.
    assert counts[1] == counts[0] - 3, counts


def home(client):
    return unescape(client.get(reverse("home")).content.decode())


def test_the_home_page_asks_the_other_person_to_agree_the_plan(client, cast, vocab):
    agreed_placement(cast, vocab)
    plan = plan_for_owner(cast)
    plans.save_objective(plan=plan, by=cast["owner"], **_fields(vocab))
    agree(plan, cast["owner"], review_date=date.today())
    client.force_login(cast["line_manager"])
    step = "1 development plan to agree in your team"
    assert step in home(client)
    client.force_login(cast["owner"])
    assert "Agree your development plan" not in home(client)  # already agreed
    agree(plan, cast["line_manager"])
    client.force_login(cast["line_manager"])
    assert step not in home(client)


def test_an_agreement_sent_without_the_plans_version_is_refused(client, cast, vocab):
    """A page that sends no version is as out of date as one that sends an old one."""
    agreed_placement(cast, vocab)
    plan = plan_for_owner(cast)
    plans.save_objective(plan=plan, by=cast["owner"], **_fields(vocab))
    later = date.today() + timedelta(days=90)
    review = {"review_date_0": later.day, "review_date_1": later.month,
              "review_date_2": later.year}  # fmt: skip
    client.force_login(cast["line_manager"])
    response = client.post(plan_url(cast, "plan-agree"), review)
    assert response.status_code == 200
    assert "or by someone else after you opened it" in response.content.decode()
    assert not plan.agreements.exists()


@pytest.mark.parametrize("odd", ["²", "1" * 5000, "-1", ""])
def test_a_suggestion_with_an_odd_number_is_not_found_not_a_server_error(client, cast, odd):
    client.force_login(cast["owner"])
    response = client.post(plan_url(cast, "suggestion-add"), {"objective": odd, "initiative": odd})
    assert response.status_code == 404


def test_a_cancelled_conversation_does_not_offer_to_cancel_again(client, cast):
    conversation = talk.start_conversation(
        person=cast["owner"], by=cast["line_manager"], held_on=date.today()
    )
    talk.cancel_conversation(
        conversation=conversation, by=cast["line_manager"], version=conversation.version
    )
    client.force_login(cast["line_manager"])
    response = client.get(reverse("conversation-cancel", args=[conversation.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("conversation", args=[conversation.pk])
    assert "This conversation record is already cancelled." in response.content.decode()


def test_a_plan_review_more_than_two_years_ahead_is_refused(client, cast, vocab):
    agreed_placement(cast, vocab)
    plan = plan_for_owner(cast)
    plans.save_objective(plan=plan, by=cast["owner"], **_fields(vocab))
    plan.refresh_from_db()
    far = date.today() + timedelta(days=5 * 365)
    review = {"review_date_0": far.day, "review_date_1": far.month, "review_date_2": far.year}
    client.force_login(cast["owner"])
    response = client.post(plan_url(cast, "plan-agree"), {**review, "version": plan.version})
    assert "Review date must be the same as or before" in response.content.decode()
    assert not plan.agreements.exists()
